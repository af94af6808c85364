import { SECRET_PARAMS } from '../sources/secret-parameters.js';

/**
 * The secrets a feed's address may carry, which the published site must never show: the user
 * name and password of `https://user:pass@host/…`, and the value of a query parameter that
 * holds a key or token (an RSSHub access key, appended as `?key=`; a private feed's
 * `?token=`). Fetch errors quote the address they fetched, so they carry them too.
 */

// Up to the last `@` before the path: a password may hold an unencoded `@` (`p@ss`).
const USERINFO = /\b(https?:\/\/)[^\s/?#]*@/gi;
// A value ends where the URL does: at `&`, `#`, a space, a quote, or the `: ` of an error text.
const SECRET_PARAM = new RegExp(
  `([?&](?:${SECRET_PARAMS.join('|')})=)(?:[^&#\\s"'<>:]|:(?!\\s|$))*`,
  'gi',
);

/** Text (an error message, a feed's address) with every such secret in it replaced by `…`. */
export function withoutUrlSecrets(text: string): string {
  // Most texts hold no URL at all: no pattern run for them.
  if (!text.includes('://') && !text.includes('=')) return text;
  return text.replace(USERINFO, '$1').replace(SECRET_PARAM, '$1…');
}

/** Does this URL carry a secret other than an RSSHub `key` (which can be left out)? */
export function hasPrivateCredentials(url: URL): boolean {
  if (url.username !== '' || url.password !== '') return true;
  for (const name of url.searchParams.keys()) {
    const lower = name.toLowerCase();
    if (lower !== 'key' && SECRET_PARAMS.includes(lower)) return true;
  }
  return false;
}

/**
 * A JSON.stringify replacer hiding them in every string of a record (the `--json` lines of
 * update, watch and feeds, which CI logs keep): one field at a time, since the pattern for a
 * password would run past a string's end in JSON text.
 */
export function jsonWithoutUrlSecrets(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? withoutUrlSecrets(value) : value;
}

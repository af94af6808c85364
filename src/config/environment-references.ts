import { isSecretParameter, SECRET_PARAMS } from '../sources/secret-parameters.js';

/**
 * Secrets named in the config, not written in it: `${NAME}` in `rsshub.key`, and in a feed's
 * `url` or `rsshub.instance` as the password (`https://me:${FEED_PASSWORD}@host/feed`) or the
 * value of a key or token parameter (`?token=${FEED_TOKEN}`). The config can then be committed
 * (a public repository, GitHub Actions) with the values kept in the environment (the
 * repository's secrets). In an address, a variable may stand only where the published site never
 * shows the value (url-secrets.ts): anywhere else it would be on the health page the first
 * time a fetch error quoted the address.
 *
 * The feed's store key keeps the address as written (`${FEED_TOKEN}`, not its value), so a
 * rotated token keeps the feed's history.
 */

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** A variable the config names that the environment does not set. */
export interface UnsetVariable {
  /** Where the config names it: `rsshub.key`, `sources › 金融 › 新浪财经 › 国内: url`. */
  setting: string;
  name: string;
}

export class EnvironmentReferences {
  /** Variables named but not set: a command that fetches refuses to start (unsetProblem). */
  readonly unset: UnsetVariable[] = [];
  /** Variables named where they may not stand; each makes the config unusable. */
  readonly misplaced: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** A value (the RSSHub key) with its variables replaced; unchanged when one is not set. */
  value(text: string, setting: string): string {
    return this.replace(text, setting, (value) => value);
  }

  /**
   * An address with its variables replaced, percent-encoded (a password with `@` or `/` in it
   * stays a password); unchanged when one is not set or stands in a place it may not.
   */
  address(text: string, setting: string): string {
    if (!text.includes('${')) return text;
    const wrong = misplacedReference(text);
    if (wrong !== null) {
      this.misplaced.push(
        `${setting}: \${${wrong}} may stand only for the password (https://user:\${${wrong}}@host/…) ` +
          `or the value of a ${SECRET_PARAMS.join(', ')} parameter (?token=\${${wrong}}), ` +
          'the parts of an address the site never shows',
      );
      return text;
    }
    return this.replace(text, setting, encodeURIComponent);
  }

  private replace(text: string, setting: string, encode: (value: string) => string): string {
    if (!text.includes('${')) return text;
    const missing = [...text.matchAll(REFERENCE)]
      .map((match) => match[1]!)
      .filter((name) => this.env[name] === undefined);
    if (missing.length > 0) {
      for (const name of new Set(missing)) this.unset.push({ setting, name });
      return text;
    }
    return text.replace(REFERENCE, (_, name: string) => encode(this.env[name]!));
  }
}

/** Does this config text name any environment variable (so it cannot be cached as read)? */
export function namesEnvironment(text: string): boolean {
  return text.includes('${');
}

/** The one line a command that fetches says when variables are not set. */
export function unsetProblem(unset: readonly UnsetVariable[]): string {
  const names = [...new Set(unset.map((entry) => entry.name))];
  const first = unset[0]!;
  const more = unset.length > 1 ? ` (and ${unset.length - 1} more place(s))` : '';
  return (
    `${first.setting} names the environment variable ${first.name}, which is not set${more}; ` +
    `set ${names.join(', ')} before running (in GitHub Actions: a repository secret, passed ` +
    'to the step as env)'
  );
}

/**
 * The first variable standing anywhere but in the password or a secret parameter's value, or
 * null. Each reference is swapped for a plain marker, the address parsed, and every marker
 * must be found in those parts.
 */
function misplacedReference(text: string): string | null {
  const names: string[] = [];
  const marked = text.replace(REFERENCE, (_, name: string) => {
    names.push(name);
    return `tidingsvar${names.length - 1}x`;
  });
  let url: URL;
  try {
    url = new URL(marked);
  } catch {
    return names[0] ?? null;
  }
  const allowed = [url.password];
  for (const [name, value] of url.searchParams) {
    if (isSecretParameter(name)) allowed.push(value);
  }
  const elsewhere = url.href
    .replace(url.password === '' ? '' : `:${url.password}@`, '@')
    .replace(url.search, '');
  for (let i = 0; i < names.length; i++) {
    const marker = `tidingsvar${i}x`;
    const inAllowed = allowed.some((part) => part.includes(marker));
    const outside = elsewhere.includes(marker) || searchOutsideSecretValues(url).includes(marker);
    if (!inAllowed || outside) return names[i]!;
  }
  return null;
}

/** The query without the values of its secret parameters: what else a marker may be in. */
function searchOutsideSecretValues(url: URL): string {
  const parts: string[] = [];
  for (const [name, value] of url.searchParams) {
    parts.push(isSecretParameter(name) ? name : `${name}=${value}`);
  }
  return parts.join('&');
}

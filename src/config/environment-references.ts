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
/** `${` that does not start a reference (`${1KEY}`, `${ KEY}`, `${KEY`): a typo, said so. */
const NOT_A_REFERENCE = /\$\{(?![A-Za-z_][A-Za-z0-9_]*\})[^}\n]{0,40}\}?/;

/** A variable the config names that the environment does not set. */
export interface UnsetVariable {
  /** Where the config names it: `rsshub.key`, `sources › 金融 › 新浪财经 › 国内: url`. */
  setting: string;
  name: string;
}

export class EnvironmentReferences {
  /** Variables named but not set: a command that fetches refuses to start (unsetProblem). */
  readonly unset: UnsetVariable[] = [];
  /** Variables named where they may not stand, or not named right: the config is unusable. */
  readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** A value (the RSSHub key) with its variables replaced; unchanged when one is not set. */
  value(text: string, setting: string): string {
    if (!this.wellFormed(text, setting)) return text;
    return this.replace(text, setting, (value) => value);
  }

  /**
   * An address with its variables replaced, percent-encoded (a password with `@` or `/` in it
   * stays a password); unchanged when one is not set or stands in a place it may not.
   */
  address(text: string, setting: string): string {
    if (!text.includes('${') || !this.wellFormed(text, setting)) return text;
    const wrong = misplacedReference(text);
    if (wrong !== null) {
      this.problems.push(
        `${setting}: \${${wrong}} may stand only for the password (https://user:\${${wrong}}@host/…) ` +
          `or the value of a ${SECRET_PARAMS.join(', ')} parameter (?token=\${${wrong}}), ` +
          'the parts of an address the site never shows',
      );
      return text;
    }
    return this.replace(text, setting, encodeURIComponent);
  }

  /** Every `${` starts a reference; else a problem is noted (a typo would be sent as it is). */
  private wellFormed(text: string, setting: string): boolean {
    const typo = NOT_A_REFERENCE.exec(text)?.[0];
    if (typo === undefined) return true;
    this.problems.push(
      `${setting}: ${typo} is not an environment variable: write \${NAME}, NAME of letters, digits and _ (not starting with a digit)`,
    );
    return false;
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
 * null: each reference is swapped for a plain marker, the address parsed, and no marker may be
 * left in what the site shows of it (the password and those values cleared).
 */
function misplacedReference(text: string): string | null {
  const names: string[] = [];
  const marked = text.replace(REFERENCE, (_, name: string) => `tidingsvar${names.push(name) - 1}x`);
  let shown: URL;
  try {
    shown = new URL(marked);
  } catch {
    return names[0] ?? null;
  }
  shown.password = '';
  for (const name of [...shown.searchParams.keys()]) {
    if (isSecretParameter(name)) shown.searchParams.set(name, '');
  }
  const index = names.findIndex((_, i) => shown.href.includes(`tidingsvar${i}x`));
  return index === -1 ? null : names[index]!;
}

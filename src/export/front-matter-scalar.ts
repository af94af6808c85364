import { parse } from 'yaml';

/**
 * How the old script wrote front-matter values, and the fallback when its way would give
 * YAML that Hexo cannot read (or reads as something else). Each function says whether it
 * had to depart from the old form.
 */
export interface Scalar {
  text: string;
  /** True when the old form was unreadable and a safe form was written instead. */
  fixed: boolean;
}

/** `'…'` normally, `"…"` when the title holds `'` (never escaped), as the old script did. */
export function titleScalar(title: string): Scalar {
  const old = title.includes("'") ? `"${title}"` : `'${title}'`;
  if (readsAs(old, title)) return { text: old, fixed: false };
  return { text: singleQuoted(title), fixed: true };
}

/** `'…'` without escaping (headimg, thumbnail). */
export function quotedScalar(value: string): Scalar {
  const old = `'${value}'`;
  if (readsAs(old, value)) return { text: old, fixed: false };
  return { text: singleQuoted(value), fixed: true };
}

/**
 * Unquoted (categories, author): quoted only when YAML 1.1 or 1.2 would read the bare text
 * as something else (a number, `yes`, a mapping, an anchor, a comment…).
 */
export function plainScalar(value: string): Scalar {
  if (readsAs(value, value) && readsAs(value, value, '1.1')) return { text: value, fixed: false };
  return { text: singleQuoted(value), fixed: true };
}

/**
 * The date string as the feed wrote it, unquoted: a YAML timestamp there is welcome (Hexo
 * reads it as a date either way); quoted only when it would not read back at all.
 */
export function dateScalar(value: string): Scalar {
  if (readsAs(value, value)) return { text: value, fixed: false };
  return { text: singleQuoted(value), fixed: true };
}

/** YAML single quotes: the only escape is `''`; line breaks cannot be kept, so they are spaces. */
function singleQuoted(value: string): string {
  return `'${value.replace(/[\r\n]+/g, ' ').replace(/'/g, "''")}'`;
}

function readsAs(yamlText: string, expected: string, version: '1.1' | '1.2' = '1.2'): boolean {
  if (/[\r\n]/.test(yamlText)) return false;
  try {
    const value: unknown = parse(`v: ${yamlText}\n`, {
      version,
      uniqueKeys: false,
      logLevel: 'silent',
    });
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<string, unknown>).v === expected
    );
  } catch {
    return false;
  }
}

import { parseDocument } from 'yaml';

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

// Characters that need YAML itself to judge (line breaks, controls, BOM, lone surrogates…);
// without them a quoted scalar's validity follows from its quote characters alone.
const NEEDS_YAML = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufeff\ufffe\uffff]/;

/** `'…'` normally, `"…"` when the title holds `'` (never escaped), as the old script did. */
export function titleScalar(title: string): Scalar {
  const old = title.includes("'") ? `"${title}"` : `'${title}'`;
  const valid = NEEDS_YAML.test(title)
    ? readsAs(old, title)
    : !title.includes("'") || !/["\\]/.test(title);
  return valid ? { text: old, fixed: false } : { text: singleQuoted(title), fixed: true };
}

/** `'…'` without escaping (headimg, thumbnail). */
export function quotedScalar(value: string): Scalar {
  const old = `'${value}'`;
  const valid = NEEDS_YAML.test(value) ? readsAs(old, value) : !value.includes("'");
  return valid ? { text: old, fixed: false } : { text: singleQuoted(value), fixed: true };
}

const plainCache = new Map<string, Scalar>();

/**
 * Unquoted (categories, author): quoted only when YAML 1.1 or 1.2 would read the bare text
 * as something else (a number, `yes`, a mapping, an anchor, a comment…). Headings repeat
 * on every post of a feed, so the answer is remembered.
 */
export function plainScalar(value: string): Scalar {
  let scalar = plainCache.get(value);
  if (scalar === undefined) {
    scalar =
      readsAs(value, value) && readsAs(value, value, '1.1')
        ? { text: value, fixed: false }
        : { text: singleQuoted(value), fixed: true };
    if (plainCache.size > 10_000) plainCache.clear();
    plainCache.set(value, scalar);
  }
  return scalar;
}

// RFC 822 dates as feeds write them (`Sat, 25 Dec 2021 00:03:46 GMT`): always a plain string.
const RFC_822 =
  /^(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{2,4} \d{2}:\d{2}(?::\d{2})? (?:[A-Z]{1,5}|[+-]\d{4})$/;

/**
 * The date string as the feed wrote it, unquoted: a YAML timestamp there is welcome (Hexo
 * reads it as a date either way); quoted only when it would not read back at all.
 */
export function dateScalar(value: string): Scalar {
  if (RFC_822.test(value) || readsAs(value, value)) return { text: value, fixed: false };
  return { text: singleQuoted(value), fixed: true };
}

/**
 * What a YAML reader gets back from the scalar written for `input`: the input itself, except
 * that the safe form has no line breaks. Lets the export compare a post's values with a copy
 * a Hexo plugin re-serialised (see post-values.ts) without parsing its own output.
 */
export function scalarValue(input: string, scalar: Scalar): string {
  return scalar.fixed ? withoutLineBreaks(input) : input;
}

function withoutLineBreaks(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

/** YAML single quotes: the only escape is `''`; line breaks cannot be kept, so they are spaces. */
function singleQuoted(value: string): string {
  return `'${withoutLineBreaks(value).replace(/'/g, "''")}'`;
}

function readsAs(yamlText: string, expected: string, version: '1.1' | '1.2' = '1.2'): boolean {
  if (/[\r\n]/.test(yamlText)) return false;
  // A document, not `parse`: with logging silenced `parse` would return a recovered value.
  const document = parseDocument(`v: ${yamlText}\n`, { version, uniqueKeys: false });
  if (document.errors.length > 0 || document.warnings.length > 0) return false;
  let value: unknown;
  try {
    value = document.toJS(); // throws on an alias with no anchor (`*x`)
  } catch {
    return false;
  }
  return (
    typeof value === 'object' && value !== null && (value as Record<string, unknown>).v === expected
  );
}

import { withoutInvalidChars } from '../content/display-text.js';

/**
 * HTML escaping. Pages are built with the `markup` tagged template: every interpolated value is
 * escaped unless it is already `Html` (built by `markup` itself, or marked trusted with
 * `trustedHtml`). So forgetting to escape is not possible by accident, only by calling
 * `trustedHtml` on purpose.
 */

/** A piece of markup that is safe to insert as is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated into `markup`: text (escaped), numbers, markup, lists of those. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

/** Removes characters that are not allowed in HTML or XML documents (one rule for every stage). */
export const stripInvalidChars = withoutInvalidChars;

const NEEDS_ESCAPE = /[&<>"']/;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  const clean = stripInvalidChars(text);
  return NEEDS_ESCAPE.test(clean) ? clean.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c) : clean;
}

/** Marks markup as trusted (already sanitised or built by us); use sparingly. */
export function trustedHtml(text: string): Html {
  return new Html(stripInvalidChars(text));
}

function valueText(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return String(value);
  let text = '';
  for (const part of value) text += valueText(part);
  return text;
}

/**
 * Tagged template: `markup\`<a href="${url}">${title}</a>\`` escapes url and title. Pieces are
 * joined with `+`, which V8 keeps as a rope until the page is written: nesting a long item's
 * content in body, then layout, costs no copies (an array join would copy it at each level).
 */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let text = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    text += valueText(values[i]);
    text += strings[i + 1] ?? '';
  }
  return new Html(text);
}

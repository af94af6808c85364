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

// C0 controls (but tab, LF, CR), DEL, C1 controls and lone surrogates are invalid in HTML and
// XML text; feeds do contain them (copy-pasted Word text, broken encodings).
const INVALID_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|\p{Cs}/gu;

/** Removes characters that are not allowed in HTML or XML documents. */
export function stripInvalidChars(text: string): string {
  return text.replace(INVALID_CHARS, '');
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return stripInvalidChars(text).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Marks markup as trusted (already sanitised or built by us); use sparingly. */
export function trustedHtml(text: string): Html {
  return new Html(stripInvalidChars(text));
}

function appendValue(out: string[], value: HtmlValue): void {
  if (value === null || value === undefined || value === false) return;
  if (value instanceof Html) out.push(value.value);
  else if (typeof value === 'string') out.push(escapeHtml(value));
  else if (typeof value === 'number') out.push(String(value));
  else for (const part of value) appendValue(out, part);
}

/** Tagged template: `markup\`<a href="${url}">${title}</a>\`` escapes url and title. */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  const out: string[] = [strings[0] ?? ''];
  for (let i = 0; i < values.length; i++) {
    appendValue(out, values[i]);
    out.push(strings[i + 1] ?? '');
  }
  return new Html(out.join(''));
}

/**
 * Plain text from a feed made fit to show anywhere (titles, authors, tags, excerpts): characters
 * no HTML or XML document may hold are removed, and bidirectional embeddings, overrides and
 * isolates left open are closed. A feed title ending in an unclosed RIGHT-TO-LEFT OVERRIDE
 * (U+202E) would otherwise reverse whatever a page shows after it on the same line, the
 * author's name, the date, the next tag, as the "Trojan Source" trick does.
 */

// C0 controls (but tab, LF, CR), DEL, C1 controls, noncharacters U+FFFE/U+FFFF, lone surrogates:
// a JSON Feed can carry any of them (`\u0000`), feeds copy them from Word text and broken
// encodings, and XML outputs and pages cannot hold them. The site strips them too
// (html-escape.ts), with this same function.
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|\p{Cs}/gu;

// Quick tests without the `u` flag (much faster): the same controls and any surrogate at all
// (emoji take the slow path); MAYBE_UNFIT also the bidi controls. Most text has none and is
// returned as is.
const MAYBE_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF\uD800-\uDFFF]/;
const MAYBE_UNFIT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF\uD800-\uDFFF\u202A-\u202E\u2066-\u2069]/; // prettier-ignore

const PDF = '\u202C';
const PDI = '\u2069';

/** `text` without invalid characters and with every bidi embedding it opens closed at its end. */
export function displayText(text: string): string {
  if (!MAYBE_UNFIT.test(text)) return text;
  return closeBidi(text.replace(INVALID, ''));
}

/** `text` without the characters no HTML or XML document may hold. */
export function withoutInvalidChars(text: string): string {
  return MAYBE_INVALID.test(text) ? text.replace(INVALID, '') : text;
}

/**
 * Appends the terminators of the embeddings (LRE, RLE, LRO, RLO: closed by PDF) and isolates
 * (LRI, RLI, FSI: closed by PDI) still open at the end, innermost first, matching them as the
 * Unicode Bidirectional Algorithm does (a PDI also closes the embeddings opened inside its isolate).
 */
function closeBidi(text: string): string {
  const open: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x202a && code <= 0x202e && code !== 0x202c) open.push(PDF);
    else if (code >= 0x2066 && code <= 0x2068) open.push(PDI);
    else if (code === 0x202c) {
      if (open[open.length - 1] === PDF) open.pop();
    } else if (code === 0x2069) {
      const isolate = open.lastIndexOf(PDI);
      if (isolate !== -1) open.length = isolate;
    }
  }
  return open.length === 0 ? text : text + open.reverse().join('');
}

import { windows1252CodePoint } from './decode-bytes.js';
import { HTML_ENTITIES } from './html-entities.js';

/**
 * A lenient XML tokenizer: it walks the document once and reports tags and text to a
 * handler. Real feeds are often not well-formed (HTML entities, bare `&`, stray `<`,
 * nested CDATA, truncation), so it never throws: what it cannot read as markup it reads
 * as text. It scans with indexOf/slice so a 1 MB feed costs a few milliseconds.
 */

export interface RawAttribute {
  /** The qualified name as written, e.g. `xml:base`, `href`. */
  name: string;
  value: string;
}

export interface TokenHandler {
  openTag(name: string, attributes: RawAttribute[], selfClosing: boolean): void;
  closeTag(name: string): void;
  /** Decoded character data (text with entities resolved, or CDATA as is). */
  text(value: string): void;
  warn(message: string): void;
}

const XML_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function codePointToString(code: number): string {
  // HTML reads &#128;–&#159; as windows-1252, and so do authors who paste from Word.
  if (code >= 0x80 && code <= 0x9f) code = windows1252CodePoint(code);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

/** Resolves one reference body (between `&` and `;`), or returns undefined if unknown. */
function resolveReference(
  body: string,
  declared: ReadonlyMap<string, string> | null,
): string | undefined {
  if (body.charCodeAt(0) === 35 /* # */) {
    const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88; // x or X
    const digits = hex ? body.slice(2) : body.slice(1);
    if (digits.length === 0 || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) {
      return undefined;
    }
    return codePointToString(parseInt(digits, hex ? 16 : 10));
  }
  return XML_ENTITIES[body] ?? declared?.get(body) ?? HTML_ENTITIES.get(body);
}

/**
 * Decodes character and entity references: XML's five, numeric ones, entities declared
 * in the DOCTYPE and every HTML5 named reference. An `&` that starts no known reference
 * is kept as a literal `&` (the common "bare ampersand" mistake).
 */
export function decodeEntities(
  text: string,
  declared: ReadonlyMap<string, string> | null = null,
): string {
  let amp = text.indexOf('&');
  if (amp === -1) return text;
  const parts: string[] = [];
  let start = 0;
  // The next `;` is remembered, so text full of bare `&` stays linear.
  let semi = text.indexOf(';', amp + 1);
  while (amp !== -1) {
    if (semi !== -1 && semi <= amp) semi = text.indexOf(';', amp + 1);
    if (semi === -1) break;
    // Names are short; a far-away `;` means this `&` is bare.
    if (semi - amp <= 40) {
      const value = resolveReference(text.slice(amp + 1, semi), declared);
      if (value !== undefined) {
        parts.push(text.slice(start, amp), value);
        start = semi + 1;
      }
    }
    amp = text.indexOf('&', amp + 1);
    if (amp !== -1 && amp < start) amp = text.indexOf('&', start);
  }
  parts.push(text.slice(start));
  return parts.join('');
}

function isNameStart(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    code === 95 || // _
    code === 58 || // :
    code >= 0x80
  );
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

/** Index of the first character that ends a tag or attribute name. */
function nameEnd(xml: string, from: number): number {
  let i = from;
  const n = xml.length;
  while (i < n) {
    const c = xml.charCodeAt(i);
    if (isSpace(c) || c === 62 /* > */ || c === 47 /* / */ || c === 61 /* = */ || c === 60) break;
    i++;
  }
  return i;
}

/** Reads `<!ENTITY name "value">` declarations from a DOCTYPE internal subset. */
function readEntityDeclarations(subset: string, into: Map<string, string>): void {
  const declaration = /<!ENTITY\s+([^\s%]+)\s+(?:"([^"]*)"|'([^']*)')/g;
  for (let m = declaration.exec(subset); m !== null; m = declaration.exec(subset)) {
    const name = m[1] as string;
    if (!into.has(name)) into.set(name, decodeEntities(m[2] ?? m[3] ?? '', into));
  }
}

/**
 * indexOf with memory: remembers where each delimiter was last found, so that malformed
 * input (thousands of `<a b="x` with no `>`) does not rescan to the end every time.
 */
type Find = (pattern: string, from: number) => number;

function makeFinder(xml: string): Find {
  const cache = new Map<string, { from: number; at: number }>();
  return (pattern, from) => {
    const hit = cache.get(pattern);
    if (hit && from >= hit.from && (hit.at === -1 || hit.at >= from)) return hit.at;
    const at = xml.indexOf(pattern, from);
    cache.set(pattern, { from, at });
    return at;
  };
}

/**
 * Reads a CDATA section whose body starts at `from`. Generators that wrap twice write
 * `<![CDATA[a <![CDATA[b]]> c]]>`; XML would end at the first `]]>`, but the author
 * meant one section, so nested markers are matched and dropped. `end` is the index after
 * the section, or -1 when the document ends inside it.
 */
function readCdata(xml: string, from: number, find: Find): { text: string; end: number } {
  const firstEnd = find(']]>', from);
  let end = firstEnd;
  let nested = find('<![CDATA[', from);
  if (firstEnd === -1) return { text: xml.slice(from), end: -1 };
  if (nested === -1 || nested > firstEnd)
    return { text: xml.slice(from, firstEnd), end: firstEnd + 3 };
  const parts: string[] = [];
  let depth = 1;
  let position = from;
  while (depth > 0) {
    if (end === -1) {
      // The markers did not pair up: it was literal text after all; end at the first `]]>`.
      return { text: xml.slice(from, firstEnd), end: firstEnd + 3 };
    }
    if (nested !== -1 && nested < end) {
      parts.push(xml.slice(position, nested));
      position = nested + 9;
      depth++;
      nested = find('<![CDATA[', position);
    } else {
      parts.push(xml.slice(position, end));
      position = end + 3;
      depth--;
      // Only keep matching closers while a nested section is still open.
      if (depth > 0) end = find(']]>', position);
    }
  }
  return { text: parts.join(''), end: position };
}

export function tokenizeXml(xml: string, handler: TokenHandler): void {
  const n = xml.length;
  let declared: Map<string, string> | null = null;
  const find = makeFinder(xml);
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) {
      handler.text(decodeEntities(xml.slice(i), declared));
      return;
    }
    if (lt > i) handler.text(decodeEntities(xml.slice(i, lt), declared));
    i = lt;
    const next = xml.charCodeAt(lt + 1);

    if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = find('-->', lt + 4);
        if (end === -1) {
          handler.warn('unterminated comment at end of document');
          return;
        }
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const section = readCdata(xml, lt + 9, find);
        if (section.end === -1) handler.warn('unterminated CDATA section at end of document');
        handler.text(section.text);
        if (section.end === -1) return;
        i = section.end;
      } else if (/^<!doctype/i.test(xml.slice(lt, lt + 9))) {
        // The internal subset ([...]) may contain `>`; skip to the `>` after it.
        const bracket = find('[', lt);
        const close = find('>', lt);
        let end = close;
        if (bracket !== -1 && (close === -1 || bracket < close)) {
          const subsetEnd = find(']', bracket);
          if (subsetEnd !== -1) {
            declared ??= new Map();
            readEntityDeclarations(xml.slice(bracket + 1, subsetEnd), declared);
            end = find('>', subsetEnd);
          }
        }
        if (end === -1) return;
        i = end + 1;
      } else {
        const end = find('>', lt);
        if (end === -1) return;
        i = end + 1;
      }
    } else if (next === 63 /* ? */) {
      const end = find('?>', lt + 2);
      if (end === -1) {
        const gt = find('>', lt);
        if (gt === -1) return;
        i = gt + 1;
      } else {
        i = end + 2;
      }
    } else if (next === 47 /* / */) {
      const nameStop = nameEnd(xml, lt + 2);
      const gt = find('>', nameStop);
      const name = xml.slice(lt + 2, nameStop);
      if (name.length === 0) {
        handler.text('</');
        i = lt + 2;
        continue;
      }
      handler.closeTag(name);
      if (gt === -1) return;
      // A `<` before the `>` means the end tag was cut short (`</a <b>`); resume there.
      const nextLt = find('<', nameStop);
      i = nextLt !== -1 && nextLt < gt ? nextLt : gt + 1;
    } else if (isNameStart(next)) {
      i = readStartTag(xml, lt, handler, declared, find);
    } else {
      // A stray `<` (as in `a < b`): text, not markup.
      handler.text('<');
      i = lt + 1;
    }
  }
}

/** Reads `<name attr="v" ...>` starting at `lt`; returns the index after it. */
function readStartTag(
  xml: string,
  lt: number,
  handler: TokenHandler,
  declared: ReadonlyMap<string, string> | null,
  find: Find,
): number {
  const n = xml.length;
  const nameStop = nameEnd(xml, lt + 1);
  const name = xml.slice(lt + 1, nameStop);
  const attributes: RawAttribute[] = [];
  let i = nameStop;
  while (i < n) {
    let c = xml.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 62 /* > */) {
      handler.openTag(name, attributes, false);
      return i + 1;
    }
    if (c === 47 /* / */) {
      if (xml.charCodeAt(i + 1) === 62) {
        handler.openTag(name, attributes, true);
        return i + 2;
      }
      i++;
      continue;
    }
    if (c === 60 /* < */) {
      // The tag was never closed (`<a href="x"<b>`): end it here.
      handler.openTag(name, attributes, false);
      return i;
    }
    const attrStart = i;
    const attrStop = c === 61 ? i + 1 : nameEnd(xml, i);
    const attrName = xml.slice(attrStart, attrStop);
    i = attrStop;
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
    if (xml.charCodeAt(i) !== 61 /* = */) {
      // An HTML-style attribute with no value.
      attributes.push({ name: attrName, value: '' });
      continue;
    }
    i++;
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
    c = xml.charCodeAt(i);
    let value: string;
    if (c === 34 || c === 39) {
      const quote = c === 34 ? '"' : "'";
      const close = find(quote, i + 1);
      const nextLt = find('<', i + 1);
      // `<` cannot appear in an attribute value: a quote found only after one was never
      // closed, so the value ends with the tag.
      if (close === -1 || (nextLt !== -1 && nextLt < close)) {
        const limit = nextLt === -1 ? n : nextLt;
        const gt = find('>', i + 1);
        const end = gt !== -1 && gt < limit ? gt : limit;
        value = xml.slice(i + 1, end);
        i = end;
      } else {
        value = xml.slice(i + 1, close);
        i = close + 1;
      }
    } else {
      let end = i;
      while (end < n) {
        const d = xml.charCodeAt(end);
        if (isSpace(d) || d === 62) break;
        end++;
      }
      value = xml.slice(i, end);
      i = end;
    }
    attributes.push({ name: attrName, value: decodeEntities(normalizeAttribute(value), declared) });
  }
  // End of input inside a tag: keep what was read.
  handler.warn(`document ends inside the <${name}> tag`);
  handler.openTag(name, attributes, false);
  return n;
}

/** XML attribute-value normalisation: literal tabs and newlines read as spaces. */
function normalizeAttribute(value: string): string {
  return /[\t\n\r]/.test(value) ? value.replace(/\r\n|[\t\n\r]/g, ' ') : value;
}

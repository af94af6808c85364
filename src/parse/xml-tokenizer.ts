import { ReferenceDecoder, decodeEntities } from './character-references.js';
import type { TextWindows } from './feed-text.js';

/**
 * A lenient XML tokenizer: it walks the document once and reports tags and text to a
 * handler. Real feeds are often not well-formed (HTML entities, bare `&`, stray `<`,
 * nested CDATA, truncation), so it never throws: what it cannot read as markup it reads
 * as text. It scans with indexOf/charCodeAt and slices only what it hands over, so a
 * 1 MB feed costs a few milliseconds.
 */

export { decodeEntities };

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

/**
 * Entities a document declares, whose expansion has a budget: entities defined by others ten
 * times over ("billion laughs": nine levels make 2 GB from 1 KB) made a RangeError or ran the
 * whole update out of memory. Once a document has expanded EXPANSION_BUDGET characters, its
 * further references to them stay as written, as unknown ones do.
 */
class DeclaredEntities extends Map<string, string> {
  private left = EXPANSION_BUDGET;

  override get(name: string): string | undefined {
    const value = super.get(name);
    if (value === undefined || value.length > this.left) return undefined;
    this.left -= value.length;
    return value;
  }
}

/** Characters a document's declared entities may expand to, in all (about 2 MB). */
const EXPANSION_BUDGET = 1_000_000;

/** Reads `<!ENTITY name "value">` declarations from a DOCTYPE internal subset. */
function readEntityDeclarations(subset: string, into: Map<string, string>): void {
  const declaration = /<!ENTITY\s+([^\s%]+)\s+(?:"([^"]*)"|'([^']*)')/g;
  for (let m = declaration.exec(subset); m !== null; m = declaration.exec(subset)) {
    const name = m[1] as string;
    if (!into.has(name)) into.set(name, decodeEntities(m[2] ?? m[3] ?? '', into));
  }
}

/**
 * indexOf with memory for one delimiter: remembers where it was last found, so that
 * malformed input (thousands of `<a b="x` with no `>`) does not rescan to the end every
 * time. One per delimiter, so the hot path is two comparisons and no allocation.
 */
class Delimiter {
  private from = Infinity;
  private at = -1;

  constructor(
    private readonly xml: string,
    private readonly pattern: string,
  ) {}

  find(from: number): number {
    if (from >= this.from && (this.at === -1 || this.at >= from)) return this.at;
    this.from = from;
    this.at = this.xml.indexOf(this.pattern, from);
    return this.at;
  }
}

/**
 * Delimiter for `<![CDATA[`, which a CDATA section's reader looks for in the section's
 * body (nested sections). V8's indexOf finds a pattern by its first character, and `<`
 * starts every tag of item HTML (8% of a parse of a 1 MB feed with its HTML in CDATA),
 * so it searches for `CDATA[` and checks the three characters before. (`C` rather than
 * `[`: in a two-byte string V8 looks for the character's byte, and 0x5B is also the high
 * byte of common Chinese characters, 学 定 家 实…: 0.04 vs 0.11 ms over a 1 MB feed.)
 */
class CdataStartDelimiter {
  private from = Infinity;
  private at = -1;

  constructor(private readonly xml: string) {}

  find(from: number): number {
    if (from >= this.from && (this.at === -1 || this.at >= from)) return this.at;
    this.from = from;
    const xml = this.xml;
    let at = xml.indexOf('CDATA[', from + 3);
    while (
      at !== -1 &&
      !(
        xml.charCodeAt(at - 3) === 60 /* < */ &&
        xml.charCodeAt(at - 2) === 33 /* ! */ &&
        xml.charCodeAt(at - 1) === 91 /* [ */
      )
    ) {
      at = xml.indexOf('CDATA[', at + 1);
    }
    this.at = at === -1 ? -1 : at - 3;
    return this.at;
  }
}

class Delimiters {
  readonly gt: Delimiter;
  readonly lt: Delimiter;
  readonly doubleQuote: Delimiter;
  readonly singleQuote: Delimiter;
  readonly cdataStart: CdataStartDelimiter;
  readonly cdataEnd: Delimiter;
  readonly commentEnd: Delimiter;
  readonly processingEnd: Delimiter;
  readonly subsetStart: Delimiter;
  readonly subsetEnd: Delimiter;

  constructor(xml: string) {
    this.gt = new Delimiter(xml, '>');
    this.lt = new Delimiter(xml, '<');
    this.doubleQuote = new Delimiter(xml, '"');
    this.singleQuote = new Delimiter(xml, "'");
    this.cdataStart = new CdataStartDelimiter(xml);
    this.cdataEnd = new Delimiter(xml, ']]>');
    this.commentEnd = new Delimiter(xml, '-->');
    this.processingEnd = new Delimiter(xml, '?>');
    this.subsetStart = new Delimiter(xml, '[');
    this.subsetEnd = new Delimiter(xml, ']');
  }
}

/**
 * Reads a CDATA section whose body starts at `from`. Generators that wrap twice write
 * `<![CDATA[a <![CDATA[b]]> c]]>`; XML would end at the first `]]>`, but the author
 * meant one section, so nested markers are matched and dropped. `end` is the index after
 * the section, or -1 when the document ends inside it. Null when the text read so far
 * ends inside it but more is to come (`final` false).
 */
function readCdata(
  xml: string,
  from: number,
  find: Delimiters,
  final: boolean,
): { text: string; end: number } | null {
  const firstEnd = find.cdataEnd.find(from);
  let end = firstEnd;
  let nested = find.cdataStart.find(from);
  if (firstEnd === -1) return final ? { text: xml.slice(from), end: -1 } : null;
  if (nested === -1 || nested > firstEnd)
    return { text: xml.slice(from, firstEnd), end: firstEnd + 3 };
  const parts: string[] = [];
  let depth = 1;
  let position = from;
  while (depth > 0) {
    if (end === -1) {
      if (!final) return null;
      // The markers did not pair up: it was literal text after all; end at the first `]]>`.
      return { text: xml.slice(from, firstEnd), end: firstEnd + 3 };
    }
    if (nested !== -1 && nested < end) {
      parts.push(xml.slice(position, nested));
      position = nested + 9;
      depth++;
      nested = find.cdataStart.find(position);
    } else {
      parts.push(xml.slice(position, end));
      position = end + 3;
      depth--;
      // Only keep matching closers while a nested section is still open.
      if (depth > 0) end = find.cdataEnd.find(position);
    }
  }
  return { text: parts.join(''), end: position };
}

/**
 * A copy of `value` that does not keep the window it was sliced from alive. V8 makes a
 * slice of 13 or more characters a view into its parent string, so one title kept from
 * each window would keep every window, i.e. the whole text, alive — what reading in
 * windows is meant to avoid. Short values are copied (concatenate, then slice: V8 flattens the
 * pair into a fresh string); long ones (item HTML) are most of their window anyway, and
 * copying them would cost more time than the rest of their window costs memory.
 */
function detached(value: string): string {
  return value.length < 13 || value.length > LONGEST_COPIED ? value : (' ' + value).slice(1);
}

/** Longer values are handed out as slices of their window (see `detached`). */
const LONGEST_COPIED = 1024;

function same(value: string): string {
  return value;
}

/** The longest markup opener the tokenizer must see whole to tell constructs apart. */
const LONGEST_OPENER = 9; // `<![CDATA[`, `<!doctype`

/**
 * Tokenizes a document given whole or in windows (feed-text.ts). Only the current window
 * is kept: a construct (text up to the next `<`, a tag, a comment, a CDATA section…) that
 * the window ends inside is read again from its start in the next window, before
 * anything of it is reported. So the tokens are exactly those of the whole text, and "the
 * document ends here" (truncation) is decided only in the last window.
 */
export function tokenizeXml(input: string | TextWindows, handler: TokenHandler): void {
  const windows = typeof input === 'string' ? null : input;
  let xml = typeof input === 'string' ? input : input.first;
  let final = windows === null || windows.atEnd;
  let declared: Map<string, string> | null = null;
  let n = xml.length;
  let references = new ReferenceDecoder(xml);
  let find = new Delimiters(xml);
  // A document in one window has nothing to release: hand out plain slices of it. So does
  // a window the parse keeps anyway (TextWindows.kept).
  let own = final ? same : detached;
  /** Characters of this window handed out as long CDATA (slices that keep it alive). */
  let handedOut = 0;

  /** Moves on to the next window, which starts with xml[from…]. */
  const readOn = (from: number): void => {
    if (windows === null) return;
    xml = windows.next(xml.slice(from), handedOut) ?? xml.slice(from);
    handedOut = 0;
    own = windows.kept ? same : detached;
    final = windows.atEnd;
    n = xml.length;
    references = new ReferenceDecoder(xml, declared);
    find = new Delimiters(xml);
  };

  let i = 0;
  while (i < n || !final) {
    if (i >= n) {
      readOn(i);
      i = 0;
      continue;
    }
    const lt = xml.indexOf('<', i);
    if (lt === -1) {
      if (!final) {
        readOn(i);
        i = 0;
        continue;
      }
      handler.text(own(references.decode(i, n)));
      return;
    }
    if (lt > i) handler.text(own(references.decode(i, lt)));
    i = lt;
    if (!final && lt + LONGEST_OPENER >= n) {
      readOn(lt);
      i = 0;
      continue;
    }
    const next = xml.charCodeAt(lt + 1);

    if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = find.commentEnd.find(lt + 4);
        if (end === -1) {
          if (!final) {
            readOn(lt);
            i = 0;
            continue;
          }
          handler.warn('unterminated comment at end of document');
          return;
        }
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const section = readCdata(xml, lt + 9, find, final);
        if (section === null) {
          readOn(lt);
          i = 0;
          continue;
        }
        if (section.end === -1) handler.warn('unterminated CDATA section at end of document');
        if (section.text.length > LONGEST_COPIED) handedOut += section.text.length;
        handler.text(own(section.text));
        if (section.end === -1) return;
        i = section.end;
      } else if (/^<!doctype/i.test(xml.slice(lt, lt + 9))) {
        // The internal subset ([...]) may contain `>`; skip to the `>` after it.
        const bracket = find.subsetStart.find(lt);
        const close = find.gt.find(lt);
        let end = close;
        let subsetEnd = -1;
        const hasSubset = bracket !== -1 && (close === -1 || bracket < close);
        if (hasSubset) {
          subsetEnd = find.subsetEnd.find(bracket);
          if (subsetEnd !== -1) end = find.gt.find(subsetEnd);
        }
        if (!final && (end === -1 || (hasSubset && subsetEnd === -1))) {
          readOn(lt);
          i = 0;
          continue;
        }
        if (subsetEnd !== -1) {
          declared ??= new DeclaredEntities();
          readEntityDeclarations(xml.slice(bracket + 1, subsetEnd), declared);
          references = new ReferenceDecoder(xml, declared);
        }
        if (end === -1) return;
        i = end + 1;
      } else {
        const end = find.gt.find(lt);
        if (end === -1) {
          if (!final) {
            readOn(lt);
            i = 0;
            continue;
          }
          return;
        }
        i = end + 1;
      }
    } else if (next === 63 /* ? */) {
      const end = find.processingEnd.find(lt + 2);
      if (end === -1) {
        if (!final) {
          readOn(lt);
          i = 0;
          continue;
        }
        const gt = find.gt.find(lt);
        if (gt === -1) return;
        i = gt + 1;
      } else {
        i = end + 2;
      }
    } else if (next === 47 /* / */) {
      const nameStop = nameEnd(xml, lt + 2);
      const gt = nameStop < n ? find.gt.find(nameStop) : -1;
      if (!final && gt === -1) {
        readOn(lt);
        i = 0;
        continue;
      }
      if (nameStop === lt + 2) {
        handler.text('</');
        i = lt + 2;
        continue;
      }
      handler.closeTag(own(xml.slice(lt + 2, nameStop)));
      if (gt === -1) return;
      // A `<` before the `>` means the end tag was cut short (`</a <b>`); resume there.
      const nextLt = find.lt.find(nameStop);
      i = nextLt !== -1 && nextLt < gt ? nextLt : gt + 1;
    } else if (isNameStart(next)) {
      const after = readStartTag(xml, lt, handler, declared, find, final, own);
      if (after === -1) {
        readOn(lt);
        i = 0;
        continue;
      }
      i = after;
    } else {
      // A stray `<` (as in `a < b`): text, not markup.
      handler.text('<');
      i = lt + 1;
    }
  }
}

/**
 * Reads `<name attr="v" ...>` starting at `lt`; returns the index after it, or -1 (having
 * reported nothing) when the text ends inside the tag and more is to come.
 */
function readStartTag(
  xml: string,
  lt: number,
  handler: TokenHandler,
  declared: ReadonlyMap<string, string> | null,
  find: Delimiters,
  final: boolean,
  own: (value: string) => string,
): number {
  const n = xml.length;
  const nameStop = nameEnd(xml, lt + 1);
  const name = own(xml.slice(lt + 1, nameStop));
  const attributes: RawAttribute[] = [];
  let i = nameStop;
  // Most tags have no attributes: `<title>`, `<item>`.
  if (xml.charCodeAt(i) === 62 /* > */) {
    handler.openTag(name, attributes, false);
    return i + 1;
  }
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
    const attrName = own(xml.slice(attrStart, attrStop));
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
      const close = (c === 34 ? find.doubleQuote : find.singleQuote).find(i + 1);
      const nextLt = find.lt.find(i + 1);
      // `<` cannot appear in an attribute value: a quote found only after one was never
      // closed, so the value ends with the tag.
      if (close === -1 || (nextLt !== -1 && nextLt < close)) {
        const limit = nextLt === -1 ? n : nextLt;
        const gt = find.gt.find(i + 1);
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
    attributes.push({
      name: attrName,
      value: own(decodeEntities(normalizeAttribute(value), declared)),
    });
  }
  if (!final) return -1;
  // End of input inside a tag: keep what was read.
  handler.warn(`document ends inside the <${name}> tag`);
  handler.openTag(name, attributes, false);
  return n;
}

/** XML attribute-value normalisation: literal tabs and newlines read as spaces. */
function normalizeAttribute(value: string): string {
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if (c === 9 || c === 10 || c === 13) return value.replace(/\r\n|[\t\n\r]/g, ' ');
  }
  return value;
}

import { isTag, type AnyNode, type Document, type Element, type ParentNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/**
 * Deeper nesting than this is tag soup (or an attack) and is flattened, as the feed parser
 * flattens XML (xml-tree.ts) and browsers flatten HTML (Chromium past 512 levels). Cleaning and
 * sanitising walk the tree recursively: thousands of nested elements in one item overflowed the
 * stack and failed its whole feed.
 */
export const MAX_NESTING = 256;

/**
 * An item's HTML as a tree for cleaning and sanitising: every walker of content/ gets its tree
 * here, so none ever sees more than MAX_NESTING levels. Beyond that depth, wrappers are
 * unwrapped: their text, images and innermost elements stay, in order, for the sanitiser to judge.
 */
export function parseItemHtml(html: string): Document {
  const document = parseDocument(shallowHtml(html), { decodeEntities: true });
  // Each level takes a start tag: HTML with fewer `<` than MAX_NESTING (most items) cannot be
  // too deep, and counting them is cheaper than walking the tree.
  if (html.length > MAX_NESTING * 3 && hasMoreThan(html, '<', MAX_NESTING)) {
    flattenDeepNesting(document);
  }
  return document;
}

function hasMoreThan(text: string, character: string, count: number): boolean {
  let seen = 0;
  for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + 1)) {
    if (++seen > count) return true;
  }
  return false;
}

/**
 * Past this length an item's HTML can hold enough nested elements to matter to the parser:
 * htmlparser2 keeps its open elements in an array it `unshift`s, so each start tag costs the
 * depth, and 100,000 nested `<div>`s (500 KB) took 12 s, a million (5 MB, well under
 * fetch.maxBytes) hours, holding up every other feed.
 */
const LARGE_HTML = 65_536;

/**
 * Feed HTML ready for htmlparser2 in time linear in its length: when large, without the start
 * tags that would nest past MAX_NESTING (withoutDeepStartTags). Void elements (`<img>`) and
 * raw-text ones (`<script>`) are never dropped.
 */
export function shallowHtml(html: string): string {
  return html.length > LARGE_HTML ? withoutDeepStartTags(html) : html;
}

// Elements without end tags, and those whose end tag is implied by the next start tag (the
// parser closes them itself): neither makes the nesting deeper.
// prettier-ignore
const NOT_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source',
  'track', 'wbr', 'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody',
  'tfoot', 'rb', 'rt', 'rp',
]);

const FOREIGN = new Set(['svg', 'math']);

/** Elements whose content the parser reads as text up to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp']);

/**
 * The HTML without the start tags that would open more than MAX_NESTING elements at once, as
 * far as the text shows it (before parsing, so the parser never holds a deep stack). Their
 * content and end tags stay (an end tag matching no open element is ignored); the sanitiser
 * still judges everything that is left.
 */
function withoutDeepStartTags(html: string): string {
  const kept: string[] = [];
  let from = 0;
  let depth = 0;
  let foreign = 0;
  for (let lt = html.indexOf('<'); lt !== -1; lt = html.indexOf('<', lt + 1)) {
    const next = html.charCodeAt(lt + 1);
    const closing = next === 47; /* / */
    const name = /^[a-zA-Z][^\s/>]*/.exec(html.slice(lt + (closing ? 2 : 1), lt + 24))?.[0];
    if (name === undefined || NOT_NESTING.has(name.toLowerCase())) continue;
    const gt = html.indexOf('>', lt);
    if (gt === -1) break;
    if (!closing && RAW_TEXT.has(name.toLowerCase())) {
      // Kept at any depth, and its text is not markup: a <script> stays a script (which the
      // sanitiser drops with its content), never becomes text on the page.
      const end = new RegExp(`</${name}[\\s/>]`, 'gi');
      end.lastIndex = gt;
      const found = end.exec(html);
      if (found === null) break;
      lt = found.index;
      continue;
    }
    const foreignRoot = FOREIGN.has(name.toLowerCase());
    if (closing) {
      if (depth > 0) depth--;
      if (foreignRoot && foreign > 0) foreign--;
      continue;
    }
    // `<x/>` closes itself inside SVG and MathML only; in HTML, `<div/>` opens a div.
    if (foreign > 0 && html.charCodeAt(gt - 1) === 47) continue;
    if (foreignRoot) foreign++;
    if (++depth > MAX_NESTING) {
      kept.push(html.slice(from, lt));
      from = gt + 1;
    }
  }
  if (from === 0) return html;
  kept.push(html.slice(from));
  return kept.join('');
}

function flattenDeepNesting(document: Document): void {
  const pending: { parent: ParentNode; depth: number }[] = [{ parent: document, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const child of next.parent.children) {
      if (!isTag(child)) continue;
      if (next.depth + 1 < MAX_NESTING) pending.push({ parent: child, depth: next.depth + 1 });
      else flattenInside(child);
    }
  }
}

/** Gives `element` the innermost pieces of its subtree as children, without recursion. */
function flattenInside(element: Element): void {
  const pieces: AnyNode[] = [];
  const pending: AnyNode[] = [...element.children].reverse();
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (isTag(node) && node.children.some(isTag)) {
      for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]!);
    } else {
      pieces.push(node);
    }
  }
  pieces.forEach((piece, i) => {
    piece.parent = element;
    piece.prev = pieces[i - 1] ?? null;
    piece.next = pieces[i + 1] ?? null;
  });
  element.children = pieces;
}

import render from 'dom-serializer';
import {
  Element,
  isComment,
  isTag,
  isText,
  type AnyNode,
  type Document,
  type ParentNode,
} from 'domhandler';
import { appendChild, getElementsByTagName, prepend, removeElement } from 'domutils';
import type { ContentSettings } from '../sources/feed-source.js';
import {
  compileCleaning,
  DEFAULT_CONTENT_SETTINGS,
  selectElements,
  selectsAny,
  type CompiledRule,
} from './clean-rules.js';
import { parseItemHtml } from './parse-item-html.js';

/**
 * Feed HTML → the same HTML without boilerplate: comments, the built-in rules of known sources,
 * the user's rules, then elements left with nothing in them. Runs before the sanitiser, which
 * still sees (and vets) everything that is left: cleaning is about taste, not safety.
 */

export interface CleanResult {
  html: string;
  /** What removed something: rule names, `html-comments`, `empty-elements`. */
  applied: string[];
}

/** Elements that may go when nothing is left in them but whitespace and line breaks. */
// prettier-ignore
const DROPPED_WHEN_EMPTY = new Set([
  'p', 'div', 'span', 'font', 'section', 'article', 'center', 'strong', 'b', 'em', 'i', 'u',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figure', 'figcaption', 'a', 'small',
  'big', 'ul', 'ol', 'li', 'header', 'footer', 'aside',
]);

/** Elements that are content without any text: an element holding one is never empty. */
// prettier-ignore
const CONTENT_WITHOUT_TEXT = new Set([
  'img', 'picture', 'video', 'audio', 'iframe', 'embed', 'object', 'svg', 'math', 'canvas',
  'hr', 'table', 'input', 'source',
]);

/** Whitespace-only text is left alone inside these. */
const PREFORMATTED = new Set(['pre', 'textarea', 'code', 'listing', 'plaintext', 'xmp']);

/** Any whitespace, including the ideographic space U+3000 and no-break space, and zero-width ones. */
const BLANK = /^[\s\u200b\u2060\ufeff]*$/u;

export function cleanHtml(
  html: string,
  settings: ContentSettings = DEFAULT_CONTENT_SETTINGS,
): CleanResult {
  if (html.trim() === '') return { html: '', applied: [] };
  const document = parseItemHtml(html);
  const applied = cleanDocument(document, settings);
  return { html: render(document, { encodeEntities: 'utf8' }).trim(), applied };
}

/**
 * Cleans a parsed document in place (what `cleanHtml` does, without parsing or writing HTML:
 * `prepareItem` hands the same tree on to the sanitiser). Returns what removed something.
 */
export function cleanDocument(
  document: Document,
  settings: ContentSettings = DEFAULT_CONTENT_SETTINGS,
): string[] {
  const cleaning = compileCleaning(settings);
  const applied = new Set<string>();

  if (removeComments(document)) applied.add('html-comments');
  // Selectors are only run when one of them matches something; until a pattern has changed
  // some text (which can make `:empty` match), the answer of that one walk stands.
  let selectorsMayMatch =
    cleaning.anySelector !== null && selectsAny(cleaning.anySelector, document);
  for (const rule of cleaning.rules) {
    const changed = applyRule(document, rule, selectorsMayMatch);
    if (changed.elements || changed.text) applied.add(rule.name);
    if (changed.text) selectorsMayMatch = cleaning.anySelector !== null;
  }
  if (cleaning.keepOnly !== null) {
    const kept = outermost(selectElements(cleaning.keepOnly, document));
    // A selector that matches nothing keeps the whole item: better too much than nothing.
    if (kept.length > 0) {
      for (const node of [...document.children]) removeElement(node);
      for (const node of kept) appendChild(document, node);
      applied.add('keep-only');
    }
  }
  // A player's fallback content is never shown; the sanitiser would keep its markup.
  for (const frame of getElementsByTagName('iframe', document, true)) {
    for (const child of [...frame.children]) removeElement(child);
  }
  if (removeEmptyElements(document)) applied.add('empty-elements');
  collapseBlankText(document);
  return [...applied];
}

function applyRule(
  document: ParentNode,
  rule: CompiledRule,
  selectorsMayMatch: boolean,
): { elements: boolean; text: boolean } {
  let elements = false;
  if (selectorsMayMatch) {
    for (const query of rule.remove) {
      for (const element of selectElements(query, document)) {
        removeElement(element);
        elements = true;
      }
    }
    for (const query of rule.unwrap) {
      for (const element of selectElements(query, document)) {
        unwrap(element);
        elements = true;
      }
    }
  }
  const text = rule.removePattern.length > 0 && removeText(document, rule.removePattern);
  return { elements, text };
}

function removeComments(parent: ParentNode): boolean {
  let changed = false;
  for (const node of [...parent.children]) {
    if (isComment(node)) {
      removeElement(node);
      changed = true;
    } else if (isTag(node) && removeComments(node)) {
      changed = true;
    }
  }
  return changed;
}

/** Deletes what the patterns match in each text node (outside preformatted blocks too). */
function removeText(parent: ParentNode, patterns: readonly RegExp[]): boolean {
  let changed = false;
  for (const node of parent.children) {
    if (isText(node)) {
      let text = node.data;
      for (const pattern of patterns) text = text.replace(pattern, '');
      if (text !== node.data) {
        node.data = text;
        changed = true;
      }
    } else if (isTag(node) && removeText(node, patterns)) {
      changed = true;
    }
  }
  return changed;
}

/** Bottom-up: an element of DROPPED_WHEN_EMPTY holding only blank text and <br> goes. */
function removeEmptyElements(parent: ParentNode): boolean {
  let changed = false;
  for (const node of [...parent.children]) {
    if (!isTag(node)) continue;
    if (removeEmptyElements(node)) changed = true;
    if (DROPPED_WHEN_EMPTY.has(node.name) && isEmpty(node)) {
      removeElement(node);
      changed = true;
    }
  }
  return changed;
}

function isEmpty(element: Element): boolean {
  if (element.name === 'a' && element.attribs['name'] !== undefined) return false;
  return element.children.every((child) => {
    if (isText(child)) return BLANK.test(child.data);
    if (isComment(child)) return true;
    if (!isTag(child)) return true;
    if (CONTENT_WITHOUT_TEXT.has(child.name)) return false;
    return child.name === 'br' || isEmpty(child);
  });
}

/** Runs of blank lines left where comments and boilerplate were become one line break. */
function collapseBlankText(parent: ParentNode): void {
  let previousBlank = false;
  for (const node of [...parent.children]) {
    if (isText(node) && BLANK.test(node.data) && node.data.includes('\n')) {
      if (previousBlank) removeElement(node);
      else node.data = '\n';
      previousBlank = true;
      continue;
    }
    previousBlank = false;
    if (isTag(node) && !PREFORMATTED.has(node.name)) collapseBlankText(node);
  }
}

/** Replaces an element by its children. */
function unwrap(element: Element): void {
  for (const child of [...element.children]) prepend(element, child);
  removeElement(element);
}

/** The matches not inside another match, in document order. */
function outermost(elements: Element[]): Element[] {
  const set = new Set<AnyNode>(elements);
  return elements.filter((element) => {
    for (let up = element.parent; up !== null; up = up.parent) if (set.has(up)) return false;
    return true;
  });
}

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
  const document = parseDocument(html, { decodeEntities: true });
  // Each level takes at least three characters (`<a>`): short HTML cannot be too deep.
  if (html.length > MAX_NESTING * 3) flattenDeepNesting(document);
  return document;
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

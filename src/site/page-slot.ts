import { Html } from './html-escape.js';

/**
 * A place in a page kept for bytes made apart from the page's text: a list's cards. The page
 * is rendered as text with the slot in that place, then cut in two around it, and the bytes go
 * between the halves — so the renderers stay one template each. The slot starts with a NUL, a
 * character that escaping removes from every text (html-escape.ts), so it can occur nowhere
 * else in a page.
 */
export const PAGE_SLOT = new Html('\u0000page-slot\u0000');

/** Everything of a page before its slot, and everything after it. */
export interface PageHalves {
  head: string;
  tail: string;
}

/** Cuts a page rendered with PAGE_SLOT (exactly once) around it. */
export function splitAtSlot(document: string): PageHalves {
  const at = document.indexOf(PAGE_SLOT.value);
  if (at === -1 || document.indexOf(PAGE_SLOT.value, at + 1) !== -1) {
    throw new Error('A page must hold its slot exactly once');
  }
  return { head: document.slice(0, at), tail: document.slice(at + PAGE_SLOT.value.length) };
}

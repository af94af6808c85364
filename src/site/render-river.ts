import { escapeHtml, Html, markup } from './html-escape.js';
import type { Labels } from './labels.js';
import type { PageContext } from './page-context.js';
import { renderSourceWith } from './render-source.js';
import { imageUrl } from './safe-url.js';
import type { FeedNode, ItemView } from './site-structure.js';

/** Longest excerpt put in a card, in characters; CSS clamps it to a few lines anyway. */
const EXCERPT_CHARS = 180;

function shorten(text: string, max: number): string {
  const trimmed = text.trim();
  // Most excerpts are short already: skip splitting them into code points.
  if (trimmed.length <= max) return trimmed;
  const chars = Array.from(trimmed);
  return chars.length <= max ? trimmed : `${chars.slice(0, max).join('').trimEnd()}…`;
}

/**
 * Whether an excerpt only repeats the title (flash news — 快讯 — is often a title with the same
 * sentence as its body): the card then shows the title alone, not the same words twice.
 */
export function excerptRepeatsTitle(excerpt: string, title: string): boolean {
  // Cards are made for every item of a full build: most differ at their first character.
  if (excerpt.trimStart().charCodeAt(0) !== title.trimStart().charCodeAt(0)) return false;
  const words = (text: string): string => text.replace(/\s+/g, ' ').trim();
  const shown = words(excerpt)
    .replace(/(?:…|\.\.\.)$/, '')
    .trimEnd();
  return shown.length > 0 && words(title).startsWith(shown);
}

/**
 * Where a card's links need the page's way back to the site root (`../../`). NUL: escaping
 * removes it from every text (html-escape.ts), so it occurs in a card nowhere else.
 */
const ROOT_MARK = '\u0000';
/** Where a card's source (category › site › feed) goes: a control character too (see above). */
const SOURCE_MARK = '\u0001';

/**
 * One card: title, source (category › site › feed), time, excerpt and the lead image as a
 * thumbnail. The thumbnail box has a fixed aspect ratio (CSS) and width/height here, so an
 * image arriving late never moves the text; it is lazy and sends no Referer (Chinese image
 * hosts refuse hotlinks that do). It is decorative (the title beside it says what it is).
 * Links are written with ROOT_MARK where the page's root prefix goes, and the source, the same
 * for every item of a feed (and a third of a card), as SOURCE_MARK: it is put in per feed.
 */
function renderCard(labels: Labels, view: ItemView): string {
  const { item } = view;
  // What hrefEncoded gives, with the mark for the root (an item URL is never empty).
  const link = new Html(ROOT_MARK + escapeHtml(view.url));
  const title = item.title.trim() || labels.untitled;
  const image = imageUrl(item.image);
  const thumb = image
    ? markup`<a class="thumb" href="${link}" tabindex="-1" aria-hidden="true"><img src="${image}" alt="" width="160" height="120" loading="lazy" decoding="async" referrerpolicy="no-referrer"></a>`
    : '';
  const excerpt =
    item.excerpt && !excerptRepeatsTitle(item.excerpt, title)
      ? markup`<p class="entry-excerpt">${shorten(item.excerpt, EXCERPT_CHARS)}</p>`
      : '';
  const meta = markup`${new Html(SOURCE_MARK)}<span class="when"><span class="sep" aria-hidden="true">·</span><time datetime="${view.time.iso}">${view.time.text}</time></span>`;
  return markup`<li><article class="entry${image ? ' has-thumb' : ''}"><div class="entry-body"><h2 class="entry-title"><a href="${link}">${title}</a></h2><p class="entry-meta">${meta}</p>${excerpt}</div>${thumb}</article></li>\n`
    .value;
}

/**
 * A card as UTF-8 bytes in parts: null where the page's root goes. The parts are views of the
 * card's own bytes and of its feed's source, which all cards of the feed share: nothing is
 * copied until a page is put together.
 */
interface CardBytes {
  parts: (Buffer | null)[];
  /** All the parts' bytes, and how many roots go between them. */
  size: number;
  roots: number;
}

/** Parts of `bytes` cut at each ROOT_MARK, pushed to `parts`. */
function pushParts(parts: (Buffer | null)[], bytes: Buffer): void {
  let from = 0;
  for (let at = bytes.indexOf(0); at !== -1; at = bytes.indexOf(0, from)) {
    parts.push(bytes.subarray(from, at), null);
    from = at + 1;
  }
  parts.push(bytes.subarray(from));
}

/** A feed's source links in parts; once per feed and build. */
const sources = new WeakMap<FeedNode, (Buffer | null)[]>();

function sourceParts(feed: FeedNode): (Buffer | null)[] {
  let source = sources.get(feed);
  if (source === undefined) {
    const html = renderSourceWith(feed, (node) => new Html(ROOT_MARK + escapeHtml(node.url)));
    source = [];
    pushParts(source, Buffer.from(html.value, 'utf8'));
    sources.set(feed, source);
  }
  return source;
}

/**
 * Every item is on six lists (home, category, site, feed, month, day): its card is rendered
 * and encoded once (or carried from the previous build: fragment-cache.ts), and each page
 * copies its bytes with the page's root put in. Held as long as the item's view, that is for
 * one build (and the labels do not change within a build).
 */
const cards = new WeakMap<ItemView, CardBytes>();

function cardBytes(page: PageContext, view: ItemView): CardBytes {
  let card = cards.get(view);
  if (card === undefined) {
    const make = (): Buffer => Buffer.from(renderCard(page.labels, view), 'utf8');
    let unsourced = page.fragments ? page.fragments.fragment('card', view, make) : make();
    let at = unsourced.indexOf(1);
    if (at === -1) {
      // Not a card this code made (a damaged cache file that still parsed): make it again.
      unsourced = make();
      at = unsourced.indexOf(1);
    }
    const parts: (Buffer | null)[] = [];
    pushParts(parts, unsourced.subarray(0, at));
    parts.push(...sourceParts(view.feed));
    pushParts(parts, unsourced.subarray(at + 1));
    let size = 0;
    let roots = 0;
    for (const part of parts) {
      if (part === null) roots++;
      else size += part.length;
    }
    card = { parts, size, roots };
    cards.set(view, card);
  }
  return card;
}

/** Bytes without a root in them, as a card: the river's start and end, the empty river. */
function fixedCard(text: string): CardBytes {
  const bytes = Buffer.from(text, 'utf8');
  return { parts: [bytes], size: bytes.length, roots: 0 };
}

const RIVER_START = fixedCard('<ol class="river">\n');
const RIVER_END = fixedCard('</ol>\n');

/**
 * A page's river, not yet copied: its cards' parts and the root that goes between them. The
 * page copies it into its own bytes (render-list-page.ts), so no buffer is made for it alone.
 */
export interface River {
  cards: readonly CardBytes[];
  root: Buffer;
  /** Its size in bytes. */
  size: number;
}

/** The river of news: a list of cards, newest first, as given. */
export function renderRiver(page: PageContext, views: readonly ItemView[]): River {
  const root = Buffer.from(page.root, 'utf8');
  if (views.length === 0) {
    const empty = fixedCard(markup`<p class="river empty">${page.labels.noItems}</p>`.value);
    return { cards: [empty], root, size: empty.size };
  }
  const cards = [RIVER_START];
  for (const view of views) cards.push(cardBytes(page, view));
  cards.push(RIVER_END);
  let size = 0;
  for (const card of cards) size += card.size + card.roots * root.length;
  return { cards, root, size };
}

/** Copies the river into `target` from `at` (it must have room); returns where it ends. */
export function copyRiver(river: River, target: Buffer, at: number): number {
  const { root } = river;
  // TypedArray#set: a plain copy, without Buffer#copy's argument checks (a page has ~1,500).
  for (const { parts } of river.cards) {
    for (const part of parts) {
      const bytes = part ?? root;
      target.set(bytes, at);
      at += bytes.length;
    }
  }
  return at;
}

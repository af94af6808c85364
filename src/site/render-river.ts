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
  const excerpt = item.excerpt
    ? markup`<p class="entry-excerpt">${shorten(item.excerpt, EXCERPT_CHARS)}</p>`
    : '';
  const meta = markup`${new Html(SOURCE_MARK)}<span class="when"><span class="sep" aria-hidden="true">·</span><time datetime="${view.time.iso}">${view.time.text}</time></span>`;
  return markup`<li><article class="entry${image ? ' has-thumb' : ''}"><div class="entry-body"><h2 class="entry-title"><a href="${link}">${title}</a></h2><p class="entry-meta">${meta}</p>${excerpt}</div>${thumb}</article></li>\n`
    .value;
}

/** A feed's source links as UTF-8, with ROOT_MARK where the root goes; once per feed. */
const sources = new WeakMap<FeedNode, Buffer>();

function sourceBytes(feed: FeedNode): Buffer {
  let source = sources.get(feed);
  if (source === undefined) {
    const html = renderSourceWith(feed, (node) => new Html(ROOT_MARK + escapeHtml(node.url)));
    source = Buffer.from(html.value, 'utf8');
    sources.set(feed, source);
  }
  return source;
}

/** A card as UTF-8 bytes, cut where the page's root goes (between each two pieces). */
interface CardBytes {
  pieces: Buffer[];
  /** All the pieces' bytes. */
  size: number;
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
    const source = sourceBytes(view.feed);
    const marked = Buffer.allocUnsafe(unsourced.length - 1 + source.length);
    marked.set(unsourced.subarray(0, at), 0);
    marked.set(source, at);
    marked.set(unsourced.subarray(at + 1), at + source.length);
    const pieces: Buffer[] = [];
    let from = 0;
    for (let at = marked.indexOf(0); at !== -1; at = marked.indexOf(0, from)) {
      pieces.push(marked.subarray(from, at));
      from = at + 1;
    }
    pieces.push(marked.subarray(from));
    card = { pieces, size: marked.length - (pieces.length - 1) };
    cards.set(view, card);
  }
  return card;
}

const RIVER_START = Buffer.from('<ol class="river">\n', 'utf8');
const RIVER_END = Buffer.from('</ol>\n', 'utf8');

/** The river of news: a list of cards, newest first, as given. As UTF-8 bytes. */
export function renderRiver(page: PageContext, views: readonly ItemView[]): Buffer {
  if (views.length === 0) {
    return Buffer.from(markup`<p class="river empty">${page.labels.noItems}</p>`.value, 'utf8');
  }
  const root = Buffer.from(page.root, 'utf8');
  const list = views.map((view) => cardBytes(page, view));
  let size = RIVER_START.length + RIVER_END.length;
  for (const card of list) size += card.size + (card.pieces.length - 1) * root.length;
  const river = Buffer.allocUnsafe(size);
  // TypedArray#set: a plain copy, without Buffer#copy's argument checks (a page has ~1,000).
  river.set(RIVER_START, 0);
  let at = RIVER_START.length;
  for (const { pieces } of list) {
    const first = pieces[0]!;
    river.set(first, at);
    at += first.length;
    for (let i = 1; i < pieces.length; i++) {
      const piece = pieces[i]!;
      river.set(root, at);
      at += root.length;
      river.set(piece, at);
      at += piece.length;
    }
  }
  river.set(RIVER_END, at);
  return river;
}

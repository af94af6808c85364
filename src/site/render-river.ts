import { excerptBesideTitle } from './excerpt-beside-title.js';
import { escapeHtml, Html, markup } from './html-escape.js';
import { langAttribute } from './foreign-language.js';
import { imageThrough } from './image-proxy.js';
import type { PageContext } from './page-context.js';
import { renderSourceWith } from './render-source.js';
import { copyWithRoots, marksOf, rootedLength } from './root-marks.js';
import { imageUrl } from './safe-url.js';
import type { FeedNode, ItemView } from './site-structure.js';
import { keptUtf8 } from './utf8-slab.js';

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
function renderCard(page: PageContext, view: ItemView): string {
  const { labels } = page;
  const { item } = view;
  // The item's own words in its language; the source and time are the site's.
  const lang = langAttribute(view.feed.lang);
  // What hrefEncoded gives, with the mark for the root (an item URL is never empty).
  const link = new Html(ROOT_MARK + escapeHtml(view.url));
  const title = item.title.trim() || labels.untitled;
  const image = imageThrough(page.settings, imageUrl(item.image));
  const thumb = image
    ? markup`<a class="thumb" href="${link}" tabindex="-1" aria-hidden="true"><img src="${image}" alt="" width="160" height="120" loading="lazy" decoding="async" referrerpolicy="no-referrer"></a>`
    : '';
  // Without the words the title shows already (a title cut from the text, flash news).
  const shownExcerpt = item.excerpt && excerptBesideTitle(item.excerpt, title);
  const excerpt = shownExcerpt
    ? markup`<p class="entry-excerpt"${lang}>${shorten(shownExcerpt, EXCERPT_CHARS)}</p>`
    : '';
  // The time first: it never breaks, so when a long source wraps, no line starts with the dot.
  const meta = markup`<span class="when"><time datetime="${view.time.iso}">${view.time.text}</time><span class="sep" aria-hidden="true">·</span></span>${new Html(SOURCE_MARK)}`;
  return markup`<li><article class="entry${image ? ' has-thumb' : ''}"><div class="entry-body"><h2 class="entry-title"${lang}><a href="${link}">${title}</a></h2><p class="entry-meta">${meta}</p>${excerpt}</div>${thumb}</article></li>\n`
    .value;
}

/**
 * A card as UTF-8 bytes, its source put in, with a NUL byte (ROOT_MARK) where the page's root
 * goes, and where those are (root-marks.ts). One buffer and one short list a card: cards live
 * for the whole build, and cut into views at the marks (~13 a card, 130,000 objects at 10,000
 * items) they were so many more objects for the garbage collector to copy and mark.
 */
interface CardBytes {
  bytes: Buffer;
  /** Offsets of the marks in `bytes`, ascending. */
  marks: readonly number[];
}

/** A feed's source links as UTF-8 (ROOT_MARKs kept); once per feed and build. */
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

/**
 * Every item is on six lists (home, category, site, feed, month, day): its card is rendered
 * and encoded once (or carried from the previous build: fragment-cache.ts), and each page
 * copies its bytes with the page's root put in. Held as long as the item's view, that is for
 * one build (and the labels do not change within a build), while the build's card budget
 * (PageContext.cardMemory) lasts; beyond it, a card is put together again from its fragment
 * for each list, so a long history's build does not hold every card (~1.6 KB an item).
 */
const cards = new WeakMap<ItemView, CardBytes>();

/** The bytes of cards a build keeps (PageContext.cardMemory): a 10,000-item site's all fit. */
export const CARDS_IN_MEMORY_BYTES = 32 * 1024 * 1024;
/** What a kept card costs besides its bytes: its object, its marks, its entry in `cards`. */
const CARD_OVERHEAD_BYTES = 200;

function cardBytes(page: PageContext, view: ItemView): CardBytes {
  let card = cards.get(view);
  if (card === undefined) {
    const make = (encode = (text: string) => keptUtf8.encode(text)): Buffer =>
      encode(renderCard(page, view));
    let unsourced = page.fragments
      ? page.fragments.fragment('card', view, make, riverScratch.allocate)
      : make();
    let at = unsourced.indexOf(1);
    if (at === -1) {
      // Not a card this code made (a damaged cache file that still parsed): make it again.
      unsourced = make();
      at = unsourced.indexOf(1);
    }
    const source = sourceBytes(view.feed);
    const size = unsourced.length - 1 + source.length;
    const keep = page.cardMemory?.take(size + CARD_OVERHEAD_BYTES) ?? true;
    const bytes = keep ? keptUtf8.allocate(size) : riverScratch.allocate(size);
    bytes.set(unsourced.subarray(0, at), 0);
    bytes.set(source, at);
    bytes.set(unsourced.subarray(at + 1), at + source.length);
    card = { bytes, marks: marksOf(bytes) };
    if (keep) cards.set(view, card);
  }
  return card;
}

/**
 * Where the cards of the river being made go when they are not kept (beyond the build's card
 * budget), with their fragments read back from the spill file: valid until the next river is
 * made, by which time its page has copied them (render-list-page.ts). A buffer of their own
 * for each (two per card and list) was garbage that outlived the young generation's
 * collections at the rate pages are made: external memory to V8, which started a full
 * collection of the whole heap every 64 MB of it (33 at 200,000 items, each marking ~480 MB).
 */
class RiverScratch {
  private buffer = Buffer.allocUnsafeSlow(512 * 1024);
  private used = 0;

  /** Starts a river: what the previous one took is free again. */
  reset(): void {
    this.used = 0;
  }

  /** `size` bytes to fill, valid until the next `reset`. */
  readonly allocate = (size: number): Buffer => {
    if (this.used + size > this.buffer.length) {
      // A larger buffer; the views taken from this one stay valid (they keep it).
      this.buffer = Buffer.allocUnsafeSlow(Math.max(2 * this.buffer.length, size));
      this.used = 0;
    }
    const bytes = this.buffer.subarray(this.used, this.used + size);
    this.used += size;
    return bytes;
  };
}

const riverScratch = new RiverScratch();

/** Bytes without a root in them, as a card: the river's start and end, the empty river. */
function fixedCard(text: string): CardBytes {
  return { bytes: Buffer.from(text, 'utf8'), marks: [] };
}

const RIVER_START = fixedCard('<ol class="river">\n');
const RIVER_END = fixedCard('</ol>\n');

/**
 * A page's river, not yet copied: its cards and the root that goes in their marks. The page
 * copies it into its own bytes (render-list-page.ts), so no buffer is made for it alone.
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
  riverScratch.reset();
  const cards =
    views.length === 0
      ? [fixedCard(markup`<p class="river empty">${page.labels.noItems}</p>`.value)]
      : [RIVER_START, ...views.map((view) => cardBytes(page, view)), RIVER_END];
  let size = 0;
  for (const { bytes, marks } of cards) size += rootedLength(bytes, marks, root);
  return { cards, root, size };
}

/** Copies the river into `target` from `at` (it must have room); returns where it ends. */
export function copyRiver(river: River, target: Buffer, at: number): number {
  for (const { bytes, marks } of river.cards) {
    at = copyWithRoots(target, at, bytes, marks, river.root);
  }
  return at;
}

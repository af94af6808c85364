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

/*
 * Cards are kept and joined as byte strings: strings whose characters are the bytes of the
 * card's UTF-8, one each (Latin-1 decoding, a plain copy either way). A page then joins its
 * cards and puts its root in with two native string calls, and encodes the whole river with
 * one copy. Copying each card's bytes between its root marks into the page (~13 typed-array
 * copies a card, ~65,000 cards in a full build) cost ~0.35 s of the main thread's CPU.
 */

/** A feed's source links as a byte string (ROOT_MARKs kept); once per feed and build. */
const sources = new WeakMap<FeedNode, string>();

function sourceText(feed: FeedNode): string {
  let source = sources.get(feed);
  if (source === undefined) {
    const html = renderSourceWith(feed, (node) => new Html(ROOT_MARK + escapeHtml(node.url)));
    source = Buffer.from(html.value, 'utf8').toString('latin1');
    sources.set(feed, source);
  }
  return source;
}

/**
 * Every item is on six lists (home, category, site, feed, month, day): its card is rendered
 * and encoded once (or carried from the previous build: fragment-cache.ts), its source put in,
 * and kept as a byte string with ROOT_MARKs. Held as long as the item's view, that is for one
 * build (and the labels do not change within a build).
 */
const cards = new WeakMap<ItemView, string>();

function cardText(page: PageContext, view: ItemView): string {
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
    card =
      unsourced.toString('latin1', 0, at) +
      sourceText(view.feed) +
      unsourced.toString('latin1', at + 1);
    cards.set(view, card);
  }
  return card;
}

const RIVER_START = '<ol class="river">\n';
const RIVER_END = '</ol>\n';

/**
 * The river of news: a list of cards, newest first, as given. As a byte string (see above):
 * the UTF-8 bytes of its HTML, one character each, for `Buffer.from(river, 'latin1')` or
 * `buffer.write(river, at, 'latin1')`.
 */
export function renderRiver(page: PageContext, views: readonly ItemView[]): string {
  if (views.length === 0) {
    const empty = markup`<p class="river empty">${page.labels.noItems}</p>`.value;
    return Buffer.from(empty, 'utf8').toString('latin1');
  }
  const texts: string[] = [RIVER_START];
  for (const view of views) texts.push(cardText(page, view));
  texts.push(RIVER_END);
  // The root is `../` repeated (page-context.ts): no `$`, which replaceAll would read as a
  // pattern. ROOT_MARK occurs only where a link needs the root (escaping strips it from text).
  return texts.join('').replaceAll(ROOT_MARK, page.root);
}

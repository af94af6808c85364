import { markup, type Html } from './html-escape.js';
import { hrefEncoded, type PageContext } from './page-context.js';
import { renderSource } from './render-source.js';
import { imageUrl } from './safe-url.js';
import type { ItemView } from './site-structure.js';

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
 * One card: title, source (category › site › feed), time, excerpt and the lead image as a
 * thumbnail. The thumbnail box has a fixed aspect ratio (CSS) and width/height here, so an
 * image arriving late never moves the text; it is lazy and sends no Referer (Chinese image
 * hosts refuse hotlinks that do). It is decorative (the title beside it says what it is).
 */
function renderCard(page: PageContext, view: ItemView): Html {
  const { item } = view;
  const link = hrefEncoded(page, view.url);
  const title = item.title.trim() || page.labels.untitled;
  const image = imageUrl(item.image);
  const thumb = image
    ? markup`<a class="thumb" href="${link}" tabindex="-1" aria-hidden="true"><img src="${image}" alt="" width="160" height="120" loading="lazy" decoding="async" referrerpolicy="no-referrer"></a>`
    : '';
  const excerpt = item.excerpt
    ? markup`<p class="entry-excerpt">${shorten(item.excerpt, EXCERPT_CHARS)}</p>`
    : '';
  const meta = markup`${renderSource(page, view.feed)}<span class="when"><span class="sep" aria-hidden="true">·</span><time datetime="${view.time.iso}">${view.time.text}</time></span>`;
  return markup`<li><article class="entry${image ? ' has-thumb' : ''}"><div class="entry-body"><h2 class="entry-title"><a href="${link}">${title}</a></h2><p class="entry-meta">${meta}</p>${excerpt}</div>${thumb}</article></li>\n`;
}

/** The river of news: a list of cards, newest first, as given. */
export function renderRiver(page: PageContext, views: readonly ItemView[]): Html {
  if (views.length === 0) return markup`<p class="river empty">${page.labels.noItems}</p>`;
  return markup`<ol class="river">\n${views.map((view) => renderCard(page, view))}</ol>\n`;
}

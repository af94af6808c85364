import type { ItemSummary } from '../store/store.js';
import type { LocalTime } from './format-time.js';
import { markup, stripInvalidChars, type Html } from './html-escape.js';
import { addImageAttributes } from './image-attributes.js';
import { labelImageLinks } from './image-links.js';
import { langAttribute } from './foreign-language.js';
import { imageAddressOf, imageThrough } from './image-proxy.js';
import { layoutFrame, layoutHead } from './layout.js';
import { hrefEncoded, type PageContext } from './page-context.js';
import { renderSource, type SourceFeed, type SourceLink } from './render-source.js';
import { imageUrl, webUrl } from './safe-url.js';

/** Longest meta description, in characters. */
const DESCRIPTION_CHARS = 160;

/** The start of an excerpt an item page's meta description shows. */
export function descriptionOf(excerpt: string): string {
  return excerpt.length <= DESCRIPTION_CHARS
    ? excerpt
    : Array.from(excerpt).slice(0, DESCRIPTION_CHARS).join('');
}

/** A feed with the folders of its pages, its site's and its category's (a FeedNode fits). */
export interface ItemPageFeed extends SourceFeed {
  folder: string;
  /** The `lang` of its items' titles and content, when not the site's (FeedNode.lang). */
  lang?: string | null;
  site: SourceLink & { folder: string; category: SourceLink & { folder: string } };
}

/** The previous or next item of the feed, as its page links to it (an ItemView fits). */
export interface ItemPageNeighbour {
  url: string;
  item: { title: string };
}

/**
 * What an item page shows besides the content: an ItemView fits, and so does the plain copy a
 * thread that writes item pages receives (item-page-threads.ts).
 */
export interface ItemPageView {
  item: Pick<
    ItemSummary,
    'title' | 'author' | 'categories' | 'readingMinutes' | 'link' | 'image' | 'excerpt'
  >;
  feed: ItemPageFeed;
  time: Pick<LocalTime, 'iso' | 'text'>;
  updated: Pick<LocalTime, 'iso' | 'text'> | null;
  older: ItemPageNeighbour | null;
  newer: ItemPageNeighbour | null;
}

function neighbour(
  page: PageContext,
  view: ItemPageNeighbour | null,
  rel: 'prev' | 'next',
  lang: Html | '',
): Html | string {
  if (!view) return '';
  const label = rel === 'prev' ? page.labels.previousItem : page.labels.nextItem;
  const title = view.item.title.trim() || page.labels.untitled;
  return markup`<a class="${rel}" href="${hrefEncoded(page, view.url)}" rel="${rel}"><span class="label">${label}</span><span class="title"${lang}>${title}</span></a>`;
}

/**
 * One item: title, source, author, time, the sanitised content, a link to the original, and
 * the previous (older) and next (newer) item of the same feed. `contentHtml` is the stored,
 * sanitised content, read from the store only for this page. The page is its feed's parts (the
 * same for every item of the feed at the same depth) with the item's own parts between them,
 * in this order — item-page-bytes.ts puts the page together from the same parts, the feed's
 * encoded once.
 */
export function renderItemPage(page: PageContext, view: ItemPageView, contentHtml: string): string {
  const content = labelImageLinks(
    addImageAttributes(contentHtml, imageAddressOf(page.settings)),
    page.labels.imageLink,
  );
  const feed = itemPageFeedParts(page, view.feed);
  const own = itemPageOwnParts(page, view, /<img\b/i.test(content));
  return feed.start + own.head + feed.middle + own.top + stripInvalidChars(content) + own.bottom + feed.end; // prettier-ignore
}

/** What of an item page depends only on its feed and the page's depth (and the site). */
export interface ItemPageFeedParts {
  /** From the doctype to `<title>`. */
  start: string;
  /** From after the page's canonical link to the `<h1>` of the item's title. */
  middle: string;
  /** From the end of main to the end of the document. */
  end: string;
}

/** What of an item page is the item's own, between its feed's parts. */
export interface ItemPageOwnParts {
  /** Between `start` and `middle`: the title, the meta description, the canonical link. */
  head: string;
  /** Between `middle` and the content: the title, the meta line, the lead image. */
  top: string;
  /** Between the content and `end`: the link to the original, the tags, the neighbours. */
  bottom: string;
}

/**
 * An item page's feed parts: its layout, feed links and source line. No breadcrumbs: the source
 * line above the title (category › site › feed, each a link) is the same trail, and showing both
 * put it on the page twice; the header's navigation has the home page and the categories.
 */
export function itemPageFeedParts(page: PageContext, feed: ItemPageFeed): ItemPageFeedParts {
  const frame = layoutFrame(page, { feeds: { folder: feed.folder, title: feed.name } });
  const articleStart = markup`<article class="article">
<header class="article-head">
<p class="article-source">${renderSource(page, feed)}</p>
<h1${langAttribute(feed.lang)}>`;
  return { start: frame.start, middle: frame.afterHead + articleStart.value, end: frame.end };
}

/**
 * An item page's own parts. `contentHasImage`: whether the content has an `<img>` of its own
 * (then the lead image is not shown above it).
 */
export function itemPageOwnParts(
  page: PageContext,
  view: ItemPageView,
  contentHasImage: boolean,
): ItemPageOwnParts {
  const { labels } = page;
  const { item } = view;
  const title = item.title.trim() || labels.untitled;
  // The item's title (its h1 is in the feed's parts) and content are in its feed's language.
  const lang = langAttribute(view.feed.lang);
  const image = imageThrough(page.settings, imageUrl(item.image));
  // Show the lead image only when the content has no image of its own (it usually does).
  const lead =
    image && !contentHasImage
      ? markup`<figure class="lead-image"><img src="${image}" alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer"></figure>\n`
      : '';
  const author = item.author
    ? markup`<span class="author"><span class="visually-hidden">${labels.author}: </span>${item.author}</span>`
    : '';
  const updated = view.updated
    ? markup`<span>${labels.updated} <time datetime="${view.updated.iso}">${view.updated.text}</time></span>`
    : '';
  // Items stored before reading times existed have 0 until their feed is next parsed.
  const reading =
    item.readingMinutes > 0
      ? markup`<span class="reading-time">${labels.readingTime(item.readingMinutes)}</span>`
      : '';
  const original = webUrl(item.link);
  const tags = item.categories.length
    ? markup`<ul class="tags">${item.categories.map((tag) => markup`<li>${tag}</li>`)}</ul>`
    : '';
  const link = original
    ? markup`<a class="original" href="${original}" rel="noopener noreferrer nofollow">${labels.readOriginal} →</a>`
    : '';
  const neighbours =
    view.older || view.newer
      ? markup`<nav class="item-nav" aria-label="${labels.moreFromFeed}">${neighbour(page, view.older, 'prev', lang)}${neighbour(page, view.newer, 'next', lang)}</nav>\n`
      : '';
  const top = markup`${title}</h1>
<p class="article-meta"><time datetime="${view.time.iso}">${view.time.text}</time>${author}${updated}${reading}</p>
</header>
${lead}<div class="content"${lang}>
`;
  const bottom = markup`
</div>
<footer class="article-foot">${link}${tags}</footer>
</article>
${neighbours}`;
  return {
    head: layoutHead(page, { title, description: descriptionOf(item.excerpt) }),
    top: top.value,
    bottom: bottom.value,
  };
}

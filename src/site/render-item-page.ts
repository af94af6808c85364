import { markup, trustedHtml, type Html } from './html-escape.js';
import { addImageAttributes } from './image-attributes.js';
import { renderLayout, type Crumb } from './layout.js';
import { folderTarget, hrefEncoded, type PageContext } from './page-context.js';
import { renderSource } from './render-source.js';
import { imageUrl, webUrl } from './safe-url.js';
import { CATEGORIES_FOLDER, type ItemView } from './site-structure.js';

/** Longest meta description, in characters. */
const DESCRIPTION_CHARS = 160;

function neighbour(page: PageContext, view: ItemView | null, rel: 'prev' | 'next'): Html | string {
  if (!view) return '';
  const label = rel === 'prev' ? page.labels.previousItem : page.labels.nextItem;
  const title = view.item.title.trim() || page.labels.untitled;
  return markup`<a class="${rel}" href="${hrefEncoded(page, view.url)}" rel="${rel}"><span class="label">${label}</span><span class="title">${title}</span></a>`;
}

/**
 * One item: title, source, author, time, the sanitised content, a link to the original, and
 * the previous (older) and next (newer) item of the same feed. `contentHtml` is the stored,
 * sanitised content, read from the store only for this page.
 */
export function renderItemPage(page: PageContext, view: ItemView, contentHtml: string): string {
  const { labels } = page;
  const { item, feed } = view;
  const { site } = feed;
  const { category } = site;
  const title = item.title.trim() || labels.untitled;
  const crumbs: Crumb[] = [
    { label: labels.home, target: '' },
    { label: labels.categories, target: folderTarget(CATEGORIES_FOLDER) },
    { label: category.name, target: folderTarget(category.folder) },
    { label: site.name, target: folderTarget(site.folder) },
    // The item's own title is the h1 just below, so the trail ends at its feed.
    { label: feed.name, target: folderTarget(feed.folder) },
  ];

  const content = addImageAttributes(contentHtml);
  const image = imageUrl(item.image);
  // Show the lead image only when the content has no image of its own (it usually does).
  const lead =
    image && !/<img\b/i.test(content)
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
      ? markup`<nav class="item-nav" aria-label="${labels.moreFromFeed}">${neighbour(page, view.older, 'prev')}${neighbour(page, view.newer, 'next')}</nav>\n`
      : '';
  const body = markup`<article class="article">
<header class="article-head">
<p class="article-source">${renderSource(page, feed)}</p>
<h1>${title}</h1>
<p class="article-meta"><time datetime="${view.time.iso}">${view.time.text}</time>${author}${updated}${reading}</p>
</header>
${lead}<div class="content">
${trustedHtml(content)}
</div>
<footer class="article-foot">${link}${tags}</footer>
</article>
${neighbours}`;
  return renderLayout(page, {
    title,
    description: Array.from(item.excerpt).slice(0, DESCRIPTION_CHARS).join(''),
    breadcrumbs: crumbs,
    feeds: { folder: feed.folder, title: feed.name },
    body,
  });
}

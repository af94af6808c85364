import { authorDisplayName } from './authors.js';
import { parseDate, withYearReference } from './dates.js';
import { NO_EARLY_ITEMS, finishItem, type EarlyItems, type PendingItem } from './pending-item.js';
import { leadImage } from './lead-image.js';
import { NS, RSS_NAMESPACES } from './namespaces.js';
import type { Enclosure, ParsedFeed, ParsedItem } from './parsed-feed.js';
import { collapseWhitespace, htmlToPlainText, looksLikeHtml, titleText } from './plain-text.js';
import type { ReadContext } from './read-context.js';
import { isAbsoluteUrl, resolveUrl } from './urls.js';
import {
  attribute,
  childElements,
  escapeHtml,
  firstChild,
  hasElementChildren,
  innerMarkup,
  textContent,
  writtenBase,
  type XmlElement,
} from './xml-tree.js';

/**
 * RSS 0.9x/2.0 (and the parts RSS 1.0 shares, reused by rdf.ts): channel fields, items,
 * and the extension namespaces feeds lean on (content:, dc:, media:, itunes:, atom:).
 */

/**
 * Is `child` one of RSS's own elements? Those are in no namespace or an RSS one — or in
 * the parent's namespace, for feeds that put RSS in a namespace of their own invention.
 */
export function isRssElement(child: XmlElement, parent: XmlElement): boolean {
  return RSS_NAMESPACES.has(child.ns) || child.ns === parent.ns;
}

/** The first RSS child named `local`. */
export function rssChild(element: XmlElement, local: string): XmlElement | null {
  for (const child of element.children) {
    if (typeof child !== 'string' && child.local === local && isRssElement(child, element)) {
      return child;
    }
  }
  return null;
}

function lastRssChild(element: XmlElement, local: string): XmlElement | null {
  const children = element.children;
  for (let k = children.length - 1; k >= 0; k--) {
    const child = children[k] as XmlElement | string;
    if (typeof child !== 'string' && child.local === local && isRssElement(child, element)) {
      return child;
    }
  }
  return null;
}

/** Every RSS child named `local`. */
export function rssChildren(element: XmlElement, local: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child !== 'string' && child.local === local && isRssElement(child, element)) {
      found.push(child);
    }
  }
  return found;
}

/** The last child named `local`: for dates, a repeated element overwrites the earlier one. */
export function lastChild(element: XmlElement, ns: string, local: string): XmlElement | null {
  const children = element.children;
  for (let k = children.length - 1; k >= 0; k--) {
    const child = children[k] as XmlElement | string;
    if (typeof child !== 'string' && child.local === local && child.ns === ns) return child;
  }
  return null;
}

/** Trimmed text, or null when absent or empty. */
export function trimmedText(element: XmlElement | null): string | null {
  if (!element) return null;
  const text = textContent(element).trim();
  return text === '' ? null : text;
}

/**
 * A field that may hold HTML: escaped or CDATA HTML is text already; HTML a feed
 * embedded raw (unescaped `<p>` inside `<description>`) is written back as markup.
 */
export function markupValue(element: XmlElement | null): string | null {
  const value = untrimmedMarkup(element)?.trim();
  return value ? value : null;
}

/** `markupValue` before trimming, null when absent or only whitespace. */
function untrimmedMarkup(element: XmlElement | null): string | null {
  if (!element) return null;
  const value = hasElementChildren(element) ? innerMarkup(element) : textContent(element);
  return /\S/.test(value) ? value : null;
}

/** Markup as untrimmedMarkup reads it, with the element it came from. */
interface Markup {
  value: string;
  element: XmlElement;
}

function markupOf(element: XmlElement | null): Markup | null {
  const value = untrimmedMarkup(element);
  return value === null ? null : { value, element: element as XmlElement };
}

/** A title-like field as plain text. */
export function plainText(element: XmlElement | null): string | null {
  if (!element) return null;
  let text: string;
  const type = (attribute(element, 'type') ?? '').toLowerCase();
  if (hasElementChildren(element)) {
    text = htmlToPlainText(innerMarkup(element));
  } else if (type === 'html' || type === 'text/html' || type === 'xhtml') {
    text = htmlToPlainText(textContent(element));
  } else {
    text = titleText(textContent(element));
  }
  return text === '' ? null : text;
}

/** Plain text for fields that are text but which feeds often fill with escaped HTML. */
function plainTextOfHtmlish(element: XmlElement | null): string | null {
  const value = markupValue(element);
  if (value === null) return null;
  const text = looksLikeHtml(value) ? htmlToPlainText(value) : collapseWhitespace(value);
  return text === '' ? null : text;
}

function first<T>(...values: (T | null | undefined)[]): T | null {
  for (const value of values) if (value !== null && value !== undefined) return value;
  return null;
}

/** A byte count: digits, or digits grouped by thousands (`12,345`, as some CMSs print it). */
export function parseLength(value: string | null): number | null {
  if (value === null) return null;
  let trimmed = value.trim();
  if (/^\d{1,3}(?:,\d{3})+$/.test(trimmed)) trimmed = trimmed.replaceAll(',', '');
  if (!/^\d+$/.test(trimmed)) return null;
  const number = Number(trimmed);
  return Number.isSafeInteger(number) ? number : null;
}

/** `atom:link` elements with the given rel (absent rel means alternate). */
export function atomLinks(
  element: XmlElement,
  rel: string,
  namespaces = NS.atom10 as string,
): XmlElement[] {
  return childElements(element, namespaces, 'link').filter(
    (link) => (attribute(link, 'rel') ?? 'alternate').trim().toLowerCase() === rel,
  );
}

function atomLinkHref(element: XmlElement, rel: string): string | null {
  for (const link of atomLinks(element, rel)) {
    const href = attribute(link, 'href');
    if (href && href.trim() !== '') return resolveUrl(href, link.base);
  }
  return null;
}

function isImageType(type: string | null, url: string): boolean {
  if (type) return type.trim().toLowerCase().startsWith('image/');
  return /\.(?:jpe?g|png|gif|webp|avif|bmp)(?:[?#]|$)/i.test(url);
}

/** Explicit image candidates from media:, enclosures and itunes:, in priority order. */
export function explicitImages(item: XmlElement, enclosures: Enclosure[]): (string | null)[] {
  const candidates: (string | null)[] = [];
  const groups = [item, ...childElements(item, NS.media, 'group')];
  for (const group of groups) {
    for (const thumbnail of childElements(group, NS.media, 'thumbnail')) {
      const url = attribute(thumbnail, 'url');
      if (url) candidates.push(resolveUrl(url, thumbnail.base));
    }
  }
  for (const group of groups) {
    for (const content of childElements(group, NS.media, 'content')) {
      const url = attribute(content, 'url');
      const medium = attribute(content, 'medium');
      const type = attribute(content, 'type');
      if (url && (medium === 'image' || (type !== null && isImageType(type, url)))) {
        candidates.push(resolveUrl(url, content.base));
      }
    }
  }
  for (const enclosure of enclosures) {
    if (isImageType(enclosure.type, enclosure.url)) candidates.push(enclosure.url);
  }
  const itunesImage = firstChild(item, NS.itunes, 'image');
  if (itunesImage) {
    // `url=` is a common mistake for `href=`.
    const href =
      attribute(itunesImage, 'href') ?? attribute(itunesImage, 'url') ?? trimmedText(itunesImage);
    if (href) candidates.push(resolveUrl(href, itunesImage.base));
  }
  return candidates;
}

/** A Media RSS element on the item, else in its first media:group that has one. */
function mediaElement(item: XmlElement, local: string): XmlElement | null {
  const own = firstChild(item, NS.media, local);
  if (own) return own;
  for (const group of childElements(item, NS.media, 'group')) {
    const grouped = firstChild(group, NS.media, local);
    if (grouped) return grouped;
  }
  return null;
}

/**
 * media:title, for items that have no other title (video feeds; YouTube's Atom puts it
 * in media:group). feedparser reads it as the title too.
 */
export function mediaTitle(item: XmlElement): string | null {
  return plainText(mediaElement(item, 'title'));
}

/**
 * media:description as HTML, for items that have no other summary (YouTube's video
 * descriptions are only there). Its default type is plain text, escaped here.
 */
export function mediaDescription(item: XmlElement): string | null {
  const element = mediaElement(item, 'description');
  const text = trimmedText(element);
  if (text === null || !element) return null;
  return attribute(element, 'type')?.trim().toLowerCase() === 'html' ? text : escapeHtml(text);
}

/**
 * Audio and video named only by media:content (Media RSS podcasts, video feeds) as
 * enclosures, after the feed's own and without repeating their URLs: the contract has no
 * other place for them, and without this an item whose media is only there lost it.
 * A media:group holds renditions of one medium: its isDefault one (else the first) counts.
 */
export function withMediaContent(item: XmlElement, enclosures: Enclosure[]): Enclosure[] {
  const seen = new Set(enclosures.map((enclosure) => enclosure.url));
  const playable = (content: XmlElement): boolean => {
    const medium = attribute(content, 'medium')?.trim().toLowerCase();
    const type = attribute(content, 'type')?.trim().toLowerCase();
    return medium === 'audio' || medium === 'video' || /^(?:audio|video)\//.test(type ?? '');
  };
  const chosen = childElements(item, NS.media, 'content').filter(playable);
  for (const group of childElements(item, NS.media, 'group')) {
    const renditions = childElements(group, NS.media, 'content').filter(playable);
    const preferred =
      renditions.find((content) => attribute(content, 'isDefault')?.trim() === 'true') ??
      renditions[0];
    if (preferred) chosen.push(preferred);
  }
  const all = [...enclosures];
  for (const content of chosen) {
    const url = attribute(content, 'url');
    if (!url || url.trim() === '') continue;
    const resolved = resolveUrl(url, content.base);
    if (seen.has(resolved)) continue;
    seen.add(resolved);
    all.push({
      url: resolved,
      type: attribute(content, 'type')?.trim() || null,
      length: parseLength(attribute(content, 'fileSize')),
    });
  }
  return all;
}

function readEnclosures(item: XmlElement): Enclosure[] {
  const enclosures: Enclosure[] = [];
  for (const enclosure of rssChildren(item, 'enclosure')) {
    const url = attribute(enclosure, 'url') ?? attribute(enclosure, 'href');
    if (!url || url.trim() === '') continue;
    enclosures.push({
      url: resolveUrl(url, enclosure.base),
      type: attribute(enclosure, 'type')?.trim() || null,
      length: parseLength(attribute(enclosure, 'length')),
    });
  }
  for (const link of atomLinks(item, 'enclosure')) {
    const href = attribute(link, 'href');
    if (!href || href.trim() === '') continue;
    enclosures.push({
      url: resolveUrl(href, link.base),
      type: attribute(link, 'type')?.trim() || null,
      length: parseLength(attribute(link, 'length')),
    });
  }
  return withMediaContent(item, enclosures);
}

/**
 * A category's own text: elements nested in it (an `<image>` block some CMSs put there)
 * are not part of its name. A category with no text of its own keeps all of it.
 */
function categoryText(element: XmlElement): string | null {
  if (element.children.every((child) => typeof child === 'string')) return trimmedText(element);
  const own = element.children
    .filter((child): child is string => typeof child === 'string')
    .join('')
    .trim();
  return own === '' ? trimmedText(element) : own;
}

function readCategories(item: XmlElement): string[] {
  const categories: string[] = [];
  for (const element of [
    ...rssChildren(item, 'category'),
    ...childElements(item, NS.dc, 'subject'),
  ]) {
    const text = categoryText(element);
    if (text !== null) categories.push(collapseWhitespace(text));
  }
  return categories;
}

function readAuthor(item: XmlElement): string | null {
  // `??` rather than first(): a later source is not even looked up once one is found.
  return (
    authorDisplayName(trimmedText(rssChild(item, 'author'))) ??
    authorDisplayName(trimmedText(firstChild(item, NS.dc, 'creator'))) ??
    authorDisplayName(trimmedText(firstChild(item, NS.dc, 'author'))) ??
    authorDisplayName(trimmedText(firstChild(item, NS.itunes, 'author'))) ??
    atomAuthorName(firstChild(item, NS.atom10, 'author')) ??
    authorDisplayName(trimmedText(firstChild(item, NS.dc, 'contributor')))
  );
}

function atomAuthorName(author: XmlElement | null): string | null {
  return author ? authorDisplayName(trimmedText(firstChild(author, NS.atom10, 'name'))) : null;
}

function looksLikeUrl(value: string): boolean {
  return (
    /^(?:https?:)?\/\/\S+$/i.test(value) ||
    (isAbsoluteUrl(value) && !/\s/.test(value) && /^[a-z]+:\/\//i.test(value))
  );
}

/** Reads one `<item>` (RSS 0.9x, 1.0 and 2.0 share the shape). */
export function readRssItem(item: XmlElement, context: ReadContext): ParsedItem {
  return finishItem(readPendingRssItem(item), context.dates);
}

/** An `<item>` read from its element alone; its dates wait for the feed's (pending-item.ts). */
export function readPendingRssItem(item: XmlElement): PendingItem {
  const linkElement = rssChild(item, 'link');
  let link: string | null = null;
  if (linkElement) {
    const text = trimmedText(linkElement) ?? attribute(linkElement, 'href')?.trim() ?? null;
    if (text) link = resolveUrl(text, linkElement.base);
  }
  link ??= atomLinkHref(item, 'alternate');

  const guidElement = rssChild(item, 'guid');
  const guid = trimmedText(guidElement);
  if (link === null && guid !== null && guidElement) {
    const permaLink = (attribute(guidElement, 'isPermaLink') ?? 'true').trim().toLowerCase();
    if (permaLink !== 'false' && looksLikeUrl(guid)) link = resolveUrl(guid, guidElement.base);
  }
  const rdfAbout = attribute(item, 'about', NS.rdf);

  // `??` chains: later sources are looked up only when the earlier ones are missing.
  const contentMarkup =
    markupOf(firstChild(item, NS.content, 'encoded')) ??
    markupOf(firstChild(item, NS.xhtml, 'body')) ??
    markupOf(rssChild(item, 'body')) ??
    markupOf(rssChild(item, 'fullitem')) ??
    markupOf(firstChild(item, NS.atom10, 'content'));
  const summaryMarkup =
    markupOf(rssChild(item, 'description')) ??
    markupOf(firstChild(item, NS.itunes, 'summary')) ??
    markupOf(firstChild(item, NS.atom10, 'summary')) ??
    markupOf(firstChild(item, NS.dc, 'description'));
  const rawContent = contentMarkup?.value ?? null;
  const rawSummary = summaryMarkup?.value ?? mediaDescription(item);
  const content = rawContent?.trim() ?? null;
  const summary = rawSummary?.trim() ?? null;
  // Where each came from (media:description: the item): the xml:base in force there.
  const summaryScope = summaryMarkup?.element ?? item;
  const sourceBase =
    contentMarkup !== null
      ? writtenBase(contentMarkup.element)
      : rawSummary !== null
        ? writtenBase(summaryScope)
        : null;
  const enclosures = readEnclosures(item);
  const publishedTexts = [
    trimmedText(lastRssChild(item, 'pubDate')),
    trimmedText(lastChild(item, NS.atom10, 'published')),
    trimmedText(lastChild(item, NS.dc, 'date')),
    trimmedText(lastChild(item, NS.dcterms, 'issued')),
    trimmedText(lastChild(item, NS.dcterms, 'created')),
  ];

  return {
    item: {
      id: guid ?? trimmedText(firstChild(item, NS.atom10, 'id')) ?? (rdfAbout?.trim() || null),
      title:
        plainText(rssChild(item, 'title')) ??
        plainText(firstChild(item, NS.dc, 'title')) ??
        plainText(firstChild(item, NS.atom10, 'title')) ??
        mediaTitle(item),
      link,
      published: null,
      publishedText: first(...publishedTexts.map((text) => text || null)),
      updated: null,
      author: readAuthor(item),
      summary,
      content,
      // Only when trimming changed it, so printed items do not carry the body twice.
      ...(rawContent !== content || rawSummary !== summary
        ? { sourceHtml: rawContent ?? rawSummary }
        : {}),
      ...(sourceBase !== null ? { sourceBase } : {}),
      categories: readCategories(item),
      enclosures,
      image: leadImage(explicitImages(item, enclosures), [content, summary], item.base, [
        contentMarkup?.element.base ?? null,
        summaryScope.base,
      ]),
    },
    publishedTexts,
    updatedTexts: [
      trimmedText(lastChild(item, NS.atom10, 'updated')),
      trimmedText(lastChild(item, NS.dcterms, 'modified')),
    ],
  };
}

/** Channel-level fields of RSS 0.9x/1.0/2.0; `outer` holds RSS 1.0's sibling image. */
export function readRssChannel(
  channel: XmlElement,
  outer: XmlElement | null,
  context: ReadContext,
): Omit<ParsedFeed, 'format' | 'items'> {
  const linkElement = rssChild(channel, 'link');
  const linkText = trimmedText(linkElement);
  const link =
    linkText !== null && linkElement
      ? resolveUrl(linkText, linkElement.base)
      : atomLinkHref(channel, 'alternate');

  const imageElement = rssChild(channel, 'image') ?? (outer ? rssChild(outer, 'image') : null);
  let image: string | null = null;
  if (imageElement) {
    const urlElement = rssChild(imageElement, 'url');
    const url =
      trimmedText(urlElement) ??
      attribute(imageElement, 'resource', NS.rdf) ??
      attribute(imageElement, 'href');
    if (url) image = resolveUrl(url, urlElement?.base ?? imageElement.base);
  }
  if (image === null) {
    const itunesImage = firstChild(channel, NS.itunes, 'image');
    const href = itunesImage
      ? (attribute(itunesImage, 'href') ??
        attribute(itunesImage, 'url') ??
        trimmedText(itunesImage))
      : null;
    if (href && itunesImage) image = resolveUrl(href, itunesImage.base);
  }
  if (image === null) {
    const logo = trimmedText(
      firstChild(channel, NS.atom10, 'logo') ?? firstChild(channel, NS.atom10, 'icon'),
    );
    if (logo) image = resolveUrl(logo, channel.base);
  }

  const dates = context.dates;
  return {
    title: first(
      plainText(rssChild(channel, 'title')),
      plainText(firstChild(channel, NS.dc, 'title')),
    ),
    link,
    description: first(
      plainTextOfHtmlish(rssChild(channel, 'description')),
      plainTextOfHtmlish(firstChild(channel, NS.itunes, 'summary')),
      plainTextOfHtmlish(firstChild(channel, NS.itunes, 'subtitle')),
      plainTextOfHtmlish(firstChild(channel, NS.dc, 'description')),
    ),
    language: first(
      trimmedText(rssChild(channel, 'language')),
      trimmedText(firstChild(channel, NS.dc, 'language')),
      channel.lang,
    ),
    updated: first(
      parseDate(trimmedText(lastChild(channel, NS.atom10, 'updated')), dates),
      parseDate(trimmedText(lastRssChild(channel, 'lastBuildDate')), dates),
      parseDate(trimmedText(lastRssChild(channel, 'pubDate')), dates),
      parseDate(trimmedText(lastChild(channel, NS.dc, 'date')), dates),
      parseDate(trimmedText(lastChild(channel, NS.dcterms, 'modified')), dates),
    ),
    image,
  };
}

/** The channel's language, read before the dates (it decides what `CST` means). */
export function rssLanguage(channel: XmlElement): string | null {
  return first(
    trimmedText(rssChild(channel, 'language')),
    trimmedText(firstChild(channel, NS.dc, 'language')),
    channel.lang,
  );
}

/** Items' dates without a year are inferred from the feed's updated time (dates.ts). */
export function withYearReferenceOf(context: ReadContext, updated: string | null): ReadContext {
  const dates = withYearReference(context.dates, updated);
  return dates === context.dates ? context : { ...context, dates };
}

/**
 * The RSS channel and its items. `early` holds items the tree builder already handed over
 * (early-items.ts); the rest are read here.
 */
export function readRss(
  root: XmlElement,
  context: ReadContext,
  early: EarlyItems = NO_EARLY_ITEMS,
): ParsedFeed {
  // Usually <rss><channel>; some 0.9x feeds are rooted at <channel>.
  const channel = root.local === 'channel' ? root : (rssChild(root, 'channel') ?? root);
  const withLanguage: ReadContext = {
    ...context,
    dates: { ...context.dates, language: rssLanguage(channel) },
  };
  const items = rssChildren(channel, 'item');
  if (channel !== root) items.push(...rssChildren(root, 'item'));
  const fields = readRssChannel(channel, channel === root ? null : root, withLanguage);
  const itemContext = withYearReferenceOf(withLanguage, fields.updated);
  return {
    format: 'rss',
    ...fields,
    items: items.map((item) =>
      finishItem(early.get(item) ?? readPendingRssItem(item), itemContext.dates),
    ),
  };
}

import type { ParsedItem } from '../parse/parsed-feed.js';
import type { ContentSettings } from '../sources/feed-source.js';
import { isText, type Document } from 'domhandler';
import { cleanDocument } from './clean-html.js';
import { DEFAULT_CONTENT_SETTINGS } from './clean-rules.js';
import { cutText } from './cut-text.js';
import { displayText, withoutInvalidChars } from './display-text.js';
import { withoutSpacesBesideCjkPunctuation } from './cjk-punctuation-spacing.js';
import { collapseWhitespace } from './html-to-text.js';
import type { Item } from './item.js';
import { itemKey } from './item-key.js';
import { leadImage } from './lead-image.js';
import { parseItemHtml } from './parse-item-html.js';
import { readingMinutes } from './reading-time.js';
import { usableBaseUrl } from './safe-url.js';
import { sanitizeNodes, type SanitizedContent } from './sanitize-dom.js';

/** Length of `Item.excerpt`, in characters (a Han character counts one). */
export const EXCERPT_LENGTH = 140;
/** Length of a title made from the text when the item has none. */
export const FALLBACK_TITLE_LENGTH = 60;
export const UNTITLED = '(untitled)';

export interface PrepareContext {
  /** The URL the feed was read from, if any: the base for relative URLs when the item has no link. */
  baseUrl: string | null;
  /** The feed's cleaning rules and embed switch; absent = built-in rules, embeds on. */
  content?: ContentSettings;
  /** Told which cleaning steps removed something from this item (for reports and tests). */
  onCleaned?: (applied: string[]) => void;
}

/**
 * A parsed item → an Item ready to store and publish: key, cleaned and sanitised HTML, plain
 * text, excerpt, reading time, lead image. Cleaning runs first (its selectors need the feed's
 * own classes, which the sanitiser drops); the sanitiser has the last word on what is safe.
 * The HTML is parsed once: cleaning changes the tree, and one sanitising walk over it writes
 * the safe HTML and collects its text and images.
 */
export function prepareItem(parsed: ParsedItem, context: PrepareContext): Item {
  const settings = context.content ?? DEFAULT_CONTENT_SETTINGS;
  const base = usableBaseUrl(parsed.link) ?? usableBaseUrl(context.baseUrl);
  // The HTML's relative URLs (and so a lead image taken from it) resolve against the xml:base
  // in force on the element it came from, when the feed wrote one (RFC 4287 §5).
  const sourceBase = parsed.sourceBase ?? null;
  const htmlBase = usableBaseUrl(sourceBase) ?? base;
  const content = cleanAndSanitize(
    parsed.content ?? parsed.summary ?? '',
    htmlBase,
    settings,
    context,
  );
  const contentHtml = content.html;
  const text = withoutSpacesBesideCjkPunctuation(
    collapseWhitespace(withoutInvalidChars(content.rawText)),
  );
  const title = shownText(parsed.title ?? '');
  const author = shownText(parsed.author ?? '') || null;
  return {
    key: itemKey(parsed),
    title: title || (text ? displayText(cutText(text, FALLBACK_TITLE_LENGTH)) : UNTITLED),
    link: parsed.link,
    published: parsed.published,
    publishedText: parsed.publishedText,
    updated: parsed.updated,
    author,
    contentHtml,
    sourceHtml: parsed.sourceHtml ?? parsed.content ?? parsed.summary ?? '',
    ...(sourceBase !== null ? { sourceBase } : {}),
    excerpt: displayText(cutText(text, EXCERPT_LENGTH)),
    text,
    readingMinutes: readingMinutes(text),
    image: leadImage(parsed, content.images, base),
    categories: tidyCategories(parsed.categories),
  };
}

const NO_CONTENT: SanitizedContent = { html: '', rawText: '', images: [] };

function cleanAndSanitize(
  html: string,
  base: string | null,
  settings: ContentSettings,
  context: PrepareContext,
): SanitizedContent {
  if (html.trim() === '') return NO_CONTENT;
  const document = parseItemHtml(html);
  const applied = cleanDocument(document, settings);
  if (applied.length > 0) context.onCleaned?.(applied);
  trimEnds(document);
  return sanitizeNodes(document.children, base, { embeds: settings.embeds });
}

/**
 * Whitespace at either end of the item is not content (cleaning leaves line breaks where
 * blocks went): the text at its start and end is trimmed, as `cleanHtml(…).html` is.
 */
function trimEnds(document: Document): void {
  const nodes = document.children;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (!isText(node)) break;
    node.data = node.data.trimStart();
    if (node.data !== '') break;
  }
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (!isText(node)) break;
    node.data = node.data.trimEnd();
    if (node.data !== '') break;
  }
}

/**
 * A title, author or tag as shown beside other text on pages and in feeds: invalid characters
 * gone, whitespace collapsed, bidi embeddings closed (displayText).
 */
function shownText(text: string): string {
  return displayText(collapseWhitespace(withoutInvalidChars(text)));
}

/** Categories as shownText makes them, empties and repeats dropped, order kept. */
function tidyCategories(categories: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const category of categories) {
    const tidy = shownText(category);
    if (tidy !== '') seen.add(tidy);
  }
  return [...seen];
}

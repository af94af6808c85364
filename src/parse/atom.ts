import { authorDisplayName } from './authors.js';
import { parseDate } from './dates.js';
import { leadImage } from './lead-image.js';
import { NS } from './namespaces.js';
import type { Enclosure, ParsedFeed } from './parsed-feed.js';
import { NO_EARLY_ITEMS, finishItem, type EarlyItems, type PendingItem } from './pending-item.js';
import { collapseWhitespace, htmlToPlainText } from './plain-text.js';
import type { ReadContext } from './read-context.js';
import {
  explicitImages,
  lastChild,
  mediaDescription,
  mediaTitle,
  parseLength,
  trimmedText,
  withMediaContent,
  withYearReferenceOf,
} from './rss.js';
import { resolveUrl } from './urls.js';
import {
  attribute,
  childElements,
  firstChild,
  hasElementChildren,
  innerMarkup,
  textContent,
  writtenBase,
  type XmlElement,
} from './xml-tree.js';

/**
 * Atom 1.0 and 0.3. Elements are matched in the namespace of the root `<feed>` (Atom
 * 1.0, 0.3, or none for feeds that forgot the xmlns), so one reader serves all three.
 */

type TextKind = 'text' | 'html' | 'xhtml';

interface TextConstruct {
  kind: TextKind;
  value: string;
}

function decodeBase64(text: string): string {
  return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
}

/** The single element child, when the rest is only whitespace. */
function onlyChildElement(element: XmlElement): XmlElement | null {
  let found: XmlElement | null = null;
  for (const child of element.children) {
    if (typeof child === 'string') {
      if (child.trim() !== '') return null;
    } else if (found) {
      return null;
    } else {
      found = child;
    }
  }
  return found;
}

/** The markup inside an xhtml construct: the inner HTML of its wrapping `<div>`. */
function xhtmlMarkup(element: XmlElement): string {
  return innerMarkup(markupScope(element));
}

/**
 * The element whose xml:base is in force on a construct's markup: the construct, or the
 * `<div>` wrapping its xhtml (RFC 4287 §3.1.1.3: the div is not part of the content, but
 * an xml:base on it is in scope for all of it).
 */
function markupScope(element: XmlElement): XmlElement {
  const div = onlyChildElement(element);
  return div?.local === 'div' ? div : element;
}

/**
 * Reads an Atom text construct (title, subtitle, summary, content) with its type:
 * 1.0's text/html/xhtml, 0.3's MIME types and `mode` (xml, escaped, base64).
 */
function readTextConstruct(element: XmlElement | null): TextConstruct | null {
  if (!element) return null;
  const type = (attribute(element, 'type') ?? '').trim().toLowerCase();
  const mode = (attribute(element, 'mode') ?? '').trim().toLowerCase();
  let kind: TextKind;
  if (type === 'xhtml' || type === 'application/xhtml+xml') kind = 'xhtml';
  else if (type === 'html' || type === 'text/html') kind = 'html';
  // 0.3's mode="escaped" with no type is escaped HTML in practice.
  else if (type === '' && mode === 'escaped') kind = 'html';
  else if (type === '' || type === 'text' || type === 'text/plain') kind = 'text';
  else if (type.endsWith('+xml') || type.endsWith('/xml')) kind = 'xhtml';
  else kind = 'text';

  let value: string;
  if (mode === 'base64' || (kind === 'text' && type !== '' && !type.startsWith('text'))) {
    // 0.3's mode="base64", and 1.0's non-text media types, carry base64 data.
    const raw = textContent(element);
    value = mode === 'base64' || /^[A-Za-z0-9+/=\s]+$/.test(raw) ? decodeBase64(raw) : raw;
    if (mode === 'base64' && kind === 'xhtml') kind = 'html';
  } else if (kind === 'xhtml' || (mode === 'xml' && hasElementChildren(element))) {
    value = xhtmlMarkup(element);
    kind = 'xhtml';
  } else if (hasElementChildren(element)) {
    const wrapper = onlyChildElement(element);
    if (kind === 'html' && wrapper?.local === 'div' && !hasElementChildren(wrapper)) {
      // TypePad wraps escaped HTML in an xhtml div while saying type="html".
      value = textContent(wrapper);
    } else {
      // Markup placed inline without declaring it: read as the HTML it is.
      value = innerMarkup(element);
    }
    kind = 'html';
  } else {
    value = textContent(element);
  }
  return { kind, value };
}

function constructAsPlainText(construct: TextConstruct | null): string | null {
  if (!construct) return null;
  const text =
    construct.kind === 'text'
      ? collapseWhitespace(construct.value)
      : htmlToPlainText(construct.value);
  return text === '' ? null : text;
}

function constructAsHtml(construct: TextConstruct | null): string | null {
  if (!construct) return null;
  const value = construct.value.trim();
  return value === '' ? null : value;
}

function first<T>(...values: (T | null | undefined)[]): T | null {
  for (const value of values) if (value !== null && value !== undefined) return value;
  return null;
}

interface AtomNames {
  ns: string;
}

function links(element: XmlElement, names: AtomNames, rel: string): XmlElement[] {
  return childElements(element, names.ns, 'link').filter(
    (link) => (attribute(link, 'rel') ?? 'alternate').trim().toLowerCase() === rel,
  );
}

/** The alternate link, preferring an HTML one when several are given. */
function alternateLink(element: XmlElement, names: AtomNames): string | null {
  const alternates = links(element, names, 'alternate').filter((link) => attribute(link, 'href'));
  const html = alternates.find((link) => {
    const type = (attribute(link, 'type') ?? 'text/html').toLowerCase();
    return type === 'text/html' || type === 'application/xhtml+xml';
  });
  const chosen = html ?? alternates[0];
  if (!chosen) return null;
  return resolveUrl(attribute(chosen, 'href') ?? '', chosen.base);
}

/**
 * An entry with no alternate link whose id is an http(s) URL: the id is its permalink
 * (WordPress and many generators make it so), as an RSS permalink guid is — feedparser
 * reads it so too. A `tag:` or `urn:` id is no link.
 */
function idAsLink(id: string | null): string | null {
  return id !== null && /^https?:\/\/[^\s/]+\S*$/i.test(id) ? id : null;
}

function personName(person: XmlElement | null, names: AtomNames): string | null {
  if (!person) return null;
  const name = trimmedText(firstChild(person, names.ns, 'name'));
  if (name) return authorDisplayName(name);
  const email = trimmedText(firstChild(person, names.ns, 'email'));
  if (email) return email;
  // Some feeds write the name as the element's own text.
  return hasElementChildren(person) ? null : authorDisplayName(trimmedText(person));
}

/** Reads the last such child: a repeated date element overwrites the earlier one. */
function readDate(
  parent: XmlElement,
  ns: string,
  local: string,
  context: ReadContext,
): string | null {
  return parseDate(readDateText(parent, ns, local), context.dates);
}

function readDateText(parent: XmlElement, ns: string, local: string): string | null {
  return trimmedText(lastChild(parent, ns, local)) || null;
}

/** An entry read from its element alone; dates and the feed's author come later. */
export function readPendingEntry(entry: XmlElement, rootNs: string): PendingItem {
  const names: AtomNames = { ns: rootNs };
  const ns = names.ns;
  const contentElement = firstChild(entry, ns, 'content');
  // Out-of-line content (`src=`) has no body here.
  const content =
    contentElement && attribute(contentElement, 'src') && !hasElementChildren(contentElement)
      ? null
      : constructAsHtml(readTextConstruct(contentElement));
  const summaryElement = firstChild(entry, ns, 'summary');
  const summaryHtml = constructAsHtml(readTextConstruct(summaryElement));
  const summary = summaryHtml ?? mediaDescription(entry);
  // Where each came from: its relative URLs resolve against the xml:base in force there.
  const contentScope = contentElement && markupScope(contentElement);
  const summaryScope = summaryHtml !== null && summaryElement ? markupScope(summaryElement) : entry;
  const sourceBase =
    content !== null
      ? writtenBase(contentScope)
      : summary !== null
        ? writtenBase(summaryScope)
        : null;

  const linkedEnclosures: Enclosure[] = [];
  for (const link of links(entry, names, 'enclosure')) {
    const href = attribute(link, 'href');
    if (!href || href.trim() === '') continue;
    linkedEnclosures.push({
      url: resolveUrl(href, link.base),
      type: attribute(link, 'type')?.trim() || null,
      length: parseLength(attribute(link, 'length')),
    });
  }
  const enclosures = withMediaContent(entry, linkedEnclosures);

  const categories: string[] = [];
  for (const category of childElements(entry, ns, 'category')) {
    const term =
      attribute(category, 'term')?.trim() ||
      attribute(category, 'label')?.trim() ||
      trimmedText(category);
    if (term) categories.push(term);
  }
  for (const subject of childElements(entry, NS.dc, 'subject')) {
    const text = trimmedText(subject);
    if (text) categories.push(text);
  }

  const source = firstChild(entry, ns, 'source');
  const author = first(
    personName(firstChild(entry, ns, 'author'), names),
    source ? personName(firstChild(source, ns, 'author'), names) : null,
    authorDisplayName(trimmedText(firstChild(entry, NS.dc, 'creator'))),
  );

  const id = trimmedText(firstChild(entry, ns, 'id'));
  const publishedTexts = [
    readDateText(entry, ns, 'published'),
    readDateText(entry, ns, 'issued'),
    readDateText(entry, ns, 'created'),
    readDateText(entry, NS.dc, 'date'),
  ];
  return {
    item: {
      id,
      title:
        constructAsPlainText(readTextConstruct(firstChild(entry, ns, 'title'))) ??
        mediaTitle(entry),
      link: alternateLink(entry, names) ?? idAsLink(id),
      published: null,
      publishedText: first(...publishedTexts),
      updated: null,
      author,
      summary,
      content,
      ...(sourceBase !== null ? { sourceBase } : {}),
      categories,
      enclosures,
      image: leadImage(explicitImages(entry, enclosures), [content, summary], entry.base, [
        contentScope?.base ?? null,
        summaryScope.base,
      ]),
    },
    publishedTexts,
    updatedTexts: [readDateText(entry, ns, 'updated'), readDateText(entry, ns, 'modified')],
  };
}

/** The feed and its entries; `early` holds entries already read (early-items.ts). */
export function readAtom(
  root: XmlElement,
  context: ReadContext,
  early: EarlyItems = NO_EARLY_ITEMS,
): ParsedFeed {
  const names: AtomNames = { ns: root.ns };
  const ns = names.ns;
  const language = root.lang ?? trimmedText(firstChild(root, NS.dc, 'language'));
  const withLanguage: ReadContext = { ...context, dates: { ...context.dates, language } };

  const logo =
    trimmedText(firstChild(root, ns, 'logo')) ?? trimmedText(firstChild(root, ns, 'icon'));
  const logoElement = firstChild(root, ns, 'logo') ?? firstChild(root, ns, 'icon');
  const feedAuthor = personName(firstChild(root, ns, 'author'), names);
  const subtitle = readTextConstruct(
    firstChild(root, ns, 'subtitle') ?? firstChild(root, ns, 'tagline'),
  );

  const updated = first(
    readDate(root, ns, 'updated', withLanguage),
    readDate(root, ns, 'modified', withLanguage),
    readDate(root, NS.dc, 'date', withLanguage),
  );
  const itemContext = withYearReferenceOf(withLanguage, updated);
  return {
    format: 'atom',
    title: constructAsPlainText(readTextConstruct(firstChild(root, ns, 'title'))),
    link: alternateLink(root, names),
    description: constructAsPlainText(subtitle),
    language,
    updated,
    image: logo && logoElement ? resolveUrl(logo, logoElement.base) : null,
    items: childElements(root, ns, 'entry').map((entry) =>
      finishItem(early.get(entry) ?? readPendingEntry(entry, ns), itemContext.dates, feedAuthor),
    ),
  };
}

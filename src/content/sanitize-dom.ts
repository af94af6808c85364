import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import { BREAKS, SKIPPED } from './html-to-text.js';
import {
  ALLOWED_ATTRIBUTES,
  ALLOWED_SCHEMES,
  ALLOWED_SCHEMES_BY_TAG,
  ALLOWED_STYLES,
  ALLOWED_TAGS,
  BOOLEAN_ATTRIBUTES,
  DROPPED_WITH_CONTENT,
  embedAttributes,
  imageAttributes,
  linkAttributes,
  SELF_CLOSING,
  URL_ATTRIBUTES,
  type Attributes,
} from './sanitize-policy.js';

/**
 * The sanitiser as one walk over a parsed document (the tree cleaning already worked on):
 * the safe HTML, its plain text and its images come out of the same pass, so an item's HTML
 * is parsed once. It applies sanitize-policy.ts with sanitize-html's semantics for those
 * options (disallowed elements dropped but their text kept, except DROPPED_WITH_CONTENT;
 * links, images and players rewritten; attributes, URL schemes and styles allowlisted; an
 * image or player without a safe source dropped whole); test/content/sanitize-oracle.test.ts
 * compares the two. Nothing is written that was not checked: every element name comes from
 * the allowlist, every attribute value and text is escaped.
 */

export interface SanitizeOptions {
  /** Keep `<iframe>` players from the allowlist in video-embeds.ts (default true). */
  embeds?: boolean;
}

/** An `<img>` of the sanitised content, with what tells a picture from an icon. */
export interface ContentImage {
  src: string;
  alt: string | undefined;
  width: string | undefined;
  height: string | undefined;
}

export interface SanitizedContent {
  html: string;
  /** The text a reader sees, as `htmlToText(html)` reads it before collapsing whitespace. */
  rawText: string;
  images: ContentImage[];
}

const TAGS = new Set(ALLOWED_TAGS);
const DROPPED = new Set(DROPPED_WITH_CONTENT);
const SELF_CLOSING_TAGS = new Set(SELF_CLOSING);
const BOOLEAN = new Set(BOOLEAN_ATTRIBUTES);
const URL_ATTRIBUTE_NAMES = new Set(URL_ATTRIBUTES);
const GLOBAL = new Set(ALLOWED_ATTRIBUTES['*']);
const ATTRIBUTES = new Map(
  Object.entries(ALLOWED_ATTRIBUTES).map(([tag, names]) => [tag, new Set(names)]),
);
/** What an attribute name may not contain (it would end the name, the value or the tag). */
const VALID_ATTRIBUTE_NAME = /^[^\0\t\n\f\r /<=>]+$/;

export function sanitizeNodes(
  nodes: readonly AnyNode[],
  base: string | null,
  options: SanitizeOptions = {},
): SanitizedContent {
  const walk = new SanitizingWalk(base, options.embeds ?? true);
  walk.children(nodes, true);
  return { html: walk.html, rawText: walk.text, images: walk.images };
}

class SanitizingWalk {
  html = '';
  text = '';
  images: ContentImage[] = [];

  constructor(
    private readonly base: string | null,
    private readonly embeds: boolean,
  ) {}

  children(nodes: readonly AnyNode[], textShown: boolean): void {
    for (const node of nodes) {
      if (isText(node)) {
        this.html += escapeText(node.data);
        if (textShown) this.text += node.data;
      } else if (isTag(node)) {
        this.element(node, textShown);
      }
      // Comments, CDATA, doctypes and processing instructions never reach the output.
    }
  }

  private element(element: Element, textShown: boolean): void {
    const name = element.name;
    if (!(TAGS.has(name) || (name === 'iframe' && this.embeds))) {
      // Scripts, styles, foreign content…: gone with what is in them. Anything else unknown
      // (font, form, custom elements): the tag goes, its content stays.
      if (!DROPPED.has(name)) this.children(element.children, textShown);
      return;
    }
    const attribs = transformed(name, element.attribs, this.base);
    const attributes = allowedAttributes(name, attribs);
    // An image or player left without a safe source is dropped whole.
    if ((name === 'img' || name === 'iframe') && attributes.src === undefined) return;

    this.html += '<' + name;
    for (const [attribute, value] of Object.entries(attributes)) {
      this.html += ' ' + attribute;
      if (value !== '') this.html += '="' + escapeAttribute(value) + '"';
      else if (attribute === 'alt') this.html += '=""';
    }
    const breaks = textShown && BREAKS.has(name);
    if (breaks) this.text += ' ';
    if (name === 'img') {
      this.images.push({
        src: attributes.src!,
        alt: attributes.alt,
        width: attributes.width,
        height: attributes.height,
      });
    }
    if (SELF_CLOSING_TAGS.has(name)) {
      this.html += ' />';
    } else {
      this.html += '>';
      // A player's fallback content is never shown.
      if (name !== 'iframe') this.children(element.children, textShown && !SKIPPED.has(name));
      this.html += '</' + name + '>';
    }
    if (breaks) this.text += ' ';
  }
}

function transformed(name: string, attribs: Attributes, base: string | null): Attributes {
  if (name === 'a') return linkAttributes(attribs, base);
  if (name === 'img') return imageAttributes(attribs, base);
  if (name === 'iframe') return embedAttributes(attribs);
  return attribs;
}

/** The attributes that pass the allowlist, their checks and filters, in their order. */
function allowedAttributes(name: string, attribs: Attributes): Attributes {
  const allowed = ATTRIBUTES.get(name);
  const out: Attributes = {};
  for (const [attribute, raw] of Object.entries(attribs)) {
    if (!(GLOBAL.has(attribute) || allowed?.has(attribute))) continue;
    if (!VALID_ATTRIBUTE_NAME.test(attribute)) continue;
    let value = raw;
    // An empty value only means something for boolean attributes (and alt="").
    if (value === '' && attribute !== 'alt' && !BOOLEAN.has(attribute)) continue;
    if (URL_ATTRIBUTE_NAMES.has(attribute) && hasForbiddenScheme(name, value)) continue;
    // `srcset` is only allowed on <img>, whose attributes imageAttributes rebuilt: every
    // candidate there is already an absolute http(s) URL.
    if (attribute === 'style') {
      value = allowedStyle(value);
      if (value === '') continue;
    }
    out[attribute] = value;
  }
  return out;
}

/**
 * True when the URL names a scheme this element may not use, or is protocol-relative. What
 * browsers ignore in a URL (controls, spaces, `<!-- -->`) is ignored here too, so it cannot
 * hide a `javascript:`. Relative URLs pass (they were resolved against the base, if any).
 */
function hasForbiddenScheme(name: string, url: string): boolean {
  let href = url.replace(/[\x00-\x20]+/g, '');
  for (;;) {
    const open = href.indexOf('<!--');
    const close = open === -1 ? -1 : href.indexOf('-->', open + 4);
    if (close === -1) break;
    href = href.slice(0, open) + href.slice(close + 3);
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9.\-+]*):/.exec(href)?.[1];
  if (scheme === undefined) return /^[/\\]{2}/.test(href);
  return !(ALLOWED_SCHEMES_BY_TAG[name] ?? ALLOWED_SCHEMES).includes(scheme.toLowerCase());
}

const STYLE_RULES: Record<string, RegExp[]> = ALLOWED_STYLES['*'];

/**
 * A `style` value with only its allowed declarations, written `prop:value` and joined by `;`;
 * '' when none is left. Comments go first; a declaration holding anything but a plain value
 * (quotes, escapes, braces) can never match the allowed values, so a simple split is enough.
 */
function allowedStyle(style: string): string {
  const kept: string[] = [];
  for (const declaration of style.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '').split(';')) {
    const colon = declaration.indexOf(':');
    if (colon === -1) continue;
    const property = declaration.slice(0, colon).trim();
    let value = declaration.slice(colon + 1).trim();
    const important = /\s*!\s*important$/i.exec(value);
    if (important) value = value.slice(0, important.index).trim();
    const rules = Object.hasOwn(STYLE_RULES, property) ? STYLE_RULES[property] : undefined;
    if (rules?.some((rule) => rule.test(value))) {
      kept.push(`${property}:${value}${important ? ' !important' : ''}`);
    }
  }
  return kept.join(';');
}

function escapeText(text: string): string {
  if (!/[&<>]/.test(text)) return text;
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

import { NS, WELL_KNOWN_PREFIXES, canonicalNamespace } from './namespaces.js';
import { isMisspelledEndTag } from './misspelled-end-tag.js';
import { isAbsoluteUrl, resolveBase } from './urls.js';
import { valueUnderNestedBase } from './nested-base-urls.js';
import type { TextWindows } from './feed-text.js';
import { tokenizeXml, type RawAttribute } from './xml-tokenizer.js';

/**
 * A small namespace-aware element tree over the lenient tokenizer. Feed readers need
 * random access (the first `<title>` child, whatever its position), so a tree is simpler
 * than streaming. It need not hold the whole document at once: BuildOptions.onElementEnd
 * lets the readers take each item as it closes and drop its subtree (early-items.ts).
 */

export interface XmlAttribute {
  /** As written, e.g. `rdf:resource`. */
  name: string;
  local: string;
  ns: string;
  value: string;
}

export interface XmlElement {
  /** The qualified name as written, e.g. `content:encoded`. */
  name: string;
  local: string;
  /** Canonical namespace URI ('' for none; `undeclared:<prefix>` for an unknown prefix). */
  ns: string;
  attributes: XmlAttribute[];
  children: XmlNode[];
  parent: XmlElement | null;
  /** The xml:base in force here (already resolved), else the document URL. */
  base: string | null;
  /**
   * True when `base` comes from an xml:base written on this element or an ancestor, false
   * when it is only the document URL: content HTML resolves against a written one first.
   */
  baseWritten: boolean;
  /** The xml:lang in force here. */
  lang: string | null;
  /** Prefixes declared on this element (prefix '' is the default namespace). */
  declarations: Map<string, string> | null;
}

export type XmlNode = XmlElement | string;

export interface XmlDocument {
  root: XmlElement | null;
}

export interface BuildOptions {
  baseUrl?: string | undefined;
  onWarning?: ((message: string) => void) | undefined;
  /**
   * Told when an element at depth 1–3 (the root is 1) is complete: its end tag (or an
   * ancestor's) was read, or it closed itself. Feed readers use it to read each item
   * while it is fresh and then drop its subtree (early-items.ts). Elements still open
   * when the document ends are not reported.
   */
  onElementEnd?: ((element: XmlElement, depth: number) => void) | undefined;
}

/** Elements deeper than this are never reported to onElementEnd: items sit at 2 or 3. */
const REPORTED_DEPTH = 3;

function prefixOf(name: string, colon: number): string {
  return colon === -1 ? '' : name.slice(0, colon);
}

function localOf(name: string, colon: number): string {
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Prefix → namespace in force; shared by descendants until one declares its own. */
type Scope = ReadonlyMap<string, string>;

function lookupPrefix(prefix: string, scope: Scope): string {
  const declared = scope.get(prefix);
  if (declared !== undefined) return declared;
  if (prefix === '') return '';
  return WELL_KNOWN_PREFIXES.get(prefix.toLowerCase()) ?? `undeclared:${prefix}`;
}

/** Deeper nesting than this is tag soup (or an attack); it is flattened, not recursed. */
const MAX_DEPTH = 256;

/** `xml` whole, or in windows (feed-text.ts): see tokenizeXml. */
export function buildXmlTree(xml: string | TextWindows, options: BuildOptions = {}): XmlDocument {
  const warn = (message: string): void => options.onWarning?.(message);
  const stack: XmlElement[] = [];
  const scopes: Scope[] = [new Map()];
  let root: XmlElement | null = null;
  let warnedDepth = false;
  let done = false;
  const onElementEnd = options.onElementEnd;

  tokenizeXml(xml, {
    warn,
    openTag(name: string, raw: RawAttribute[], selfClosing: boolean) {
      if (done) return;
      if (stack.length >= MAX_DEPTH) {
        if (!warnedDepth) warn(`elements nested deeper than ${MAX_DEPTH} levels were flattened`);
        warnedDepth = true;
        return;
      }
      const parent = stack[stack.length - 1] ?? null;
      const element: XmlElement = {
        name,
        local: '',
        ns: '',
        attributes: [],
        children: [],
        parent,
        base: parent ? parent.base : (options.baseUrl ?? null),
        baseWritten: parent ? parent.baseWritten : false,
        lang: parent ? parent.lang : null,
        declarations: null,
      };
      for (const attribute of raw) {
        if (attribute.name === 'xmlns') {
          (element.declarations ??= new Map()).set('', canonicalNamespace(attribute.value));
        } else if (attribute.name.startsWith('xmlns:')) {
          (element.declarations ??= new Map()).set(
            attribute.name.slice(6),
            canonicalNamespace(attribute.value),
          );
        }
      }
      let scope = scopes[scopes.length - 1] as Scope;
      if (element.declarations) scope = new Map([...scope, ...element.declarations]);
      const colon = name.indexOf(':');
      element.local = localOf(name, colon);
      element.ns = lookupPrefix(prefixOf(name, colon), scope);
      for (const attribute of raw) {
        const attrColon = attribute.name.indexOf(':');
        const attrPrefix = prefixOf(attribute.name, attrColon);
        const attrLocal = localOf(attribute.name, attrColon);
        if (attrPrefix === 'xmlns' || attribute.name === 'xmlns') continue;
        const ns = attrPrefix === '' ? '' : lookupPrefix(attrPrefix, scope);
        element.attributes.push({
          name: attribute.name,
          local: attrLocal,
          ns,
          value: attribute.value,
        });
        if (ns === NS.xml && attrLocal === 'base') {
          element.base = resolveBase(attribute.value, element.base);
          element.baseWritten = true;
        } else if (ns === NS.xml && attrLocal === 'lang') {
          element.lang = attribute.value.trim() || null;
        }
      }
      if (parent) parent.children.push(element);
      else if (root === null) root = element;
      else return; // a second root element: ignore
      if (selfClosing) {
        if (onElementEnd && stack.length < REPORTED_DEPTH) onElementEnd(element, stack.length + 1);
        if (!parent) done = true;
      } else {
        stack.push(element);
        scopes.push(scope);
      }
    },
    closeTag(name: string) {
      if (done) return;
      let k = stack.length - 1;
      while (k >= 0 && stack[k]?.name !== name) k--;
      if (k < 0) {
        // Tag soup from embedded HTML may differ in case; as a last resort match loosely.
        const lower = name.toLowerCase();
        k = stack.length - 1;
        while (k >= 0 && stack[k]?.name.toLowerCase() !== lower) k--;
      }
      if (k < 0) {
        // A misspelled end tag (`<title>x</titel>`) ends the element it was meant for;
        // any other end tag that matches no open element is stray and ignored. The root
        // is never ended this way.
        k = stack.length - 1;
        while (k >= 1 && !isMisspelledEndTag((stack[k] as XmlElement).name, name)) k--;
        if (k < 1) return;
        warn(`end tag </${name}> read as the end of <${(stack[k] as XmlElement).name}>`);
      }
      if (onElementEnd && k < REPORTED_DEPTH) {
        // Innermost first, as if each had its own end tag.
        for (let depth = Math.min(stack.length, REPORTED_DEPTH); depth > k; depth--) {
          onElementEnd(stack[depth - 1] as XmlElement, depth);
        }
      }
      if (k === stack.length - 1) {
        // The well-formed case: pop, which is cheaper than setting the length.
        stack.pop();
        scopes.pop();
      } else {
        stack.length = k;
        scopes.length = k + 1;
      }
      if (k === 0) done = true;
    },
    text(value: string) {
      if (done) return;
      const parent = stack[stack.length - 1];
      if (!parent || value === '') return;
      const children = parent.children;
      const last = children.length - 1;
      if (last >= 0 && typeof children[last] === 'string') {
        children[last] += value;
      } else {
        children.push(value);
      }
    },
  });

  if (stack.length > 0) {
    warn(
      `document is truncated: closed ${stack.length} open element(s) at the end (<${stack
        .map((element) => element.name)
        .join('>, <')}>)`,
    );
  }
  return { root };
}

/**
 * The xml:base in force on the element when the document wrote one there or above it, as an
 * absolute URL; null when none was written (the document URL alone) or it stayed relative.
 */
export function writtenBase(element: XmlElement | null): string | null {
  if (element === null || !element.baseWritten || element.base === null) return null;
  return isAbsoluteUrl(element.base) ? element.base : null;
}

/** Value of the attribute `local` in namespace `ns` (unprefixed attributes have ns ''). */
export function attribute(element: XmlElement, local: string, ns = ''): string | null {
  for (const attr of element.attributes) {
    if (attr.local === local && attr.ns === ns) return attr.value;
  }
  // Attribute names are case-sensitive in XML, but feeds write `isPermalink`, `HREF`, …
  const lower = local.toLowerCase();
  for (const attr of element.attributes) {
    if (attr.ns === ns && attr.local.toLowerCase() === lower) return attr.value;
  }
  return null;
}

export type NamespaceMatch = string | ReadonlySet<string>;

function inNamespace(element: XmlElement, ns: NamespaceMatch): boolean {
  return typeof ns === 'string' ? element.ns === ns : ns.has(element.ns);
}

export function childElements(
  element: XmlElement,
  ns: NamespaceMatch,
  local: string,
): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child !== 'string' && child.local === local && inNamespace(child, ns)) {
      found.push(child);
    }
  }
  return found;
}

export function firstChild(
  element: XmlElement,
  ns: NamespaceMatch,
  local: string,
): XmlElement | null {
  for (const child of element.children) {
    if (typeof child !== 'string' && child.local === local && inNamespace(child, ns)) return child;
  }
  return null;
}

export function hasElementChildren(element: XmlElement): boolean {
  return element.children.some((child) => typeof child !== 'string');
}

/** All character data below the element, in document order. */
export function textContent(element: XmlElement): string {
  const { children } = element;
  if (children.length === 1 && typeof children[0] === 'string') return children[0];
  const parts: string[] = [];
  const collect = (node: XmlElement): void => {
    for (const child of node.children) {
      if (typeof child === 'string') parts.push(child);
      else collect(child);
    }
  };
  collect(element);
  return parts.join('');
}

const VOID_ELEMENTS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source',
  'track', 'wbr',
]); // prettier-ignore

export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttribute(text: string): string {
  return text.replace(/[&"]/g, (c) => (c === '&' ? '&amp;' : '&quot;'));
}

/**
 * The element's children written back as markup: for HTML that a feed embedded without
 * escaping (RSS descriptions, Atom xhtml content). XHTML prefixes are dropped.
 */
export function innerMarkup(element: XmlElement): string {
  const parts: string[] = [];
  // Elements under an xml:base of their own get their URLs resolved here (nested-base-urls.ts).
  const scopeBase = element.base;
  const write = (node: XmlElement): void => {
    for (const child of node.children) {
      if (typeof child === 'string') {
        parts.push(escapeHtml(child));
        continue;
      }
      const tag = child.ns === NS.xhtml ? child.local : child.name;
      parts.push('<', tag);
      const ownBase = child.base !== scopeBase;
      for (const attr of child.attributes) {
        const value = ownBase
          ? valueUnderNestedBase(attr.local, attr.value, child.base)
          : attr.value;
        parts.push(' ', attr.name, '="', escapeAttribute(value), '"');
      }
      parts.push('>');
      const isVoid = VOID_ELEMENTS.has(child.local.toLowerCase());
      write(child);
      // Unclosed void tags (`<br>` in tag soup) adopted the text after them; no end tag.
      if (!isVoid) parts.push('</', tag, '>');
    }
  };
  write(element);
  return parts.join('');
}

import { resolveUrl } from './urls.js';

/** Attributes of embedded HTML that hold one URL. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite', 'action', 'background']);

const WEB_BASE = /^https?:\/\//i;

/**
 * An attribute value of an element inside embedded HTML (Atom xhtml content, an RSS
 * description written as markup) whose xml:base differs from the one in force on the whole
 * HTML: its relative URLs resolve against its own base here, since the content stage only
 * knows the base of the whole (ParsedItem.sourceBase). A base that is not a web address is
 * not used; the value is left for the content stage.
 */
export function valueUnderNestedBase(name: string, value: string, base: string | null): string {
  if (base === null || !WEB_BASE.test(base)) return value;
  const attribute = name.toLowerCase();
  if (URL_ATTRIBUTES.has(attribute)) return resolveUrl(value, base) || value;
  if (attribute === 'srcset') return resolveSrcset(value, base);
  return value;
}

/** `a.png 1x, b.png 2x`: each candidate's URL resolved, its descriptor kept. */
function resolveSrcset(value: string, base: string): string {
  return value
    .split(',')
    .map((candidate) => {
      const match = /^(\s*)(\S+)(.*)$/s.exec(candidate);
      if (!match) return candidate;
      return `${match[1]}${resolveUrl(match[2]!, base) || match[2]}${match[3]}`;
    })
    .join(',');
}

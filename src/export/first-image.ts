import { Parser } from 'htmlparser2';
import { shallowHtml } from '../content/parse-item-html.js';

/**
 * The `src` of the first `<img>` as an HTML parser sees it (images inside comments, scripts
 * or styles do not count), entities decoded: the old script's `headimg`/`thumbnail`.
 * Null when no `<img>` has a non-empty `src`.
 */
export function firstImageSource(html: string): string | null {
  if (!/<img/i.test(html)) return null;
  let found: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (found !== null || name !== 'img') return;
        const src = attributes.src;
        if (src !== undefined && src !== '') {
          found = src;
          parser.pause();
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  // The feed's own HTML: a million nested elements would take htmlparser2 hours.
  parser.end(shallowHtml(html));
  return found;
}

import { dateScalar, plainScalar, quotedScalar, titleScalar } from './front-matter-scalar.js';
import { hexoTitle } from './hexo-title.js';

/**
 * Which generation of the old script's post layout to write: `current` (2019 on, with
 * `headimg:`) or `2018` (categories indented by four spaces, an empty line for `headimg:`).
 */
export type HexoTemplate = 'current' | '2018';

/** What one post is made of, already resolved from the item and its feed. */
export interface HexoPostInput {
  /** The item title as stored (the old rules are applied here). */
  title: string;
  /** Category, site and feed headings, in that order. */
  categories: [string, string, string];
  /** The first image of the item's HTML, or the placeholder. */
  image: string;
  author: string;
  /** The date string as the feed wrote it, or the stand-in for an item without one. */
  date: string;
  /** The item's HTML exactly as the feed gave it. */
  html: string;
}

/** A departure from the old script's bytes, made because its output would be wrong. */
export type PostFix = 'title-quoting' | 'image-quoting' | 'heading-quoting' | 'date-quoting';

export interface HexoPost {
  text: string;
  fixes: PostFix[];
}

/**
 * The post exactly as the old script wrote it (fixture README, "The post format"): a blank
 * first line, front matter in its key order with its trailing spaces, the body wrapped in a
 * `<div>`, no final newline, and every `{`/`}` written as `&#123;`/`&#125;`.
 */
export function renderHexoPost(input: HexoPostInput, template: HexoTemplate = 'current'): HexoPost {
  const fixes = new Set<PostFix>();
  const use = (scalar: { text: string; fixed: boolean }, fix: PostFix): string => {
    if (scalar.fixed) fixes.add(fix);
    return scalar.text;
  };
  const title = use(titleScalar(escapeBraces(hexoTitle(input.title))), 'title-quoting');
  const [category, site, feed] = input.categories.map((heading) =>
    use(plainScalar(escapeBraces(heading)), 'heading-quoting'),
  ) as [string, string, string];
  const image = use(quotedScalar(escapeBraces(input.image)), 'image-quoting');
  const author = use(plainScalar(escapeBraces(input.author)), 'heading-quoting');
  const date = use(dateScalar(escapeBraces(input.date)), 'date-quoting');
  const indent = template === '2018' ? '    ' : ' ';
  const lines = [
    '',
    '---',
    `title: ${title}`,
    'categories: ',
    `${indent}- ${category}`,
    `${indent}- ${site}`,
    `${indent}- ${feed}`,
    template === '2018' ? '' : `headimg: ${image}`,
    `author: ${author}`,
    'comments: false',
    `date: ${date}`,
    `thumbnail: ${image}`,
    '---',
    '',
    '<div>   ',
    `${escapeBraces(input.html)}  `,
    '</div>',
    '            ',
  ];
  return { text: lines.join('\n'), fixes: [...fixes] };
}

/** Braces would start Hexo's Nunjucks tags (`{{ }}`, `{% %}`); the old script escaped them all. */
function escapeBraces(text: string): string {
  return text.replace(/\{/g, '&#123;').replace(/\}/g, '&#125;');
}

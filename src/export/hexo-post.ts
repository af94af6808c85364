import {
  dateScalar,
  plainScalar,
  quotedScalar,
  type Scalar,
  scalarValue,
  titleScalar,
} from './front-matter-scalar.js';
import { hexoTitle } from './hexo-title.js';
import { type FrontMatterValues, postValuesDigest } from './post-values.js';

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
  /** `postValuesDigest` of the post: the same after a plugin re-serialises its front matter. */
  valuesSha256: string;
}

/**
 * The post exactly as the old script wrote it (fixture README, "The post format"): a blank
 * first line, front matter in its key order with its trailing spaces, the body wrapped in a
 * `<div>`, no final newline, and every `{`/`}` written as `&#123;`/`&#125;`.
 */
export function renderHexoPost(input: HexoPostInput, template: HexoTemplate = 'current'): HexoPost {
  const fixes = new Set<PostFix>();
  // Each value as written, and as a YAML reader gets it back (for valuesSha256).
  const use = (raw: string, scalar: Scalar, fix: PostFix): Written => {
    if (scalar.fixed) fixes.add(fix);
    return { text: scalar.text, value: scalarValue(raw, scalar) };
  };
  const plain = (raw: string, fix: PostFix): Written => use(raw, plainScalar(raw), fix);
  const titleText = escapeBraces(hexoTitle(input.title));
  const title = use(titleText, titleScalar(titleText), 'title-quoting');
  const categories = input.categories.map((heading) =>
    plain(escapeBraces(heading), 'heading-quoting'),
  ) as [Written, Written, Written];
  const imageText = escapeBraces(input.image);
  const image = use(imageText, quotedScalar(imageText), 'image-quoting');
  const author = plain(escapeBraces(input.author), 'heading-quoting');
  const dateText = escapeBraces(input.date);
  const date = use(dateText, dateScalar(dateText), 'date-quoting');
  const indent = template === '2018' ? '    ' : ' ';
  const header = [
    '',
    '---',
    `title: ${title.text}`,
    'categories: ',
    ...categories.map((category) => `${indent}- ${category.text}`),
    template === '2018' ? '' : `headimg: ${image.text}`,
    `author: ${author.text}`,
    'comments: false',
    `date: ${date.text}`,
    `thumbnail: ${image.text}`,
    '---',
  ];
  const body = ['', '<div>   ', `${escapeBraces(input.html)}  `, '</div>', '            '].join(
    '\n',
  );
  const values: FrontMatterValues = {
    title: title.value,
    categories: categories.map((category) => category.value),
    ...(template === '2018' ? {} : { headimg: image.value }),
    author: author.value,
    comments: 'false',
    date: date.value,
    thumbnail: image.value,
  };
  return {
    text: `${header.join('\n')}\n${body}`,
    fixes: [...fixes],
    valuesSha256: postValuesDigest(values, body),
  };
}

/** A front-matter value as written, and as a YAML reader gets it back. */
interface Written {
  text: string;
  value: string;
}

/** Braces would start Hexo's Nunjucks tags (`{{ }}`, `{% %}`); the old script escaped them all. */
function escapeBraces(text: string): string {
  return text.replace(/\{/g, '&#123;').replace(/\}/g, '&#125;');
}

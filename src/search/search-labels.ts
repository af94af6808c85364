/** The search interface's words, in the site's language (Chinese or English), like site/labels.ts. */
export interface SearchLabels {
  search: string;
  /** Name of the header's search landmark (the search page has a second one, its own form). */
  siteSearch: string;
  heading: string;
  placeholder: string;
  submit: string;
  /** Status messages; {n} is the number of results, {q} the query. */
  empty: string;
  searching: string;
  results: string;
  none: string;
  failed: string;
  more: string;
  noScript: string;
}

const zh: SearchLabels = {
  search: '搜索',
  siteSearch: '站内搜索',
  heading: '搜索',
  placeholder: '搜索标题和正文',
  submit: '搜索',
  empty: '输入关键词开始搜索。',
  searching: '正在搜索“{q}”…',
  results: '“{q}”共 {n} 条结果',
  none: '没有找到与“{q}”相关的内容。',
  failed: '搜索索引加载失败，请稍后重试。',
  more: '更多结果',
  noScript: '搜索在浏览器中运行，需要启用 JavaScript。',
};

const en: SearchLabels = {
  search: 'Search',
  siteSearch: 'Search this site',
  heading: 'Search',
  placeholder: 'Search titles and text',
  submit: 'Search',
  empty: 'Type words to search for.',
  searching: 'Searching for “{q}”…',
  results: '{n} results for “{q}”',
  none: 'Nothing found for “{q}”.',
  failed: 'The search index could not be loaded. Please try again later.',
  more: 'More results',
  noScript: 'Search runs in your browser and needs JavaScript.',
};

/** Chinese for `zh*` languages, English otherwise. */
export function searchLabelsFor(language: string): SearchLabels {
  return language.toLowerCase().startsWith('zh') ? zh : en;
}

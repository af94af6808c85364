import { wordsFor } from '../site/chinese-script.js';

/**
 * The search interface's words, in the site's language (Chinese, Simplified or Traditional, or
 * English), like site/labels.ts.
 */
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

const zhHant: SearchLabels = {
  search: '搜尋',
  siteSearch: '站內搜尋',
  heading: '搜尋',
  placeholder: '搜尋標題和內文',
  submit: '搜尋',
  empty: '輸入關鍵字開始搜尋。',
  searching: '正在搜尋「{q}」…',
  results: '「{q}」共 {n} 筆結果',
  none: '沒有找到與「{q}」相關的內容。',
  failed: '搜尋索引載入失敗，請稍後再試。',
  more: '更多結果',
  noScript: '搜尋在瀏覽器中執行，需要啟用 JavaScript。',
};

/** Chinese for `zh*` languages (Traditional or Simplified, chinese-script.ts), else English. */
export function searchLabelsFor(language: string): SearchLabels {
  return wordsFor(language, { hans: zh, hant: zhHant, en });
}

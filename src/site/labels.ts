import { wordsFor } from './chinese-script.js';

/**
 * The words of the site's own interface, in the site's language: Chinese (Simplified or
 * Traditional) or English.
 */
export interface Labels {
  skipToContent: string;
  home: string;
  categories: string;
  archives: string;
  health: string;
  subscribe: string;
  subscriptions: string;
  breadcrumb: string;
  mainNav: string;
  pagination: string;
  newer: string;
  older: string;
  latest: string;
  page: (n: number) => string;
  itemCount: (n: number) => string;
  feedCount: (n: number) => string;
  siteCount: (n: number) => string;
  readingTime: (minutes: number) => string;
  month: (year: number, month: number) => string;
  day: (year: number, month: number, day: number) => string;
  noItems: string;
  readOriginal: string;
  author: string;
  source: string;
  published: string;
  updated: string;
  previousItem: string;
  nextItem: string;
  moreFromFeed: string;
  feedHome: string;
  lastError: string;
  feed: string;
  lastSuccess: string;
  failuresInRow: string;
  items: string;
  never: string;
  healthy: (ok: number, total: number) => string;
  gone: string;
  notFoundTitle: string;
  notFoundText: string;
  uncategorized: string;
  untitled: string;
  /** Names a link whose only content is images without alt text (where it goes: its host). */
  imageLink: (host: string) => string;
  builtWith: string;
}

const zh: Labels = {
  skipToContent: '跳到正文',
  home: '首页',
  categories: '分类',
  archives: '归档',
  health: '订阅源状态',
  subscribe: '订阅',
  subscriptions: '订阅列表（OPML）',
  breadcrumb: '位置',
  mainNav: '主导航',
  pagination: '分页',
  newer: '较新',
  older: '较早',
  latest: '最新',
  page: (n) => `第 ${n} 页`,
  itemCount: (n) => `${n} 条`,
  feedCount: (n) => `${n} 个源`,
  siteCount: (n) => `${n} 个站点`,
  readingTime: (minutes) => `约 ${minutes} 分钟读完`,
  month: (year, month) => `${year} 年 ${month} 月`,
  day: (year, month, day) => `${year} 年 ${month} 月 ${day} 日`,
  noItems: '暂无内容。',
  readOriginal: '阅读原文',
  author: '作者',
  source: '来源',
  published: '发布于',
  updated: '更新于',
  previousItem: '上一篇',
  nextItem: '下一篇',
  moreFromFeed: '同一来源',
  feedHome: '源站',
  lastError: '最近一次抓取失败',
  feed: '订阅源',
  lastSuccess: '最近成功',
  failuresInRow: '连续失败',
  items: '条目',
  never: '从未',
  healthy: (ok, total) => `${total} 个源中 ${ok} 个正常`,
  gone: '已下线（410）',
  notFoundTitle: '找不到这个页面',
  notFoundText: '这个地址没有内容。它可能已被移走，或者链接有误。',
  uncategorized: '未分类',
  untitled: '（无标题）',
  imageLink: (host) => (host ? `图片链接（${host}）` : '图片链接'),
  builtWith: '由 Tidings 生成',
};

const en: Labels = {
  skipToContent: 'Skip to content',
  home: 'Home',
  categories: 'Categories',
  archives: 'Archives',
  health: 'Feed health',
  subscribe: 'Subscribe',
  subscriptions: 'Subscriptions (OPML)',
  breadcrumb: 'Breadcrumb',
  mainNav: 'Main',
  pagination: 'Pages',
  newer: 'Newer',
  older: 'Older',
  latest: 'Latest',
  page: (n) => `Page ${n}`,
  itemCount: (n) => (n === 1 ? '1 item' : `${n.toLocaleString('en')} items`),
  feedCount: (n) => (n === 1 ? '1 feed' : `${n.toLocaleString('en')} feeds`),
  siteCount: (n) => (n === 1 ? '1 site' : `${n.toLocaleString('en')} sites`),
  readingTime: (minutes) => `${minutes} min read`,
  month: (year, month) =>
    `${new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' })} ${year}`,
  day: (year, month, day) =>
    `${new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' })} ${day}, ${year}`,
  noItems: 'Nothing here yet.',
  readOriginal: 'Read the original',
  author: 'Author',
  source: 'Source',
  published: 'Published',
  updated: 'Updated',
  previousItem: 'Previous',
  nextItem: 'Next',
  moreFromFeed: 'From the same feed',
  feedHome: 'Website',
  lastError: 'The last fetch failed',
  feed: 'Feed',
  lastSuccess: 'Last success',
  failuresInRow: 'Failures in a row',
  items: 'Items',
  never: 'never',
  healthy: (ok, total) => `${ok} of ${total} feeds healthy`,
  gone: 'Gone (410)',
  notFoundTitle: 'Page not found',
  notFoundText: 'There is nothing at this address. It may have moved, or the link is wrong.',
  uncategorized: 'Uncategorized',
  untitled: '(untitled)',
  imageLink: (host) => (host ? `Image link (${host})` : 'Image link'),
  builtWith: 'Built with Tidings',
};

/** Traditional Chinese, for Taiwan, Hong Kong and Macau (chinese-script.ts). */
const zhHant: Labels = {
  skipToContent: '跳到正文',
  home: '首頁',
  categories: '分類',
  archives: '歸檔',
  health: '訂閱源狀態',
  subscribe: '訂閱',
  subscriptions: '訂閱列表（OPML）',
  breadcrumb: '位置',
  mainNav: '主導覽',
  pagination: '分頁',
  newer: '較新',
  older: '較早',
  latest: '最新',
  page: (n) => `第 ${n} 頁`,
  itemCount: (n) => `${n} 則`,
  feedCount: (n) => `${n} 個來源`,
  siteCount: (n) => `${n} 個網站`,
  readingTime: (minutes) => `約 ${minutes} 分鐘讀完`,
  month: (year, month) => `${year} 年 ${month} 月`,
  day: (year, month, day) => `${year} 年 ${month} 月 ${day} 日`,
  noItems: '暫無內容。',
  readOriginal: '閱讀原文',
  author: '作者',
  source: '來源',
  published: '發布於',
  updated: '更新於',
  previousItem: '上一篇',
  nextItem: '下一篇',
  moreFromFeed: '同一來源',
  feedHome: '來源網站',
  lastError: '最近一次抓取失敗',
  feed: '訂閱源',
  lastSuccess: '最近成功',
  failuresInRow: '連續失敗',
  items: '條目',
  never: '從未',
  healthy: (ok, total) => `${total} 個來源中 ${ok} 個正常`,
  gone: '已下線（410）',
  notFoundTitle: '找不到這個頁面',
  notFoundText: '這個網址沒有內容。它可能已被移走，或者連結有誤。',
  uncategorized: '未分類',
  untitled: '（無標題）',
  imageLink: (host) => (host ? `圖片連結（${host}）` : '圖片連結'),
  builtWith: '由 Tidings 產生',
};

/** Chinese for `zh*` languages (Traditional or Simplified, chinese-script.ts), else English. */
export function labelsFor(language: string): Labels {
  return wordsFor(language, { hans: zh, hant: zhHant, en });
}

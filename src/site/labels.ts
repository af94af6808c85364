/** The words of the site's own interface, in the site's language (Chinese or English). */
export interface Labels {
  skipToContent: string;
  home: string;
  categories: string;
  atomFeed: string;
  breadcrumb: string;
  pagination: string;
  newer: string;
  older: string;
  page: (n: number) => string;
  itemCount: (n: number) => string;
  feedCount: (n: number) => string;
  readingTime: (minutes: number) => string;
  noItems: string;
  readOriginal: string;
  author: string;
  source: string;
  published: string;
  updated: string;
  lastUpdated: string;
  lastError: string;
  feedHome: string;
  latest: string;
  uncategorized: string;
  untitled: string;
  builtWith: string;
}

const zh: Labels = {
  skipToContent: '跳到正文',
  home: '首页',
  categories: '分类',
  atomFeed: '订阅',
  breadcrumb: '位置',
  pagination: '分页',
  newer: '较新',
  older: '较早',
  page: (n) => `第 ${n} 页`,
  itemCount: (n) => `${n} 条`,
  feedCount: (n) => `${n} 个源`,
  readingTime: (minutes) => `约 ${minutes} 分钟读完`,
  noItems: '暂无内容。',
  readOriginal: '阅读原文',
  author: '作者',
  source: '来源',
  published: '发布于',
  updated: '更新于',
  lastUpdated: '最近更新',
  lastError: '最近一次抓取失败',
  feedHome: '源站',
  latest: '最新',
  uncategorized: '未分类',
  untitled: '（无标题）',
  builtWith: '由 Tidings 生成',
};

const en: Labels = {
  skipToContent: 'Skip to content',
  home: 'Home',
  categories: 'Categories',
  atomFeed: 'Atom feed',
  breadcrumb: 'Breadcrumb',
  pagination: 'Pages',
  newer: 'Newer',
  older: 'Older',
  page: (n) => `Page ${n}`,
  itemCount: (n) => (n === 1 ? '1 item' : `${n.toLocaleString('en')} items`),
  feedCount: (n) => (n === 1 ? '1 feed' : `${n} feeds`),
  readingTime: (minutes) => `${minutes} min read`,
  noItems: 'Nothing here yet.',
  readOriginal: 'Read the original',
  author: 'Author',
  source: 'Source',
  published: 'Published',
  updated: 'Updated',
  lastUpdated: 'Last updated',
  lastError: 'The last fetch failed',
  feedHome: 'Website',
  latest: 'Latest',
  uncategorized: 'Uncategorized',
  untitled: '(untitled)',
  builtWith: 'Built with Tidings',
};

/** Chinese for `zh*` languages, English otherwise. */
export function labelsFor(language: string): Labels {
  return language.toLowerCase().startsWith('zh') ? zh : en;
}

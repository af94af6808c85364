/**
 * RSSHub's category slugs (route metadata `categories`) with the headings its documentation
 * gives them: English, and the Chinese ones the old docs used (and so the old configs and
 * Hexo category folders: 二次元, 金融, 新媒体, 社交媒体, …).
 */
export const RSSHUB_CATEGORIES: Record<string, { en: string; zh: string }> = {
  popular: { en: 'Popular', zh: '热门' },
  'social-media': { en: 'Social Media', zh: '社交媒体' },
  'new-media': { en: 'New Media', zh: '新媒体' },
  'traditional-media': { en: 'Traditional Media', zh: '传统媒体' },
  bbs: { en: 'BBS', zh: '论坛' },
  blog: { en: 'Blog', zh: '博客' },
  programming: { en: 'Programming', zh: '编程' },
  design: { en: 'Design', zh: '设计' },
  live: { en: 'Live', zh: '直播' },
  multimedia: { en: 'Multimedia', zh: '音视频' },
  picture: { en: 'Picture', zh: '图片' },
  anime: { en: 'Anime', zh: '二次元' },
  'program-update': { en: 'Program Update', zh: '程序更新' },
  university: { en: 'University', zh: '大学通知' },
  forecast: { en: 'Forecast', zh: '预报预警' },
  travel: { en: 'Travel', zh: '出行旅游' },
  shopping: { en: 'Shopping', zh: '购物' },
  game: { en: 'Gaming', zh: '游戏' },
  reading: { en: 'Reading', zh: '阅读' },
  government: { en: 'Government', zh: '政务消息' },
  study: { en: 'Study', zh: '学习' },
  journal: { en: 'Scientific Journal', zh: '科学期刊' },
  finance: { en: 'Finance', zh: '金融' },
  other: { en: 'Uncategorized', zh: '其他' },
};

export type HeadingLanguage = 'en' | 'zh';

/** The heading of a route's categories: the first that is not `popular`; unknown slugs as given. */
export function categoryHeading(slugs: string[], language: HeadingLanguage): string {
  const slug = slugs.find((s) => s !== 'popular') ?? slugs[0] ?? 'other';
  return RSSHUB_CATEGORIES[slug]?.[language] ?? slug;
}

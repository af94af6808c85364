import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from './seeded-random.js';

/**
 * Deterministic benchmark feeds: the same seed always gives the same bytes, so runs on
 * different days (and different parsers) read identical input. Items look like what
 * RSSHub routes serve: mixed Chinese/English titles and paragraphs of article HTML with
 * links, images, lists and quotes, about 5 KB of markup each.
 */

export const FEED_FORMATS = ['rss-cdata', 'rss-entities', 'atom', 'rdf', 'json'] as const;
export type BenchFormat = (typeof FEED_FORMATS)[number];

/** 20 items ≈ 100 KB, 200 ≈ 1 MB, 5,000 ≈ 25 MB. */
export const FEED_SIZES = [
  { label: '100KB', items: 20 },
  { label: '1MB', items: 200 },
  { label: '25MB', items: 5000 },
] as const;

export interface GeneratedFeed {
  format: BenchFormat;
  items: number;
  firstTitle: string;
  bytes: Uint8Array;
}

const CHINESE_PHRASES = [
  '工信部部长表示', '提升制造业核心竞争力', '确保工业经济平稳运行', '央行宣布降准', '科技股全线上涨',
  '新能源汽车销量创新高', '人工智能大模型', '半导体产业链', '房地产市场调控', '跨境电商',
  '数字人民币试点', '国内生产总值同比增长', '消费者信心指数', '芯片出口管制', '开源社区',
  '云计算基础设施', '港股通', '上证指数收盘', '新浪财经讯', '据记者了解',
]; // prettier-ignore

const ENGLISH_WORDS = [
  'market', 'growth', 'open source', 'release', 'quarterly', 'earnings', 'browser', 'Rust',
  'TypeScript', 'compiler', 'startup', 'funding', 'policy', 'climate', 'energy', 'GPU',
  'benchmark', 'security', 'update', 'research', 'Node.js', 'feed', 'parser', 'index',
]; // prettier-ignore

class ItemWriter {
  constructor(private readonly random: () => number) {}

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)] as T;
  }

  englishPhrase(words: number): string {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(this.pick(ENGLISH_WORDS));
    return out.join(' ');
  }

  sentence(): string {
    const parts: string[] = [];
    const pieces = 2 + Math.floor(this.random() * 3);
    for (let i = 0; i < pieces; i++) {
      parts.push(this.random() < 0.6 ? this.pick(CHINESE_PHRASES) : ` ${this.englishPhrase(3)} `);
    }
    return parts.join('，') + '。';
  }

  title(index: number): string {
    return `${index + 1}. ${this.pick(CHINESE_PHRASES)}：${this.englishPhrase(3)} ${this.pick(CHINESE_PHRASES)}`;
  }

  /** Article HTML of about 4 KB: paragraphs, a lead image, a list, a quote, links. */
  articleHtml(index: number): string {
    const html: string[] = [
      `<div class="article">`,
      `<p><img src="https://n.sinaimg.cn/finance/${index}/lead.jpg" alt="${this.pick(CHINESE_PHRASES)}" width="640" height="360"/></p>`,
    ];
    for (let p = 0; p < 9; p++) {
      html.push(
        `<p>\u3000\u3000${this.sentence()} <strong>${this.pick(CHINESE_PHRASES)}</strong> ${this.sentence()}`,
        ` <a href="https://example.com/news/${index}/${p}?ref=rss&amp;src=feed">${this.englishPhrase(2)}</a>`,
        ` ${this.sentence()}&nbsp;&mdash; ${this.englishPhrase(5)}.</p>`,
      );
      if (p === 3) {
        html.push('<ul>');
        for (let k = 0; k < 4; k++) html.push(`<li>${this.sentence()}</li>`);
        html.push('</ul>');
      }
      if (p === 6) html.push(`<blockquote><p>${this.sentence()}</p></blockquote><br/>`);
    }
    html.push(`</div>`);
    return html.join('');
  }
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

interface ItemData {
  title: string;
  link: string;
  author: string;
  category: string;
  date: Date;
  html: string;
}

function makeItems(count: number, seed: number): ItemData[] {
  const random = seededRandom(seed);
  const writer = new ItemWriter(random);
  const start = Date.UTC(2026, 10, 26, 8, 0, 0);
  const items: ItemData[] = [];
  for (let i = 0; i < count; i++) {
    items.push({
      title: writer.title(i),
      link: `https://example.com/news/2026/11/${i + 1}.html`,
      author: writer.pick(['新浪财经', 'Reuters 路透', '36氪', 'The Verge']),
      category: writer.pick(['金融', '科技', 'Technology', '国际']),
      date: new Date(start - i * 600_000),
      html: writer.articleHtml(i),
    });
  }
  return items;
}

function rss(items: ItemData[], cdata: boolean): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n',
    '<channel>\n<title>新浪财经 Benchmark Feed</title>\n<link>https://example.com/</link>\n',
    '<description>Tidings 基准测试 feed</description>\n<language>zh-cn</language>\n',
    '<lastBuildDate>Thu, 26 Nov 2026 08:00:00 GMT</lastBuildDate>\n',
    '<atom:link href="https://example.com/rss.xml" rel="self" type="application/rss+xml"/>\n',
  ];
  for (const item of items) {
    const body = cdata ? `<![CDATA[${item.html}]]>` : escapeXml(item.html);
    out.push(
      `<item>\n<title>${cdata ? `<![CDATA[${item.title}]]>` : escapeXml(item.title)}</title>\n`,
      `<link>${item.link}</link>\n<guid isPermaLink="true">${item.link}</guid>\n`,
      `<pubDate>${item.date.toUTCString()}</pubDate>\n<dc:creator>${item.author}</dc:creator>\n`,
      `<category>${item.category}</category>\n<description>${body}</description>\n</item>\n`,
    );
  }
  out.push('</channel>\n</rss>\n');
  return out.join('');
}

function atom(items: ItemData[]): string {
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">\n',
    '<title>新浪财经 Benchmark Feed</title>\n<id>https://example.com/</id>\n',
    '<link href="https://example.com/"/>\n<updated>2026-11-26T08:00:00Z</updated>\n',
    '<author><name>Tidings</name></author>\n',
  ];
  for (const item of items) {
    const iso = item.date.toISOString();
    out.push(
      `<entry>\n<title type="text">${escapeXml(item.title)}</title>\n`,
      `<link rel="alternate" type="text/html" href="${item.link}"/>\n<id>${item.link}</id>\n`,
      `<published>${iso}</published>\n<updated>${iso}</updated>\n`,
      `<author><name>${item.author}</name></author>\n<category term="${item.category}"/>\n`,
      `<content type="html">${escapeXml(item.html)}</content>\n</entry>\n`,
    );
  }
  out.push('</feed>\n');
  return out.join('');
}

function rdf(items: ItemData[]): string {
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n',
    '<channel rdf:about="https://example.com/">\n<title>新浪财经 Benchmark Feed</title>\n',
    '<link>https://example.com/</link>\n<description>Tidings 基准测试 feed</description>\n',
    '<dc:language>zh-cn</dc:language>\n<items><rdf:Seq>\n',
  ];
  for (const item of items) out.push(`<rdf:li rdf:resource="${item.link}"/>\n`);
  out.push('</rdf:Seq></items>\n</channel>\n');
  for (const item of items) {
    out.push(
      `<item rdf:about="${item.link}">\n<title>${escapeXml(item.title)}</title>\n`,
      `<link>${item.link}</link>\n<dc:date>${item.date.toISOString()}</dc:date>\n`,
      `<dc:creator>${item.author}</dc:creator>\n<dc:subject>${item.category}</dc:subject>\n`,
      `<description>${escapeXml(item.html)}</description>\n</item>\n`,
    );
  }
  out.push('</rdf:RDF>\n');
  return out.join('');
}

function jsonFeed(items: ItemData[]): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: '新浪财经 Benchmark Feed',
      home_page_url: 'https://example.com/',
      feed_url: 'https://example.com/feed.json',
      language: 'zh-CN',
      items: items.map((item) => ({
        id: item.link,
        url: item.link,
        title: item.title,
        content_html: item.html,
        date_published: item.date.toISOString(),
        authors: [{ name: item.author }],
        tags: [item.category],
      })),
    },
    null,
    1,
  );
}

export function generateFeed(format: BenchFormat, itemCount: number): GeneratedFeed {
  // One seed per item count: every format of a size carries the same articles.
  const items = makeItems(itemCount, 0x7d1 + itemCount);
  const text =
    format === 'rss-cdata'
      ? rss(items, true)
      : format === 'rss-entities'
        ? rss(items, false)
        : format === 'atom'
          ? atom(items)
          : format === 'rdf'
            ? rdf(items)
            : jsonFeed(items);
  return {
    format,
    items: itemCount,
    firstTitle: items[0]?.title ?? '',
    bytes: new TextEncoder().encode(text),
  };
}

export const FEEDS_DIR = join(dirname(fileURLToPath(import.meta.url)), '.feeds');

export function feedFileName(format: BenchFormat, sizeLabel: string): string {
  return `${format}-${sizeLabel}.${format === 'json' ? 'json' : 'xml'}`;
}

/** Writes every format × size into bench/.feeds/ (gitignored) and returns where. */
export function writeAllFeeds(): { path: string; feed: GeneratedFeed; sizeLabel: string }[] {
  mkdirSync(FEEDS_DIR, { recursive: true });
  const written = [];
  for (const size of FEED_SIZES) {
    for (const format of FEED_FORMATS) {
      const feed = generateFeed(format, size.items);
      const path = join(FEEDS_DIR, feedFileName(format, size.label));
      writeFileSync(path, feed.bytes);
      written.push({ path, feed, sizeLabel: size.label });
    }
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { path, feed } of writeAllFeeds()) {
    console.log(`${(feed.bytes.length / 1e6).toFixed(2).padStart(7)} MB  ${path}`);
  }
}

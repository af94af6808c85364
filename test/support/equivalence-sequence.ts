import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { mock } from 'node:test';
import type { Config, SiteSettings } from '../../src/config/config.js';
import type { Item } from '../../src/content/item.js';
import type { FeedSource } from '../../src/sources/feed-source.js';
import { buildFromStore } from '../../src/site/build-from-store.js';
import type { FeedPlace } from '../../src/store/feed-places.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { seededRandom } from '../../bench/seeded-random.js';
import { fetchedAt } from './sample-source.js';

const HOUR = 3_600_000;
const NAMES = ['财经', 'Tech', '科技 News', '生活·城市', 'World 世界'];

interface Feed {
  source: FeedSource;
  listed: Item[];
  configured: boolean;
}

function siteFiles(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === '.tidings-manifest.json') continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, file), fs.readFileSync(file));
  }
  return files;
}

/**
 * A random sequence of changes to a small store and its settings (seeded: the same every run),
 * each followed by an incremental build into `root/inc` and a full build into `root/full`,
 * which must hold the same bytes (the manifest aside, which names its folder). Items are added,
 * edited (title, content, date), dropped from their feed and forgotten; feeds are moved,
 * renamed, readdressed (history kept), taken out of the config and put back; settings that touch
 * every page change; the window (maxAgeDays) moves and the clock (Date, mocked) crosses local
 * midnights; two feeds carry one article; items are dated in the future or not at all. Throws,
 * naming the seed, the step, the changes so far and the first differing file.
 */
export async function runEquivalenceSequence(
  root: string,
  seed: number,
  steps: number,
): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  fs.mkdirSync(root, { recursive: true });

  const store: Store = openSqliteStore(path.join(root, 'store.db'));
  let now = Date.UTC(2026, 2, 7, 15, 30); // America/New_York begins summer time on the 8th
  mock.timers.enable({ apis: ['Date'], now });
  const settings: SiteSettings = {
    title: 'Equivalence',
    description: '',
    url: 'https://example.github.io/news',
    language: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    perPage: 3,
    maxAgeDays: 0,
    outputDir: path.join(root, 'inc'),
    permalink: 'items/:id.html',
    staticDir: null,
  };
  let serial = 0;
  const feeds: Feed[] = [];
  const newItem = (): Item => {
    serial++;
    const body = `正文 ${serial} body ${Math.floor(random() * 100)}`;
    const dated = random();
    return {
      key: `g${serial}`,
      title: `${pick(['新闻', 'News', '快讯 Flash'])} ${serial}`,
      link: `https://example.com/${serial}`,
      // Mostly the last day; some days old; some in the future; some undated.
      published:
        dated < 0.05
          ? null
          : new Date(
              now -
                Math.floor(random() * (dated < 0.25 ? 5 * 24 * HOUR : 20 * HOUR)) +
                (dated > 0.95 ? 40 * HOUR : 0),
            ).toISOString(),
      publishedText: null,
      updated: null,
      author: null,
      contentHtml: `<p>${body}</p>`,
      sourceHtml: `<p>${body}</p>`,
      excerpt: body,
      text: body,
      readingMinutes: 1,
      image: null,
      categories: [],
    };
  };
  const addFeed = (): Feed => {
    serial++;
    const feed: Feed = {
      source: {
        key: `url:https://example.com/feed-${serial}.xml`,
        category: pick(NAMES.slice(0, 3)),
        site: pick(['站点甲', 'Site B']),
        name: `${pick(NAMES)} ${serial}`,
        location: { kind: 'url', url: `https://example.com/feed-${serial}.xml` },
        timeZone: 'UTC',
        interval: null,
      },
      listed: [],
      configured: true,
    };
    feed.listed = [newItem(), newItem(), newItem()];
    feeds.push(feed);
    return feed;
  };
  for (let i = 0; i < 3; i++) addFeed();
  /** Feeds whose listing changed this step, saved as a fetch would. */
  const fetched = new Set<Feed>(feeds);
  const log: string[] = [];

  const change = (): string => {
    const configured = feeds.filter((f) => f.configured);
    const feed = pick(configured);
    const item = feed.listed.length > 0 ? pick(feed.listed) : null;
    const roll = random();
    const edited = (what: string, edit: (it: Item) => Item): string => {
      if (item === null) return 'nothing';
      feed.listed[feed.listed.indexOf(item)] = edit(item);
      fetched.add(feed);
      return `${what} ${item.key}`;
    };
    if (roll < 0.2) {
      feed.listed.push(...Array.from({ length: 1 + Math.floor(random() * 3) }, newItem));
      fetched.add(feed);
      return `new items in ${feed.source.name}`;
    }
    if (roll < 0.25) return edited('retitle', (it) => ({ ...it, title: `${it.title} 改` }));
    if (roll < 0.3) {
      return edited('new content of', (it) => {
        const body = `${it.text} 更新 updated`;
        return { ...it, contentHtml: `<p>${body}</p>`, sourceHtml: `<p>${body}</p>`, excerpt: body, text: body }; // prettier-ignore
      });
    }
    if (roll < 0.35) {
      return edited('redate', (it) => ({
        ...it,
        published: new Date(now + Math.floor((random() - 0.6) * 60 * HOUR)).toISOString(),
      }));
    }
    if (roll < 0.4) {
      if (item === null) return 'nothing';
      feed.listed.splice(feed.listed.indexOf(item), 1);
      fetched.add(feed);
      return `drop ${item.key} from its feed`;
    }
    if (roll < 0.44) {
      const other = pick(feeds).listed;
      if (other.length === 0) return 'nothing';
      const copy = { ...newItem(), link: pick(other).link };
      feed.listed.push(copy);
      fetched.add(feed);
      return `${copy.key} carries ${copy.link} too`;
    }
    if (roll < 0.49) {
      feed.source = { ...feed.source, name: `${feed.source.name}′` };
      return `rename ${feed.source.key}`;
    }
    if (roll < 0.54) {
      feed.source = { ...feed.source, site: pick(['站点甲', 'Site B', '站点 C']) };
      return `${feed.source.key} to site ${feed.source.site}`;
    }
    if (roll < 0.58) {
      feed.source = { ...feed.source, category: pick(NAMES) };
      return `${feed.source.key} to category ${feed.source.category}`;
    }
    if (roll < 0.61) {
      serial++;
      const key = `url:https://example.com/moved-${serial}.xml`;
      store.renameFeed(feed.source.key, key);
      feed.source = { ...feed.source, key };
      fetched.add(feed);
      return `readdressed as ${key}, history kept`;
    }
    if (roll < 0.64) {
      const added = addFeed();
      fetched.add(added);
      return `new feed ${added.source.key}`;
    }
    if (roll < 0.67) {
      if (configured.length < 2) return 'nothing';
      feed.configured = false;
      return `${feed.source.key} out of the config`;
    }
    if (roll < 0.7) {
      const out = feeds.find((f) => !f.configured);
      if (out === undefined) return 'nothing';
      if (random() < 0.5) {
        out.configured = true;
        return `${out.source.key} back in the config`;
      }
      store.forgetFeed(out.source.key);
      feeds.splice(feeds.indexOf(out), 1);
      return `forget ${out.source.key}`;
    }
    if (roll < 0.72) {
      settings.title += '!';
      return 'site title';
    }
    if (roll < 0.74) {
      settings.perPage = 2 + Math.floor(random() * 4);
      return `perPage ${settings.perPage}`;
    }
    if (roll < 0.77) {
      settings.timeZone = pick(['Asia/Shanghai', 'UTC', 'America/New_York', 'Pacific/Kiritimati']);
      return `timezone ${settings.timeZone}`;
    }
    if (roll < 0.79) {
      settings.permalink =
        settings.permalink === 'items/:id.html' ? 'p/:abbrlink.html' : 'items/:id.html';
      return `permalink ${settings.permalink}`;
    }
    if (roll < 0.81) {
      settings.language = settings.language === 'en' ? 'zh-CN' : 'en';
      return `language ${settings.language}`;
    }
    if (roll < 0.83) {
      // The config's language for a feed (wins over the one it declares), or none.
      const language = pick([undefined, 'en', 'ja', 'zh-TW']);
      feed.source = { ...feed.source, ...(language ? { language } : { language: undefined }) };
      return `${feed.source.key} language ${language}`;
    }
    if (roll < 0.87) {
      settings.maxAgeDays =
        settings.maxAgeDays === 0 ? 2 : Math.max(0, settings.maxAgeDays + pick([-1, 1]));
      return `maxAgeDays ${settings.maxAgeDays}`;
    }
    const by = Math.floor(random() * 14 * HOUR);
    now += by;
    return `clock +${(by / HOUR).toFixed(1)}h`;
  };

  try {
    for (let step = 0; step <= steps; step++) {
      if (step > 0) for (let n = 1 + Math.floor(random() * 3); n > 0; n--) log.push(change());
      now += 1000; // a fetch takes time: an item edited twice changes at two moments
      mock.timers.setTime(now);
      for (const feed of fetched) {
        if (!feed.configured) continue;
        store.saveFeed(
          feed.source,
          { title: null, link: null },
          feed.listed,
          fetchedAt(new Date(now).toISOString()),
        );
      }
      fetched.clear();
      const sources: FeedPlace[] = feeds
        .filter((f) => f.configured)
        .map(({ source: { key, category, site, name, language } }) => ({
          key,
          category,
          site,
          name,
          ...(language === undefined ? {} : { language }),
        }));
      // Item pages are written by worker threads in large builds: here in one of either kind
      // (a thread costs ~0.3 s to start under tsx).
      const threads = { itemPageThreads: { threads: 2, minPages: 1 } };
      await buildFromStore(
        { site: { ...settings }, sources } as unknown as Config,
        store,
        step === 2 ? threads : {},
      );
      const full = { ...settings, outputDir: path.join(root, 'full') };
      fs.rmSync(full.outputDir, { recursive: true, force: true });
      await buildFromStore({ site: full, sources } as unknown as Config, store, {
        full: true,
        ...(step === 1 ? threads : {}),
      });
      const rebuilt = siteFiles(settings.outputDir);
      const expected = siteFiles(full.outputDir);
      const story = `seed ${seed}, step ${step}:\n${log.join('\n')}`;
      assert.deepEqual([...rebuilt.keys()].sort(), [...expected.keys()].sort(), story);
      for (const [file, bytes] of expected) {
        assert.ok(rebuilt.get(file)!.equals(bytes), `${file} differs; ${story}`);
      }
    }
  } finally {
    mock.timers.reset();
    store.close();
  }
}

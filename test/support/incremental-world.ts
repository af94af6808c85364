import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cli, repo } from './run-tidings.js';
import { seededRandom } from '../../bench/seeded-random.js';

/**
 * A small site driven through the real CLI, to check that an incremental `tidings build` leaves
 * exactly the files `tidings build --full` writes from the same store and config. Feeds are local
 * RSS files; the clock is TIDINGS_TEST_NOW (fake-clock.mjs), so days and midnights are chosen.
 * Two configs differ only in `site.output`: `inc/` is only ever built incrementally, `full/`
 * only with --full. exploreIncremental (at the end) runs a whole random sequence.
 */

export interface WorldItem {
  guid: string;
  title: string;
  content: string;
  /** ms since 1970; null: the feed gives no date (sorted by when first seen) */
  date: number | null;
  /** the article's address; two feeds may carry the same one */
  link: string;
}

export interface WorldFeed {
  /** the feed file's name in feeds/ (its address) */
  file: string;
  name: string;
  category: string;
  site: string;
  /** items the feed file currently carries */
  items: WorldItem[];
  /** in the config (false: taken out, its items stay stored) */
  configured: boolean;
}

export interface WorldSettings {
  title: string;
  perPage: number;
  timezone: string;
  permalink: 'items/:id.html' | 'p/:abbrlink.html';
  language: string;
  maxAgeDays: number;
}

export interface World {
  dir: string;
  now: number;
  settings: WorldSettings;
  feeds: WorldFeed[];
  /** a counter for unique guids and file names */
  serial: number;
}

const fakeClock = path.join(repo, 'test/support/fake-clock.mjs');

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function rss(feed: WorldFeed): string {
  const items = feed.items
    .map(
      (item) =>
        `<item><title>${escapeXml(item.title)}</title><guid isPermaLink="false">${item.guid}</guid>` +
        `<link>${item.link}</link>` +
        (item.date === null ? '' : `<pubDate>${new Date(item.date).toUTCString()}</pubDate>`) +
        `<description>${escapeXml(`<p>${item.content}</p>`)}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${escapeXml(feed.name)}</title><link>https://example.com/</link>\n${items}\n</channel></rss>\n`;
}

function yamlString(text: string): string {
  return JSON.stringify(text);
}

function configText(world: World, output: string): string {
  const s = world.settings;
  const lines = [
    'site:',
    `  title: ${yamlString(s.title)}`,
    `  perPage: ${s.perPage}`,
    `  timezone: ${s.timezone}`,
    `  permalink: ${yamlString(s.permalink)}`,
    `  language: ${s.language}`,
    `  maxAgeDays: ${s.maxAgeDays}`,
    `  output: ${output}`,
    'store: tidings.db',
    'sources:',
  ];
  const configured = world.feeds.filter((feed) => feed.configured);
  const categories = [...new Set(configured.map((feed) => feed.category))];
  for (const category of categories) {
    lines.push(`  - category: ${yamlString(category)}`, '    sites:');
    const inCategory = configured.filter((feed) => feed.category === category);
    for (const site of [...new Set(inCategory.map((feed) => feed.site))]) {
      lines.push(`      - name: ${yamlString(site)}`, '        feeds:');
      for (const feed of inCategory.filter((f) => f.site === site)) {
        lines.push(
          `          - name: ${yamlString(feed.name)}`,
          `            file: ${yamlString(`feeds/${feed.file}`)}`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the feed files and both configs as the world now stands. */
export function writeWorld(world: World): void {
  fs.mkdirSync(path.join(world.dir, 'feeds'), { recursive: true });
  for (const feed of world.feeds) {
    fs.writeFileSync(path.join(world.dir, 'feeds', feed.file), rss(feed));
  }
  fs.writeFileSync(path.join(world.dir, 'inc.yaml'), configText(world, 'inc'));
  fs.writeFileSync(path.join(world.dir, 'full.yaml'), configText(world, 'full'));
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI at the world's clock. */
export function tidings(world: World, args: string[]): RunResult {
  const result = spawnSync(process.execPath, ['--import', fakeClock, cli, ...args], {
    cwd: world.dir,
    env: {
      ...process.env,
      TIDINGS_TEST_NOW: String(world.now),
      XDG_CACHE_HOME: path.join(world.dir, 'cache'),
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function mustRun(world: World, args: string[]): RunResult {
  const result = tidings(world, args);
  if (result.code !== 0) {
    throw new Error(`tidings ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  }
  return result;
}

/** Stores what the feed files carry (every feed, now), without building. */
export function update(world: World): void {
  // A run takes time: an item changed twice is changed at two moments (its changedAt moves).
  world.now += 1000;
  writeWorld(world);
  mustRun(world, ['update', '--config', 'inc.yaml', '--force', '--no-build']);
}

/** Builds `inc/` incrementally and `full/` from scratch. */
export function buildBoth(world: World): void {
  writeWorld(world);
  mustRun(world, ['build', '--config', 'inc.yaml']);
  mustRun(world, ['build', '--config', 'full.yaml', '--full']);
}

/** Files every build rewrites or that name the build itself, not the site. */
const RUN_SPECIFIC = new Set(['.tidings-manifest.json']);

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !RUN_SPECIFIC.has(file))
    .sort();
}

/** The first difference between two site folders, or null when they are byte for byte the same. */
export function firstDifference(a: string, b: string): string | null {
  const aFiles = listFiles(a);
  const bFiles = listFiles(b);
  const onlyA = aFiles.filter((file) => !bFiles.includes(file));
  const onlyB = bFiles.filter((file) => !aFiles.includes(file));
  if (onlyA.length > 0 || onlyB.length > 0) {
    return `files only in ${path.basename(a)}: ${onlyA.slice(0, 5).join(', ')}; only in ${path.basename(b)}: ${onlyB.slice(0, 5).join(', ')}`;
  }
  for (const file of aFiles) {
    const x = fs.readFileSync(path.join(a, file));
    const y = fs.readFileSync(path.join(b, file));
    if (x.equals(y)) continue;
    let at = 0;
    while (at < x.length && at < y.length && x[at] === y[at]) at++;
    const around = (bytes: Buffer) =>
      JSON.stringify(bytes.subarray(Math.max(0, at - 60), at + 80).toString('utf8'));
    return `${file} differs at byte ${at}:\n  ${path.basename(a)}: ${around(x)}\n  ${path.basename(b)}: ${around(y)}`;
  }
  return null;
}

export function newWorld(dir: string, now: number): World {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return {
    dir,
    now,
    settings: {
      title: 'Equivalence',
      perPage: 5,
      timezone: 'Asia/Shanghai',
      permalink: 'items/:id.html',
      language: 'zh-CN',
      maxAgeDays: 0,
    },
    feeds: [],
    serial: 0,
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NAMES = ['财经', 'Tech', '科技 News', '生活·城市', 'World', '体育', 'Mixed 混合'];
const TIMEZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Pacific/Kiritimati'];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

export function newItem(world: World, random: () => number): WorldItem {
  world.serial += 1;
  const n = world.serial;
  return {
    guid: `g${n}`,
    title: `${pick(random, ['新闻', 'News', '快讯 Flash'])} ${n}`,
    content: `正文 ${n} body text ${Math.floor(random() * 1000)}`,
    // mostly recent, sometimes days old, rarely in the future
    date:
      random() < 0.05
        ? null
        : world.now -
          Math.floor(random() * (random() < 0.2 ? 6 * DAY : 20 * HOUR)) +
          (random() < 0.05 ? 3 * DAY : 0),
    link: `https://example.com/${n}`,
  };
}

export function addFeed(world: World, random: () => number, items = 3): WorldFeed {
  world.serial += 1;
  const feed: WorldFeed = {
    file: `feed-${world.serial}.xml`,
    name: `${pick(random, NAMES)} ${world.serial}`,
    category: pick(random, NAMES.slice(0, 3)),
    site: pick(random, ['站点甲', 'Site B', '站点 C']),
    items: [],
    configured: true,
  };
  for (let i = 0; i < items; i++) feed.items.push(newItem(world, random));
  world.feeds.push(feed);
  return feed;
}

/** One random change to the world; returns what it did, for the log. */
export function randomChange(world: World, random: () => number): string {
  const configured = world.feeds.filter((feed) => feed.configured);
  const feed = configured.length > 0 ? pick(random, configured) : addFeed(world, random);
  const roll = random();
  const choices: [number, () => string][] = [
    [
      0.2,
      () => {
        const count = 1 + Math.floor(random() * 4);
        for (let i = 0; i < count; i++) feed.items.push(newItem(world, random));
        return `add ${count} item(s) to ${feed.file}`;
      },
    ],
    [
      0.06,
      () => {
        const item = feed.items.length > 0 ? pick(random, feed.items) : null;
        if (item === null) return 'nothing';
        item.title = `${item.title} 改`;
        return `retitle ${item.guid}`;
      },
    ],
    [
      0.05,
      () => {
        const item = feed.items.length > 0 ? pick(random, feed.items) : null;
        if (item === null) return 'nothing';
        item.content = `${item.content} 更新 updated`;
        return `change content of ${item.guid}`;
      },
    ],
    [
      0.05,
      () => {
        const item = feed.items.length > 0 ? pick(random, feed.items) : null;
        if (item === null) return 'nothing';
        item.date = (item.date ?? world.now) + Math.floor((random() - 0.5) * 3 * DAY);
        return `redate ${item.guid}`;
      },
    ],
    [
      0.06,
      () => {
        if (feed.items.length === 0) return 'nothing';
        const removed = feed.items.splice(Math.floor(random() * feed.items.length), 1)[0];
        return `drop ${removed?.guid} from ${feed.file}`;
      },
    ],
    [
      0.04,
      () => {
        const other = pick(random, world.feeds);
        const item = other.items.length > 0 ? pick(random, other.items) : null;
        if (item === null) return 'nothing';
        const copy = newItem(world, random);
        copy.link = item.link;
        feed.items.push(copy);
        return `copy ${item.guid}'s link into ${feed.file} as ${copy.guid}`;
      },
    ],
    [
      0.05,
      () => {
        feed.name = `${feed.name}′`;
        return `rename ${feed.file} to ${feed.name}`;
      },
    ],
    [
      0.05,
      () => {
        feed.site = pick(random, ['站点甲', 'Site B', '站点 C', '新站']);
        return `move ${feed.file} to site ${feed.site}`;
      },
    ],
    [
      0.05,
      () => {
        feed.category = pick(random, NAMES);
        return `move ${feed.file} to category ${feed.category}`;
      },
    ],
    [
      0.04,
      () => {
        world.serial += 1;
        const old = feed.file;
        feed.file = `feed-${world.serial}.xml`;
        return `readdress ${old} as ${feed.file}`;
      },
    ],
    [
      0.05,
      () => {
        const added = addFeed(world, random, 1 + Math.floor(random() * 4));
        return `add feed ${added.file}`;
      },
    ],
    [
      0.04,
      () => {
        if (configured.length < 2) return 'nothing';
        feed.configured = false;
        return `unconfigure ${feed.file}`;
      },
    ],
    [
      0.02,
      () => {
        world.settings.title = `${world.settings.title}!`;
        return `site title ${world.settings.title}`;
      },
    ],
    [
      0.03,
      () => {
        world.settings.perPage = 2 + Math.floor(random() * 6);
        return `perPage ${world.settings.perPage}`;
      },
    ],
    [
      0.03,
      () => {
        world.settings.timezone = pick(random, TIMEZONES);
        return `timezone ${world.settings.timezone}`;
      },
    ],
    [
      0.02,
      () => {
        world.settings.permalink =
          world.settings.permalink === 'items/:id.html' ? 'p/:abbrlink.html' : 'items/:id.html';
        return `permalink ${world.settings.permalink}`;
      },
    ],
    [
      0.02,
      () => {
        world.settings.language = world.settings.language === 'en' ? 'zh-CN' : 'en';
        return `language ${world.settings.language}`;
      },
    ],
    [
      0.05,
      () => {
        const days = world.settings.maxAgeDays;
        world.settings.maxAgeDays = days === 0 ? 3 : Math.max(0, days + (random() < 0.5 ? -1 : 1));
        return `maxAgeDays ${world.settings.maxAgeDays}`;
      },
    ],
    [
      0.13,
      () => {
        const by = Math.floor(random() * (random() < 0.5 ? 4 * HOUR : 30 * HOUR));
        world.now += by;
        return `clock +${(by / HOUR).toFixed(1)}h → ${new Date(world.now).toISOString()}`;
      },
    ],
  ];
  let sum = 0;
  for (const [weight, change] of choices) {
    sum += weight;
    if (roll < sum) return change();
  }
  world.now += HOUR;
  return `clock +1h → ${new Date(world.now).toISOString()}`;
}

/**
 * Starts an incremental build of `inc/` and sends it SIGTERM after `delayMs` (it may have
 * finished by then); resolves with its exit code.
 */
export function interruptedBuild(world: World, delayMs: number): Promise<number | null> {
  writeWorld(world);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', fakeClock, cli, 'build', '--config', 'inc.yaml'],
      {
        cwd: world.dir,
        env: {
          ...process.env,
          TIDINGS_TEST_NOW: String(world.now),
          XDG_CACHE_HOME: path.join(world.dir, 'cache'),
        },
        stdio: 'ignore',
      },
    );
    const timer = setTimeout(() => child.kill('SIGTERM'), delayMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/**
 * A random sequence through the CLI: each step makes one to three changes (randomChange, or
 * `tidings forget --all-removed`, or a feed put back in the config), stores them, sometimes
 * stops an incremental build with SIGTERM, then builds both ways and compares. Returns null,
 * or the seed, step, changes so far and first difference. ~1.5 s a step. By hand:
 *   node --import tsx -e "import('./test/support/incremental-world.ts').then(async (w) =>
 *     console.log(await w.exploreIncremental('/tmp/incremental-1', 1, 20) ?? 'equal'))"
 */
export async function exploreIncremental(
  dir: string,
  seed: number,
  steps: number,
): Promise<string | null> {
  const random = seededRandom(seed);
  const world = newWorld(dir, Date.UTC(2026, 5, 10, 8, 0));
  for (let i = 0; i < 3; i++) addFeed(world, random, 4);
  update(world);
  buildBoth(world);
  const log: string[] = [];
  for (let step = 0; step < steps; step++) {
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
      const roll = random();
      const out = world.feeds.filter((feed) => !feed.configured);
      if (roll < 0.04 && out.length > 0) {
        const result = tidings(world, ['forget', '--config', 'inc.yaml', '--all-removed']);
        world.feeds = world.feeds.filter((feed) => feed.configured);
        log.push(`forget --all-removed: exit ${result.code}`);
      } else if (roll > 0.97 && out.length > 0) {
        out[0]!.configured = true;
        log.push(`${out[0]!.file} back in the config`);
      } else {
        log.push(randomChange(world, random));
      }
    }
    update(world);
    if (random() < 0.3) {
      const delay = Math.floor(random() * 900);
      log.push(`SIGTERM after ${delay} ms: exit ${await interruptedBuild(world, delay)}`);
    }
    buildBoth(world);
    const difference = firstDifference(path.join(dir, 'inc'), path.join(dir, 'full'));
    if (difference !== null) return `seed ${seed}, step ${step}:\n${log.join('\n')}\n${difference}`;
  }
  return null;
}

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadBuildSettings } from '../../src/cli/build-settings.js';
import { readThroughConfigCache } from '../../src/cli/config-cache.js';
import type { Config } from '../../src/config/config.js';
import { loadConfig } from '../../src/config/load-config.js';
import { cli } from '../support/run-tidings.js';

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tidings-config-cache-'));
  dirs.push(dir);
  return dir;
}

/** A config using every kind of setting a source can carry, so the cached copy is tested whole. */
const RICH_CONFIG = `
site: { title: Rich, timezone: Asia/Shanghai, output: out }
store: data/items.db
rsshub: { instance: "http://127.0.0.1:1200/", key: s3cret }
fetch: { concurrency: 4, interval: 30 }
content: { embeds: false, clean: { remove: [".ad"] } }
retention: { maxAgeDays: 90 }
sources:
  - category: 金融
    sites:
      - name: 新浪财经
        clean: { removePattern: ["^广告"], keepOnly: article }
        feeds:
          - { name: 国內, rsshub: /sina/finance, timezone: Asia/Shanghai }
          - name: Web
            url: https://news.example/feed.xml
            interval: 15
            clean: { remove: [".share"] }
            retention: { maxItemsPerFeed: 50 }
          - { name: Local, file: feeds/local.xml }
`;

const updateConfig = (path: string, cacheDir: string) =>
  readThroughConfigCache('update-config', path, (config: Config) => config, cacheDir);

test('update-config: the cached config is the config as read, whole', async () => {
  const dir = await tempDir();
  const cache = join(dir, 'cache');
  const path = join(dir, 'tidings.yaml');
  await writeFile(path, RICH_CONFIG);
  const read = loadConfig(path);
  assert.deepEqual(await updateConfig(path, cache), read);
  const [cacheFile, ...others] = await readdir(cache);
  assert.deepEqual(others, []);
  assert.match(cacheFile!, /^update-config-\w+\.json$/);
  // It holds the RSSHub key (in the route URLs): readable by the user alone.
  assert.match(await readFile(join(cache, cacheFile!), 'utf8'), /key=s3cret/);
  if (process.platform !== 'win32') {
    assert.equal((await stat(join(cache, cacheFile!))).mode & 0o777, 0o600);
  }
  // A hit returns the cache's content (a stand-in title shows it was read) ...
  const cached = JSON.parse(await readFile(join(cache, cacheFile!), 'utf8')) as {
    settings: Config;
  };
  assert.deepEqual(cached.settings, read, 'the config survives the JSON round trip');
  cached.settings.site.title = 'From the cache';
  await writeFile(join(cache, cacheFile!), JSON.stringify(cached));
  const hit = await updateConfig(path, cache);
  assert.equal(hit.site.title, 'From the cache');
  assert.deepEqual({ ...hit, site: { ...hit.site, title: 'Rich' } }, read);
  // ... and any change of the file's bytes reads it again.
  await writeFile(path, RICH_CONFIG.replace('title: Rich', 'title: Richer'));
  assert.equal((await updateConfig(path, cache)).site.title, 'Richer');
});

test('update-config: a bad config fails as the config reader says, and is not cached', async () => {
  const dir = await tempDir();
  const cache = join(dir, 'cache');
  const path = join(dir, 'tidings.yaml');
  await writeFile(path, 'fetch:\n  concurrency: 0\n');
  await assert.rejects(updateConfig(path, cache), /fetch\.concurrency/);
  assert.deepEqual(await readdir(cache).catch(() => []), []);
});

test('the build and update caches of one config file are kept apart', async () => {
  const dir = await tempDir();
  const cache = join(dir, 'cache');
  const path = join(dir, 'tidings.yaml');
  await writeFile(path, RICH_CONFIG);
  const settings = await loadBuildSettings(path, cache);
  const config = await updateConfig(path, cache);
  assert.deepEqual(settings, {
    site: config.site,
    storePath: config.storePath,
    sources: config.sources.map(({ key, category, site, name }) => ({ key, category, site, name })),
  });
  assert.deepEqual((await readdir(cache)).map((name) => name.replace(/-\w+\.json$/, '')).sort(), [
    'build-settings',
    'update-config',
  ]);
  assert.deepEqual(await loadBuildSettings(path, cache), settings);
  assert.deepEqual(await updateConfig(path, cache), config);
});

test('tidings update: an edited config is used at once, a broken one fails as always', async () => {
  const dir = await tempDir();
  const env = { ...process.env, XDG_CACHE_HOME: join(dir, 'cache') };
  const update = () =>
    spawnSync(process.execPath, [cli, 'update', '--no-build', '--json'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env,
    });
  const feed = (title: string) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>` +
    `<item><guid>1</guid><title>One</title></item></channel></rss>`;
  await writeFile(join(dir, 'a.xml'), feed('A'));
  await writeFile(join(dir, 'b.xml'), feed('B'));
  const config = (feeds: string[]) =>
    `store: items.db\nsources:\n  - category: C\n    sites:\n      - name: S\n        feeds:\n` +
    feeds.map((name) => `          - { name: ${name}, file: ${name}.xml }\n`).join('');
  const fed = (stdout: string) =>
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event: string; feed?: string })
      .filter((event) => event.event === 'feed')
      .map((event) => event.feed)
      .sort();

  await writeFile(join(dir, 'tidings.yaml'), config(['a']));
  const first = update();
  assert.equal(first.status, 0, first.stderr);
  assert.equal(fed(first.stdout).length, 1);
  assert.equal((await readdir(join(dir, 'cache', 'tidings'))).length, 1);

  await writeFile(join(dir, 'tidings.yaml'), config(['a', 'b']));
  const edited = update();
  assert.equal(edited.status, 0, edited.stderr);
  assert.equal(fed(edited.stdout).length, 2, 'the added feed is seen (a, not due, is skipped)');

  await writeFile(join(dir, 'tidings.yaml'), 'fetch:\n  retries: lots\n');
  const broken = update();
  assert.equal(broken.status, 1);
  assert.match(broken.stderr, /^tidings: tidings\.yaml: fetch\.retries: expected number/);
});

import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadBuildSettings } from '../../src/cli/build-settings.js';
import { ConfigError } from '../../src/config/config-error.js';

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tidings-build-settings-'));
  dirs.push(dir);
  return dir;
}

const config = (title: string): string =>
  `site:\n  title: ${title}\n  output: public\nstore: items.db\nsources: []\n`;

test('settings come from the config, then from the cache while the file is unchanged', async () => {
  const dir = await tempDir();
  const cache = join(dir, 'cache');
  const path = join(dir, 'tidings.yaml');
  await writeFile(path, config('First'));
  const first = await loadBuildSettings(path, cache);
  assert.equal(first.site.title, 'First');
  assert.equal(first.site.outputDir, join(dir, 'public'));
  assert.equal(first.storePath, join(dir, 'items.db'));
  const files = await readdir(cache);
  assert.equal(files.length, 1);
  const cacheFile = files[0]!;
  // The cache is what a hit returns: a stand-in value in it shows it was read.
  const cached = JSON.parse(await readFile(join(cache, cacheFile), 'utf8')) as {
    key: string;
    settings: { site: { title: string } };
  };
  cached.settings.site.title = 'From the cache';
  await writeFile(join(cache, cacheFile), JSON.stringify(cached));
  assert.equal((await loadBuildSettings(path, cache)).site.title, 'From the cache');
  // Any change of the file's bytes reads it again.
  await writeFile(path, config('Second'));
  assert.equal((await loadBuildSettings(path, cache)).site.title, 'Second');
});

test('a bad or missing config fails as the config reader says, and is not cached', async () => {
  const dir = await tempDir();
  const cache = join(dir, 'cache');
  const path = join(dir, 'tidings.yaml');
  await assert.rejects(loadBuildSettings(path, cache), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /config file not found/);
    return true;
  });
  await writeFile(path, 'site:\n  perPage: -3\n');
  await assert.rejects(loadBuildSettings(path, cache), /perPage/);
  await assert.rejects(loadBuildSettings(path, cache), /perPage/);
  assert.deepEqual(await readdir(cache).catch(() => []), []);
});

test('an unreadable or foreign cache file is ignored and replaced', async () => {
  const dir = await tempDir();
  const cache = join(dir, 'cache');
  const path = join(dir, 'tidings.yaml');
  await writeFile(path, config('Real'));
  await loadBuildSettings(path, cache);
  const [cacheFile] = await readdir(cache);
  await writeFile(join(cache, cacheFile!), '{not json');
  assert.equal((await loadBuildSettings(path, cache)).site.title, 'Real');
  await writeFile(
    join(cache, cacheFile!),
    JSON.stringify({ key: 'another', settings: { site: { title: 'Stale' } } }),
  );
  assert.equal((await loadBuildSettings(path, cache)).site.title, 'Real');
});

test('a cache folder that cannot be written costs only time', async () => {
  const dir = await tempDir();
  const path = join(dir, 'tidings.yaml');
  await writeFile(path, config('Uncached'));
  const blocked = join(dir, 'a-file');
  await writeFile(blocked, '');
  const settings = await loadBuildSettings(path, join(blocked, 'cache'));
  assert.equal(settings.site.title, 'Uncached');
});

test('the cache keeps the settings of the 32 configs built from last', async () => {
  const dir = await tempDir();
  const cache = join(dir, 'cache');
  for (let i = 0; i < 36; i++) {
    const path = join(dir, `config-${i}.yaml`);
    await writeFile(path, config(`Site ${i}`));
    await loadBuildSettings(path, cache);
  }
  assert.equal((await readdir(cache)).length, 32);
});

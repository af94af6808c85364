import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildSite } from '../../src/site/build-site.js';
import { FEED_CONTENT_BUDGET } from '../../src/site/feed-out.js';
import { item, sampleModel, SINA, tempOutputDir, removeTempDirs } from './site-model-fixture.js';

// Feeds out are made from entries rendered once per item (feed-out.ts, fragment-cache.ts):
// the documents must be what rendering each feed whole gives.

after(removeTempDirs);

async function feedFiles(out: string, name: string): Promise<string[]> {
  const entries = await readdir(out, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name === name)
    .map((e) => join(e.parentPath, e.name));
}

test('every feed.json is exactly JSON.stringify(document, null, 1) with a newline', async () => {
  const out = await tempOutputDir();
  // An item with characters JSON escapes, and one with no excerpt, categories and a change.
  await buildSite(
    sampleModel(out, [
      item({
        key: 'json-1',
        feedKey: SINA,
        title: 'Quotes " and \\ back\nslash \u2028 行',
        excerpt: '',
        categories: ['a', 'b "c"'],
        changedAt: '2021-12-26T00:00:00.000Z',
      }),
    ]),
  );
  const files = await feedFiles(out, 'feed.json');
  assert.ok(files.length > 3);
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    assert.equal(text, `${JSON.stringify(JSON.parse(text), null, 1)}\n`, file);
  }
  const site = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as {
    items: { title: string; content_html?: string }[];
  };
  assert.ok(site.items.some((entry) => entry.title.startsWith('Quotes " and \\ back')));
  assert.ok(
    site.items.every((entry) => entry.content_html !== undefined),
    'full content',
  );
});

test("an item's entry is the same in every list feed that carries it", async () => {
  const out = await tempOutputDir();
  const model = sampleModel(out);
  await buildSite(model);
  const entries = new Set<string>();
  let carrying = 0;
  for (const file of await feedFiles(join(out, 'categories'), 'atom.xml')) {
    const atom = await readFile(file, 'utf8');
    const entry = atom.split('<entry>').find((text) => text.includes('工信部部长肖亚庆'));
    if (entry === undefined) continue;
    carrying++;
    entries.add(entry.slice(0, entry.indexOf('</entry>')));
  }
  // Its category, site and feed: three feeds, one entry text, an excerpt and no content.
  assert.equal(carrying, 3);
  assert.equal(entries.size, 1);
  const [entry] = [...entries];
  assert.match(entry!, /<summary type="text">原标题：提升制造业核心竞争力<\/summary>/);
  assert.doesNotMatch(entry!, /<content/);
});

test("the site's feeds carry full content up to FEED_CONTENT_BUDGET, then excerpts", async () => {
  const out = await tempOutputDir();
  // Four long articles, newest first, each 40% of the budget: two fit.
  const long = Array.from({ length: 4 }, (_, i) =>
    item({
      key: `long-${i}`,
      feedKey: SINA,
      title: `Long ${i}`,
      published: new Date(Date.UTC(2022, 0, 10 - i)).toISOString(),
      contentHtml: `<p>${'长'.repeat(Math.floor((0.4 * FEED_CONTENT_BUDGET) / 3))}</p>`,
      excerpt: `Excerpt ${i}`,
    }),
  );
  await buildSite(sampleModel(out, long));
  const atom = await readFile(join(out, 'atom.xml'), 'utf8');
  const entries = atom.split('<entry>').slice(1);
  assert.equal(entries.length, 8, 'every item is still an entry');
  assert.deepEqual(
    entries.map((entry) => entry.includes('<content')),
    [true, true, false, false, false, false, false, false],
  );
  assert.ok(entries[2]!.includes('<summary type="text">Excerpt 2</summary>'));
  assert.ok(Buffer.byteLength(atom) < 1.2 * FEED_CONTENT_BUDGET, `${Buffer.byteLength(atom)}`);

  const rss = await readFile(join(out, 'rss.xml'), 'utf8');
  const items = rss.split('<item>').slice(1);
  assert.equal(items.length, 8);
  assert.ok(items[1]!.includes('<description>&lt;p&gt;长长'));
  assert.ok(items[2]!.includes('<description>Excerpt 2</description>'));
  assert.ok(Buffer.byteLength(rss) < 1.2 * FEED_CONTENT_BUDGET);

  const json = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as {
    items: { content_html?: string; content_text?: string }[];
  };
  // The same entries in full, the rest as text; older short items too: the newest only.
  assert.deepEqual(
    json.items.map((entry) => entry.content_html === undefined),
    [false, false, true, true, true, true, true, true],
  );
  assert.equal(json.items[2]?.content_text, 'Excerpt 2');
});

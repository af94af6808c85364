import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseFeed } from '../../src/parse/index.js';
import { htmlToPlainText } from '../../src/parse/plain-text.js';
import { buildSite } from '../../src/site/build-site.js';
import { item, sampleModel, SINA, tempOutputDir, removeTempDirs } from './site-model-fixture.js';

// What a feed reader makes of the feeds out: read back by Tidings' own parser.

after(removeTempDirs);

const ABOUT_MARKUP = 'Use the <div> element & the <script> tag; x < y &amp; done';

async function builtWithMarkupExcerpt(): Promise<string> {
  const out = await tempOutputDir();
  const extra = item({
    key: 'markup-excerpt',
    feedKey: SINA,
    title: 'HTML for beginners',
    published: '2021-12-26T00:00:00.000Z',
    excerpt: ABOUT_MARKUP,
  });
  await buildSite(sampleModel(out, [extra]));
  return out;
}

test("an RSS excerpt is the item's text, not markup, to a reader", async () => {
  const out = await builtWithMarkupExcerpt();
  for (const folder of ['categories/金融', 'categories/金融/新浪财经']) {
    const rss = parseFeed(await readFile(join(out, folder, 'rss.xml')));
    const entry = rss.items.find((i) => i.title === 'HTML for beginners');
    assert.ok(entry?.summary, folder);
    // A description is HTML: read as such, it gives back the excerpt as written.
    assert.equal(htmlToPlainText(entry.summary), ABOUT_MARKUP, folder);
    assert.doesNotMatch(entry.summary, /<script>|<div>/, folder);
  }
});

test('Atom, RSS and JSON Feed read back with the same ids, titles, links and dates', async () => {
  const out = await builtWithMarkupExcerpt();
  for (const folder of ['', 'categories/金融', 'categories/Tech/Hacker-News/Front-page']) {
    const [atom, rss, json] = await Promise.all(
      ['atom.xml', 'rss.xml', 'feed.json'].map(async (file) =>
        parseFeed(await readFile(join(out, folder, file))),
      ),
    );
    assert.ok(atom && rss && json);
    assert.ok(atom.items.length > 0, folder);
    for (const other of [rss, json]) {
      assert.equal(other.title, atom.title, folder);
      assert.equal(other.link, atom.link, folder);
      assert.deepEqual(
        other.items.map((i) => [i.id, i.title, i.link]),
        atom.items.map((i) => [i.id, i.title, i.link]),
        `${folder}: ${other.format}`,
      );
    }
    // Items with a date carry it in all three (RSS's to the second).
    atom.items.forEach((entry, i) => {
      if (entry.published === null) return;
      assert.equal(rss.items[i]?.published, entry.published.replace(/\.\d{3}Z$/, '.000Z'));
      assert.equal(json.items[i]?.published, entry.published);
    });
  }
});

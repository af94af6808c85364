import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildSite } from '../../src/site/build-site.js';
import { prepareItem } from '../../src/content/prepare-item.js';
import { excerptBesideTitle, excerptRepeatsTitle } from '../../src/site/excerpt-beside-title.js';
import { item, sampleModel, SINA, tempOutputDir, removeTempDirs } from './site-model-fixture.js';

after(removeTempDirs);

test('an excerpt that only repeats the title is recognised, whitespace and ellipsis aside', () => {
  const title = '【快讯】沪深两市早盘震荡走高，创业板指涨超1%';
  assert.equal(excerptRepeatsTitle(title, title), true);
  assert.equal(excerptRepeatsTitle(`  ${title}\n`, title), true);
  assert.equal(excerptRepeatsTitle('【快讯】沪深两市早盘…', title), true);
  assert.equal(excerptRepeatsTitle('Lantern 2.0 ships a   plugin...', 'Lantern 2.0 ships a plugin API'), true); // prettier-ignore
  // An excerpt that says more than the title, or something else, is kept.
  assert.equal(excerptRepeatsTitle(`${title}。半导体板块领涨`, title), false);
  assert.equal(excerptRepeatsTitle('本报讯 沪深两市早盘震荡走高', title), false);
  assert.equal(excerptRepeatsTitle('…', title), false);
});

test('a card shows no excerpt when it repeats the title, and keeps one that does not', async () => {
  const out = await tempOutputDir();
  const flash = '【快讯】沪深两市早盘震荡走高，创业板指涨超1%';
  const model = sampleModel(out, [
    item({
      key: 'https://finance.sina.com.cn/flash/1.shtml',
      feedKey: SINA,
      title: flash,
      published: '2021-12-26T02:00:00.000Z',
      contentHtml: `<p>${flash}</p>`,
      excerpt: flash,
    }),
  ]);
  await buildSite(model);
  const home = await readFile(join(out, 'index.html'), 'utf8');
  const card = (title: string): string => {
    const at = home.indexOf(title);
    assert.ok(at > 0, `the home page shows ${title}`);
    return home.slice(at, home.indexOf('</article>', at));
  };
  assert.doesNotMatch(card(flash), /entry-excerpt/);
  // The next card (the sample's newest Sina item) keeps its excerpt, which differs from its title.
  assert.match(
    card('工信部部长肖亚庆'),
    /<p class="entry-excerpt">原标题：提升制造业核心竞争力<\/p>/,
  );
});

/** An item without a title, prepared as update prepares it: its title is its text's start. */
function untitled(key: string, body: string): ReturnType<typeof item> {
  const prepared = prepareItem(
    {
      id: key,
      title: null,
      link: `https://example.com/${key}`,
      published: '2021-12-27T02:00:00.000Z',
      publishedText: null,
      updated: null,
      author: null,
      summary: null,
      content: `<p>${body}</p>`,
      categories: [],
      enclosures: [],
      image: null,
    },
    { baseUrl: null },
  );
  return item({ ...prepared, key, feedKey: SINA, published: '2021-12-27T02:00:00.000Z' });
}

test("an untitled item's excerpt goes on where the title made from its text stops", () => {
  const latin =
    'Lantern 2.0 ships a plugin API, a rewritten scheduler and faster cold starts for every ' +
    'project. The release also drops support for the old configuration format.';
  const made = untitled('latin', latin);
  assert.equal(made.title, 'Lantern 2.0 ships a plugin API, a rewritten scheduler and…');
  assert.equal(
    excerptBesideTitle(made.excerpt, made.title),
    '…faster cold starts for every project. The release also drops support for the old…',
  );
  const chinese =
    '央行今日开展逆回购操作一千亿元，中标利率持平。市场人士认为流动性合理充裕，短期利率有望保持平稳运行。';
  const cjk = untitled('cjk', chinese.repeat(2));
  assert.equal(cjk.title, `${chinese}央行今日开展逆回购…`);
  assert.equal(
    excerptBesideTitle(cjk.excerpt, cjk.title),
    `…操作一千亿元，中标利率持平。${chinese.slice(23)}`,
  );
  // Cut at a full stop: the rest is the next sentence, with no ellipsis before it.
  const sentence = `${'国'.repeat(58)}。`;
  const atStop = untitled('stop', `${sentence}${'第二句话继续说明情况。'.repeat(3)}`);
  assert.equal(atStop.title, `${'国'.repeat(58)}…`);
  assert.equal(
    excerptBesideTitle(atStop.excerpt, atStop.title),
    '第二句话继续说明情况。'.repeat(3),
  );
  // A short text is its title whole: no excerpt at all.
  const short = untitled('short', '今日无重要新闻。');
  assert.equal(short.title, '今日无重要新闻。');
  assert.equal(excerptBesideTitle(short.excerpt, short.title), '');
  // A title of the feed's own that the text merely starts with keeps the whole excerpt.
  assert.equal(
    excerptBesideTitle('Lantern 2.0 ships a plugin API today.', 'Lantern 2.0 ships'),
    'Lantern 2.0 ships a plugin API today.',
  );
  assert.equal(excerptBesideTitle('Wait for it: the news.', 'Wait…'), 'Wait for it: the news.');
});

test("an untitled item's card and search result show its excerpt without the title's words", async () => {
  const out = await tempOutputDir();
  const body =
    'Lantern 2.0 ships a plugin API, a rewritten scheduler and faster cold starts for every ' +
    'project. The release also drops support for the old configuration format.';
  const made = untitled('https://example.com/lantern', body);
  await buildSite(sampleModel(out, [made]));
  const home = await readFile(join(out, 'index.html'), 'utf8');
  const at = home.indexOf(made.title);
  assert.ok(at > 0, 'the home page shows the made title');
  const card = home.slice(at, home.indexOf('</article>', at));
  assert.match(
    card,
    /<p class="entry-excerpt">…faster cold starts for every project\. The release also drops support for the old…<\/p>/,
  );
  // Search results: the metadata rows carry the same excerpt.
  const search = join(out, 'search');
  const chunks = (await readdir(search, { recursive: true })).filter((name) =>
    /(^|\/)d\/\d+\.json$/.test(name),
  );
  const rows = (
    await Promise.all(
      chunks.map(
        async (name) => JSON.parse(await readFile(join(search, name), 'utf8')) as unknown[][],
      ),
    )
  ).flat();
  const row = rows.find((cells) => cells[1] === made.title);
  assert.ok(row, 'the search index lists the item');
  assert.equal(
    row[5],
    '…faster cold starts for every project. The release also drops support for the old…',
  );
});

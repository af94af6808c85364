import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildSite } from '../../src/site/build-site.js';
import { excerptRepeatsTitle } from '../../src/site/render-river.js';
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

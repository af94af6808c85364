import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { searchCore, type SearchResultDocument } from '../../src/search/search-core.js';
import { SEARCH_SCRIPT } from '../../src/search/search-script.js';
import { buildSite } from '../../src/site/build-site.js';
import {
  HN,
  removeTempDirs,
  sampleModel,
  SINA,
  tempOutputDir,
} from '../site/site-model-fixture.js';

after(removeTempDirs);

const SEED = '工信部部长肖亚庆：提升制造业核心竞争力 确保工业经济平稳运行';

test('a built site holds a search page, search.js and an index that finds its items', async () => {
  const out = await tempOutputDir();
  await buildSite(sampleModel(out));
  assert.equal(await readFile(join(out, 'search.js'), 'utf8'), SEARCH_SCRIPT);

  const searcher = searchCore.createSearcher((path) => readFile(join(out, 'search', path), 'utf8'));
  const titles = async (query: string): Promise<string[]> => {
    const { hits } = await searcher.search(query);
    const docs = await searcher.documents(hits.map((hit) => hit.doc));
    for (const doc of docs) {
      // Every result links to a page that exists.
      await readFile(join(out, doc.path));
    }
    return docs.map((doc) => doc.title);
  };
  assert.deepEqual(await titles('制造业'), [SEED]);
  assert.deepEqual(await titles('竞争力'), [SEED]);
  assert.deepEqual(await titles('FRIENDS'), ['Show HN: <script>alert("x")</script> & friends']);
  const [doc] = await searcher.documents((await searcher.search('流动性')).hits.map((h) => h.doc));
  assert.equal(doc?.source, '金融 › 新浪财经 › 新浪财经－国內');
  assert.match(doc?.timeText ?? '', /2021/);
});

test('the search page works without JavaScript as far as it can, and every page has a search box', async () => {
  const out = await tempOutputDir();
  const model = sampleModel(out);
  await buildSite(model);
  const page = await readFile(join(out, 'search.html'), 'utf8');
  assert.match(
    page,
    /<form class="search-form" role="search" aria-labelledby="search-heading" action="search\.html">/,
  );
  assert.match(page, /<noscript><p>搜索在浏览器中运行，需要启用 JavaScript。<\/p><\/noscript>/);
  assert.match(page, /data-index="search\/"/);
  assert.match(page, /<script src="search\.js\?v=[0-9a-f]{8}" defer><\/script>/);

  // An item page, one folder down, submits to ../search.html.
  const itemPage = await readFile(join(out, 'categories', 'index.html'), 'utf8');
  assert.match(
    itemPage,
    /<form class="site-search" role="search" aria-label="站内搜索" action="\.\.\/search\.html"><input type="search" name="q" aria-label="搜索"/,
  );
});

test('a rebuild with nothing changed writes no search file', async () => {
  const out = await tempOutputDir();
  await buildSite(sampleModel(out));
  const report = await buildSite(sampleModel(out));
  assert.equal(report.written, 0);
});

test("a result carries its item's language when it is not the site's, and only then", async () => {
  const out = await tempOutputDir();
  const model = sampleModel(out);
  // On this zh-CN site: Hacker News in English is marked; 新浪 declared zh-Hans is the site's
  // script (foreign-language.ts), so it is not.
  const languages = new Map([
    [HN, 'en'],
    [SINA, 'zh-Hans'],
  ]);
  await buildSite({
    ...model,
    feeds: model.feeds.map((f) => ({ ...f, language: languages.get(f.key) ?? null })),
  });
  const searcher = searchCore.createSearcher((path) => readFile(join(out, 'search', path), 'utf8'));
  const resultOf = async (query: string): Promise<SearchResultDocument> => {
    const { hits } = await searcher.search(query);
    const [doc] = await searcher.documents(hits.slice(0, 1).map((hit) => hit.doc));
    assert.ok(doc, query);
    return doc;
  };
  assert.equal((await resultOf('FRIENDS')).lang, 'en');
  assert.equal((await resultOf('制造业')).lang, null);
  assert.equal((await resultOf('odd')).lang, null, 'a feed of unknown language');

  // Only the marked document's row holds a language: the others hold nothing more.
  const rows = JSON.parse(
    await readFile(join(out, 'search', 'd', '0.json'), 'utf8'),
  ) as unknown[][];
  const byTitle = new Map(rows.map((row) => [row[1], row]));
  assert.equal(byTitle.get('Show HN: <script>alert("x")</script> & friends')?.[6], 'en');
  assert.equal(byTitle.get(SEED)?.length, 6);
  assert.equal(byTitle.get('Odd names')?.length, 6);
});

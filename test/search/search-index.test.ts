import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { describe, test } from 'node:test';
import { SEED_TITLE, searchCorpus } from '../../bench/search-corpus.js';
import {
  buildSearchIndex,
  CHUNK_SIZE,
  INDEXED_TEXT_CHARS,
  TAIL_BLOCK,
  type PreviousIndex,
  type SearchIndex,
} from '../../src/search/build-search-index.js';
import { searchCore, type Searcher } from '../../src/search/search-core.js';
import type { SearchDocument } from '../../src/search/search-document.js';
import { SEARCH_SCRIPT } from '../../src/search/search-script.js';

function doc(title: string, text: string, n: number): SearchDocument {
  return {
    path: `items/${n}.html`,
    title,
    text,
    excerpt: text.slice(0, 140),
    time: '2021-12-25T00:03:46.000Z',
    timeText: '2021-12-25',
    source: '金融 › 新浪财经 › 新浪财经－国內',
  };
}

/** A searcher over built index files, recording what it fetched. */
function searcherOver(index: SearchIndex): { searcher: Searcher; fetched: string[] } {
  const files = new Map(index.files.map((file) => [file.path, file.content.toString('utf8')]));
  const fetched: string[] = [];
  const searcher = searchCore.createSearcher((path) => {
    fetched.push(path);
    const content = files.get(path);
    return content === undefined
      ? Promise.reject(new Error(`${path}: 404`))
      : Promise.resolve(content);
  });
  return { searcher, fetched };
}

async function titlesFor(searcher: Searcher, query: string): Promise<string[]> {
  const { hits } = await searcher.search(query);
  const docs = await searcher.documents(hits.map((hit) => hit.doc));
  return docs.map((d) => d.title);
}

const SMALL = [
  doc(SEED_TITLE, '原标题：工信部部长肖亚庆。全国工业和信息化工作会议在北京召开。', 0),
  doc('新能源汽车销量再创新高', '乘联会数据显示，新能源汽车销量同比增长，竞争格局加速变化。', 1),
  doc('Apple unveils iPhone 17', 'Apple unveiled the iPhone 17, priced from $799.', 2),
  doc('Markets', `${'filler text '.repeat(200)} 制造业 appears only past the indexed prefix`, 3),
];

describe('the search index', () => {
  test('a segment without documents (a small site has no main one) is never fetched', async () => {
    const small = buildSearchIndex(SMALL);
    const manifest = JSON.parse(
      small.files.find((f) => f.path === 'index.json')!.content.toString('utf8'),
    ) as { mainChars: number; tailChars: number };
    assert.equal(manifest.mainChars, 0);
    assert.ok(manifest.tailChars > 0);
    const { searcher, fetched } = searcherOver(small);
    assert.deepEqual(await titlesFor(searcher, '制造业'), [SEED_TITLE]);
    assert.ok(fetched.some((path) => path.startsWith('u/')));
    assert.deepEqual(
      fetched.filter((path) => path.startsWith('t/')),
      [],
    );
    // With documents in the main segment, its shards are read.
    const large = searcherOver(buildSearchIndex(searchCorpus(TAIL_BLOCK * 2, 3)));
    await large.searcher.search(SEED_TITLE);
    assert.ok(large.fetched.some((path) => path.startsWith('t/')));
  });

  test('indexes exactly the tokens the query tokenizer makes (title with unigrams, text prefix), across blocks and segments', () => {
    const documents = searchCorpus(5300, 7);
    const index = buildSearchIndex(documents);
    const postingsOf = new Map<number, Set<string>>();
    for (const file of index.files.filter((f) => /^[tu]\//.test(f.path))) {
      for (const [term, encoded] of searchCore.parseShard(file.content.toString('utf8'))) {
        const postings = searchCore.decodePostings(encoded);
        for (let i = 0; i < postings.length; i += 2) {
          const set = postingsOf.get(postings[i]!) ?? new Set<string>();
          set.add(term);
          postingsOf.set(postings[i]!, set);
        }
      }
    }
    documents.forEach((d, n) => {
      const expected = new Set([
        ...searchCore.tokenize(d.title, true, true),
        ...searchCore.tokenize(d.text.slice(0, INDEXED_TEXT_CHARS), false, true),
      ]);
      assert.deepEqual([...(postingsOf.get(n) ?? [])].sort(), [...expected].sort(), `doc ${n}`);
    });
  });

  test('each term is in the shard its hash names, in each segment', () => {
    const index = buildSearchIndex(searchCorpus(TAIL_BLOCK + 300, 3));
    const manifest = JSON.parse(
      index.files.find((f) => f.path === 'index.json')!.content.toString('utf8'),
    ) as {
      shards: number;
      tailShards: number;
      tailStart: number;
    };
    assert.equal(manifest.tailStart, TAIL_BLOCK);
    let checked = 0;
    for (const file of index.files.filter((f) => /^[tu]\//.test(f.path))) {
      const count = file.path.startsWith('t/') ? manifest.shards : manifest.tailShards;
      const shard = Number(file.path.slice(2, -4));
      for (const [term, encoded] of searchCore.parseShard(file.content.toString('utf8'))) {
        assert.equal(searchCore.shardOf(term, count), shard, term);
        const postings = searchCore.decodePostings(encoded);
        for (let i = 0; i < postings.length; i += 2) {
          assert.equal(
            postings[i]! >= TAIL_BLOCK,
            file.path.startsWith('u/'),
            `${term} ${postings[i]}`,
          );
        }
        checked++;
      }
    }
    assert.ok(checked > 1000);
  });

  test('is deterministic: the same documents give the same bytes', () => {
    const a = buildSearchIndex(searchCorpus(300, 5));
    const b = buildSearchIndex(searchCorpus(300, 5));
    assert.deepEqual(a.files, b.files);
  });

  test('制造业 and 竞争力 find the seed article; English and numbers work', async () => {
    const { searcher } = searcherOver(buildSearchIndex(SMALL));
    assert.deepEqual(await titlesFor(searcher, '制造业'), [SEED_TITLE]);
    assert.deepEqual(await titlesFor(searcher, '竞争力'), [SEED_TITLE]);
    assert.deepEqual(await titlesFor(searcher, '制造业竞争力'), [SEED_TITLE]);
    assert.deepEqual(await titlesFor(searcher, 'IPHONE'), ['Apple unveils iPhone 17']);
    assert.deepEqual(await titlesFor(searcher, '799'), ['Apple unveils iPhone 17']);
    assert.deepEqual(await titlesFor(searcher, '区块链'), []);
    assert.deepEqual(await titlesFor(searcher, '，。'), []);
  });

  test('a Traditional query finds Simplified text, and a Simplified one Traditional text', async () => {
    const { searcher } = searcherOver(buildSearchIndex(SMALL));
    // The seed article is Simplified: 製造業 and 競爭力 are its words in Traditional characters.
    assert.deepEqual(await titlesFor(searcher, '製造業'), [SEED_TITLE]);
    assert.deepEqual(await titlesFor(searcher, '競爭力'), [SEED_TITLE]);
    const taiwan = buildSearchIndex([doc('動畫電影票房創新高', '台灣的動畫電影市場', 1)]);
    const { searcher: hant } = searcherOver(taiwan);
    assert.deepEqual(await titlesFor(hant, '动画电影'), ['動畫電影票房創新高']);
    assert.deepEqual(await titlesFor(hant, '動畫'), ['動畫電影票房創新高']);
  });

  test('a title match outranks a text match', async () => {
    const { searcher } = searcherOver(buildSearchIndex(SMALL));
    assert.deepEqual(await titlesFor(searcher, '竞争'), [SEED_TITLE, '新能源汽车销量再创新高']);
  });

  test('text past the indexed prefix is not indexed', async () => {
    const { searcher } = searcherOver(buildSearchIndex(SMALL));
    assert.ok(!(await titlesFor(searcher, '制造业')).includes('Markets'));
  });

  test('a one-character query finds titles holding the character', async () => {
    const { searcher } = searcherOver(buildSearchIndex(SMALL));
    assert.deepEqual(await titlesFor(searcher, '汽'), ['新能源汽车销量再创新高']);
  });

  test('a number with a CJK unit finds text where the unit starts a longer run (3000亿元, 36氪获悉)', async () => {
    // 亿 and 氪 are lone characters of the query, but the texts hold only the bigrams 亿元
    // and 氪获: requiring them found nothing at all.
    const { searcher } = searcherOver(
      buildSearchIndex([
        doc('央行开展逆回购操作', '中国人民银行今日开展了3000亿元7天期逆回购操作。', 0),
        doc('澎湃新闻完成B轮融资', '36氪获悉，澎湃新闻宣布正式完成B轮融资。', 1),
        doc('无关新闻', '今日天气晴朗。', 2),
        // 氪 in a title is a token of its own, but without 36 this is not what 36氪 means.
        doc('音乐平台诱导粉丝花式氪金', '520 张，保持无感。', 3),
      ]),
    );
    assert.deepEqual(await titlesFor(searcher, '3000亿'), ['央行开展逆回购操作']);
    assert.deepEqual(await titlesFor(searcher, '36氪'), ['澎湃新闻完成B轮融资']);
    assert.deepEqual(await titlesFor(searcher, 'B轮'), ['澎湃新闻完成B轮融资']);
    // A query of lone characters only still needs them (they are all it has).
    assert.deepEqual(await titlesFor(searcher, '央 澎'), []);
  });

  test('a decimal number is one term (4.8%), and its parts still find it (iOS 15)', async () => {
    const { searcher } = searcherOver(
      buildSearchIndex([
        doc('社会消费品零售总额同比增长4.8%', '十月份社会消费品零售总额同比增长4.8%。', 0),
        doc('十月份数据', '8月份下降4个百分点，另有18.4%的增长。', 1),
        doc('iOS 15.4 正式发布', '苹果推送了 iOS 15.4 更新。', 2),
      ]),
    );
    // 4.8% used to be the words 4 and 8: the second document, with a 4 and an 8 apart, too.
    assert.deepEqual(await titlesFor(searcher, '4.8%'), ['社会消费品零售总额同比增长4.8%']);
    assert.deepEqual(await titlesFor(searcher, '４．８％'), ['社会消费品零售总额同比增长4.8%']);
    assert.deepEqual(await titlesFor(searcher, 'iOS 15'), ['iOS 15.4 正式发布']);
    assert.deepEqual(await titlesFor(searcher, '15.4'), ['iOS 15.4 正式发布']);
  });

  test('1,000 and 1000 find each other; wifi finds Wi-Fi', async () => {
    const { searcher } = searcherOver(
      buildSearchIndex([
        doc('融资39,154亿元', '本月新增融资39,154亿元。', 0),
        doc('裁员1000人', '公司宣布裁员1000人，另有1个部门撤销。', 1),
        doc('新款路由器支持Wi-Fi 7', '售价 1,299 元。', 2),
        doc('COVID-19 疫苗', '第3期试验。', 3),
      ]),
    );
    assert.deepEqual(await titlesFor(searcher, '39154亿'), ['融资39,154亿元']);
    assert.deepEqual(await titlesFor(searcher, '1,000人'), ['裁员1000人']);
    assert.deepEqual(await titlesFor(searcher, '1299'), ['新款路由器支持Wi-Fi 7']);
    assert.deepEqual(await titlesFor(searcher, 'wifi'), ['新款路由器支持Wi-Fi 7']);
    assert.deepEqual(await titlesFor(searcher, 'Wi-Fi'), ['新款路由器支持Wi-Fi 7']);
    assert.deepEqual(await titlesFor(searcher, 'covid19'), ['COVID-19 疫苗']);
    // The parts of a number are still in the index: 154 finds 39,154.
    assert.deepEqual(await titlesFor(searcher, '154'), ['融资39,154亿元']);
  });

  test('a word typed against CJK needs them together: A股 is not any text with an "a"', async () => {
    const { searcher } = searcherOver(
      buildSearchIndex([
        doc('沪深两市A股全线上涨', '今日A股三大指数集体收涨。', 0),
        doc('Apple unveils a new phone', 'It is a phone with 5 cameras, 股票 not involved.', 1),
        doc('5月CPI同比上涨', '国家统计局发布5月数据。', 2),
        doc('第5次会议召开', '会议于12月举行。', 3),
      ]),
    );
    assert.deepEqual(await titlesFor(searcher, 'A股'), ['沪深两市A股全线上涨']);
    assert.deepEqual(await titlesFor(searcher, '5月'), ['5月CPI同比上涨']);
    assert.deepEqual(await titlesFor(searcher, '12月'), ['第5次会议召开']);
    // Typed apart, the word and the characters are found apart, as before.
    assert.deepEqual(await titlesFor(searcher, 'a 股票'), ['Apple unveils a new phone']);
  });

  test('a CJK character typed against a word needs them together: 第5届 is 第5 and 5届', async () => {
    const { searcher } = searcherOver(
      buildSearchIndex([
        // 第5届 only in the text; the other has 第, 5 and 届 in its title, apart, and is newer:
        // without 第5 it would rank first (more title weight).
        doc('进口博览会今日开幕', '第5届中国国际进口博览会今日在上海开幕，展期六天。', 0),
        doc('第二次 5届', '会议举行。', 1),
        doc('想买iPhone的人变少了', '调查显示，想买iPhone的人少了。', 2),
        doc('iPhone销量下滑', 'Apple said iPhone sales fell.', 3),
      ]),
    );
    // The loose one still has 2 of the 3 required terms (5 and 5届), so it is found, below.
    assert.deepEqual(await titlesFor(searcher, '第5届'), ['进口博览会今日开幕', '第二次 5届']);
    assert.deepEqual(await titlesFor(searcher, '买iPhone'), ['想买iPhone的人变少了']);
    // Typed apart, they are found apart, as before (a lone 买 is only ranked).
    assert.deepEqual(await titlesFor(searcher, '买 iPhone'), [
      '想买iPhone的人变少了',
      'iPhone销量下滑',
    ]);
  });

  test('a word repeated without spaces finds the text that has it (苹果苹果)', async () => {
    // 苹果苹果 gives the bigrams 苹果, 果苹, 苹果: the text lacks 果苹, the one across the repeat.
    const { searcher } = searcherOver(
      buildSearchIndex([doc('苹果发布新品', '苹果公司今日发布了新款手机。', 0)]),
    );
    assert.deepEqual(await titlesFor(searcher, '苹果苹果'), ['苹果发布新品']);
    assert.deepEqual(await titlesFor(searcher, '苹果苹果苹果'), ['苹果发布新品']);
  });

  test('an empty index answers every query with nothing', async () => {
    const { searcher } = searcherOver(buildSearchIndex([]));
    assert.deepEqual(await titlesFor(searcher, '制造业 apple'), []);
  });

  test('an index of an unknown format is refused with a clear error', async () => {
    const searcher = searchCore.createSearcher((path) =>
      Promise.resolve(path === 'index.json' ? '{"format":99}' : ''),
    );
    await assert.rejects(searcher.search('apple'), /Unknown search index format 99/);
  });

  test('adding documents rewrites the tail shards and new chunks, not the main shards', () => {
    const all = searchCorpus(2 * TAIL_BLOCK + 200, 11);
    const old = 2 * TAIL_BLOCK + 100;
    const before = new Map(buildSearchIndex(all.slice(0, old)).files.map((f) => [f.path, f]));
    const after = buildSearchIndex(all).files;
    const count = (prefix: string): number => after.filter((f) => f.path.startsWith(prefix)).length;
    const changed = (prefix: string): number =>
      after.filter(
        (f) => f.path.startsWith(prefix) && !before.get(f.path)?.content.equals(f.content),
      ).length;
    assert.equal(changed('t/'), 0, 'main segment shards');
    assert.ok(changed('u/') > 0);
    // The chunk holding document `old - 1` changes (it gains rows), and the new ones appear.
    assert.equal(changed('d/'), Math.ceil(all.length / CHUNK_SIZE) - Math.floor(old / CHUNK_SIZE));
    console.log(
      `+100 documents on ${old}: ${changed('d/')} of ${count('d/')} metadata chunks, ` +
        `${changed('t/')} of ${count('t/')} main shards and ${changed('u/')} of ${count('u/')} ` +
        'tail shards rewritten',
    );
  });
});

describe('reusing the previous build', () => {
  const documents = searchCorpus(TAIL_BLOCK + 150, 13);
  const first = buildSearchIndex(documents.slice(0, TAIL_BLOCK + 50));
  const previousOf = (index: SearchIndex, drop?: string): PreviousIndex => {
    const files = new Map(index.files.map((f) => [f.path, f.content]));
    if (drop) files.delete(drop);
    return { read: (path) => files.get(path) };
  };

  test('the main segment is reused when its documents are unchanged, with identical bytes', () => {
    const fresh = buildSearchIndex(documents);
    const reused = buildSearchIndex(documents, previousOf(first));
    assert.equal(reused.stats.reusedMain, true);
    assert.equal(fresh.stats.reusedMain, false);
    assert.deepEqual(reused.files, fresh.files);
  });

  test('a changed document of the main segment means building it again', () => {
    const changed = documents.map((d, i) => (i === 5 ? { ...d, title: `${d.title} 更正` } : d));
    const index = buildSearchIndex(changed, previousOf(first));
    assert.equal(index.stats.reusedMain, false);
    assert.deepEqual(index.files, buildSearchIndex(changed).files);
  });

  test('a missing shard or a broken manifest means building it again', () => {
    assert.equal(buildSearchIndex(documents, previousOf(first, 't/0.txt')).stats.reusedMain, false);
    const broken: PreviousIndex = {
      read: (path) =>
        path === 'index.json' ? Buffer.from('{"format":1,') : previousOf(first).read(path),
    };
    assert.equal(buildSearchIndex(documents, broken).stats.reusedMain, false);
  });
});

describe('the first search on a 10,000-item site', () => {
  test('transfers under 300 KB (search page assets, manifest, shards, one page of results)', async () => {
    const documents = searchCorpus(10_000);
    const started = process.cpuUsage();
    const index = buildSearchIndex(documents);
    const cpu = process.cpuUsage(started);
    const sizes = new Map(index.files.map((f) => [f.path, f.content.toString('utf8')]));
    const report: string[] = [];
    let worst = 0;
    const largest = largestTerm(index);
    const pasted = '工信部部长肖亚庆提升制造业核心竞争力确保工业经济平稳运行';
    for (const query of [
      largest,
      pasted,
      '制造业',
      '竞争力',
      '制造业竞争力',
      '中国 经济 发展',
      'market growth',
      '发展',
    ]) {
      const { searcher, fetched } = searcherOver(index);
      const { hits } = await searcher.search(query);
      await searcher.documents(hits.slice(0, 10).map((hit) => hit.doc));
      const files = [...fetched.map((path) => sizes.get(path)!), SEARCH_SCRIPT];
      const raw = files.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
      const gzip = files.reduce((sum, text) => sum + gzipSync(text).length, 0);
      worst = Math.max(worst, raw);
      report.push(
        `${query}: ${hits.length} hits, ${fetched.length} files, ${kb(raw)} (${kb(gzip)} gzip)`,
      );
      if (query === '制造业' || query === pasted)
        assert.equal((await searcher.documents([hits[0]!.doc]))[0]!.title, SEED_TITLE);
    }
    console.log(
      `10,000 items: index ${kb(index.stats.bytes)} in ${index.files.length} files ` +
        `(${index.stats.terms} terms, ${index.stats.postings} postings, ${index.stats.shards} shards), ` +
        `built in ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU (machine shared with other jobs)\n` +
        `first search, uncompressed bytes incl. search.js:\n  ${report.join('\n  ')}`,
    );
    assert.ok(worst < 300_000, `worst first search transferred ${kb(worst)}`);
  });
});

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

/** The term with the longest posting list in the main segment: the heaviest one-term query. */
function largestTerm(index: SearchIndex): string {
  let best = '';
  let bestLength = -1;
  for (const file of index.files.filter((f) => f.path.startsWith('t/'))) {
    for (const [term, encoded] of searchCore.parseShard(file.content.toString('utf8'))) {
      if (encoded.length > bestLength) [best, bestLength] = [term, encoded.length];
    }
  }
  return best;
}

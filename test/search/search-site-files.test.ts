import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { SEED_TITLE, searchCorpus } from '../../bench/search-corpus.js';
import { CHUNK_SIZE, TAIL_BLOCK } from '../../src/search/build-search-index.js';
import { searchCore } from '../../src/search/search-core.js';
import { searchSiteFiles, type SearchFilesOptions } from '../../src/search/search-site-files.js';
import { labelsFor } from '../../src/site/labels.js';
import { buildSiteStructure } from '../../src/site/site-structure.js';
import type { OutputFile } from '../../src/site/write-output.js';
import type { StoredItem } from '../../src/store/store.js';
import {
  HN,
  item,
  modelOf,
  removeTempDirs,
  SINA,
  tempOutputDir,
} from '../site/site-model-fixture.js';

after(removeTempDirs);

const corpus = searchCorpus(2 * TAIL_BLOCK + 200, 21);
/** Item i of the corpus, first seen i minutes after a fixed time (so numbered i). */
function corpusItem(i: number, changedAt?: string): StoredItem {
  const firstSeen = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const d = corpus[i]!;
  return item({
    key: `item-${i}`,
    feedKey: SINA,
    title: d.title,
    text: d.text,
    excerpt: d.excerpt,
    firstSeen,
    published: firstSeen,
    changedAt: changedAt ?? firstSeen,
  });
}

interface Built {
  files: Map<string, OutputFile>;
  /** Texts read through readText. */
  reads: number;
}

/** The search files of a site of these items, as written to `outputDir` (rendered in order). */
function searchFilesOf(
  items: StoredItem[],
  outputDir: string | undefined,
  options: SearchFilesOptions & {
    feedName?: string;
    /** Feed languages by feed key (the site is zh-CN). */
    languages?: ReadonlyMap<string, string>;
  } = {},
): Built {
  const sample = modelOf(outputDir ?? '/nonexistent', items);
  const { feedName, languages } = options;
  const model = {
    ...sample,
    feeds: sample.feeds.map((f) => ({
      ...f,
      ...(f.key === SINA && feedName !== undefined ? { name: feedName } : {}),
      ...(languages?.has(f.key) ? { language: languages.get(f.key)! } : {}),
    })),
  };
  const texts = new Map(items.map((i) => [`${i.feedKey}\0${i.key}`, i.text]));
  let reads = 0;
  const structure = buildSiteStructure({ ...model, readText: () => '' }, labelsFor('zh-CN'));
  const files = searchSiteFiles(
    structure.items,
    (feedKey, key) => {
      reads++;
      return texts.get(`${feedKey}\0${key}`) ?? '';
    },
    outputDir,
    options,
  );
  return { files: new Map(files.map((f) => [f.path, f])), reads };
}

function rendered(built: Built): Map<string, Buffer> {
  return new Map(
    [...built.files].map(([path, file]) => {
      const content = file.render();
      return [path, typeof content === 'string' ? Buffer.from(content) : content];
    }),
  );
}

/** Writes the index files as a previous build would have left them. */
async function writeIndex(outputDir: string, files: Map<string, Buffer>): Promise<void> {
  for (const [path, content] of files) {
    await mkdir(dirname(join(outputDir, path)), { recursive: true });
    await writeFile(join(outputDir, path), content);
  }
}

/** `count` items after the first `from`: seen later than all of them. */
function newItems(from: number, count: number): StoredItem[] {
  return Array.from({ length: count }, (_, i) => corpusItem(from + i));
}

/**
 * What the writer renders of `next` (files whose key changed) plus what it keeps of `first`
 * equals a build of the same items from scratch, byte for byte.
 */
function assertAsFromScratch(first: Built, next: Built, items: StoredItem[]): void {
  const fresh = rendered(searchFilesOf(items, undefined));
  const kept = rendered(first);
  const renderedNext = rendered(next);
  assert.deepEqual([...next.files.keys()].sort(), [...fresh.keys()].sort());
  for (const [path, file] of next.files) {
    const content =
      first.files.get(path)?.key === file.key ? kept.get(path)! : renderedNext.get(path)!;
    assert.ok(content.equals(fresh.get(path)!), path);
  }
}

describe('the search files of a site', () => {
  const items = Array.from({ length: TAIL_BLOCK + 300 }, (_, i) => corpusItem(i));

  test('a worker thread builds the same bytes as this thread, and they find the seed article', async () => {
    const inline = rendered(searchFilesOf(items, undefined, { workerMinDocuments: Infinity }));
    const threaded = rendered(searchFilesOf(items, undefined, { workerMinDocuments: 0 }));
    assert.deepEqual([...threaded.keys()], [...inline.keys()]);
    for (const [path, content] of inline) assert.ok(threaded.get(path)!.equals(content), path);

    const searcher = searchCore.createSearcher((path) => {
      const content = threaded.get(`search/${path}`);
      return content ? Promise.resolve(content.toString('utf8')) : Promise.reject(new Error(path));
    });
    const { hits } = await searcher.search('制造业');
    const [first] = await searcher.documents(hits.slice(0, 1).map((hit) => hit.doc));
    assert.equal(first?.title, SEED_TITLE);
  });

  for (const [where, mode] of [
    ['this thread', { workerMinDocuments: Infinity }],
    ['worker thread', { workerMinDocuments: 0 }],
  ] as const) {
    test(`a rebuild reads no text when nothing changed, and only the new texts after new items (${where})`, async () => {
      const out = await tempOutputDir();
      const first = searchFilesOf(items, out, mode);
      assert.equal(first.reads, items.length);
      await writeIndex(out, rendered(first));

      const same = searchFilesOf(items, out, mode);
      assert.equal(same.reads, 0, 'texts read for an unchanged index');
      for (const [path, file] of same.files)
        assert.equal(file.key, first.files.get(path)!.key, path);

      const grown = [...items, ...newItems(items.length, 100)];
      const next = searchFilesOf(grown, out, mode);
      assert.equal(next.reads, 100, 'only the new items are read: they are appended to the tail');
      const changedKeys = [...next.files.values()].filter(
        (file) => first.files.get(file.path)?.key !== file.key,
      );
      assert.equal(changedKeys.filter((f) => f.path.startsWith('search/t/')).length, 0);
      assert.ok(changedKeys.some((f) => f.path.startsWith('search/u/')));
      assertAsFromScratch(first, next, grown);
    });

    test(`new items that complete a block of the tail are appended to the main segment (${where})`, async () => {
      const out = await tempOutputDir();
      const first = searchFilesOf(items, out, mode);
      await writeIndex(out, rendered(first));
      const grown = [...items, ...newItems(items.length, TAIL_BLOCK - 200)];
      const next = searchFilesOf(grown, out, mode);
      // The main segment's new documents (the old tail and the new items that join it) and the
      // new tail are read; the old main segment is not.
      assert.equal(next.reads, grown.length - TAIL_BLOCK);
      const shardsOf = (built: Built): number =>
        (
          JSON.parse(rendered(built).get('search/index.json')!.toString('utf8')) as {
            shards: number;
          }
        ).shards;
      assert.ok(shardsOf(next) > shardsOf(first), 'the main segment outgrew its shard count');
      assertAsFromScratch(first, next, grown);
    });

    // Like a kept segment's, old shards are trusted as a build wrote them: a file that is missing,
    // cut short or malformed is noticed; a well-formed edit is not.
    test(`an old shard that is missing, cut short or malformed means building the segment from its texts (${where})`, async () => {
      const grown = [...items, ...newItems(items.length, 100)];
      const fresh = rendered(searchFilesOf(grown, undefined));
      for (const damage of [
        (out: string) => rm(join(out, 'search/u/0.txt')),
        (out: string) => writeFile(join(out, 'search/u/1.txt'), 'term\t0'),
        async (out: string) => {
          const path = join(out, 'search/u/2.txt');
          const content = await readFile(path);
          await writeFile(path, content.subarray(0, content.length >> 1)); // cut short
        },
        (out: string) => writeFile(join(out, 'search/u/3.txt'), '\t01\n'),
      ]) {
        const out = await tempOutputDir();
        await writeIndex(out, rendered(searchFilesOf(items, out, mode)));
        await damage(out);
        const next = searchFilesOf(grown, out, mode);
        for (const [path, content] of rendered(next))
          assert.ok(content.equals(fresh.get(path)!), path);
      }
    });
  }

  test('a metadata chunk keeps its key only when it keeps its bytes', () => {
    const first = searchFilesOf(items, undefined);
    const before = rendered(first);
    const chunks = Math.ceil(items.length / CHUNK_SIZE);
    const edited = (i: number): StoredItem => ({
      ...corpusItem(i, '2026-06-01T00:00:00.000Z'),
      title: `${corpus[i]!.title} 更正`,
    });
    // [variant, its search files, how many chunk keys change]
    const variants: [string, Built, number][] = [
      ['same', searchFilesOf(items, undefined), 0],
      ['an edited item', searchFilesOf(items.map((it, i) => (i === 40 ? edited(40) : it)), undefined), 1], // prettier-ignore
      // The last chunk gains rows; new ones follow.
      ['new items', searchFilesOf([...items, ...newItems(items.length, 20)], undefined), 2],
      // The list of sources changed: every row may hold another source number. (Here there is
      // one source, so the bytes stay; keys err on the side of rewriting.)
      ['a renamed feed', searchFilesOf(items, undefined, { feedName: '新浪财经－滚动' }), chunks],
    ];
    for (const [name, next, changes] of variants) {
      const after = rendered(next);
      let changedKeys = 0;
      for (const [path, file] of next.files) {
        if (!path.startsWith('search/d/')) continue;
        const sameBytes = before.get(path)?.equals(after.get(path)!) ?? false;
        const sameKey = first.files.get(path)?.key === file.key;
        assert.ok(sameBytes || !sameKey, `${name}: ${path} changed under the same key`);
        if (!sameKey) changedKeys++;
      }
      assert.equal(changedKeys, changes, name);
    }
  });

  test("a feed's language changing rewrites the chunks of its items, and reads no text", async () => {
    // Every 200th item (from the 8th) comes from an English feed, in both segments.
    const english = (i: number): boolean => i % 200 === 7;
    const mixed = items.map((it, i) => (english(i) ? { ...it, feedKey: HN } : it));
    const languages = new Map([[HN, 'en']]);
    const out = await tempOutputDir();
    const first = searchFilesOf(mixed, out);
    await writeIndex(out, rendered(first));

    // The feed gains a language (a config override): its results must carry it.
    const next = searchFilesOf(mixed, out, { languages });
    assert.equal(next.reads, 0, 'postings do not depend on the language: no text is read');
    const changedPaths = [...next.files.values()]
      .filter((file) => first.files.get(file.path)?.key !== file.key)
      .map((file) => file.path)
      .sort();
    const chunksOfEnglish = mixed
      .map((_, i) => i)
      .filter(english)
      .map((i) => `search/d/${Math.floor(i / CHUNK_SIZE)}.json`);
    assert.deepEqual(changedPaths, [...new Set(chunksOfEnglish)].sort());
    const fresh = rendered(searchFilesOf(mixed, undefined, { languages }));
    const kept = rendered(first);
    const renderedNext = rendered(next);
    for (const [path, file] of next.files) {
      const content =
        first.files.get(path)?.key === file.key ? kept.get(path)! : renderedNext.get(path)!;
      assert.ok(content.equals(fresh.get(path)!), path);
    }
    const rows = JSON.parse(fresh.get('search/d/0.json')!.toString('utf8')) as unknown[][];
    assert.equal(rows[7]![6], 'en');
    assert.equal(rows[6]!.length, 6);

    // And when the language is taken away again, the chunks go back to what they were.
    const back = searchFilesOf(mixed, out);
    for (const [path, file] of back.files) assert.equal(file.key, first.files.get(path)!.key);
  });

  test('a changed item of the main segment means reading and building that segment again', async () => {
    const out = await tempOutputDir();
    await writeIndex(out, rendered(searchFilesOf(items, out)));
    const changed = items.map((it, i) =>
      i === 5 ? corpusItem(5, '2026-06-01T00:00:00.000Z') : it,
    );
    const again = searchFilesOf(changed, out);
    assert.equal(again.reads, TAIL_BLOCK, 'the main segment is read, the unchanged tail is not');
  });

  test('a text that cannot be read fails the build with its error, worker or not', () => {
    const structure = buildSiteStructure(
      { ...modelOf('/nonexistent', items), readText: () => '' },
      labelsFor('zh-CN'),
    );
    for (const workerMinDocuments of [0, Infinity]) {
      assert.throws(
        () =>
          searchSiteFiles(
            structure.items,
            (_feedKey, key) => {
              if (key === 'item-700') throw new Error('database disk image is malformed');
              return 'text';
            },
            undefined,
            { workerMinDocuments },
          ),
        /database disk image is malformed/,
      );
    }
  });

  test('a kept segment asked for its files (a full rebuild) is built again, byte-identical', async () => {
    const out = await tempOutputDir();
    const first = rendered(searchFilesOf(items, out));
    await writeIndex(out, first);
    const kept = searchFilesOf(items, out);
    const again = rendered(kept);
    for (const [path, content] of first) assert.ok(again.get(path)!.equals(content), path);
  });
});

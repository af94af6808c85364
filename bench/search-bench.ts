/**
 * bench:search — the static search index at 10,000 and 50,000 items (override with
 * BENCH_SEARCH_SIZES=10000,50000; rounds with BENCH_ROUNDS, default 3):
 * - index build CPU and wall time (median of rounds), and the process's peak RSS;
 * - index size, files, and what the first search transfers for typical and worst queries;
 * - files rewritten when 100 items are added;
 * - peers in the same run: MiniSearch 7 indexing the same title + text prefix with the same
 *   tokens (a popular in-memory JS full-text index; its serialised JSON is what a one-file
 *   static index would download), Intl.Segmenter's word segmentation of the same text (the
 *   dictionary-based alternative to bigrams), and Hexo's search.xml (hexo-generator-search:
 *   the whole corpus in one file, which the old site loaded before its first search).
 *   MiniSearch runs for the first size only, after our peak RSS is read.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import MiniSearch from 'minisearch';
import { searchCorpus } from './search-corpus.js';
import {
  buildSearchIndex,
  INDEXED_TEXT_CHARS,
  type SearchIndex,
} from '../src/search/build-search-index.js';
import { searchCore } from '../src/search/search-core.js';
import type { SearchDocument } from '../src/search/search-document.js';
import { SEARCH_SCRIPT } from '../src/search/search-script.js';

const sizes = (process.env.BENCH_SEARCH_SIZES ?? '10000,50000').split(',').map(Number);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const peakRssMb = (): number =>
  Number(/^VmHWM:\s*(\d+)\s*kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
const rssMb = (): number => process.memoryUsage().rss / 1024 / 1024;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;

function firstSearch(
  index: SearchIndex,
  query: string,
): Promise<{ raw: number; gzip: number; files: number }> {
  const files = new Map(index.files.map((f) => [f.path, f.content.toString('utf8')]));
  const fetched: string[] = [SEARCH_SCRIPT];
  const searcher = searchCore.createSearcher((path) => {
    const content = files.get(path);
    if (content === undefined) return Promise.reject(new Error(`${path}: 404`));
    fetched.push(content);
    return Promise.resolve(content);
  });
  return searcher.search(query).then(async ({ hits }) => {
    await searcher.documents(hits.slice(0, 10).map((hit) => hit.doc));
    return {
      raw: fetched.reduce((sum, text) => sum + Buffer.byteLength(text), 0),
      gzip: fetched.reduce((sum, text) => sum + gzipSync(text).length, 0),
      files: fetched.length,
    };
  });
}

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

/** hexo-generator-search's search.xml for the same items: title, url and whole content. */
function hexoSearchXmlBytes(documents: readonly SearchDocument[]): number {
  let bytes = 60;
  for (const d of documents) {
    bytes += Buffer.byteLength(
      `<entry><title>${d.title}</title><url>/${d.path}</url><content type="html"><![CDATA[${d.text}]]></content></entry>`,
    );
  }
  return bytes;
}

/** Tokenising throughput (MB/s of UTF-8) of our scanner and of Intl.Segmenter on the same text. */
function tokenizerPeers(documents: readonly SearchDocument[]): { ours: number; segmenter: number } {
  const texts = documents.slice(0, 300).map((d) => d.text.slice(0, INDEXED_TEXT_CHARS));
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  let sink = 0;
  const time = (run: () => void): number => {
    const started = performance.now();
    run();
    return performance.now() - started;
  };
  const ours = median(
    [1, 2, 3].map(() =>
      time(() => {
        for (const text of texts) {
          searchCore.scanTokens(
            text,
            false,
            (a) => (sink += a),
            (w) => (sink += w.length),
          );
        }
      }),
    ),
  );
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  const theirs = median(
    [1, 2, 3].map(() =>
      time(() => {
        for (const text of texts) for (const s of segmenter.segment(text)) if (s.isWordLike) sink++;
      }),
    ),
  );
  if (sink < 0) console.log(sink);
  return { ours: bytes / 1e6 / (ours / 1000), segmenter: bytes / 1e6 / (theirs / 1000) };
}

const worstBySize = new Map<number, number>();
for (const size of sizes) {
  const documents = searchCorpus(size + 100);
  const base = documents.slice(0, size);
  const corpusMb = base.reduce((sum, d) => sum + Buffer.byteLength(d.text), 0) / 1e6;
  const rssBefore = rssMb();
  const cpu: number[] = [];
  const wall: number[] = [];
  let index: SearchIndex | undefined;
  for (let round = 0; round < rounds; round++) {
    index = undefined;
    const started = performance.now();
    const startedCpu = process.cpuUsage();
    index = buildSearchIndex(base);
    const used = process.cpuUsage(startedCpu);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  const built = index!;
  const peak = peakRssMb();
  const previous = new Map(built.files.map((f) => [f.path, f.content]));
  const timed = (run: () => SearchIndex): { index: SearchIndex; cpu: number } => {
    const startedCpu = process.cpuUsage();
    const result = run();
    const used = process.cpuUsage(startedCpu);
    return { index: result, cpu: (used.user + used.system) / 1000 };
  };
  const unchanged = timed(() => buildSearchIndex(base, { read: (path) => previous.get(path) }));
  const grownRun = timed(() => buildSearchIndex(documents, { read: (path) => previous.get(path) }));
  const grown = grownRun.index;
  const old = new Map(built.files.map((f) => [f.path, f.content]));
  const rewritten = grown.files.filter((f) => !old.get(f.path)?.equals(f.content));
  const rewrittenBytes = rewritten.reduce((sum, f) => sum + f.content.length, 0);

  const queries = [
    '制造业',
    '制造业竞争力',
    'market growth',
    largestTerm(built),
    '工信部部长肖亚庆提升制造业核心竞争力确保工业经济平稳运行',
  ];
  const transfers = await Promise.all(queries.map((q) => firstSearch(built, q)));
  const hexoXml = hexoSearchXmlBytes(base);
  const worst = Math.max(...transfers.map((t) => t.raw));
  const peers = tokenizerPeers(base);

  console.log(`\n## ${size.toLocaleString('en')} items (${corpusMb.toFixed(0)} MB of text)`);
  console.log(
    `index build: CPU ${median(cpu).toFixed(0)} ms, wall ${median(wall).toFixed(0)} ms ` +
      `(median of ${rounds}; CPU per round ${cpu.map((c) => c.toFixed(0)).join(', ')})`,
  );
  console.log(
    `peak RSS of this process ${peak.toFixed(0)} MB (${rssBefore.toFixed(0)} MB before the first build, corpus loaded)`,
  );
  console.log(
    `index: ${kb(built.stats.bytes)} in ${built.files.length} files; ${built.stats.terms} terms, ` +
      `${built.stats.postings} postings, ${built.stats.shards} shards, ${built.stats.chunks} chunks`,
  );
  console.log(
    `+100 items: ${rewritten.length} files rewritten (${kb(rewrittenBytes)}), of ${grown.files.length}; ` +
      `index CPU ${grownRun.cpu.toFixed(0)} ms (main segment reused: ${grown.stats.reusedMain})`,
  );
  console.log(
    `no change: index CPU ${unchanged.cpu.toFixed(0)} ms (main segment reused: ${unchanged.index.stats.reusedMain})`,
  );
  console.log('first search (search.js + manifest + shards + 10 results):');
  queries.forEach((q, i) => {
    const t = transfers[i]!;
    console.log(`  ${q}: ${t.files} files, ${kb(t.raw)} (${kb(t.gzip)} gzip)`);
  });
  console.log(
    `peer hexo-generator-search search.xml: ${kb(hexoXml)} before any search ` +
      `= ${(hexoXml / worst).toFixed(0)}× our worst first search`,
  );
  worstBySize.set(size, worst);
  console.log(
    `tokenising the indexed text: ours ${peers.ours.toFixed(1)} MB/s, Intl.Segmenter ` +
      `${peers.segmenter.toFixed(2)} MB/s (${(peers.ours / peers.segmenter).toFixed(0)}× faster)`,
  );
}

// MiniSearch last, in the same process: our peak RSS figures above are read before it runs.
const miniSize = sizes.find((size) => size <= 10_000);
if (miniSize !== undefined) {
  const base = searchCorpus(miniSize);
  const ours = median(
    [1, 2, 3].map(() => {
      const startedCpu = process.cpuUsage();
      buildSearchIndex(base);
      const used = process.cpuUsage(startedCpu);
      return (used.user + used.system) / 1000;
    }),
  );
  const mini = new MiniSearch<{ id: number; title: string; text: string }>({
    fields: ['title', 'text'],
    tokenize: (text, field) => searchCore.tokenize(text, field === 'title'),
    processTerm: (term) => term,
  });
  const docs = base.map((d, id) => ({
    id,
    title: d.title,
    text: d.text.slice(0, INDEXED_TEXT_CHARS),
  }));
  const startedCpu = process.cpuUsage();
  mini.addAll(docs);
  const used = process.cpuUsage(startedCpu);
  const miniCpu = (used.user + used.system) / 1000;
  const json = JSON.stringify(mini);
  console.log(
    `\npeer MiniSearch 7.2.0 on the same ${miniSize.toLocaleString('en')} documents and tokens: ` +
      `addAll CPU ${miniCpu.toFixed(0)} ms vs our whole index ${ours.toFixed(0)} ms ` +
      `(median of 3, this run): ours ${(miniCpu / ours).toFixed(1)}× faster; its index as one ` +
      `JSON file ${kb(Buffer.byteLength(json))} (${kb(gzipSync(json).length)} gzip) = ` +
      `${(Buffer.byteLength(json) / worstBySize.get(miniSize)!).toFixed(0)}× our worst first search`,
  );
}

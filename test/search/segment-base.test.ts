import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { searchCorpus } from '../../bench/search-corpus.js';
import { indexedText } from '../../src/search/build-search-index.js';
import { searchCore } from '../../src/search/search-core.js';
import { buildSegment, segmentBuilder } from '../../src/search/search-segment.js';
import { segmentBase } from '../../src/search/segment-base.js';

const documents = searchCorpus(300, 5);
const titles = documents.map((d) => d.title);
const texts = documents.map((d) => indexedText(d.text));

function built(from: number, to: number, shardCount: number): Buffer[] {
  return buildSegment({
    first: from,
    titles: titles.slice(from, to),
    texts: texts.slice(from, to),
    shardCount,
    folder: 'u',
  }).files.map((file) => file.content);
}

/** The shard holding some term, and a term of it. */
function termIn(shard: number, shardCount: number): string {
  for (const term of searchCore.tokenize(texts.join(' '))) {
    if (searchCore.shardOf(term, shardCount) === shard) return term;
  }
  throw new Error(`no term in shard ${shard}`);
}

describe('appending to a segment', () => {
  test('gives the bytes of a build from scratch, with the same or more shards', () => {
    for (const [oldShards, newShards] of [
      [8, 8],
      [4, 16],
    ] as const) {
      const base = segmentBase(built(100, 250, oldShards), newShards);
      const builder = segmentBuilder(250, 'u');
      for (let i = 250; i < 300; i++) builder.add(titles[i]!, texts[i]!);
      const appended = builder.finish(newShards, base).files.map((file) => file.content);
      const fresh = built(100, 300, newShards);
      assert.equal(appended.length, fresh.length);
      appended.forEach((content, i) => assert.ok(content.equals(fresh[i]!), `shard ${i}`));
    }
  });

  test('refuses to finish with another shard count than its base was dealt into', () => {
    const base = segmentBase(built(0, 50, 4), 4);
    assert.throws(() => segmentBuilder(50, 'u').finish(8, base), /4 shards with 8 shards/);
  });

  test('shards that a build could not have written are errors naming shard and line', () => {
    const shards = built(0, 50, 4);
    /** Appends document 50 (its title holds `term`) to a base whose shard 1 is `shard1`. */
    const append = (shard1: string, term: string, shardCount = 4): void => {
      const base = segmentBase(
        [shards[0]!, Buffer.from(shard1), shards[2]!, shards[3]!],
        shardCount,
      );
      const builder = segmentBuilder(50, 'u');
      builder.add(term, '');
      builder.finish(shardCount, base);
    };
    const term = termIn(1, 4);
    assert.doesNotThrow(() => append(`${term}\t01\n`, term));
    const cases: [string, RegExp][] = [
      [`${term}\t01`, /shard 1: cut short/],
      ['\t01\n', /shard 1, line 1: no term/],
      [`${term}01\n${term}\t01\n`, /shard 1, line 1: no term/],
      [`${term}\t0*\n`, /shard 1, line 1: bad posting character/],
      [`${term}\t01A\n`, /shard 1, line 1: posting list cut short/],
      [`${term}\tk11\n`, /shard 1, line 1: document past the segment/],
    ];
    for (const [shard1, error] of cases) assert.throws(() => append(shard1, term), error);
    // Dealt into more shards, every line's term is checked against its shard.
    assert.throws(
      () => append(`${termIn(2, 4)}\t01\n`, term, 8),
      /shard 1, line 1: term in the wrong shard/,
    );
    assert.throws(() => segmentBase(shards, 6), /4 shards cannot be dealt into 6/);
  });
});

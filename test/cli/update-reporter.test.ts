import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TerminalReporter } from '../../src/cli/terminal-reporter.js';
import { JsonLinesReporter } from '../../src/cli/update-reporter.js';
import type { FeedOutcome } from '../../src/pipeline.js';
import type { FeedSource } from '../../src/sources/feed-source.js';

function source(name: string): FeedSource {
  return {
    key: `rsshub:/${name}`,
    category: '金融',
    site: '新浪财经',
    name,
    location: { kind: 'url', url: `http://127.0.0.1:1200/${name}` },
    timeZone: 'Asia/Shanghai',
    interval: null,
  };
}

const outcomes: FeedOutcome[] = [
  {
    source: source('a'),
    status: 'ok',
    items: 3,
    added: 2,
    changed: 1,
    unchanged: 0,
    warnings: [],
    movedTo: null,
  },
  { source: source('b'), status: 'not-modified', movedTo: null },
  {
    source: source('c'),
    status: 'failed',
    kind: 'timeout',
    error: 'http://127.0.0.1:1200/c: no response headers within 15 s',
  },
  { source: source('d'), status: 'unchanged', movedTo: 'http://127.0.0.1:1200/d2' },
  {
    source: source('e'),
    status: 'skipped',
    reason: 'not-due',
    nextDueAt: '2026-11-26T01:00:00.000Z',
  },
];

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = {
    isTTY,
    write: (chunk: string) => chunks.push(chunk) > 0,
  } as unknown as NodeJS.WriteStream;
  return { stream, text: () => chunks.join('') };
}

function run(reporter: TerminalReporter | JsonLinesReporter) {
  reporter.start(outcomes.length, '/srv/tidings.yaml');
  for (const outcome of outcomes) reporter.feed(outcome);
  reporter.finish(outcomes);
}

describe('update reporting', () => {
  test('on a terminal: a progress line with counts, colour, then a summary table of failures', () => {
    const out = capture(true);
    run(new TerminalReporter(out.stream, {}));
    const text = out.text();
    assert.match(text, /\r\x1b\[2K.*5\/5 {2}2 new · 1 unchanged · 1 304 · \x1b\[31m1 failed/);
    assert.match(
      text,
      /Done\x1b\[22m: 4 of 5 feed\(s\) fetched; 2 new, 1 changed, 1 unchanged, 1 not modified \(304\), \x1b\[31m1 failed\x1b\[39m, 1 not due\./,
    );
    assert.match(text, /Failed feeds:/);
    assert.match(
      text,
      /金融 › 新浪财经 › c {2}timeout {5}http:\/\/127\.0\.0\.1:1200\/c: no response headers within 15 s/,
    );
    assert.match(text, /moved {2}金融 › 新浪财经 › d → http:\/\/127\.0\.0\.1:1200\/d2/);
  });

  test('NO_COLOR turns colour off; a pipe gets one line per feed and no progress bar', () => {
    const tty = capture(true);
    run(new TerminalReporter(tty.stream, { NO_COLOR: '1' }));
    assert.doesNotMatch(tty.text(), /\x1b\[3\dm/);
    const pipe = capture(false);
    run(new TerminalReporter(pipe.stream, {}));
    const text = pipe.text();
    assert.doesNotMatch(text, /\x1b|█/);
    assert.match(text, /^ {2}ok {4}金融 › 新浪财经 › a: 3 item\(s\), 2 new, 1 changed$/m);
    assert.match(text, /^ {2}304 {3}金融 › 新浪财经 › b: not modified$/m);
    assert.match(text, /^ {2}FAIL {2}金融 › 新浪财经 › c: http/m);
    assert.doesNotMatch(text, /› e/, 'feeds not due are only counted');
  });

  test('the failures table lines up Chinese and Latin feed names (wide characters, two cells)', () => {
    const failed = (category: string, site: string, name: string): FeedOutcome => ({
      source: { ...source(name), category, site },
      status: 'failed',
      kind: 'network',
      error: `http://127.0.0.1:9/${name}: cannot connect (ECONNREFUSED)`,
    });
    const out = capture(false);
    const reporter = new TerminalReporter(out.stream, {});
    const two = [failed('News', 'Rust', 'Blog'), failed('金融', '新浪财经', '国內')];
    reporter.start(two.length, '/srv/tidings.yaml');
    reporter.finish(two);
    const rows = out.text().split('Failed feeds:\n')[1]!.trimEnd().split('\n');
    // "金融 › 新浪财经 › 国內" takes 22 cells (10 characters of two); "News › Rust › Blog" 18.
    assert.deepEqual(rows, [
      '  News › Rust › Blog      network     http://127.0.0.1:9/Blog: cannot connect (ECONNREFUSED)',
      '  金融 › 新浪财经 › 国內  network     http://127.0.0.1:9/国內: cannot connect (ECONNREFUSED)',
    ]);
  });

  test('--json: one parseable event per line', () => {
    const out = capture(false);
    run(new JsonLinesReporter(out.stream));
    const events = out
      .text()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      events.map((e) => e['event']),
      ['start', 'feed', 'feed', 'feed', 'feed', 'feed', 'summary'],
    );
    assert.deepEqual(events[3], {
      event: 'feed',
      feed: 'rsshub:/c',
      category: '金融',
      site: '新浪财经',
      name: 'c',
      status: 'failed',
      kind: 'timeout',
      error: 'http://127.0.0.1:1200/c: no response headers within 15 s',
    });
    assert.deepEqual(events[6], {
      event: 'summary',
      fetched: 4,
      added: 2,
      changed: 1,
      unchanged: 1,
      notModified: 1,
      failed: 1,
      skipped: 1,
    });
  });
});

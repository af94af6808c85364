import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runTidingsSync } from '../support/run-tidings.js';

test('feeds: two feeds with one name in one site are told apart by their keys', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-feeds-'));
  try {
    fs.writeFileSync(
      path.join(dir, 'tidings.yaml'),
      'sources:\n  - category: 新闻\n    sites:\n      - name: 本地\n        feeds:\n' +
        '          - { name: RSS, file: a.xml }\n' +
        '          - { name: RSS, url: "http://127.0.0.1:9/feed.xml?token=hunter2" }\n' +
        '          - { name: Other, file: c.xml }\n',
    );
    const listed = runTidingsSync(['feeds'], dir);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^never fetched +新闻 › 本地 › RSS \(file:a\.xml\) +0 /m);
    assert.match(
      listed.stdout,
      /^never fetched +新闻 › 本地 › RSS \(url:http:\/\/127\.0\.0\.1:9\/feed\.xml\?token=…\) +0 /m,
    );
    assert.match(
      listed.stdout,
      /^never fetched +新闻 › 本地 › Other +0 /m,
      'a name of its own: no key',
    );
    assert.doesNotMatch(listed.stdout, /hunter2/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('feeds: names with emoji line up with the others (an emoji takes two cells)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-feeds-'));
  try {
    fs.writeFileSync(
      path.join(dir, 'tidings.yaml'),
      'sources:\n  - category: A\n    sites:\n      - name: B\n        feeds:\n' +
        '          - { name: "📈 Markets", file: a.xml }\n' +
        '          - { name: "🇨🇳 中国", file: b.xml }\n' +
        '          - { name: Plain, file: c.xml }\n',
    );
    const listed = runTidingsSync(['feeds'], dir);
    assert.equal(listed.code, 0, listed.stderr);
    const rows = listed.stdout.split('\n').slice(1, 4);
    assert.deepEqual(
      rows.map((row) => row.slice(0, row.indexOf(' 0 ') + 2)),
      [
        'never fetched  A › B › 📈 Markets  0',
        'never fetched  A › B › 🇨🇳 中国     0',
        'never fetched  A › B › Plain       0',
      ],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorDisplayName } from '../../src/parse/authors.js';

test('an author string as feeds write it gives the name', () => {
  const cases: [string | null, string | null][] = [
    ['editor@x.org (Jane Doe)', 'Jane Doe'],
    ['"Jane Doe" <editor@x.org>', 'Jane Doe'],
    ['editor@x.org', 'editor@x.org'],
    ['mailto:editor@x.org', 'editor@x.org'],
    ['  新浪财经\n 编辑部 ', '新浪财经 编辑部'],
    ['   ', null],
    [null, null],
    // A line or paragraph separator is not a line break to the feed: the name still parses.
    ['editor@x.org (Jane\u2028Doe)', 'Jane\u2028Doe'],
    ['Jane\u2029Doe <editor@x.org>', 'Jane\u2029Doe'],
  ];
  for (const [raw, expected] of cases) assert.equal(authorDisplayName(raw), expected, String(raw));
});

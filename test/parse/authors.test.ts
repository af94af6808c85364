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

test('a name wrapped in HTML is its text (CMSs link the author in dc:creator)', () => {
  const cases: [string, string][] = [
    ['<a href="http://x/user/1">Linked Name</a>', 'Linked Name'],
    ['<span class="author">Jane &amp; John</span>', 'Jane & John'],
    ['<a href="mailto:e@x.org">e@x.org</a> (Jane)', 'Jane'],
    // not HTML: the address form and a literal `<` stay as they were
    ['Jane Doe <editor@x.org>', 'Jane Doe'],
    ['a <b', 'a <b'],
  ];
  for (const [raw, expected] of cases) assert.equal(authorDisplayName(raw), expected, raw);
});

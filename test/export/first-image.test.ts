import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstImageSource } from '../../src/export/first-image.js';
import { cpuMsOf } from '../support/cpu-time.js';

test('the first <img src> as a parser sees it: not in comments or scripts, entities decoded', () => {
  const html =
    '<!-- <img src="c.png"> --><script>"<img src=s.png>"</script><p><img src="">' +
    '<img src="https://a.example/x.png?a=1&amp;b=2"><img src="y.png"></p>';
  assert.equal(firstImageSource(html), 'https://a.example/x.png?a=1&b=2');
  assert.equal(firstImageSource('<p>no image</p>'), null);
});

test("an item a million elements deep (the feed's own HTML) is read in well under seconds", () => {
  // htmlparser2 pays the depth for each start tag: this took hours before.
  const depth = 1_000_000;
  const html = `${'<span>'.repeat(depth)}<script>"<img src=s.png>"</script><img src="deep.png">${'</span>'.repeat(depth)}`;
  let found: string | null = null;
  const ms = cpuMsOf(() => (found = firstImageSource(html)));
  assert.equal(found, 'deep.png');
  assert.ok(ms < 5000, `${Math.round(ms)} ms of CPU`);
});

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildSite } from '../../src/site/build-site.js';
import { itemPath } from '../../src/site/item-path.js';
import { item, sampleModel, SINA, tempOutputDir, removeTempDirs } from './site-model-fixture.js';

after(removeTempDirs);

/**
 * A small well-formedness check: characters legal in XML 1.0, entities known, and tags
 * properly nested (start tags, end tags, empty tags; text never holds a raw `<` or `&`).
 */
function assertWellFormedXml(xml: string): void {
  assert.doesNotMatch(xml, /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = token.exec(body)) !== null) {
    end = token.lastIndex;
    const [, closing, name, , empty, text] = match;
    if (text !== undefined) {
      assert.doesNotMatch(text, /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i, 'bare &');
      if (stack.length === 0) assert.match(text, /^\s*$/, 'text outside the root');
    } else if (closing) {
      assert.equal(stack.pop(), name, `unbalanced </${name}>`);
    } else if (!empty) {
      stack.push(name ?? '');
    }
  }
  assert.equal(end, body.length, `cannot read XML at: ${body.slice(end, end + 80)}`);
  assert.deepEqual(stack, []);
}

test('atom.xml is well-formed Atom with absolute URLs and escaped HTML content', async () => {
  const out = await tempOutputDir();
  const model = sampleModel(out);
  await buildSite(model);
  const atom = await readFile(join(out, 'atom.xml'), 'utf8');
  assertWellFormedXml(atom);
  assert.ok(
    atom.startsWith(
      '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    ),
  );
  assert.ok(
    atom.includes(
      '<link rel="self" type="application/atom+xml" href="https://example.github.io/news/atom.xml"/>',
    ),
  );
  assert.equal((atom.match(/<entry>/g) ?? []).length, model.items.length);
  const first = model.items[0];
  assert.ok(first);
  const url = `https://example.github.io/news/${itemPath(first.feedKey, first.key)}`;
  assert.ok(atom.includes(`<id>${url}</id>`));
  assert.ok(atom.includes('<content type="html">&lt;div&gt;&lt;p&gt;'));
  assert.ok(atom.includes('<title type="text">Show HN: &lt;script&gt;'));
  // The control character and U+FFFF in one item's content are gone.
  assert.ok(atom.includes('Controlchar and .'));
});

test('atom.xml carries the newest 50 items', async () => {
  const out = await tempOutputDir();
  const extra = Array.from({ length: 60 }, (_, i) =>
    item({
      key: `n${i}`,
      feedKey: SINA,
      title: `第${i}条`,
      published: new Date(Date.UTC(2022, 0, 1, 0, i)).toISOString(),
    }),
  );
  const model = sampleModel(out, extra);
  await buildSite(model);
  const atom = await readFile(join(out, 'atom.xml'), 'utf8');
  assertWellFormedXml(atom);
  assert.equal((atom.match(/<entry>/g) ?? []).length, 50);
  assert.ok(atom.includes('<title type="text">第59条</title>'));
  assert.ok(!atom.includes('<title type="text">第9条</title>'));
});

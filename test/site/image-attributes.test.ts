import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addImageAttributes } from '../../src/site/image-attributes.js';

test('adds referrerpolicy, loading and decoding to an img without them', () => {
  assert.equal(
    addImageAttributes('<p><img src="https://n.sinaimg.cn/a.jpg" alt="图"></p>'),
    '<p><img src="https://n.sinaimg.cn/a.jpg" alt="图" referrerpolicy="no-referrer" loading="lazy" decoding="async"></p>',
  );
});

test('replaces another referrer policy and keeps an existing loading value', () => {
  const out = addImageAttributes('<IMG SRC="x.png" ReferrerPolicy="origin" loading="eager"/>');
  assert.equal(
    out,
    '<img SRC="x.png" loading="eager" alt="" referrerpolicy="no-referrer" decoding="async">',
  );
});

test('an img without alt gets its title as alt, or an empty alt', () => {
  assert.equal(
    addImageAttributes(`<img src="a.png" title='"增长" &amp; more'><img src="b.png" alt="">`),
    `<img src="a.png" title='"增长" &amp; more' alt="&quot;增长&quot; &amp; more" referrerpolicy="no-referrer" loading="lazy" decoding="async">` +
      `<img src="b.png" alt="" referrerpolicy="no-referrer" loading="lazy" decoding="async">`,
  );
  assert.match(
    addImageAttributes('<img src=c.png title=chart>'),
    /^<img src=c\.png title=chart alt="chart" /,
  );
});

test('copes with > inside quoted values, single quotes and unquoted values', () => {
  const out = addImageAttributes(`<img title="a > b" alt='c > d' src=x.png>after`);
  assert.equal(
    out,
    `<img title="a > b" alt='c > d' src=x.png referrerpolicy="no-referrer" loading="lazy" decoding="async">after`,
  );
});

test('handles many images and leaves other tags and text alone', () => {
  const input = '<p>&lt;img src=x&gt;</p><img src="1"><image-map></image-map><img src="2" />';
  const out = addImageAttributes(input);
  assert.equal((out.match(/referrerpolicy="no-referrer"/g) ?? []).length, 2);
  assert.ok(out.startsWith('<p>&lt;img src=x&gt;</p>'));
  assert.ok(out.includes('<image-map></image-map>'));
});

test('html without images comes back unchanged', () => {
  const input = '<p>没有图片</p>';
  assert.equal(addImageAttributes(input), input);
});

test('an empty alt beside a title takes the title (WCAG H67); the first alt counts', () => {
  assert.equal(
    addImageAttributes('<img src="a.png" alt="" title="十月 &amp; 数据">'),
    '<img src="a.png" alt="十月 &amp; 数据" title="十月 &amp; 数据" referrerpolicy="no-referrer" loading="lazy" decoding="async">',
  );
  assert.equal(
    addImageAttributes('<img alt title=\'a "b"\' src=x.png>'),
    `<img alt="a &quot;b&quot;" title='a "b"' src=x.png referrerpolicy="no-referrer" loading="lazy" decoding="async">`,
  );
  // An empty title, or an alt with text, stays as written.
  for (const html of [
    '<img src="a.png" alt="" title="">',
    '<img src="a.png" alt="图" title="t">',
  ]) {
    assert.match(addImageAttributes(html), new RegExp(`^${html.slice(0, -1)} `), html);
  }
});

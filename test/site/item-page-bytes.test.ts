import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SiteSettings } from '../../src/config/config.js';
import { addImageAttributes, addImageAttributesToBytes } from '../../src/site/image-attributes.js';
import { imageAddressOf } from '../../src/site/image-proxy.js';
import { itemPageBytes } from '../../src/site/item-page-bytes.js';
import { labelsFor } from '../../src/site/labels.js';
import type { PageContext } from '../../src/site/page-context.js';
import { renderItemPage, type ItemPageView } from '../../src/site/render-item-page.js';

// Item pages written by the item-page threads are made from the content's stored bytes; they
// must be byte for byte what renderItemPage makes from the decoded content, whatever the
// content holds.

const settings: SiteSettings = {
  title: '新闻 <站>',
  description: '描述',
  url: 'https://example.github.io/news',
  language: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  perPage: 10,
  maxAgeDays: 0,
  outputDir: '/tmp/unused',
  permalink: 'items/:id.html',
  staticDir: null,
};

const page: PageContext = {
  settings,
  labels: labelsFor('zh-CN'),
  path: 'items/0123456789abcdef.html',
  root: '../',
  styleVersion: 'abcd1234',
};

const feed = {
  name: '新浪财经－国內',
  folder: 'categories/金融/新浪财经/新浪财经－国內',
  url: 'categories/%E9%87%91%E8%9E%8D/x/y/',
  site: {
    name: '新浪财经',
    folder: 'categories/金融/新浪财经',
    url: 'categories/%E9%87%91%E8%9E%8D/x/',
    category: { name: '金融', folder: 'categories/金融', url: 'categories/%E9%87%91%E8%9E%8D/' },
  },
};

function view(image: string | null = 'https://n.sinaimg.cn/lead.jpg'): ItemPageView {
  return {
    item: {
      title: '工信部部长 <肖亚庆> & "制造业"',
      author: '记者',
      categories: ['经济'],
      readingMinutes: 3,
      link: 'https://finance.sina.com.cn/a.html',
      image,
      excerpt: '摘要'.repeat(100),
    },
    feed,
    time: { iso: '2021-12-25T08:03:46+08:00', text: '2021年12月25日 08:03' },
    updated: null,
    older: { url: 'items/older.html', item: { title: '较早' } },
    newer: null,
  };
}

const contents: Record<string, string> = {
  plain: '<p>　　原标题：提升制造业核心竞争力</p>\n<p>English, numbers 2021.</p>',
  empty: '',
  'images of every spelling': `<p><img src="a.png" alt="图 > 片"><IMG SRC='b.png' ReferrerPolicy="origin"/><img src=c.png loading=eager>文字<img\nalt="中文 alt" src="d.png" /></p><image-map></image-map><imgx>`,
  'image-like text': '<p>&lt;img src=x&gt; <code>&lt;img&gt;</code></p>',
  'C0 controls': '<p>a\u0001b\u0008c\u000Bd\u001Fe\u007Ff\tg\nh\ri</p>',
  'C1 controls': '<p>a\u0080b\u0085c\u009Fd\u00A0e\u00B7f</p>',
  noncharacters: '<p>a\uFFFEb\uFFFFc\uFFFDd\uFF0C</p>',
  'controls inside an img tag': '<img alt="a\u0002b" src="x.png"><p>\u0003</p>',
  emoji: '<p>😀 emoji 𠀀 astral</p>',
  'nbsp and ideographic space in attributes': '<img alt=a\u00A0b src=x\u3000y.png>',
};

for (const [name, html] of Object.entries(contents)) {
  test(`item page from bytes = item page from text: ${name}`, () => {
    for (const shown of [view(), view(null)]) {
      const fromBytes = Buffer.concat(itemPageBytes(page, shown, Buffer.from(html, 'utf8')));
      const fromText = Buffer.from(renderItemPage(page, shown, html), 'utf8');
      assert.equal(fromBytes.toString('utf8'), fromText.toString('utf8'));
      assert.ok(fromBytes.equals(fromText));
    }
  });
}

test('content that is not valid UTF-8 reads as the store would decode it', () => {
  const bytes = Buffer.concat([
    Buffer.from('<p>好', 'utf8'),
    Buffer.from([0xff, 0xe5, 0xa5]), // a stray byte and a cut-off character
    Buffer.from('</p><img src="x.png">', 'utf8'),
    Buffer.from([0xed, 0xa0, 0x80]), // an encoded lone surrogate
  ]);
  const fromBytes = Buffer.concat(itemPageBytes(page, view(), bytes));
  const fromText = Buffer.from(renderItemPage(page, view(), bytes.toString('utf8')), 'utf8');
  assert.ok(fromBytes.equals(fromText));
  assert.ok(fromBytes.toString('utf8').includes('<p>好\uFFFD'));
});

test('clean content is copied as it is, not decoded and encoded again', () => {
  const content = Buffer.from(`<p>${'正文'.repeat(1000)}</p><p>more</p>`, 'utf8');
  const chunks = itemPageBytes(page, view(), content);
  assert.equal(chunks.filter((chunk) => chunk === content).length, 1, 'the very same Buffer');
});

test("a feed's parts are encoded once and shared by its items' pages", () => {
  const content = Buffer.from('<p>正文</p>', 'utf8');
  const first = itemPageBytes(page, view(), content);
  const other = { ...view(), item: { ...view().item, title: '另一条' } };
  const second = itemPageBytes(page, other, content);
  const shared = first.filter((chunk) => second.includes(chunk));
  assert.ok(shared.length >= 3, 'the feed parts before the title, after it, and at the end');
  // Another depth, or other settings, are not given the parts of the first.
  const deeper = { ...page, path: 'items/a/b.html', root: '../../' };
  const fromBytes = Buffer.concat(itemPageBytes(deeper, view(), content));
  assert.ok(fromBytes.equals(Buffer.from(renderItemPage(deeper, view(), '<p>正文</p>'), 'utf8')));
  const renamed = { ...page, settings: { ...settings, title: '别的站' } };
  const renamedBytes = Buffer.concat(itemPageBytes(renamed, view(), content));
  assert.ok(renamedBytes.includes('别的站'));
});

test('the lead image shows only when the content has no image of its own', () => {
  const lead = (html: string): boolean =>
    Buffer.concat(itemPageBytes(page, view(), Buffer.from(html))).includes('lead-image');
  assert.equal(lead('<p>text</p>'), true);
  assert.equal(lead('<p>text</p><IMG src="x.png">'), false);
  assert.equal(lead('<p>text</p><iMg src="x.png" alt=\'never closed>'), false);
  assert.equal(lead('<p>text &lt;img&gt;</p>'), true);
  assert.equal(lead('<p>text</p><imgx><i>m</i><img-like>'), false, '<img-like> is <img\\b');
  assert.equal(lead('<p>text</p><imgx><i>m</i>'), true);
});

test('addImageAttributesToBytes rewrites the same tags as addImageAttributes', () => {
  const html = contents['images of every spelling']!;
  const bytes = Buffer.from(html, 'utf8');
  const { pieces, hasImage } = addImageAttributesToBytes(bytes);
  assert.equal(Buffer.concat(pieces).toString('utf8'), addImageAttributes(html));
  assert.equal(hasImage, true);
  // Between the tags, the input's own bytes are kept (views of it, not copies).
  assert.equal(pieces[0]!.buffer, bytes.buffer);
});

/** A seeded generator of numbers in [0, 1) (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The byte path finds tags without the pattern the text path uses; whatever the content (not
// only what our sanitizer makes), both must give the same page. Contents are made of the
// pieces the tag pattern cares about, in every case, around characters of 1 to 4 bytes, and
// characters HTML forbids (the text path strips them; their bytes send a page down that path).
const PIECES = ['<img', '<IMG', '<iMg', '<i', '<I', 'img', 'mg', 'g', '>', '"', "'", ' ', '\n', '=',
  '/', 'src=x.png', 'alt="a > b"', "title='t'", 'referrerpolicy=origin', 'LOADING=eager', '_',
  '0', '-', 'é', '中', '😀', '\u00a0', '<p>', '</p>', '&amp;', '<img src="y.png">', 'ı', 'İ',
  // Characters of bytes like those of the characters below, that the text path keeps.
  '\t', '\u00bf', '\ufffd', '\uff0c', '\uffbe', '\u0fff', '\u07ff', '\u{10ffff}', '，']; // prettier-ignore

/** Characters the text path strips (which send a page down that path). */
const STRIPPED = ['\u0001', '\u001f', '\u007f', '\u0080', '\u0085', '\u009f', '\ufffe', '\uffff'];

test('from bytes = from text, for random contents made of the pieces of img tags', () => {
  const next = random(20261127);
  const pick = (list: readonly string[]): string => list[Math.floor(next() * list.length)]!;
  let byBytes = 0;
  for (let round = 0; round < 3000; round++) {
    let html = '';
    const length = Math.floor(next() * 40);
    // A third of the contents have a character to strip, anywhere (at any byte alignment).
    const stripped = round % 3 === 0 ? Math.floor(next() * (length + 1)) : -1;
    for (let i = 0; i <= length; i++) {
      if (i === stripped) html += pick(STRIPPED);
      if (i < length) html += pick(PIECES);
    }
    const bytes = Buffer.from(html, 'utf8');
    const { pieces, hasImage } = addImageAttributesToBytes(bytes);
    const text = addImageAttributes(html);
    assert.equal(Buffer.concat(pieces).toString('utf8'), text, JSON.stringify(html));
    assert.equal(hasImage, /<img\b/i.test(text), JSON.stringify(html));
    const shown = round % 2 === 0 ? view() : view(null);
    const chunks = itemPageBytes(page, shown, bytes);
    if (chunks.length > 1) byBytes++; // the text path gives one chunk
    const fromBytes = Buffer.concat(chunks);
    assert.ok(fromBytes.equals(Buffer.from(renderItemPage(page, shown, html), 'utf8')), JSON.stringify(html)); // prettier-ignore
  }
  assert.ok(byBytes > 1500 && byBytes < 2100, `${byBytes} of 3000 pages by the byte path`);
});

// Tags as our sanitizer writes them are copied, not rewritten (image-attributes.ts): the same
// bytes, for such tags and for every near miss of one.
const SANITIZED_END = ' loading="lazy" decoding="async" referrerpolicy="no-referrer" />';
const ATTRIBUTES = [' src="https://n.sinaimg.cn/a b/c.jpg"', ' alt="图 > 片"', ' alt=""', ' alt="/ "',
  ' title="t"', ' srcset="x.png 2x, y.png 3x"', ' width="10"', ' data-x="<img src=z>"', ' ALT="u"',
  ' referrerpolicy="origin"', ' loading="eager"', ' decoding="sync"', ' alt=\'q\'', ' alt=x', '  alt="y"',
  ' alt ="z"', ' a_b="1"', ' alt="中\u00a0文"', ' src="/ "', '\nalt="n"', '\tsrc="t"']; // prettier-ignore
const ENDS = [' />', '>', '/>', ' / >',
  ' loading="lazy" decoding="async" referrerpolicy="no-referrer">', SANITIZED_END.replace('lazy', 'eager'),
  SANITIZED_END.replace(' />', '/>'), ' decoding="async" loading="lazy" referrerpolicy="no-referrer" />']; // prettier-ignore

test('from bytes = from text, for random tags like and unlike those our sanitizer writes', () => {
  const next = random(11);
  const pick = (list: readonly string[]): string => list[Math.floor(next() * list.length)]!;
  let copied = 0;
  for (let round = 0; round < 3000; round++) {
    let tag = next() < 0.9 ? '<img' : pick(['<IMG', '<Img']);
    const count = Math.floor(next() * 5);
    for (let i = 0; i < count; i++) tag += next() < 0.7 ? pick(ATTRIBUTES.slice(0, 3)) : pick(ATTRIBUTES); // prettier-ignore
    tag += next() < 0.5 ? SANITIZED_END : pick(ENDS);
    const html = `<p>前</p>${tag}<p>后</p>`;
    const bytes = Buffer.from(html, 'utf8');
    const { pieces } = addImageAttributesToBytes(bytes);
    assert.equal(Buffer.concat(pieces).toString('utf8'), addImageAttributes(html), JSON.stringify(html)); // prettier-ignore
    // Copied: the tag's bytes kept in the input's buffer up to its end, then `>`.
    if (pieces.length === 3 && pieces[1]!.toString() === '>') copied++;
  }
  assert.ok(copied > 400, `${copied} of 3000 tags copied`); // 628 with this seed
});

test("our sanitizer's tags are copied, not rewritten", () => {
  const tag = `<img src="https://n.sinaimg.cn/x.jpg" alt="图"${SANITIZED_END}`;
  const bytes = Buffer.from(`<p>${tag}</p>`, 'utf8');
  const { pieces } = addImageAttributesToBytes(bytes);
  assert.equal(pieces[0]!.buffer, bytes.buffer);
  assert.equal(pieces[0]!.toString(), `<p>${tag.slice(0, -3)}`);
  assert.equal(Buffer.concat(pieces).toString(), addImageAttributes(`<p>${tag}</p>`));
});

// With an image proxy (site.imageProxy), every tag's src and srcset is rewritten, on both paths.
const proxied: PageContext = {
  ...page,
  settings: { ...settings, imageProxy: { url: 'https://wsrv.nl/?url={url}&w=800', hosts: [] } },
};

test('through an image proxy: from bytes = from text, and every web image goes through it', () => {
  const next = random(7);
  const pick = (list: readonly string[]): string => list[Math.floor(next() * list.length)]!;
  const address = imageAddressOf(proxied.settings)!;
  for (let round = 0; round < 2000; round++) {
    let tag = '<img';
    const count = 1 + Math.floor(next() * 4);
    for (let i = 0; i < count; i++) tag += pick(ATTRIBUTES);
    tag += next() < 0.5 ? SANITIZED_END : pick(ENDS);
    const html = `<p>前</p>${tag}<p>后</p>`;
    const bytes = Buffer.from(html, 'utf8');
    const text = addImageAttributes(html, address);
    const { pieces } = addImageAttributesToBytes(bytes, address);
    assert.equal(Buffer.concat(pieces).toString('utf8'), text, JSON.stringify(html));
    const fromBytes = Buffer.concat(itemPageBytes(proxied, view(), bytes));
    assert.ok(fromBytes.equals(Buffer.from(renderItemPage(proxied, view(), html), 'utf8')), JSON.stringify(html)); // prettier-ignore
    // No web image is left pointing at its own host.
    assert.doesNotMatch(text, /\b(?:src|srcset)="https:\/\/n\.sinaimg/i, JSON.stringify(html));
  }
});

test('through an image proxy: src, srcset and the lead image', () => {
  const html = `<p><img src="https://n.sinaimg.cn/a.jpg?x=1&amp;y=2" srcset="https://n.sinaimg.cn/a.jpg 1x, https://n.sinaimg.cn/b.jpg 2x" alt="图"${SANITIZED_END}</p>`;
  const out = Buffer.concat(itemPageBytes(proxied, view(), Buffer.from(html, 'utf8'))).toString();
  assert.ok(
    out.includes(
      '<img src="https://wsrv.nl/?url=https%3A%2F%2Fn.sinaimg.cn%2Fa.jpg%3Fx%3D1%26y%3D2&amp;w=800" ' +
        'srcset="https://wsrv.nl/?url=https%3A%2F%2Fn.sinaimg.cn%2Fa.jpg&amp;w=800 1x, ' +
        'https://wsrv.nl/?url=https%3A%2F%2Fn.sinaimg.cn%2Fb.jpg&amp;w=800 2x" alt="图" loading="lazy" decoding="async" referrerpolicy="no-referrer">',
    ),
    out,
  );
  // The lead image, shown when the content has none of its own.
  const lead = Buffer.concat(itemPageBytes(proxied, view(), Buffer.from('<p>文</p>'))).toString();
  assert.match(lead, /<figure class="lead-image"><img src="https:\/\/wsrv\.nl\/\?url=https%3A%2F%2Fn\.sinaimg\.cn%2Flead\.jpg&amp;w=800"/); // prettier-ignore
  // Without a proxy, the same page keeps the images' own URLs.
  const plain = Buffer.concat(itemPageBytes(page, view(), Buffer.from(html, 'utf8'))).toString();
  assert.ok(plain.includes('src="https://n.sinaimg.cn/a.jpg?x=1&amp;y=2"'));
  assert.doesNotMatch(plain, /wsrv/);
});

// Links made of images get a name on the text path (image-links.ts); the byte path hands every
// page where an img tag is followed by `</a` to it, so both give the same page.
const LINK_PIECES = ['<a href="https://static.cnbetacdn.com/a.jpg">', '<A HREF=x.jpg>', '</a>', '</A >',
  '<a href="y" aria-label="z">', '<img src="p.png" alt="">', '<img src="q.png" alt="图">', '<img src=r.png>',
  `<img src="s.png" alt=""${SANITIZED_END}`, ' ', '\n', '\u3000', '文', '<p>', '</p>', '<abbr>', '</abbr>']; // prettier-ignore

test('from bytes = from text, for random contents of links and images', () => {
  const next = random(2026);
  const pick = (list: readonly string[]): string => list[Math.floor(next() * list.length)]!;
  let labelled = 0;
  for (let round = 0; round < 3000; round++) {
    let html = '';
    const length = 1 + Math.floor(next() * 12);
    for (let i = 0; i < length; i++) html += pick(LINK_PIECES);
    const fromText = renderItemPage(page, view(), html);
    const fromBytes = Buffer.concat(itemPageBytes(page, view(), Buffer.from(html, 'utf8')));
    assert.ok(fromBytes.equals(Buffer.from(fromText, 'utf8')), JSON.stringify(html));
    if (fromText.includes('aria-label="图片链接')) labelled++;
  }
  assert.ok(labelled > 25, `${labelled} of 3000 pages with a named image link`); // 51 with this seed
});

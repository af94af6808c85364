import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeed } from '../../src/parse/index.js';
import { EarlyItemReader } from '../../src/parse/early-items.js';
import { isMisspelledEndTag } from '../../src/parse/misspelled-end-tag.js';
import { buildXmlTree } from '../../src/parse/xml-tree.js';

// Items are read as soon as their element closes (early-items.ts); what depends on the
// whole feed (dates, Atom's feed author) must still see fields written after the items.

describe('items read while the tree is built', () => {
  it('reads each closed item early and empties its element', () => {
    const early = new EarlyItemReader();
    const { root } = buildXmlTree(
      '<rss><channel><item><title>一</title></item><item><title>二</title></item>' +
        '<item><title>三</title>',
      { onElementEnd: early.onElementEnd },
    );
    assert.equal(early.items.size, 2, 'the third item never closed');
    for (const [element, pending] of early.items) {
      assert.equal(element.children.length, 0);
      assert.ok(pending.item.title === '一' || pending.item.title === '二');
    }
    assert.ok(root);
  });

  it('keeps document order, reading a truncated last item the usual way', () => {
    const feed = parseFeed(
      '<rss><channel><item><title>一</title></item><item><title>二</title></item>' +
        '<item><title>三</title><link>https://a.cn/3</link>',
    );
    assert.deepEqual(
      feed.items.map((item) => item.title),
      ['一', '二', '三'],
    );
    assert.equal(feed.items[2]?.link, 'https://a.cn/3');
  });

  it('reads CST by the channel language even when <language> follows the items', () => {
    const feed = parseFeed(
      '<rss><channel><item><title>t</title><pubDate>Sat, 25 Dec 2021 08:03:00 CST</pubDate>' +
        '</item><language>zh-cn</language></channel></rss>',
    );
    assert.equal(feed.items[0]?.published, '2021-12-25T00:03:00.000Z');
  });

  it('infers a missing year from a lastBuildDate written after the items', () => {
    const feed = parseFeed(
      '<rss><channel><item><title>t</title><pubDate>12月25日 08:03</pubDate></item>' +
        '<lastBuildDate>Mon, 03 Jan 2022 00:00:00 GMT</lastBuildDate></channel></rss>',
      { timeZone: 'Asia/Shanghai', now: Date.UTC(2030, 0, 1) },
    );
    assert.equal(feed.items[0]?.published, '2021-12-25T00:03:00.000Z');
  });

  it("falls back to an Atom feed's author written after the entries", () => {
    const feed = parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>e</title><id>1</id></entry>' +
        '<author><name>编辑部</name></author></feed>',
    );
    assert.equal(feed.items[0]?.author, '编辑部');
  });

  it('reads the items of the first channel only, and items directly under <rss> after them', () => {
    const feed = parseFeed(
      '<rss><item><title>根</title></item><channel><item><title>一</title></item></channel>' +
        '<channel><item><title>第二个频道</title></item></channel></rss>',
    );
    assert.deepEqual(
      feed.items.map((item) => item.title),
      ['一', '根'],
    );
  });

  it('reads RSS 1.0 items beside the channel and inside it', () => {
    const feed = parseFeed(
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" ' +
        'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>c</title>' +
        '<item rdf:about="https://a.cn/in"><title>内</title></item></channel>' +
        '<item rdf:about="https://a.cn/out"><title>外</title></item></rdf:RDF>',
    );
    assert.deepEqual(
      feed.items.map((item) => [item.title, item.id]),
      [
        ['外', 'https://a.cn/out'],
        ['内', 'https://a.cn/in'],
      ],
    );
  });
});

describe('isMisspelledEndTag', () => {
  it('matches one edit or one swapped pair, and two edits in long names', () => {
    assert.equal(isMisspelledEndTag('title', 'titel'), true);
    assert.equal(isMisspelledEndTag('titel', 'title'), true);
    assert.equal(isMisspelledEndTag('pubDate', 'pubdat'), true);
    assert.equal(isMisspelledEndTag('description', 'descriptoin'), true);
    assert.equal(isMisspelledEndTag('description', 'descriptn'), true);
    assert.equal(isMisspelledEndTag('dc:creator', 'dc:creater'), true);
  });

  it('does not match different elements, short names or other prefixes', () => {
    assert.equal(isMisspelledEndTag('title', 'link'), false);
    assert.equal(isMisspelledEndTag('b', 'p'), false);
    assert.equal(isMisspelledEndTag('em', 'en'), false);
    assert.equal(isMisspelledEndTag('font', 'form'), false);
    assert.equal(isMisspelledEndTag('dc:title', 'media:title'), false);
    assert.equal(isMisspelledEndTag('title', 'dc:title'), false);
  });
});

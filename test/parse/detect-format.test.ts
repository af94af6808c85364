import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotAFeedError, parseFeed } from '../../src/parse/index.js';

describe('format detection', () => {
  const feeds: [string, string][] = [
    ['<rss version="2.0"><channel/></rss>', 'rss'],
    ['<!-- x --><rss version="0.91"><channel/></rss>', 'rss'],
    ['<feed xmlns="http://www.w3.org/2005/Atom"/>', 'atom'],
    ['<feed version="0.3" xmlns="http://purl.org/atom/ns#"/>', 'atom'],
    [
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"/>',
      'rdf',
    ],
    ['  {"version":"https://jsonfeed.org/version/1","title":"t","items":[]}', 'json'],
  ];
  for (const [input, format] of feeds) {
    it(`${input.slice(0, 40)}… is ${format}`, () => assert.equal(parseFeed(input).format, format));
  }

  const notFeeds: [string, string | Uint8Array, RegExp][] = [
    ['empty input', '', /empty/],
    ['whitespace only', new Uint8Array([0x20, 0x0a]), /empty/],
    ['plain text', 'hello world', /not XML/],
    ['unknown XML root', '<opml version="2.0"><body/></opml>', /unknown root element <opml>/],
    ['JSON that is not a JSON Feed', '{"hello": 1}', /JSON that is not a JSON Feed/],
  ];
  for (const [name, input, message] of notFeeds) {
    it(`rejects ${name}`, () => {
      assert.throws(
        () => parseFeed(input),
        (error: unknown) => error instanceof NotAFeedError && message.test(error.message),
      );
    });
  }

  it('rejects an HTML page and lists the feeds it advertises, absolute', () => {
    const html = `<!DOCTYPE html><html><head>
      <link rel="alternate" type="application/rss+xml" href="/rss.xml">
      <link rel="alternate" type="application/atom+xml" href="https://other.org/atom">
      <link rel="stylesheet" href="/s.css"></head><body></body></html>`;
    try {
      parseFeed(html, { baseUrl: 'https://site.org/page' });
      assert.fail('should throw');
    } catch (error) {
      assert.ok(error instanceof NotAFeedError);
      assert.deepEqual(error.feedLinks, ['https://site.org/rss.xml', 'https://other.org/atom']);
      assert.match(error.message, /HTML page.*https:\/\/site\.org\/rss\.xml/);
      assert.doesNotMatch(error.message, /\n/);
    }
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { cli, runTidingsSync } from '../support/run-tidings.js';

// Relative URLs inside Atom content resolve against the xml:base in force on the content
// element (RFC 4287 §5), not the item link: through `tidings update` to the built item page and
// the lead image on the cards, and again when the stored item is prepared anew (a clean rule
// added after the item left the feed).

const MEDIA = `<entry><title>Media post</title><link href="http://other.example/post/1"/>
  <id>tag:example.org,2024:1</id><updated>2024-01-01T00:00:00Z</updated>
  <content type="html" xml:base="http://cdn.example.com/media/">&lt;p&gt;Body&lt;/p&gt;&lt;p class="ad"&gt;Advert&lt;/p&gt;&lt;img src="a.png" alt="A picture"&gt;&lt;a href="b.html"&gt;more&lt;/a&gt;</content></entry>`;
const PLAIN = `<entry><title>Plain post</title><link href="http://other.example/post/2"/>
  <id>tag:example.org,2024:2</id><updated>2024-01-02T00:00:00Z</updated>
  <content type="html">&lt;p&gt;Text&lt;/p&gt;&lt;img src="c.png" alt="C picture"&gt;</content></entry>`;
const feed = (...entries: string[]) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/">
<title>Based</title><id>tag:example.org,2024:feed</id><updated>2024-01-02T00:00:00Z</updated>
${entries.join('\n')}
</feed>`;

const config = (clean: string) => `${clean}
sources:
  - category: News
    sites:
      - name: Based
        feeds:
          - { name: based, file: feed.xml }
`;

function pageOf(outputDir: string, title: string): string {
  for (const name of fs.readdirSync(path.join(outputDir, 'items'))) {
    const html = fs.readFileSync(path.join(outputDir, 'items', name), 'utf8');
    if (new RegExp(`<h1[^>]*>${title}</h1>`).test(html)) return html;
  }
  throw new Error(`no item page titled ${title}`);
}

test(
  'update resolves content URLs against the content’s xml:base, and so does preparing again',
  { skip: !fs.existsSync(cli) && 'run npm run build' },
  () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-xml-base-'));
    const configFile = path.join(dir, 'tidings.yaml');
    const output = path.join(dir, 'public');
    try {
      fs.writeFileSync(configFile, config(''));
      fs.writeFileSync(path.join(dir, 'feed.xml'), feed(MEDIA, PLAIN));
      let update = runTidingsSync(['update', '--config', configFile]);
      assert.equal(update.code, 0, update.stderr);

      let media = pageOf(output, 'Media post');
      assert.match(media, /<img src="http:\/\/cdn\.example\.com\/media\/a\.png"/);
      assert.match(media, /<a href="http:\/\/cdn\.example\.com\/media\/b\.html"/);
      assert.doesNotMatch(media, /other\.example\/post\/(?:a\.png|b\.html)/);
      // No xml:base on this content: the feed's, which the document wrote, is in force.
      assert.match(pageOf(output, 'Plain post'), /<img src="http:\/\/example\.org\/blog\/c\.png"/);
      // The lead image (the cards' picture) is the content's, resolved the same way.
      const home = fs.readFileSync(path.join(output, 'index.html'), 'utf8');
      assert.match(home, /http:\/\/cdn\.example\.com\/media\/a\.png/);
      assert.doesNotMatch(home, /other\.example\/post\/a\.png/);

      // The media post leaves the feed, then the feed gets a clean rule: the stored item is
      // prepared again from its source HTML, against the same base.
      fs.writeFileSync(path.join(dir, 'feed.xml'), feed(PLAIN));
      update = runTidingsSync(['update', '--no-build', '--config', configFile]);
      assert.equal(update.code, 0, update.stderr);
      fs.writeFileSync(configFile, config('content: { clean: { remove: ["p.ad"] } }'));
      update = runTidingsSync(['update', '--config', configFile]);
      assert.equal(update.code, 0, update.stderr);
      media = pageOf(output, 'Media post');
      assert.doesNotMatch(media, /Advert/, 'prepared again');
      assert.match(media, /<img src="http:\/\/cdn\.example\.com\/media\/a\.png"/);
      assert.match(media, /<a href="http:\/\/cdn\.example\.com\/media\/b\.html"/);
      assert.doesNotMatch(media, /other\.example\/post\/(?:a\.png|b\.html)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'tidings parse prints the contract: the content’s xml:base is not a field of it',
  { skip: !fs.existsSync(cli) && 'run npm run build' },
  () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-xml-base-parse-'));
    try {
      const file = path.join(dir, 'feed.xml');
      fs.writeFileSync(file, feed(MEDIA));
      const parsed = runTidingsSync(['parse', file]);
      assert.equal(parsed.code, 0, parsed.stderr);
      const item = (JSON.parse(parsed.stdout) as { items: Record<string, unknown>[] }).items[0]!;
      assert.equal('sourceBase' in item, false);
      assert.equal(item['image'], 'http://cdn.example.com/media/a.png');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { parse as parseFrontMatter, stringify as stringifyFrontMatter } from 'hexo-front-matter';
import { exportHexo } from '../../src/export/export-hexo.js';
import { renderHexoPost } from '../../src/export/hexo-post.js';
import { postFileValuesDigest } from '../../src/export/post-values.js';
import type { StoredItem } from '../../src/store/store.js';
import { exportedFeed, exportedItem } from '../support/hexo-export-source.js';
import { fixtureAvailable } from '../support/rsshub-page-fixture.js';
import { storedFixture } from '../support/stored-fixture.js';

// The old site (fixture README; its _config.yml: `permalink: p/:abbrlink.html`) ran
// hexo-abbrlink, which at every `hexo generate` rewrites each post without `abbrlink:` in
// place: it re-serialises the front matter with hexo-front-matter and adds the key.

/** What hexo-abbrlink 2.2.1 does to a post file (its lib/logic.js, in short). */
function abbrlinkRewrite(file: string, abbrlink = '9b22'): void {
  const data = parseFrontMatter(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  data.abbrlink = abbrlink;
  fs.writeFileSync(file, '---\n' + stringifyFrontMatter(data));
}

const feed = exportedFeed;

function item(key: string, title: string, extra: Partial<StoredItem> = {}): StoredItem {
  return exportedItem(key, title, {
    sourceHtml: `<p>${title} {x}</p>\n  <style>.a{b:c}</style>  `,
    ...extra,
  });
}

const post = (dir: string, name: string): string =>
  path.join(dir, '新媒体', 'Test Site', '快讯', `${name}.md`);

describe('posts a Hexo plugin rewrote in place (hexo-abbrlink)', () => {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-abbrlink-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('are left as the plugin wrote them while their item is unchanged', () => {
    const items = [
      item('a', 'Alpha'),
      item('b', "It's 2021: yes"),
      item('c', 'Undated', { publishedText: null }), // a YAML timestamp, read back as a Date
      // Atom dates: Hexo's writer gives them back as UTC wall-clock time, zone dropped.
      item('d', 'Atom', {
        publishedText: '2021-12-25T08:03:46.5+08:00',
        published: '2021-12-25T00:03:46.500Z',
      }),
      item('e', 'Atom Z', {
        publishedText: '2021-12-25T00:03:46Z',
        published: '2021-12-25T00:03:46.000Z',
      }),
      item('f', 'Day only', {
        publishedText: '2021-12-25',
        published: '2021-12-25T00:00:00.000Z',
      }),
    ];
    exportHexo(dir, [feed], items);
    abbrlinkRewrite(post(dir, 'Alpha'));
    abbrlinkRewrite(post(dir, 'Undated'), '0c1d');
    for (const name of ['Atom', 'Atom Z', 'Day only']) abbrlinkRewrite(post(dir, name), name);
    assert.match(fs.readFileSync(post(dir, 'Atom'), 'utf8'), /^date: 2021-12-25 00:03:46$/m);
    const rewritten = fs.readFileSync(post(dir, 'Alpha'), 'utf8');
    assert.match(rewritten, /^abbrlink: 9b22$/m);

    const report = exportHexo(dir, [feed], items);
    assert.deepEqual(report.written, [], 'the abbrlink stays; nothing is rewritten');
    assert.equal(report.unchanged, items.length);
    assert.equal(fs.readFileSync(post(dir, 'Alpha'), 'utf8'), rewritten);
  });

  test('are rewritten when their item changed', () => {
    exportHexo(dir, [feed], [item('a', 'Alpha')]);
    abbrlinkRewrite(post(dir, 'Alpha'));
    const changed = item('a', 'Alpha', { sourceHtml: '<p>corrected</p>' });
    const report = exportHexo(dir, [feed], [changed]);
    assert.deepEqual(report.written, ['新媒体/Test Site/快讯/Alpha.md']);
    assert.match(fs.readFileSync(post(dir, 'Alpha'), 'utf8'), /corrected/);
  });

  test('are removed with their item (forget, retention), not kept as "edited"', () => {
    exportHexo(dir, [feed], [item('a', 'Alpha'), item('b', 'Beta')]);
    abbrlinkRewrite(post(dir, 'Alpha'), '1c3f');
    abbrlinkRewrite(post(dir, 'Beta'), '77e0');
    const report = exportHexo(dir, [feed], [item('b', 'Beta')]);
    assert.deepEqual(report.keptEdited, []);
    assert.deepEqual(report.removed, ['新媒体/Test Site/快讯/Alpha.md']);
    assert.ok(!fs.existsSync(post(dir, 'Alpha')));
    assert.ok(fs.existsSync(post(dir, 'Beta')));
  });

  test('a stale post the user edited besides the plugin is still kept', () => {
    exportHexo(dir, [feed], [item('a', 'Alpha'), item('b', 'Beta')]);
    abbrlinkRewrite(post(dir, 'Alpha'));
    fs.appendFileSync(post(dir, 'Alpha'), '\nmy note');
    abbrlinkRewrite(post(dir, 'Beta'));
    const beta = fs.readFileSync(post(dir, 'Beta'), 'utf8');
    fs.writeFileSync(post(dir, 'Beta'), beta.replace('abbrlink:', 'tags: [mine]\nabbrlink:'));
    const report = exportHexo(dir, [feed], []);
    assert.deepEqual(report.keptEdited.sort(), [
      '新媒体/Test Site/快讯/Alpha.md',
      '新媒体/Test Site/快讯/Beta.md',
    ]);
    assert.deepEqual(report.removed, []);
  });
});

describe('a post’s values digest', () => {
  // The export derives each post's digest from the values it writes, without parsing its own
  // output; reading the file back must give the same digest, or its posts would be kept.
  const odd = [
    `It's "quoted"`,
    `Vivy -Fluorite Eye's Song-`,
    'a # b: c',
    'x {{ y }}',
    '2021',
    'yes',
    '- dash',
    'tab\there',
    'line\nbreak',
    'both \' and "',
    '',
  ];
  test('reads back the same from the file, whatever the title, heading, date or image', () => {
    for (const text of odd) {
      for (const template of ['current', '2018'] as const) {
        const rendered = renderHexoPost(
          {
            title: text,
            categories: [text || 'c', 'yes', '#x'],
            image: `https://x/${text}.png`,
            author: text || 'a',
            date: text || '2021-12-25 08:03:46',
            html: `<p>${text}</p>`,
          },
          template,
        );
        assert.equal(
          postFileValuesDigest(rendered.text),
          rendered.valuesSha256,
          `${JSON.stringify(text)} (${template})`,
        );
      }
    }
  });

  test(
    'reads back the same for every fixture post',
    { skip: !fixtureAvailable && 'no ../shared fixtures' },
    () => {
      const { feeds, items } = storedFixture();
      for (const stored of items) {
        const storedFeed = feeds.find((f) => f.key === stored.feedKey)!;
        const rendered = renderHexoPost({
          title: stored.title,
          categories: [storedFeed.category, storedFeed.site, storedFeed.name],
          image: 'https://x/a.png',
          author: storedFeed.site,
          date: stored.publishedText ?? '',
          html: stored.sourceHtml,
        });
        assert.equal(postFileValuesDigest(rendered.text), rendered.valuesSha256, stored.title);
      }
    },
  );
});

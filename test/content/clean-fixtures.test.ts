import { withoutSpacesBesideCjkPunctuation } from '../../src/content/cjk-punctuation-spacing.js';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { htmlToText } from '../../src/content/html-to-text.js';
import { prepareItem } from '../../src/content/prepare-item.js';
import { parseFeed } from '../../src/parse/index.js';

// The built-in rules against the real Chinese news items they were learned from
// (../shared/fixtures/rsshub-page/feeds). Prints how many items had boilerplate removed.

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const feeds = path.resolve(repo, '../shared/fixtures/rsshub-page/feeds');
const present = fs.existsSync(feeds);

/** Cleaning steps that remove site boilerplate (not just comments or empty elements). */
const GENERIC = new Set(['html-comments', 'empty-elements']);

interface Prepared {
  file: string;
  raw: string;
  html: string;
  text: string;
  image: string | null;
  readingMinutes: number;
  applied: string[];
}

function prepareAll(): Prepared[] {
  const out: Prepared[] = [];
  for (const file of fs
    .readdirSync(feeds)
    .filter((name) => name.endsWith('.xml'))
    .sort()) {
    const feed = parseFeed(fs.readFileSync(path.join(feeds, file)), { timeZone: 'Asia/Shanghai' });
    for (const parsed of feed.items) {
      let applied: string[] = [];
      const item = prepareItem(parsed, {
        baseUrl: feed.link,
        onCleaned: (names) => (applied = names),
      });
      out.push({
        file,
        raw: parsed.content ?? parsed.summary ?? '',
        html: item.contentHtml,
        text: item.text,
        image: item.image,
        readingMinutes: item.readingMinutes,
        applied,
      });
    }
  }
  return out;
}

describe(
  'built-in cleaning on the fixture feeds',
  { skip: !present && 'no ../shared/fixtures' },
  () => {
    const items = present ? prepareAll() : [];
    const sina = items.filter((item) => item.file === 'sina-finance.xml');

    test('every 新浪财经 item loses its QR box, editor line, comments and empty paragraphs', () => {
      assert.equal(sina.length, 30);
      for (const item of sina) {
        assert.doesNotMatch(item.html, /新浪财经APP|appendQr|责任编辑|<!--|扫二维码/);
        assert.doesNotMatch(item.html, /<p>[\s\u3000]*<\/p>/u, 'no empty paragraphs of U+3000');
        assert.doesNotMatch(item.html, /\n\s*\n\s*\n/, 'no runs of blank lines');
        assert.notEqual(item.image, 'https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png');
        assert.ok(item.applied.includes('sina-app-qr-code'), 'QR rule');
        assert.ok(item.applied.includes('sina-editor-line'), 'editor rule');
      }
    });

    test('the article text itself is kept', () => {
      for (const item of items) {
        const before = withoutSpacesBesideCjkPunctuation(
          htmlToText(item.raw.replace(/<!--[\s\S]*?-->/g, '')),
        );
        const removed = before.length - item.text.length;
        // Sina's boilerplate is about 40 characters; nothing else loses more than that.
        assert.ok(
          removed <= 80,
          `${item.file}: ${removed} characters removed from "${before.slice(0, 40)}"`,
        );
      }
      const first = sina.find((item) => item.text.includes('广德寺'));
      assert.ok(first?.text.includes('智辉法师表示，感谢大家对广德寺的关心和监督'));
    });

    test('IT之家 tip credits and cnBeta affiliate redirects go, their text stays', () => {
      const ithome = items.filter((item) => item.file === 'ithome-it.xml');
      assert.equal(ithome.filter((item) => item.applied.includes('ithome-tip-credit')).length, 2);
      for (const item of ithome) assert.doesNotMatch(item.html, /线索投递/);
      const cnbeta = items.filter((item) => item.file === 'cnbeta.xml');
      for (const item of cnbeta) assert.doesNotMatch(item.html, /duomai/);
      assert.ok(cnbeta.some((item) => item.text.includes('对于这个问题，微软已经确认')));
    });

    test('derived: reading time for every item with text, lead images are real pictures', () => {
      for (const item of items) {
        if (item.text !== '') assert.ok(item.readingMinutes >= 1, item.file);
        if (item.image !== null) assert.doesNotMatch(item.image, /343233024\.png|qr/i);
      }
      const long = sina.reduce((a, b) => (a.text.length > b.text.length ? a : b));
      assert.ok(
        long.readingMinutes >= 10,
        `${long.text.length} characters → ${long.readingMinutes} min`,
      );
    });

    test('figures', () => {
      const cleaned = items.filter((item) => item.applied.some((name) => !GENERIC.has(name)));
      const anything = items.filter((item) => item.applied.length > 0);
      const perRule = new Map<string, number>();
      for (const item of items)
        for (const name of item.applied) perRule.set(name, (perRule.get(name) ?? 0) + 1);
      console.log(
        `fixture items: ${items.length}; site boilerplate removed from ${cleaned.length}; ` +
          `anything removed from ${anything.length}; per rule: ${JSON.stringify(Object.fromEntries(perRule))}`,
      );
      assert.ok(cleaned.length >= 32);
    });
  },
);

import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { sanitizeHtml } from '../../src/content/sanitize-html.js';
import { buildSite } from '../../src/site/build-site.js';
import {
  item,
  modelOf,
  sampleModel,
  SINA,
  tempOutputDir,
  removeTempDirs,
} from './site-model-fixture.js';

after(removeTempDirs);

/**
 * Issue 6 asks for valid HTML: every page of a built site is checked by html-validate's
 * `recommended` preset (the HTML specification's content models, attributes, ids and nesting,
 * WCAG checks, and good-practice rules) with three rules off that are matters of taste, not
 * validity: `doctype-style` (the specification allows `<!doctype html>` in any case),
 * `long-title` (an SEO hint about titles past 70 characters; an item page's title is its
 * news headline) and `prefer-tbody` (a feed's table is kept as written; a `<tr>` directly in a
 * `<table>` is valid, the parser puts the `<tbody>` in).
 */
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'doctype-style': 'off', 'long-title': 'off', 'prefer-tbody': 'off' },
});

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

test('every page of a built site is valid HTML', async () => {
  const out = await tempOutputDir();
  // The sample site (unsafe names, an HTML-looking title, images without alt, an upper-case
  // tag) and a table and a figure, each item's content as the content stage stores it: sanitised.
  const sample = sampleModel(out, [
    item({
      key: 'https://finance.sina.com.cn/china/3.shtml',
      feedKey: SINA,
      title: '表格与列表：“十四五”规划要点',
      published: '2021-12-26T01:00:00.000Z',
      contentHtml:
        '<p>要点如下：</p><ul><li>制造业</li><li>竞争力</li></ul><table><tr><td>2021</td><td>4.8%</td></tr></table><blockquote><p>引用</p></blockquote><figure><img src="https://n.sinaimg.cn/y.jpg" alt="图"><figcaption>图注</figcaption></figure>',
      excerpt: '要点如下',
    }),
  ]);
  const model = modelOf(
    out,
    sample.items.map((stored) => ({
      ...stored,
      contentHtml: sanitizeHtml(stored.contentHtml, stored.link),
    })),
  );
  await buildSite(model);
  const files = await htmlFiles(out);
  assert.ok(files.length >= 15, `a whole site's pages (${files.length})`);
  const problems: string[] = [];
  for (const file of files) {
    const report = await validator.validateString(await readFile(file, 'utf8'), file);
    for (const result of report.results) {
      for (const message of result.messages) {
        problems.push(`${relative(out, file)}:${message.line}:${message.column} [${message.ruleId}] ${message.message}`); // prettier-ignore
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('the validator finds what it is here to find', async () => {
  // A page with a duplicate id and a form without a submit button (what the header's search
  // form was until session 8).
  const page = `<!doctype html><html lang="en"><head><title>t</title></head><body><main>
<p id="a">x</p><p id="a">y</p><form action="s"><input name="q" aria-label="q"></form>
</main></body></html>`;
  const report = await validator.validateString(page, 'bad.html');
  const rules = new Set(report.results.flatMap((result) => result.messages.map((m) => m.ruleId)));
  for (const rule of ['no-dup-id', 'wcag/h32']) assert.ok(rules.has(rule), `${rule} in ${[...rules].join(', ')}`); // prettier-ignore
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { sanitizeHtml } from '../../src/content/sanitize-html.js';
import { buildSite } from '../../src/site/build-site.js';
import { htmlFileCount, htmlProblems } from '../support/html-problems.js';
import {
  item,
  modelOf,
  sampleModel,
  SINA,
  tempOutputDir,
  removeTempDirs,
} from './site-model-fixture.js';

after(removeTempDirs);

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
  const count = await htmlFileCount(out);
  assert.ok(count >= 15, `a whole site's pages (${count})`);
  assert.deepEqual(await htmlProblems(out), []);
});

test('the validator finds what it is here to find', async () => {
  // A page with a duplicate id and a form without a submit button (what the header's search
  // form was until session 8), an image link without a name, and an empty alt with a title.
  const dir = await tempOutputDir();
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'bad.html'),
    `<!doctype html><html lang="en"><head><title>t</title></head><body><main>
<p id="a">x</p><p id="a">y</p><form action="s"><input name="q" aria-label="q"></form>
<a href="https://a.example/x.jpg"><img src="x.jpg" alt=""></a><img src="y.jpg" alt="" title="t">
</main></body></html>`,
  );
  const rules = new Set((await htmlProblems(dir)).map((line) => /\[([^\]]+)\]/.exec(line)?.[1]));
  for (const rule of ['no-dup-id', 'wcag/h32', 'wcag/h30', 'wcag/h67']) assert.ok(rules.has(rule), `${rule} in ${[...rules].join(', ')}`); // prettier-ignore
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import sanitize from 'sanitize-html';
import { cleanHtml } from '../../src/content/clean-html.js';
import { usableBaseUrl } from '../../src/content/safe-url.js';
import { sanitizeHtml } from '../../src/content/sanitize-html.js';
import {
  ALLOWED_ATTRIBUTES,
  ALLOWED_SCHEMES,
  ALLOWED_SCHEMES_BY_TAG,
  ALLOWED_STYLES,
  ALLOWED_TAGS,
  DROPPED_WITH_CONTENT,
  embedAttributes,
  imageAttributes,
  linkAttributes,
  URL_ATTRIBUTES,
} from '../../src/content/sanitize-policy.js';
import { parseFeed } from '../../src/parse/index.js';
import { htmlVectors, urlVectors } from '../e2e/xss-vectors.js';

/**
 * Our sanitiser (one walk over the parsed tree, src/content/sanitize-dom.ts) against
 * sanitize-html, the proven library it replaced, given the same policy: both must write
 * the same HTML for XSS vectors, ordinary markup of every allowed kind and the real items
 * of ../shared/fixtures. Input goes through cleanHtml first, as it does in prepareItem (that
 * also empties iframes, whose fallback markup sanitize-html would keep and we never write).
 */

const BASE = 'https://news.example.com/2026/11/article.html';

function oracle(html: string, baseUrl: string | null, embeds = true): string {
  const base = usableBaseUrl(baseUrl);
  return sanitize(html, {
    allowedTags: embeds ? [...ALLOWED_TAGS, 'iframe'] : ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedSchemes: ALLOWED_SCHEMES,
    allowedSchemesByTag: ALLOWED_SCHEMES_BY_TAG,
    allowedSchemesAppliedToAttributes: URL_ATTRIBUTES,
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
    parseStyleAttributes: true,
    allowedStyles: ALLOWED_STYLES,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: linkAttributes(attribs, base) }),
      img: (tagName, attribs) => ({ tagName, attribs: imageAttributes(attribs, base) }),
      iframe: (tagName, attribs) => ({ tagName, attribs: embedAttributes(attribs), text: '' }),
    },
    exclusiveFilter: (frame) =>
      (frame.tag === 'img' || frame.tag === 'iframe') && !frame.attribs.src,
  });
}

function assertSame(input: string, base: string | null, embeds = true): void {
  const cleaned = cleanHtml(input, { embeds, builtinRules: true, clean: [] }).html;
  assert.equal(
    sanitizeHtml(cleaned, base, { embeds }),
    oracle(cleaned, base, embeds),
    `input: ${input}`,
  );
}

// prettier-ignore
const MARKUP: string[] = [
  '<article><h1>T</h1><section><p>a <b>b</b> <i>i</i> <u>u</u> <s>s</s> <strike>x</strike> <tt>t</tt> <big>B</big></p></section></article>',
  '<header>h</header><main><nav>n</nav><aside>a</aside><address>ad</address></main><footer>f</footer><center>c</center>',
  '<ul><li value="3">one</li><li>two</li></ul><ol start="4" reversed type="a"><li>x</li></ol><ol reversed="">y</ol>',
  '<dl><dt>term</dt><dd>def</dd></dl><details open><summary>s</summary>d</details>',
  '<table><caption>c</caption><colgroup span="2"><col span="1"></colgroup><thead><tr><th scope="col" colspan="2">h</th></tr></thead><tbody><tr><td rowspan="2" colspan="1">d</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>',
  '<p>x<br>y<br/>z<hr>w<wbr>v</p>',
  '<abbr title="HyperText">HTML</abbr> <bdi>b</bdi> <bdo dir="rtl">r</bdo> <cite>c</cite> <code>x</code> <data value="1">d</data> <del>d</del> <dfn>d</dfn> <em>e</em> <ins>i</ins> <kbd>k</kbd> <mark>m</mark> <q>q</q> <samp>s</samp> <small>s</small> <span lang="zh" dir="ltr" title="t">s</span> <strong>s</strong> <sub>2</sub> <sup>3</sup> <time datetime="2026-11-26">today</time> <var>v</var>',
  '<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp>字</ruby> <ruby><rb>a</rb><rtc>b</rtc></ruby>',
  '<pre>  keep\n\n  spaces &lt;tag&gt; &amp; </pre><blockquote cite="https://q.example/">q</blockquote><blockquote cite="javascript:alert(1)">q</blockquote>',
  '<figure><img src="/a.png" alt="" width="640" height="480x"><figcaption>cap</figcaption></figure>',
  '<img src="a.jpg" data-src="https://cdn.example/real.jpg" srcset="s1.jpg 1x, https://cdn.example/s2.jpg 2x, javascript:x 3x" alt="an &quot;image&quot;" title="">',
  '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot"><img src="data:text/html,x"><img>',
  '<a href="/rel?x=1&amp;y=2#f" title="t" target="_blank" rel="me">link</a> <a href="mailto:a@b.example">m</a> <a href="tel:+1">t</a> <a href="">empty</a> <a name="top">top</a>',
  '<p style="text-align: center; color: red">c</p><p style="TEXT-ALIGN:left">u</p><p style="text-align:right !important">r</p><div style="text-align:justify;text-align:start">j</div><h2 style="/* c */text-align:end">e</h2><span style="text-align:center">s</span><p style="">e</p>',
  '<p lang="" dir="" title="">empties</p><p onclick="x()" class="c" id="i" data-x="1">attrs</p>',
  '<iframe src="https://www.youtube.com/embed/abc" width="560" height="315" title="v" frameborder="0"></iframe><iframe src="//player.bilibili.com/player.html?bvid=BV1"></iframe><iframe src="https://evil.example/x"></iframe>',
  '<font color="red">font</font> <form action="x"><input value="v"><button>b</button></form> <custom-el>c</custom-el> <o:p>office</o:p>',
  '1 < 2 & 3 > 2 "quoted" \'single\' &nbsp;&copy; &#20013;&#x6587; a&b',
  '<p>Ω ≈ ç 中文 テキスト 한국어 👨\u200d👩\u200d👧</p>',
  '<![CDATA[cdata]]><?php echo 1 ?><!DOCTYPE html><p>after</p>',
  '<p>unclosed <b>bold <i>both</p> after',
  '<div><p>nested<div>block in p</div></p></div>',
  '<select><option>o</option></select><textarea>t</textarea><noscript><p>n</p></noscript><template><p>t</p></template><title>t</title>ok',
  '<svg><a href="javascript:alert(1)">s</a></svg><math><mi>x</mi></math><object data="x"><param></object><embed src="x"><video src="v"><track></video><audio>a</audio><canvas>c</canvas>',
];

describe('sanitizeHtml matches sanitize-html with the same policy', () => {
  test('ordinary markup of every allowed kind', () => {
    for (const input of MARKUP) {
      assertSame(input, BASE);
      assertSame(input, null);
      assertSame(input, BASE, false);
    }
  });

  test('XSS vectors, in content and in URLs', () => {
    const run = (id: number) => `alert(${id})`;
    for (const input of htmlVectors(run, 1)) assertSame(input, BASE);
    for (const url of urlVectors(run, 100)) {
      for (const input of [
        `<a href="${url.replace(/"/g, '&quot;')}">x</a>`,
        `<img src="${url.replace(/"/g, '&quot;')}">`,
        `<img src="ok.png" srcset="${url.replace(/"/g, '&quot;')} 2x">`,
        `<iframe src="${url.replace(/"/g, '&quot;')}"></iframe>`,
        `<blockquote cite="${url.replace(/"/g, '&quot;')}">q</blockquote>`,
      ]) {
        assertSame(input, BASE);
        assertSame(input, null);
      }
    }
  });

  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const feeds = path.resolve(repo, '../shared/fixtures/rsshub-page/feeds');
  test(
    'the real items of ../shared/fixtures',
    { skip: !fs.existsSync(feeds) && 'no ../shared/fixtures' },
    () => {
      let compared = 0;
      for (const file of fs.readdirSync(feeds).filter((name) => name.endsWith('.xml'))) {
        const feed = parseFeed(fs.readFileSync(path.join(feeds, file)));
        for (const item of feed.items) {
          assertSame(item.content ?? item.summary ?? '', item.link ?? feed.link);
          compared++;
        }
      }
      assert.ok(compared >= 100, `only ${compared} items compared`);
    },
  );
});

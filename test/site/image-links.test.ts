import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelImageLinks } from '../../src/site/image-links.js';
import { labelsFor } from '../../src/site/labels.js';

const zh = labelsFor('zh-CN').imageLink;

test('a link made only of images without alt text is named after where it goes', () => {
  assert.equal(
    labelImageLinks('<p><a href="https://static.cnbetacdn.com/a.jpg" rel="nofollow">\n <img src="t.jpg" alt=""><IMG SRC=u.jpg>\n</a></p>', zh), // prettier-ignore
    '<p><a href="https://static.cnbetacdn.com/a.jpg" rel="nofollow" aria-label="图片链接（static.cnbetacdn.com）">\n <img src="t.jpg" alt=""><IMG SRC=u.jpg>\n</a></p>',
  );
  assert.equal(
    labelImageLinks('<a href="/relative/a.png"><img src="a.png" alt=" "></a>', labelsFor('en').imageLink), // prettier-ignore
    '<a href="/relative/a.png" aria-label="Image link"><img src="a.png" alt=" "></a>',
  );
  // Escaped addresses are read as the browser reads them; the label is escaped again.
  assert.match(
    labelImageLinks(`<a href='https://a.example/?x=1&amp;y="2"'><img src=a.png></a>`, (host) => `<${host}>`), // prettier-ignore
    /aria-label="&lt;a\.example&gt;"/,
  );
});

test('links with text, alt text, a label of their own or no address are left alone', () => {
  for (const html of [
    '<a href="https://a.example/"><img src="a.png" alt="">文字</a>',
    '<a href="https://a.example/">文字<img src="a.png"></a>',
    '<a href="https://a.example/"><img src="a.png" alt="图"></a>',
    '<a href="https://a.example/"><img src="a.png" alt=""><img src="b.png" alt="第二张"></a>',
    '<a href="https://a.example/" aria-label="已有"><img src="a.png"></a>',
    '<a name="anchor"><img src="a.png"></a>',
    '<a href="https://a.example/"><img src="a.png">\u3000</a>',
    '<abbr><img src="a.png"></abbr>',
    '<p>no link <img src="a.png"></p>',
  ]) {
    assert.equal(labelImageLinks(html, zh), html, html);
  }
});

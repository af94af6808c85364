import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Parser } from 'htmlparser2';
import { sanitizeHtml } from '../../src/content/sanitize-html.js';

const BASE = 'https://news.example.com/2026/11/article.html';

/** What may appear in sanitised output: tag → attributes (beyond the global lang/dir/title). */
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'rel'],
  img: ['src', 'srcset', 'alt', 'width', 'height', 'loading', 'decoding', 'referrerpolicy'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  col: ['span'],
  colgroup: ['span'],
  time: ['datetime'],
  data: ['value'],
  details: ['open'],
};
const NEVER_ALLOWED =
  /^(script|style|iframe|frame|object|embed|applet|form|input|button|textarea|select|option|svg|math|meta|link|base|template|noscript|xmp|plaintext)$/;
/** A URL with no scheme (kept as written when there is no base URL). */
const RELATIVE = '[^:/?#]*(?:[/?#]|$)';
const SAFE_HREF = new RegExp(`^(https?://|mailto:|tel:|${RELATIVE})`, 'i');
const SAFE_SRC = new RegExp(
  `^(https?://|data:image/(png|jpeg|gif|webp|svg\\+xml|avif)[;,]|${RELATIVE})`,
  'i',
);

/**
 * Parses sanitised output again and fails on anything that could run: a forbidden element,
 * an attribute outside the allowlist (event handlers, style, srcdoc, formaction, …), or a
 * URL with a scheme other than http(s)/mailto/tel (data: images only in img src).
 */
function assertInert(output: string, input: string, base: string | null): void {
  const where = `\n  input:  ${input}\n  output: ${output}`;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        assert.doesNotMatch(name, NEVER_ALLOWED, `element <${name}> survived${where}`);
        for (const [attr, value] of Object.entries(attribs)) {
          const allowed = ['lang', 'dir', 'title', ...(ALLOWED_ATTRIBUTES[name] ?? [])];
          assert.ok(allowed.includes(attr), `attribute ${attr} on <${name}> survived${where}`);
          if (attr === 'href') assert.match(value, SAFE_HREF, `unsafe href${where}`);
          if (attr === 'src') assert.match(value, SAFE_SRC, `unsafe src${where}`);
          if (attr === 'srcset') {
            for (const candidate of value.split(/,\s+/)) {
              assert.match(candidate, /^https?:\/\/\S+( \S+)?$/, `unsafe srcset${where}`);
            }
          }
        }
      },
      oncomment() {
        assert.fail(`a comment survived${where}`);
      },
    },
    { decodeEntities: true },
  );
  parser.write(output);
  parser.end();
  assert.doesNotMatch(output, /<\s*\/?\s*(script|style|iframe|svg|math|object|embed|form)/i, where);
  // Sanitising is idempotent: the output is already in its final form.
  assert.equal(sanitizeHtml(output, base), output, `not idempotent${where}`);
}

const XSS_VECTORS: string[] = [
  // script and style
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<script>/*</script><img src=x onerror=alert(1)>*/</script>',
  '<style>@import "https://evil.example/x.css";</style><p>text</p>',
  '<p style="background:url(javascript:alert(1))">styled</p>',
  '<div style="behavior: url(x.htc); -moz-binding: url(x.xml#xss)">old IE</div>',
  // event handlers
  '<img src=x onerror=alert(1)>',
  '<img src="https://img.example/a.png" onload="alert(1)" ONERROR="alert(2)">',
  '<body onload=alert(1)>body</body>',
  '<p onclick="alert(1)" onmouseover=alert(2)>hover</p>',
  '<details open ontoggle=alert(1)><summary>s</summary>d</details>',
  '<img src=x:alert(1) onerror=eval(src)>',
  '<img """><script>alert(1)</script>">',
  '<img/src="x"/onerror=alert(1)>',
  // javascript: and vbscript: URLs
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="  javascript:alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">x</a>',
  '<a href="java&#x09;script:alert(1)">x</a>',
  '<a href="jav&#x0A;ascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
  '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="\x01javascript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<img src="javascript:alert(1)">',
  '<img src="  JAVASCRIPT:alert(1)" srcset="javascript:alert(1) 1x">',
  // data: URLs
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
  '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" onload=alert(1)>',
  // embedded documents and plugins
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">fallback</iframe>',
  '<object data="javascript:alert(1)"><param name=x value=y></object>',
  '<embed src="https://evil.example/x.swf">',
  '<frameset><frame src="javascript:alert(1)"></frameset>',
  // SVG and MathML
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x=20 y=20>XSS</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<math href="javascript:alert(1)">CLICK</math>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  // meta, base, link
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//"><a href="/x">x</a>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  // forms
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<form><button formaction="javascript:alert(1)">go</button></form>',
  '<input onfocus=alert(1) autofocus>',
  '<select onfocus=alert(1) autofocus><option>o</option></select>',
  '<textarea onfocus=alert(1) autofocus></textarea>',
  // parser confusion and mutation XSS
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<template><img src=x onerror=alert(1)></template>',
  '<!--<img src=x onerror=alert(1)>-->',
  '<!-- --!><img src=x onerror=alert(1)>-->',
  '<![CDATA[<img src=x onerror=alert(1)>]]>',
  '<p title="</p><img src=x onerror=alert(1)>">t</p>',
  '<a href="https://ok.example/" title="x" onmouseover="alert(1)" style="position:fixed;inset:0">cover</a>',
  '<a href="https://ok.example/"x onclick=alert(1)>x</a>',
  '<div id="x" class="y" data-x="z" name="cookie">clobber</div>',
  '<img src="https://img.example/a.png" alt="a&quot; onerror=&quot;alert(1)">',
  '<a href="https://ok.example/?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">q</a>',
];

describe('sanitizeHtml: XSS vectors', () => {
  test(`there are at least 30 vectors (${XSS_VECTORS.length})`, () => {
    assert.ok(XSS_VECTORS.length >= 30);
  });
  for (const vector of XSS_VECTORS) {
    test(vector, () => {
      assertInert(sanitizeHtml(vector, BASE), vector, BASE);
      assertInert(sanitizeHtml(vector, null), vector, null);
    });
  }
});

describe('sanitizeHtml: what goes', () => {
  const cases: [string, string, string][] = [
    ['script with its text', '<p>a<script>alert(1)</script>b</p>', '<p>ab</p>'],
    ['style with its text', '<style>p{}</style><p>x</p>', '<p>x</p>'],
    ['iframe with its fallback', '<iframe src="https://x.example/">no frames</iframe>ok', 'ok'],
    ['svg with its text', '<svg><text>label</text></svg>ok', 'ok'],
    ['comments', '<p>a<!-- secret -->b</p>', '<p>ab</p>'],
    ['form tags, keeping text', '<form><button>Send</button></form>', 'Send'],
    ['event handlers', '<p onclick="x()">p</p>', '<p>p</p>'],
    ['style, class and id', '<p style="color:red" class="c" id="i">p</p>', '<p>p</p>'],
    ['unknown tags, keeping text', '<font color="red"><blink>old</blink></font>', 'old'],
    ['javascript: links, keeping text', '<a href="javascript:x()">t</a>', '<a>t</a>'],
    ['an image with no safe source', '<p><img src="javascript:x()">t</p>', '<p>t</p>'],
    ['data: images of other types', '<img src="data:image/x-icon;base64,AAAA">', ''],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => assert.equal(sanitizeHtml(input, BASE), expected));
  }
});

describe('sanitizeHtml: what stays', () => {
  test('article structure', () => {
    const html =
      '<h2>标题</h2><p>第一段<b>粗</b><i>斜</i><em>强调</em><strong>重</strong>' +
      '<sup>1</sup><sub>2</sub><br><code>x</code></p><hr>' +
      '<blockquote><p>引用</p></blockquote><pre><code>let a = 1 &lt; 2;</code></pre>' +
      '<ul><li>一</li></ul><ol start="3"><li>三</li></ol>' +
      '<table><thead><tr><th colspan="2">h</th></tr></thead><tbody><tr><td rowspan="1">c</td></tr></tbody></table>' +
      '<figure><figcaption>说明</figcaption></figure><div><span lang="en">x</span></div>' +
      '<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>';
    // Void elements come out in their self-closing spelling, valid in HTML too.
    assert.equal(sanitizeHtml(html, BASE), html.replace(/<(br|hr)>/g, '<$1 />'));
  });

  test('entities are decoded, text is escaped', () => {
    assert.equal(
      sanitizeHtml('<p>A&nbsp;B&mdash;C &amp; &lt;b&gt; &#20013;</p>', BASE),
      '<p>A\u00a0B\u2014C &amp; &lt;b&gt; 中</p>',
    );
  });

  test('an HTML-less summary passes as text', () => {
    assert.equal(sanitizeHtml('1 < 2 & 3 > 2', null), '1 &lt; 2 &amp; 3 &gt; 2');
  });

  test('empty input', () => assert.equal(sanitizeHtml('', BASE), ''));
});

describe('sanitizeHtml: links', () => {
  test('get rel="noopener noreferrer nofollow" and lose target', () => {
    assert.equal(
      sanitizeHtml('<a href="https://a.example/x" target="_blank" rel="opener">x</a>', BASE),
      '<a href="https://a.example/x" rel="noopener noreferrer nofollow">x</a>',
    );
  });

  test('mailto: and tel: stay', () => {
    assert.equal(
      sanitizeHtml('<a href="mailto:ed@example.com">m</a><a href="tel:+861012345678">t</a>', BASE),
      '<a href="mailto:ed@example.com" rel="noopener noreferrer nofollow">m</a>' +
        '<a href="tel:+861012345678" rel="noopener noreferrer nofollow">t</a>',
    );
  });

  test('an anchor without href stays, without rel', () => {
    assert.equal(sanitizeHtml('<a name="top">top</a>', BASE), '<a>top</a>');
  });

  test('attribute injection through the href value stays inside the value', () => {
    const out = sanitizeHtml(
      '<a href="https://a.example/&quot; onclick=&quot;alert(1)">x</a>',
      BASE,
    );
    assert.equal(
      out,
      '<a href="https://a.example/%22%20onclick=%22alert(1)" rel="noopener noreferrer nofollow">x</a>',
    );
  });
});

describe('sanitizeHtml: images', () => {
  test('get loading, decoding and referrerpolicy; keep alt, width, height', () => {
    assert.equal(
      sanitizeHtml(
        '<img src="https://i.example/a.jpg" alt="图" width="400" height="225" class="x">',
        BASE,
      ),
      '<img src="https://i.example/a.jpg" alt="图" width="400" height="225" loading="lazy" decoding="async" referrerpolicy="no-referrer" />',
    );
  });

  test('caller-given loading and referrerpolicy are replaced', () => {
    const out = sanitizeHtml(
      '<img src="https://i.example/a.jpg" loading="eager" referrerpolicy="unsafe-url">',
      BASE,
    );
    assert.match(out, /loading="lazy"/);
    assert.match(out, /referrerpolicy="no-referrer"/);
    assert.doesNotMatch(out, /eager|unsafe-url/);
  });

  test('width and height that are not numbers go', () => {
    assert.equal(
      sanitizeHtml('<img src="https://i.example/a.jpg" width="100%" height="1 onerror=x">', BASE),
      '<img src="https://i.example/a.jpg" loading="lazy" decoding="async" referrerpolicy="no-referrer" />',
    );
  });

  test('attribute injection through alt stays inside the value', () => {
    const out = sanitizeHtml(
      '<img src="https://i.example/a.jpg" alt="x&quot; onerror=&quot;alert(1)">',
      BASE,
    );
    assert.match(out, /alt="x&quot; onerror=&quot;alert\(1\)"/);
  });

  for (const type of ['png', 'jpeg', 'gif', 'webp', 'svg+xml', 'avif']) {
    test(`data:image/${type} stays`, () => {
      const src = `data:image/${type};base64,AAAA`;
      assert.match(
        sanitizeHtml(`<img src="${src}">`, BASE),
        new RegExp(`src="${src.replace('+', '\\+')}"`),
      );
    });
  }

  test('URL-encoded SVG data stays', () => {
    const src = 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E';
    assert.match(sanitizeHtml(`<img src="${src}">`, BASE), /src="data:image\/svg\+xml,%3Csvg/);
  });

  test('srcset keeps absolute http(s) candidates only', () => {
    const out = sanitizeHtml(
      '<img src="a.jpg" srcset="a.jpg 1x, javascript:alert(1) 2x, data:image/png;base64,AA 3x, //cdn.example/b.jpg 640w">',
      BASE,
    );
    assert.match(
      out,
      / srcset="https:\/\/news\.example\.com\/2026\/11\/a\.jpg 1x, https:\/\/cdn\.example\/b\.jpg 640w"/,
    );
  });

  test('a srcset with nothing safe goes', () => {
    assert.doesNotMatch(
      sanitizeHtml('<img src="https://i.example/a.jpg" srcset="javascript:x 1x">', BASE),
      /srcset/,
    );
  });

  test('lazy-loaded images use data-src over the placeholder', () => {
    assert.match(
      sanitizeHtml(
        '<img src="data:image/gif;base64,R0lGOD" data-src="https://mmbiz.example/p.jpg">',
        BASE,
      ),
      /^<img src="https:\/\/mmbiz\.example\/p\.jpg"/,
    );
    assert.match(
      sanitizeHtml('<img data-original="/real.png">', BASE),
      /^<img src="https:\/\/news\.example\.com\/real\.png"/,
    );
  });
});

describe('sanitizeHtml: relative URLs', () => {
  const cases: [string, string][] = [
    ['<a href="next.html">', 'https://news.example.com/2026/11/next.html'],
    ['<a href="/about">', 'https://news.example.com/about'],
    ['<a href="../10/old.html">', 'https://news.example.com/2026/10/old.html'],
    ['<a href="?page=2">', 'https://news.example.com/2026/11/article.html?page=2'],
    ['<a href="#notes">', 'https://news.example.com/2026/11/article.html#notes'],
    ['<a href="//cdn.example/x">', 'https://cdn.example/x'],
    ['<img src="img/p.png">', 'https://news.example.com/2026/11/img/p.png'],
    ['<a href="https://other.example/a b">', 'https://other.example/a%20b'],
  ];
  for (const [input, expected] of cases) {
    test(`${input} → ${expected}`, () => {
      const out = sanitizeHtml(`${input}x`, BASE);
      assert.match(out, new RegExp(`(href|src)="${expected.replace(/[.?/]/g, '\\$&')}"`));
    });
  }

  test('without a base, relative URLs are kept as written', () => {
    assert.equal(
      sanitizeHtml('<a href="next.html">n</a><img src="/p.png">', null),
      '<a href="next.html" rel="noopener noreferrer nofollow">n</a>' +
        '<img src="/p.png" loading="lazy" decoding="async" referrerpolicy="no-referrer" />',
    );
  });

  test('a base that is not http(s) is not used', () => {
    assert.match(sanitizeHtml('<a href="x.html">x</a>', 'file:///tmp/feed.xml'), /href="x\.html"/);
    assert.match(sanitizeHtml('<a href="x.html">x</a>', 'javascript:alert(1)//'), /href="x\.html"/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstContentImage, leadImage } from '../../src/parse/lead-image.js';
import { resolveUrl } from '../../src/parse/urls.js';

describe('firstContentImage', () => {
  const cases: [string, string | null][] = [
    ['<p><img src="a.jpg"></p>', 'a.jpg'],
    ["<IMG alt=x SRC='b.png'>", 'b.png'],
    ['<img src=c.gif>', 'c.gif'],
    ['<img src="x?a=1&amp;b=2">', 'x?a=1&b=2'],
    ['<img src="data:image/png;base64,AAA"><img src="real.jpg">', 'real.jpg'],
    ['<img src="t.gif" width="1" height="1"><img src="real.jpg">', 'real.jpg'],
    [
      '<img src="/img/spacer.gif"><img src="/img/pixel.png"><img src="/blank.gif"><img src="ok.jpg">',
      'ok.jpg',
    ],
    ['<img data-src="lazy.jpg">', 'lazy.jpg'],
    ['<img src="t.gif" width="1px" height="1px"><img src="real.jpg">', 'real.jpg'],
    ['<img src="t.gif" width=0 height=0><img src="real.jpg">', 'real.jpg'],
    ['<img src="t.gif" style="width:1px;height:1px"><img src="real.jpg">', 'real.jpg'],
    ['<img src="small.jpg" width="1"><img src="real.jpg">', 'small.jpg'],
    ['<img src="big.jpg" style="max-width:1px;height:1px" width="600">', 'big.jpg'],
    ['<img src="https://pixel.wp.com/b.gif?x=1"><img src="real.jpg">', 'real.jpg'],
    ['<img src="/open/beacon.gif"><img src="/tracking/a.png"><img src="ok.jpg">', 'ok.jpg'],
    ['<img src="/img/pixel-art-cat.png">', '/img/pixel-art-cat.png'],
    ['<img src="https://feeds.feedburner.com/~r/x/~4/abc"><img src="ok.jpg">', 'ok.jpg'],
    ['<p>no images</p>', null],
  ];
  for (const [html, expected] of cases) {
    it(html, () => assert.equal(firstContentImage(html), expected));
  }
});

describe('leadImage', () => {
  it('prefers explicit images, resolves against the base', () => {
    assert.equal(
      leadImage([null, '/m.jpg'], ['<img src="c.jpg">'], 'https://x.org/a/'),
      'https://x.org/m.jpg',
    );
    assert.equal(
      leadImage([], [null, '<img src="c.jpg">'], 'https://x.org/a/'),
      'https://x.org/a/c.jpg',
    );
    assert.equal(leadImage([], ['<p>none</p>'], null), null);
  });
});

describe('resolveUrl', () => {
  const cases: [string, string | null, string][] = [
    ['https://a.org/x', 'https://b.org/', 'https://a.org/x'],
    ['/x', 'https://b.org/y/z', 'https://b.org/x'],
    ['x', 'https://b.org/y/z', 'https://b.org/y/x'],
    ['//cdn.org/i.png', 'https://b.org/', 'https://cdn.org/i.png'],
    ['//cdn.org/i.png', 'http://b.org/', 'http://cdn.org/i.png'],
    ['/x', null, '/x'],
    ['  /x  ', 'relative/base', '/x'],
  ];
  for (const [value, base, expected] of cases) {
    it(`${value} against ${base}`, () => assert.equal(resolveUrl(value, base), expected));
  }
});

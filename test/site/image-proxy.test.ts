import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configProblem, parseTestConfig } from '../config/config-problem.js';
import { addImageAttributes } from '../../src/site/image-attributes.js';
import { imageProxyAddress, srcsetThrough } from '../../src/site/image-proxy.js';

const SOURCES = `
sources:
  - category: C
    sites: [{ name: S, feeds: [{ name: F, url: https://example.com/feed.xml }] }]
`;

describe('image proxy addresses', () => {
  test('{url} is the image URL percent-encoded; {rawUrl} is it as it is', () => {
    const encoded = imageProxyAddress({ url: 'https://wsrv.nl/?url={url}&w=800', hosts: [] });
    assert.equal(
      encoded('https://i.pximg.net/img/a b.jpg?x=1&y=2#f'),
      'https://wsrv.nl/?url=https%3A%2F%2Fi.pximg.net%2Fimg%2Fa%20b.jpg%3Fx%3D1%26y%3D2%23f&w=800',
    );
    const raw = imageProxyAddress({
      url: 'https://proxy.example.workers.dev/?{rawUrl}',
      hosts: [],
    });
    assert.equal(
      raw('http://lain.bgm.tv/pic/cover/l/26/0a/1_j.jpg'),
      'https://proxy.example.workers.dev/?http://lain.bgm.tv/pic/cover/l/26/0a/1_j.jpg',
    );
    // `$&` and friends in a URL are not replacement patterns.
    assert.equal(raw('https://a.example/$&$1.png'), 'https://proxy.example.workers.dev/?https://a.example/$&$1.png'); // prettier-ignore
  });

  test('only the listed hosts and their subdomains, never the proxy itself or data: images', () => {
    const address = imageProxyAddress({ url: 'https://img.example.org/p?u={url}', hosts: ['sinaimg.cn', 'i.pximg.net'] }); // prettier-ignore
    assert.match(address('https://n.sinaimg.cn/a.jpg'), /^https:\/\/img\.example\.org\/p\?u=/);
    assert.match(address('https://sinaimg.cn/a.jpg'), /^https:\/\/img\.example\.org\//);
    assert.match(address('HTTPS://I.PXIMG.NET/a.jpg'), /^https:\/\/img\.example\.org\//);
    for (const url of [
      'https://notsinaimg.cn/a.jpg',
      'https://pximg.net/a.jpg',
      'https://img.ithome.com/a.png',
      'https://img.example.org/p?u=https%3A%2F%2Fn.sinaimg.cn%2Fa.jpg',
      'data:image/png;base64,iVBORw0KGgo=',
      'https://[broken/a.jpg',
    ]) {
      assert.equal(address(url), url, url);
    }
    const all = imageProxyAddress({ url: 'https://img.example.org/p?u={url}', hosts: [] });
    assert.match(all('http://anything.example/a.gif'), /^https:\/\/img\.example\.org\//);
    assert.equal(all('https://img.example.org/x.png'), 'https://img.example.org/x.png');
  });

  test('srcset candidates each go through the proxy, descriptors kept', () => {
    const address = (url: string): string => `P(${url})`;
    assert.equal(srcsetThrough('a.jpg 1x, b.jpg 2x', address), 'P(a.jpg) 1x, P(b.jpg) 2x');
    assert.equal(srcsetThrough('a.jpg', address), 'P(a.jpg)');
    assert.equal(
      srcsetThrough('a,b.jpg 480w, c.jpg 960w', address),
      'P(a,b.jpg) 480w, P(c.jpg) 960w',
    );
  });

  test('in content HTML: escaped values are read, proxied and escaped again', () => {
    const address = imageProxyAddress({ url: 'https://wsrv.nl/?url={url}&w=800', hosts: ['sinaimg.cn'] }); // prettier-ignore
    assert.equal(
      addImageAttributes(`<img src='https://n.sinaimg.cn/a.jpg?x=1&amp;y=2' alt="a"><img src=https://img.ithome.com/b.png>`, address), // prettier-ignore
      '<img src="https://wsrv.nl/?url=https%3A%2F%2Fn.sinaimg.cn%2Fa.jpg%3Fx%3D1%26y%3D2&amp;w=800" alt="a" referrerpolicy="no-referrer" loading="lazy" decoding="async">' +
        '<img src="https://img.ithome.com/b.png" alt="" referrerpolicy="no-referrer" loading="lazy" decoding="async">',
    );
  });
});

describe('site.imageProxy in the config', () => {
  test('is read with its hosts as the URL parser writes them', () => {
    const config = parseTestConfig(`
site:
  imageProxy:
    url: https://wsrv.nl/?url={url}
    hosts: [I.PXIMG.NET, ' lain.bgm.tv ', 图片.中国]
${SOURCES}`);
    assert.deepEqual(config.site.imageProxy, {
      url: 'https://wsrv.nl/?url={url}',
      hosts: ['i.pximg.net', 'lain.bgm.tv', 'xn--wcsw84d.xn--fiqs8s'],
    });
    // So an image of the Chinese domain, whose URL the parser writes the same way, is proxied.
    const address = imageProxyAddress(config.site.imageProxy!);
    assert.match(address('https://图片.中国/a.jpg'), /^https:\/\/wsrv\.nl\/\?url=https%3A%2F%2F/);
    const every = parseTestConfig(`site: { imageProxy: { url: 'https://p.example/?{rawUrl}' } }${SOURCES}`); // prettier-ignore
    assert.deepEqual(every.site.imageProxy, { url: 'https://p.example/?{rawUrl}', hosts: [] });
    assert.equal(parseTestConfig(`site: {}${SOURCES}`).site.imageProxy, undefined);
  });

  test('bad values are named', () => {
    const cases: [string, RegExp][] = [
      ["{ url: 'https://wsrv.nl/' }", /site\.imageProxy\.url: must contain \{url\}/],
      ["{ url: 'wsrv.nl/?url={url}' }", /site\.imageProxy\.url: must be an absolute http\(s\) URL/],
      ['{ hosts: [a.example] }', /site\.imageProxy\.url: missing/],
      ["{ url: 'https://p.example/?u={url}', hosts: ['https://i.pximg.net'] }", /site\.imageProxy\.hosts\[0\]: must be a host name/], // prettier-ignore
      ["{ url: 'https://p.example/?u={url}', hosts: ['a.example/x'] }", /site\.imageProxy\.hosts\[0\]: must be a host name/], // prettier-ignore
      ["{ url: 'https://p.example/?u={url}', hosts: 'a.example' }", /site\.imageProxy\.hosts: expected a list/], // prettier-ignore
      ["{ url: 'https://p.example/?u={url}', host: [a.example] }", /host/],
    ];
    for (const [value, expected] of cases) {
      assert.match(configProblem(`site: { imageProxy: ${value} }${SOURCES}`), expected, value);
    }
  });
});

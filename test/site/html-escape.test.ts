import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, markup, stripInvalidChars, trustedHtml } from '../../src/site/html-escape.js';

test('escapeHtml escapes the five special characters', () => {
  assert.equal(
    escapeHtml(`<a href="x">Tom & 'Jerry'</a>`),
    '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
  );
});

test('escapeHtml drops characters invalid in HTML and XML, keeps CJK and emoji', () => {
  assert.equal(escapeHtml('新闻\u0000\u0007\u000B\uFFFF\uD800 ok 📰\t\n'), '新闻 ok 📰\t\n');
});

test('markup escapes interpolations but not nested html or trusted markup', () => {
  const title = '<script>alert(1)</script>';
  const out = markup`<h1 title="${'"q"'}">${title}</h1>${markup`<b>${'&'}</b>`}${trustedHtml('<i>x</i>')}`;
  assert.equal(
    out.value,
    '<h1 title="&quot;q&quot;">&lt;script&gt;alert(1)&lt;/script&gt;</h1><b>&amp;</b><i>x</i>',
  );
});

test('markup joins arrays and skips null, undefined and false', () => {
  const items = ['a<', 'b'].map((x) => markup`<li>${x}</li>`);
  const out = markup`<ul>${items}${null}${undefined}${false}${0}</ul>`;
  assert.equal(out.value, '<ul><li>a&lt;</li><li>b</li>0</ul>');
});

test('stripInvalidChars keeps tab, newline, carriage return', () => {
  assert.equal(stripInvalidChars('a\tb\nc\rd\u0008'), 'a\tb\nc\rd');
});

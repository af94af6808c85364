import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NS } from '../../src/parse/namespaces.js';
import { cpuMsOf } from '../support/cpu-time.js';
import { decodeEntities } from '../../src/parse/xml-tokenizer.js';
import {
  attribute,
  buildXmlTree,
  firstChild,
  innerMarkup,
  textContent,
  type XmlElement,
} from '../../src/parse/xml-tree.js';

function rootOf(xml: string, warnings: string[] = [], baseUrl?: string): XmlElement {
  const { root } = buildXmlTree(xml, { baseUrl, onWarning: (m) => warnings.push(m) });
  assert.ok(root, 'a root element');
  return root;
}

describe('decodeEntities', () => {
  const cases: [string, string][] = [
    ['a &amp; b', 'a & b'],
    ['&lt;&gt;&quot;&apos;', '<>"\''],
    ['&#65;&#x42;&#X43;', 'ABC'],
    ['&nbsp;&mdash;&eacute;&hellip;', '\u00a0\u2014\u00e9\u2026'],
    ['fish & chips', 'fish & chips'],
    ['a &unknown; b', 'a &unknown; b'],
    ['&amp', '&amp'],
    ['&#150;', '\u2013'], // windows-1252 reading of C1 references
    ['&#0;', '\ufffd'],
  ];
  for (const [input, expected] of cases) {
    it(`${input} → ${JSON.stringify(expected)}`, () =>
      assert.equal(decodeEntities(input), expected));
  }
});

describe('buildXmlTree', () => {
  it('reads CDATA, comments, processing instructions and a DOCTYPE with entities', () => {
    const root = rootOf(
      '\uFEFF<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY who "World">]><!-- c --><rss><t><![CDATA[<b>x</b>]]> &who;<?pi x?></t></rss>',
    );
    assert.equal(root.local, 'rss');
    assert.equal(textContent(firstChild(root, '', 't')!), '<b>x</b> World');
  });

  it('keeps a stray < and a bare & as text', () => {
    const root = rootOf('<r><t>1 < 2 & 3 > 2</t></r>');
    assert.equal(textContent(firstChild(root, '', 't')!), '1 < 2 & 3 > 2');
  });

  it('merges double-wrapped CDATA', () => {
    const root = rootOf('<r><t><![CDATA[a <![CDATA[b]]> c]]></t></r>');
    assert.equal(textContent(firstChild(root, '', 't')!), 'a b c');
  });

  it('tells a nested CDATA opener from look-alikes inside a section', () => {
    // The opener is searched for by its `CDATA[` part; without `<![` before it, it is text.
    const root = rootOf(
      '<r><t><![CDATA[x CDATA[ [CDATA[ y ![CDATA[ <!CDATA[ <p>z <![CDATA[w]]> v</p>]]></t>' +
        '<u><![CDATA[CDATA[]]></u></r>',
    );
    assert.equal(
      textContent(firstChild(root, '', 't')!),
      'x CDATA[ [CDATA[ y ![CDATA[ <!CDATA[ <p>z w v</p>',
    );
    assert.equal(textContent(firstChild(root, '', 'u')!), 'CDATA[');
  });

  it('resolves declared, default and well-known undeclared prefixes', () => {
    const root = rootOf(
      '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="urn:x"><x:a/><content:encoded/><media:thumbnail/><foo:bar/><title/></feed>',
    );
    const names = root.children
      .filter((c): c is XmlElement => typeof c !== 'string')
      .map((c) => `${c.ns}|${c.local}`);
    assert.deepEqual(names, [
      'urn:x|a',
      `${NS.content}|encoded`,
      `${NS.media}|thumbnail`,
      'undeclared:foo|bar',
      `${NS.atom10}|title`,
    ]);
  });

  it('canonicalises namespace spellings', () => {
    const root = rootOf('<rss xmlns:dc="http://purl.org/dc/elements/1.1"><dc:date/></rss>');
    assert.ok(firstChild(root, NS.dc, 'date'));
  });

  it('tracks xml:base relative to the parent and the document URL', () => {
    const root = rootOf(
      '<feed xml:base="/blog/"><entry xml:base="2021/"><link/></entry></feed>',
      [],
      'https://example.org/feed.xml',
    );
    const entry = firstChild(root, '', 'entry')!;
    assert.equal(root.base, 'https://example.org/blog/');
    assert.equal(entry.base, 'https://example.org/blog/2021/');
    assert.equal(firstChild(entry, '', 'link')!.base, 'https://example.org/blog/2021/');
  });

  it('closes open elements at the end of a truncated document and warns', () => {
    const warnings: string[] = [];
    const root = rootOf('<rss><channel><title>Cut', warnings);
    assert.equal(textContent(root), 'Cut');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /truncated/);
  });

  it('implicitly closes unclosed HTML inside a field', () => {
    const root = rootOf('<item><description><p>a<br>b</description><title>T</title></item>');
    assert.equal(textContent(firstChild(root, '', 'title')!), 'T');
    assert.equal(innerMarkup(firstChild(root, '', 'description')!), '<p>a<br>b</p>');
  });

  it('reads unquoted and valueless attributes', () => {
    const root = rootOf('<a href=x.html checked title="a &amp; b"/>');
    assert.equal(attribute(root, 'href'), 'x.html');
    assert.equal(attribute(root, 'checked'), '');
    assert.equal(attribute(root, 'title'), 'a & b');
  });

  it('serialises XHTML children without their prefix and escapes text', () => {
    const root = rootOf(
      '<c xmlns:h="http://www.w3.org/1999/xhtml"><h:p class="x">1 &lt; 2 &amp; <h:img src="a.png"/></h:p></c>',
    );
    assert.equal(innerMarkup(root), '<p class="x">1 &lt; 2 &amp; <img src="a.png"></p>');
  });

  it('ends an attribute whose closing quote is missing at the end of its tag', () => {
    const root = rootOf('<r><a href="http://x/>text</a><b/></r>');
    assert.equal(attribute(firstChild(root, '', 'a')!, 'href'), 'http://x/');
    assert.equal(textContent(firstChild(root, '', 'a')!), 'text');
    assert.ok(firstChild(root, '', 'b'));
  });

  it('flattens absurdly deep nesting instead of overflowing the stack', () => {
    const warnings: string[] = [];
    const root = rootOf('<r>' + '<a>'.repeat(100_000) + 'deep</r>', warnings);
    assert.equal(textContent(root), 'deep');
    assert.ok(warnings.some((w) => /nested deeper/.test(w)));
  });

  it('stays linear on malformed input', () => {
    const inputs = [
      '<r>' + '&'.repeat(300_000) + '</r>',
      '<r>' + '<a b="x '.repeat(50_000) + '</r>',
      '<r>' + '</a '.repeat(100_000) + '</r>',
      '<r>' + '<? '.repeat(100_000) + '</r>',
    ];
    for (const input of inputs) {
      const ms = cpuMsOf(() => buildXmlTree(input));
      assert.ok(ms < 1000, `${Math.round(ms)} ms of CPU on ${input.slice(0, 12)}…`);
    }
  });

  it('stays linear on tags left open: four times the input, about four times the work', () => {
    // A `>` or `"` looked for again from every such tag rescanned to the end of the document:
    // without the tokenizer's remembered delimiters these ratios are 9–15, with them 2.5–3.5.
    // Best of three runs of each size: the CPU time of a few tens of ms is noisy.
    const best = (input: string): number =>
      Math.min(...[0, 1, 2].map(() => cpuMsOf(() => buildXmlTree(input))));
    for (const unit of ['</a ', '<a b="x ']) {
      const small = best('<r>' + unit.repeat(50_000) + '</r>');
      const large = best('<r>' + unit.repeat(200_000) + '</r>');
      const ratio = large / Math.max(small, 1);
      assert.ok(
        ratio < 7,
        `${unit}: ${Math.round(small)} ms, 4× the input ${Math.round(large)} ms`,
      );
    }
  });
});

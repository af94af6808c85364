import assert from 'node:assert/strict';
import { configProblem, parseTestConfig } from './config-problem.js';
import { describe, test } from 'node:test';

const TREE = `
content:
  embeds: false
  clean:
    remove: ['.share-box']
retention:
  maxAgeDays: 90
  maxItemsPerFeed: 500
sources:
  - category: 金融
    sites:
      - name: 新浪财经
        clean:
          removePattern: ['^\\s*责任编辑：.*$']
        feeds:
          - name: 国内
            rsshub: /sina/finance
            clean:
              keepOnly: article
            retention:
              maxItemsPerFeed: 0
          - name: 滚动
            rsshub: /sina/roll
`;

const parse = parseTestConfig;
const problem = configProblem;

const feedWith = (lines: string) =>
  `sources:\n  - category: A\n    sites:\n      - name: B\n        feeds:\n          - name: C\n            file: f.xml\n${lines}`;

describe('config: content and retention', () => {
  test('rules are passed to each feed, config-wide first, then site, then feed', () => {
    const [domestic, roll] = parse(TREE).sources;
    assert.deepEqual(domestic!.content, {
      embeds: false,
      builtinRules: true,
      clean: [
        { remove: ['.share-box'], removePattern: [], keepOnly: null },
        { remove: [], removePattern: ['^\\s*责任编辑：.*$'], keepOnly: null },
        { remove: [], removePattern: [], keepOnly: 'article' },
      ],
    });
    assert.equal(roll!.content!.clean.length, 2, 'the other feed has no rules of its own');
  });

  test('retention: the feed wins key by key, 0 means keep forever', () => {
    const [domestic, roll] = parse(TREE).sources;
    assert.deepEqual(domestic!.retention, { maxAgeDays: 90, maxItemsPerFeed: null });
    assert.deepEqual(roll!.retention, { maxAgeDays: 90, maxItemsPerFeed: 500 });
  });

  test('defaults: embeds and built-in rules on, no user rules, keep forever', () => {
    const [feed] = parse(feedWith('')).sources;
    assert.deepEqual(feed!.content, { embeds: true, builtinRules: true, clean: [] });
    assert.deepEqual(feed!.retention, { maxAgeDays: null, maxItemsPerFeed: null });
  });

  const bad: [string, string, RegExp][] = [
    [
      'an invalid regular expression',
      feedWith('            clean:\n              removePattern: ["ok", "(unclosed"]\n'),
      /sources\[0\]\.sites\[0\]\.feeds\[0\]\.clean\.removePattern\[1\]: invalid regular expression .*Unterminated group.*, got "\(unclosed"/,
    ],
    [
      'an invalid CSS selector',
      'content:\n  clean:\n    remove: ["div[class="]\n',
      /content\.clean\.remove\[0\]: invalid CSS selector/,
    ],
    [
      'an unknown pseudo-class in keepOnly',
      'sources:\n  - category: A\n    sites:\n      - name: B\n        clean:\n          keepOnly: "p:nonsense"\n        feeds:\n          - { name: C, file: f.xml }\n',
      /sources\[0\]\.sites\[0\]\.clean\.keepOnly: invalid CSS selector \(Unknown pseudo-class :nonsense\)/,
    ],
    [
      'a selector that is not a string',
      'content:\n  clean:\n    remove: [42]\n',
      /content\.clean\.remove\[0\]: expected string, got number 42/,
    ],
    [
      'a misspelt rule key',
      'content:\n  clean:\n    removeSelector: [p]\n',
      /content\.clean: unknown key "removeSelector"/,
    ],
    ['a negative age', 'retention:\n  maxAgeDays: -1\n', /retention\.maxAgeDays: .*>=0/],
    [
      'a fractional count',
      'retention:\n  maxItemsPerFeed: 2.5\n',
      /retention\.maxItemsPerFeed: expected int/,
    ],
    [
      'embeds not a boolean',
      'content:\n  embeds: "no"\n',
      /content\.embeds: expected boolean, got "no"/,
    ],
  ];
  for (const [name, text, expected] of bad) {
    test(`rejects ${name}, naming the key`, () => {
      const message = problem(text);
      assert.match(message, expected);
      assert.ok(message.startsWith('tidings.yaml: '), message);
    });
  }
});

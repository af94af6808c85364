import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { ConfigError } from '../../src/config/config-error.js';
import { readConfigValues } from '../../src/config/read-config-values.js';
import { repo } from '../support/run-tidings.js';
import { configProblem, parseTestConfig } from './config-problem.js';

/** What the `yaml` package's Document reads from `text`: the reading js-yaml must agree with. */
function documentValues(text: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true });
  assert.deepEqual(document.errors, [], 'the corpus text is valid YAML');
  return document.toJS();
}

/** Plain scalars of the YAML 1.2 core schema and their near misses (which stay strings). */
const SCALARS = [
  ...['~', 'null', 'Null', 'NULL', 'nULL', 'None'],
  ...['true', 'True', 'TRUE', 'tRue', 'false', 'FALSE', 'yes', 'no', 'on', 'off', 'y', 'n'],
  ...['0', '-0', '+12', '007', '-012', '0o17', '0O17', '0o8', '0x1F', '0X1F', '-0x1F', '0b101'],
  ...['1_000', '1,000', '9007199254740993', '1e3', '1E3', '1e+3', '-1.5e-3', '.5', '5.', '+.5'],
  ...['.inf', '-.Inf', '+.INF', 'inf', '.nan', '.NaN', 'NaN', '1.0', '12e', '0.1.2', '12:30'],
  ...['2021-12-25', '2021-12-25T00:03:46Z', 'Sat, 25 Dec 2021 00:03:46 GMT', '.', '..'],
  ...['http://127.0.0.1:1200/a?b=c#d', 'a#b', '=', '<<', '新浪财经－国內'],
  ...["'quoted'", '"double"', "''", '""', "'it''s'", '"\\u00e9\\t\\x41\\U0001F600\\N\\_\\/"'],
];

const DOCUMENTS = [
  'site:\n  title: x\n  perPage: 100\n',
  'a: 1\r\nb:\r\n  - x\r\n',
  '\ufeffsite: { title: x }\n',
  'sources:\n- category: A\n  sites:\n  - name: B\n    feeds: [{name: C, url: "http://x/"}]\n',
  'a: &shared { remove: [p] }\nb: *shared\n',
  'a: |\n  two\n  lines\nb: >\n  folded\n  text\n\n  para\nc: |-\n  x\nd: >+\n  y\n\n',
  'a: "multi\n  line"\nb: plain\n  continued\nc: \'single\n\n  quoted\'\n',
  '? explicit\n: value\n',
  '---\na: 1\n...\n',
  '# only a comment\nnull\n',
  'a:\n  b:\n    - - nested\n      - list\n    - {x: [1, {y: z}]}\n',
  'a: !!str 12\nb: !!int "12"\nc: !!null ""\nd: !!bool true\ne: !!map {f: 1}\ng: !!seq [1]\n',
  '__proto__: { polluted: true }\n',
  'a: x #c\nb: [1, 2] # c\nc: {d: e} #c\n# end\n',
];

describe('config: reading the values', () => {
  test('js-yaml reads every core-schema scalar as the yaml package does', () => {
    for (const scalar of SCALARS) {
      for (const text of [`v: ${scalar}\n`, `- ${scalar}\n`, `k:\n  - [${scalar}]\n`]) {
        assert.deepEqual(readConfigValues(text, 't.yaml'), documentValues(text), text);
      }
    }
  });

  test('js-yaml reads whole documents as the yaml package does', () => {
    const demo = fs.readFileSync(path.join(repo, 'examples/demo/tidings.yaml'), 'utf8');
    for (const text of [...DOCUMENTS, demo]) {
      assert.deepEqual(readConfigValues(text, 't.yaml'), documentValues(text), text);
    }
  });

  test('a syntax error is the yaml package message, with its line', () => {
    assert.match(
      configProblem('site:\n  title: x\n  title: y\n'),
      /^tidings\.yaml: line 3, column 3: invalid YAML: Map keys must be unique$/,
    );
    // The message names line and column once and ends there: no trailing "at line …, column …:".
    assert.equal(
      configProblem('site:\n  title: x\n   bad: [\nsources: []\n'),
      'tidings.yaml: line 2, column 10: invalid YAML: Nested mappings are not allowed in compact mappings',
    );
    assert.match(
      configProblem('site:\n  title: x\nsources: [\n'),
      /^tidings\.yaml: line \d+, column \d+: invalid YAML: \S[^\n]*[^:\n]$/,
    );
    // A key indented less than the one above it: the column is where that key is (the yaml
    // package says column 1, the start of its line, whatever the indentation), not a tab's.
    assert.equal(
      configProblem(
        'sources:\n  - category: A\n    sites:\n      - name: B\n        feeds:\n          - name: C\n          rsshub: /sina/finance\n',
      ),
      'tidings.yaml: line 7, column 11: invalid YAML: All mapping items must start at the same column',
    );
    assert.equal(
      configProblem('sources:\n\t- category: A\n'),
      'tidings.yaml: line 2, column 1: invalid YAML: Tabs are not allowed as indentation',
    );
    assert.throws(() => readConfigValues('a: b: c\n', 'x.yaml'), ConfigError);
    // The yaml package throws this one while building the values (it was an internal error).
    assert.match(
      configProblem('site:\n  title: *undefined\n'),
      /^tidings\.yaml: line 2, column 11: invalid YAML: Unresolved alias .*: undefined$/,
    );
    // A rule set shared by alias is fine up to 100 uses; past that both readers refuse it.
    const shared = (uses: number) =>
      'rules: &r { remove: [.share] }\nfeeds:\n' + '  - { clean: *r }\n'.repeat(uses);
    assert.equal(
      (readConfigValues(shared(100), 't.yaml') as { feeds: unknown[] }).feeds.length,
      100,
    );
    assert.throws(
      () => readConfigValues(shared(101), 't.yaml'),
      (error: Error) =>
        error instanceof ConfigError &&
        /^t\.yaml: .*invalid YAML: Excessive alias/.test(error.message),
    );
  });

  test('what js-yaml does not take is read by the yaml package, as before', () => {
    // A YAML 1.1 directive changes the schema: `yes` is a boolean there.
    assert.deepEqual(readConfigValues('%YAML 1.1\n---\na: yes\n', 't.yaml'), { a: true });
    assert.deepEqual(readConfigValues('\ufeff%YAML 1.1\n---\na: yes\n', 't.yaml'), { a: true });
    // A tag js-yaml does not know: the yaml package keeps the string (with a warning only).
    assert.deepEqual(readConfigValues('a: !custom x\n', 't.yaml'), { a: 'x' });
    // Empty files and comments alone are an empty config: all defaults.
    for (const text of ['', '   \n', '# nothing yet\n']) {
      assert.equal(parseTestConfig(text).site.title, 'Tidings', JSON.stringify(text));
    }
  });
});

describe('a config written as JSON', () => {
  const json = JSON.stringify(
    {
      site: { title: '新闻 "today"\n', perPage: 50, language: null, flag: true },
      sources: [
        {
          category: '财经',
          sites: [{ name: 'A\\B', feeds: [{ name: 'x', url: 'http://127.0.0.1:1200/a?b=c#d' }] }],
        },
      ],
      numbers: [0, -0.5, 1e21, 9007199254740991, -12],
      empty: {},
      list: [[], [{}], ''],
    },
    null,
    '\t',
  );

  test('gives the values YAML gives for the same text', () => {
    assert.deepEqual(readConfigValues(json, 'c.json'), documentValues(json));
    assert.deepEqual(readConfigValues(`\n  ${json}\n`, 'c.json'), documentValues(json));
  });

  test('a key repeated within one object is refused, with its line, as YAML refuses it', () => {
    const repeated = '{\n "site": {"title": "a"},\n "store": "x.db",\n "site": {"title": "b"}\n}';
    assert.throws(
      () => readConfigValues(repeated, 'c.json'),
      (error: Error) => error instanceof ConfigError && /c\.json: line 4\b/.test(error.message),
    );
    // The same key spelt with an escape is the same key; in two objects it is two keys.
    assert.throws(() => readConfigValues('{"ab": 1, "a\\u0062": 2}', 'c.json'), ConfigError);
    assert.deepEqual(readConfigValues('{"a": {"k": 1}, "b": {"k": 2}, "c": ["k", "k"]}', 'c'), {
      a: { k: 1 },
      b: { k: 2 },
      c: ['k', 'k'],
    });
  });

  test('a text JSON refuses is read as YAML, as before', () => {
    assert.deepEqual(readConfigValues('{site: {title: a}, "store": x.db,}', 'c'), {
      site: { title: 'a' },
      store: 'x.db',
    });
  });
});

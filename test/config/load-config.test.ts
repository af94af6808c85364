import assert from 'node:assert/strict';
import { configProblem, parseTestConfig } from './config-problem.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';

const ISSUE_EXAMPLE = `
site:
  title: 小冰 RSSHub
  url: https://news.example.com
  language: zh-CN
  timezone: Asia/Shanghai
  perPage: 100
  output: public
store: tidings.db
rsshub:
  instance: http://127.0.0.1:1200
sources:
  - category: 金融
    sites:
      - name: 新浪财经
        feeds:
          - name: 新浪财经－国內
            rsshub: /sina/finance
  - category: Tech
    sites:
      - name: Example
        feeds:
          - name: Blog
            url: https://example.com/feed.xml
          - name: Local
            file: feeds/local.xml
`;

const parse = parseTestConfig;
const problem = configProblem;

describe('config', () => {
  test('reads the documented shape and resolves paths against the config folder', () => {
    const config = parse(ISSUE_EXAMPLE);
    assert.equal(config.site.title, '小冰 RSSHub');
    assert.equal(config.site.timeZone, 'Asia/Shanghai');
    assert.equal(config.site.perPage, 100);
    assert.equal(config.site.outputDir, '/srv/news/public');
    assert.equal(config.storePath, '/srv/news/tidings.db');
    assert.equal(config.sources.length, 3);
    const [sina, blog, local] = config.sources;
    assert.deepEqual(
      [sina!.category, sina!.site, sina!.name, sina!.key],
      ['金融', '新浪财经', '新浪财经－国內', 'rsshub:/sina/finance'],
    );
    assert.deepEqual(sina!.location, { kind: 'url', url: 'http://127.0.0.1:1200/sina/finance' });
    assert.deepEqual(blog!.location, { kind: 'url', url: 'https://example.com/feed.xml' });
    assert.deepEqual(local!.location, { kind: 'file', path: '/srv/news/feeds/local.xml' });
    assert.equal(local!.timeZone, 'Asia/Shanghai');
  });

  test('fills defaults for an almost empty file', () => {
    const config = parse('sources: []\n');
    assert.equal(config.site.perPage, 100);
    assert.equal(config.site.timeZone, 'UTC');
    assert.equal(config.fetch.concurrency, 16);
    assert.equal(config.fetch.perHost, 8);
    assert.equal(config.fetch.interval, 60);
    assert.equal(config.fetch.timeout, 20);
    assert.deepEqual(config.sources, []);
  });

  test('appends the RSSHub access key to route URLs', () => {
    const config = parse(
      'rsshub: { instance: "http://127.0.0.1:1200/", key: s3cret }\n' +
        'sources: [{ category: A, sites: [{ name: B, feeds: [{ name: C, rsshub: /a/b }] }] }]\n',
    );
    assert.deepEqual(config.sources[0]!.location, {
      kind: 'url',
      url: 'http://127.0.0.1:1200/a/b?key=s3cret',
    });
  });

  test('http(s) URLs: judged as the URL parser does, however they are spelt', () => {
    const siteUrl = (url: string) => `site:\n  url: ${JSON.stringify(url)}\n`;
    for (const [url, spelt] of [
      ['https://news.example.com/', 'https://news.example.com'],
      ['HTTP://NEWS.example.com', 'http://news.example.com'],
      ['http:/news.example.com', 'http://news.example.com'],
      ['http://127.0.0.1:4000/a', 'http://127.0.0.1:4000/a'],
      ['https://例子.测试/', 'https://xn--fsqu00a.xn--0zwm56d'],
    ]) {
      assert.equal(parse(siteUrl(url!)).site.url, spelt, url);
    }
    for (const url of ['http://', 'https://exa mple.com/', 'ftp://example.com/', '//x.org/', 'x']) {
      assert.match(problem(siteUrl(url)), /site\.url: must be an absolute http\(s\) URL/, url);
    }
  });

  test('site.url is every address of the site: spelt as a URL, with no query or fragment', () => {
    const siteUrl = (url: string) => `site:\n  url: ${JSON.stringify(url)}\n`;
    // Feeds, sitemaps and robots.txt append paths to it: a space or a Chinese folder name must
    // be percent-encoded there, as every other part of those addresses is.
    assert.equal(
      parse(siteUrl('https://user.github.io/新闻 站/')).site.url,
      'https://user.github.io/%E6%96%B0%E9%97%BB%20%E7%AB%99',
    );
    for (const url of [
      'https://user.github.io/repo/?utm=1',
      'https://a.example/#top',
      'https://a.example/?',
    ]) {
      assert.match(problem(siteUrl(url)), /site\.url: must have no query \(\?…\) or fragment/, url);
    }
  });

  test('an address as a first config mistypes it: the message says what to write instead', () => {
    const feed = (line: string) =>
      `sources:\n  - category: A\n    sites:\n      - name: B\n        feeds:\n          - name: C\n            ${line}\n`;
    const at = 'tidings.yaml: sources[0].sites[0].feeds[0]';
    const route = 'must be an RSSHub route path starting with "/", such as /sina/finance';
    const cases: [string, string][] = [
      [
        feed('url: example.com/feed.xml'),
        `${at}.url: must be an absolute http(s) URL, got "example.com/feed.xml" (did you mean "https://example.com/feed.xml"?)`,
      ],
      [
        feed('url: 127.0.0.1:1200/sina/finance'),
        `${at}.url: must be an absolute http(s) URL, got "127.0.0.1:1200/sina/finance" (did you mean "http://127.0.0.1:1200/sina/finance"?)`,
      ],
      [
        feed('url: feed://example.com/rss'),
        `${at}.url: must be an absolute http(s) URL, got "feed://example.com/rss" (did you mean "https://example.com/rss"?)`,
      ],
      [
        feed('url: /sina/finance'),
        `${at}.url: must be an absolute http(s) URL, got "/sina/finance" (an RSSHub route? write rsshub: /sina/finance; a file here? write file: /sina/finance)`,
      ],
      [feed('url: news'), `${at}.url: must be an absolute http(s) URL, got "news"`],
      [feed('url: feed.xml'), `${at}.url: must be an absolute http(s) URL, got "feed.xml"`],
      [
        feed('rsshub: http://127.0.0.1:1200/sina/finance'),
        `${at}.rsshub: ${route}, got "http://127.0.0.1:1200/sina/finance" (the route is "/sina/finance": the instance goes in rsshub.instance; or write the whole address as url:)`,
      ],
      [
        feed('rsshub: sina/finance'),
        `${at}.rsshub: ${route}, got "sina/finance" (did you mean "/sina/finance"?)`,
      ],
      // Copied from RSSHub's docs: fetched as it is, it was a 404 at every update (exit 0).
      [
        feed('rsshub: /sina/finance/:type?'),
        `${at}.rsshub: "/sina/finance/:type?" is a route pattern from RSSHub's docs, not a route: write a value in place of :type?; one ending in "?" may be left out (e.g. /sina/finance), as in the docs' example`,
      ],
      [
        feed('rsshub: /acfun/bangumi/:id'),
        `${at}.rsshub: "/acfun/bangumi/:id" is a route pattern from RSSHub's docs, not a route: write a value in place of :id, as in the docs' example`,
      ],
      [
        'rsshub:\n  instance: 127.0.0.1:1200\n',
        'tidings.yaml: rsshub.instance: must be an absolute http(s) URL, got "127.0.0.1:1200" (did you mean "http://127.0.0.1:1200"?)',
      ],
    ];
    for (const [text, message] of cases) assert.equal(problem(text), message);
    // A colon inside a value is no parameter.
    const config = parse(feed('rsshub: /github/search/repo:a/b'));
    assert.equal(config.sources[0]!.key, 'rsshub:/github/search/repo:a/b');
  });

  test('a plain value where the tree wants a mapping: the message shows the mapping meant', () => {
    assert.equal(
      problem('rsshub: http://127.0.0.1:1200\n'),
      'tidings.yaml: rsshub: expected a mapping, got "http://127.0.0.1:1200" (write rsshub: { instance: http://127.0.0.1:1200 })',
    );
    assert.equal(
      problem('sources:\n  - 金融\n'),
      'tidings.yaml: sources[0]: expected a mapping, got "金融" (a category is { category: 金融, sites: [ … ] })',
    );
    assert.equal(
      problem(
        'sources:\n  - category: c\n    sites:\n      - name: s\n        feeds:\n          - http://127.0.0.1:1200/feed.xml\n          - /sina/finance\n',
      ),
      'tidings.yaml: sources[0].sites[0].feeds[0]: expected a mapping, got "http://127.0.0.1:1200/feed.xml" (a feed is { name: …, url: http://127.0.0.1:1200/feed.xml }); ' +
        'sources[0].sites[0].feeds[1]: expected a mapping, got "/sina/finance" (a feed is { name: …, rsshub: /sina/finance })',
    );
    assert.equal(problem('fetch: fast\n'), 'tidings.yaml: fetch: expected a mapping, got "fast"');
  });

  test("another tool's key for a setting is answered with this config's key", () => {
    const feed = (line: string) =>
      `sources:\n  - category: A\n    sites:\n      - name: B\n        feeds:\n          - name: C\n            ${line}\n`;
    const at = 'sources[0].sites[0].feeds[0]';
    for (const [line, meant] of [
      ['link: https://a.example/feed.xml', 'url'],
      ['xmlUrl: https://a.example/feed.xml', 'url'],
      ['route: /sina/finance', 'rsshub'],
      ['path: feeds/a.xml', 'file'],
    ]) {
      const key = line!.split(':')[0];
      assert.equal(
        problem(feed(line!)),
        `tidings.yaml: ${at}: unknown key "${key}" (did you mean "${meant}"?); ${at}: a feed needs exactly one of url, file or rsshub`,
      );
    }
    assert.equal(
      problem('sources:\n  - name: 金融\n    sites: []\n'),
      'tidings.yaml: sources[0].category: missing, expected string; sources[0].sites: must list at least one site; sources[0]: unknown key "name" (did you mean "category"?)',
    );
    assert.equal(
      problem('site:\n  name: My news\n'),
      'tidings.yaml: site: unknown key "name" (did you mean "title"?)',
    );
    // Where the key is spelt nearly right, the spelling still decides: feed → feeds on a site.
    assert.match(
      problem('sources:\n  - category: A\n    sites:\n      - name: B\n        feed: []\n'),
      /sources\[0\]\.sites\[0\]: unknown key "feed" \(did you mean "feeds"\?\)/,
    );
  });

  test('a key indented too little says where it belongs', () => {
    assert.equal(
      problem('rsshub:\ninstance: http://127.0.0.1:1200\n'),
      'tidings.yaml: rsshub: expected a mapping, got nothing (no value after the key); unknown key "instance" (indented too little? it belongs under rsshub:)',
    );
    // A feed's url: lined up with the "- " of its entry rather than with its name:.
    assert.equal(
      problem(
        'sources:\n- category: c\n  sites:\n  - name: s\n    feeds:\n    - name: f\n    url: http://a.example/f\n',
      ),
      'tidings.yaml: sources[0].sites[0].feeds[0]: a feed needs exactly one of url, file or rsshub; sources[0].sites[0]: unknown key "url" (indented too little? it belongs in each entry of feeds:)',
    );
    assert.equal(
      problem('maxAgeDays: 3\n'),
      'tidings.yaml: unknown key "maxAgeDays" (indented too little? it belongs under site: or under retention:)',
    );
    assert.equal(problem('colour: red\n'), 'tidings.yaml: unknown key "colour"');
  });

  const badConfigs: [string, string, RegExp][] = [
    ['YAML syntax', 'site: [unclosed\n', /^tidings\.yaml: line \d+, column \d+: invalid YAML/],
    ['not a mapping', '- a\n- b\n', /tidings\.yaml: expected a mapping/],
    [
      'perPage of the wrong type',
      'site:\n  perPage: lots\n',
      /tidings\.yaml: site\.perPage: expected number, got "lots"/,
    ],
    ['perPage zero', 'site:\n  perPage: 0\n', /site\.perPage: .*>=1/],
    [
      'bad site url',
      'site:\n  url: news.example.com\n',
      /site\.url: must be an absolute http\(s\) URL/,
    ],
    [
      'unknown time zone',
      'site:\n  timezone: Mars/Olympus\n',
      /site\.timezone: must be an IANA time zone/,
    ],
    ['misspelt key', 'site:\n  titel: x\n', /site: unknown key "titel"/],
    [
      'a site that is not a mapping',
      'site: news\n',
      /^tidings\.yaml: site: expected a mapping, got "news"$/,
    ],
    [
      'several problems: up to three are named at once, the rest counted',
      'site:\n  perPage: "100"\n  url: localhost\n  title: 1\n  language: 2\n  timezone: 3\n',
      /^tidings\.yaml: site\.[a-zA-Z]+: [^;]+; site\.[a-zA-Z]+: [^;]+; site\.[a-zA-Z]+: [^;]+ \(and 2 more problems\)$/,
    ],
    [
      'misspelt key: the key meant is suggested',
      'site:\n  titel: x\n',
      /^tidings\.yaml: site: unknown key "titel" \(did you mean "title"\?\)$/,
    ],
    [
      'misspelt top-level key',
      'sourcse: []\n',
      /^tidings\.yaml: unknown key "sourcse" \(did you mean "sources"\?\)$/,
    ],
    [
      'misspelt feed key, in another case',
      'sources:\n  - category: A\n    sites:\n      - name: B\n        feeds:\n          - name: C\n            file: f.xml\n            timeZone: UTC\n',
      /sources\[0\]\.sites\[0\]\.feeds\[0\]: unknown key "timeZone" \(did you mean "timezone"\?\)$/,
    ],
    [
      'an unknown key like none allowed there',
      'fetch:\n  colour: red\n',
      /^tidings\.yaml: fetch: unknown key "colour"$/,
    ],
    [
      'feed with two locations',
      'sources:\n  - category: A\n    sites:\n      - name: B\n        feeds:\n          - name: C\n            url: https://a.example/f\n            file: f.xml\n',
      /sources\[0\]\.sites\[0\]\.feeds\[0\]: a feed needs exactly one of url, file or rsshub/,
    ],
    [
      'feed without a name',
      'sources:\n  - category: A\n    sites:\n      - name: B\n        feeds:\n          - file: f.xml\n',
      /sources\[0\]\.sites\[0\]\.feeds\[0\]\.name: missing, expected string/,
    ],
    [
      'rsshub route without a slash',
      'sources:\n  - category: A\n    sites:\n      - name: B\n        feeds:\n          - name: C\n            rsshub: sina/finance\n',
      /feeds\[0\]\.rsshub: must be an RSSHub route path/,
    ],
    [
      'the same feed twice',
      'sources:\n  - category: A\n    sites:\n      - name: B\n        feeds:\n          - { name: C, file: f.xml }\n          - { name: D, file: f.xml }\n',
      /feeds\[1\]: the same feed \(f\.xml\) is already listed at sources\[0\]\.sites\[0\]\.feeds\[0\] \(A › B › C\)$/,
    ],
    [
      // Scheme and host are case-insensitive, a default port is no port: one feed.
      'the same feed URL twice, written differently',
      'sources:\n  - category: A\n    sites:\n      - name: B\n        feeds:\n          - { name: C, url: "HTTP://Example.COM/feed?a=1" }\n          - { name: D, url: "http://example.com:80/feed?a=1" }\n',
      /feeds\[1\]: the same feed \(http:\/\/example\.com:80\/feed\?a=1\) is already listed at sources\[0\]\.sites\[0\]\.feeds\[0\] \(A › B › C, as HTTP:\/\/Example\.COM\/feed\?a=1\)$/,
    ],
    [
      'the same feed twice, the first named with an escape character',
      'sources:\n  - category: A\n    sites:\n      - name: B\n        feeds:\n          - { name: "C\\e[31m", file: f.xml }\n          - { name: D, file: f.xml }\n',
      /already listed at sources\[0\]\.sites\[0\]\.feeds\[0\] \(A › B › C\\u001b\[31m\)$/,
    ],
    ['sources not a list', 'sources: true\n', /sources: expected a list, got boolean true/],
    [
      'sources with only a comment under it',
      'sources:\n  # add feeds here\n',
      /^tidings\.yaml: sources: expected a list, got nothing \(no value after the key\)$/,
    ],
    [
      // A full build replaces the output folder (the store went with it) and every build is
      // published (the store with it).
      'a store inside the output folder',
      'store: public/news.db\nsite:\n  output: public\n',
      /^tidings\.yaml: store: public\/news\.db is inside site\.output \(public\), which each build may replace and which is published: the store would be deleted, and published; keep it outside that folder$/,
    ],
    [
      'a static folder inside the output folder',
      'site:\n  output: public\n  static: public/static\n',
      /^tidings\.yaml: site\.static: public\/static is inside site\.output \(public\), which each build may replace: your files there would be deleted; keep them outside that folder$/,
    ],
    [
      'the output folder the config folder, which holds the store',
      'site:\n  output: .\n',
      /^tidings\.yaml: store: tidings\.db is inside site\.output \(\.\)/,
    ],
  ];
  for (const [name, text, expected] of badConfigs) {
    test(`rejects ${name} with a message naming file and key`, () => {
      const message = problem(text);
      assert.match(message, expected);
      assert.ok(message.startsWith('tidings.yaml: '), message);
      assert.ok(!message.includes('\n'), 'one line');
    });
  }

  test('a missing file names the file', () => {
    const missing = path.join(os.tmpdir(), 'tidings-no-such-dir', 'tidings.yaml');
    assert.throws(
      () => loadConfig(missing),
      (error: Error) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /tidings-no-such-dir\/tidings\.yaml: config file not found/);
        return true;
      },
    );
  });

  test('loads from disk relative to the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-config-'));
    try {
      fs.writeFileSync(path.join(dir, 'news.yaml'), ISSUE_EXAMPLE);
      const config = loadConfig(path.join(dir, 'news.yaml'));
      assert.equal(config.path, path.join(dir, 'news.yaml'));
      assert.deepEqual(config.sources[2]!.location, {
        kind: 'file',
        path: path.join(dir, 'feeds/local.xml'),
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('category, site and feed names with control characters are refused, shown escaped', () => {
  // `update` and `feeds` print the names: an ESC from an imported OPML file or an RSSHub
  // instance's route list recoloured, retitled or cleared the terminal.
  const config = (category: string, site: string, feed: string): string =>
    `sources:\n  - category: "${category}"\n    sites:\n      - name: "${site}"\n        feeds:\n          - { name: "${feed}", file: a.xml }\n`;
  assert.equal(
    problem(config('C\\e[31mRED', 'S', 'F')),
    'tidings.yaml: sources[0].category: must not contain control characters (U+0000–U+001F, U+007F–U+009F), got "C\\u001b[31mRED"',
  );
  assert.match(
    problem(config('C', 'S\\x07', 'F')),
    /sources\[0\]\.sites\[0\]\.name: must not contain/,
  );
  assert.match(problem(config('C', 'S', 'a\\tb')), /\.feeds\[0\]\.name: must not contain/);
  assert.match(problem(config('C', 'S', 'F\\u0085')), /\.feeds\[0\]\.name: must not contain/);
  const names = parseTestConfig(config('金融 😀', '新浪 ‮x', 'F /?#%')).sources[0]!;
  assert.equal(names.category, '金融 😀');
});

test('names YAML reads as numbers or booleans are taken as written; lists and mappings are refused', () => {
  const config = (category: string, site: string, feeds: string[]): string =>
    `sources:\n  - category: ${category}\n    sites:\n      - name: ${site}\n        feeds:\n` +
    feeds.map((name, i) => `          - { name: ${name}, file: f${i}.xml }\n`).join('');
  const tree = parseTestConfig(config('2024', '007', ['404', '1.50', 'true', '0x1F', '1e3']));
  assert.deepEqual(
    tree.sources.map((feed) => [feed.category, feed.site, feed.name]),
    [
      ['2024', '007', '404'],
      ['2024', '007', '1.50'],
      ['2024', '007', 'true'],
      ['2024', '007', '0x1F'],
      ['2024', '007', '1e3'],
    ],
  );
  // Through an alias, and in a config written as JSON.
  const aliased = parseTestConfig(config('&n 007', '*n', ['*n'])).sources[0]!;
  assert.deepEqual([aliased.category, aliased.site, aliased.name], ['007', '007', '007']);
  const json = parseTestConfig(
    '{"sources": [{"category": 2024, "sites": [{"name": 1.50, "feeds": [{"name": 404, "file": "f.xml"}]}]}]}',
  );
  assert.deepEqual(
    [json.sources[0]!.category, json.sources[0]!.site, json.sources[0]!.name],
    ['2024', '1.50', '404'],
  );
  assert.match(
    problem(config('A', 'B', ['[a, b]'])),
    /feeds\[0\]\.name: expected string, got a list$/,
  );
  assert.match(
    problem(config('{ a: 1 }', 'B', ['C'])),
    /sources\[0\]\.category: expected string, got a mapping$/,
  );
});

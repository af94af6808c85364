import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { runTidingsSync } from '../support/run-tidings.js';

// Drives the built CLI (npm test builds it first).
describe('tidings sources', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-sources-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const docs = file(
    'finance.md',
    '# 金融\n\n## 新浪财经\n\n### 新浪财经－国內\n\n<Route author="a" example="/sina/finance"\n  path="/sina/finance/:type?" />\n\n## 知乎\n\n### 知乎热榜\n\n<Route example="/zhihu/hotlist" path="/zhihu/hotlist"/>\n',
  );

  test('import rsshub-docs --select writes only the selected routes, comments kept', () => {
    const config = file('a.yaml', '# mine\nsite: { title: Mine }\n');
    const result = runTidingsSync([
      'sources',
      'import',
      'rsshub-docs',
      docs,
      '--select',
      '/sina/finance',
      '--config',
      config,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /\+ 金融 › 新浪财经 › 新浪财经－国內 {2}\/sina\/finance/);
    const text = fs.readFileSync(config, 'utf8');
    assert.match(text, /^# mine$/m);
    assert.match(text, /rsshub: \/sina\/finance/);
    assert.doesNotMatch(text, /zhihu/);
  });

  test('an old docs example with a space imports, encoded, with or without the old selection list', () => {
    const pnas = file(
      'journal.md',
      '# 科学期刊\n\n## PNAS\n\n### 最新文章（可筛选领域）\n\n<Route author="emdoe" example="/pnas/Applied Mathematics" path="/pnas/:topic?" />\n',
    );
    const list = file('config.yml', 'slect:\n##PNAS\n - /pnas/Applied Mathematics\n');
    for (const extra of [[], ['--select-from', list]]) {
      const config = file('pnas.yaml', 'site: { title: Mine }\n');
      const result = runTidingsSync([
        'sources',
        'import',
        'rsshub-docs',
        pnas,
        ...extra,
        '--config',
        config,
      ]);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /Added 1 feed\(s\)/);
      assert.match(fs.readFileSync(config, 'utf8'), /rsshub: \/pnas\/Applied%20Mathematics/);
    }
  });

  test('import old-config takes the old config.yml and user_config.yml together', () => {
    const selection = file(
      'old-config.yml',
      'slect:\n#金融\n##新浪财经\n###新浪财经－国內\n - /sina/finance\n',
    );
    const user = file(
      'user_config.yml',
      'diy:\n  - { categories: 金融, source_parent: 新浪财经, source_child: 美股, link: /sina/finance/us }\n',
    );
    const config = file('old.yaml', 'site: { title: Mine }\n');
    const result = runTidingsSync([
      'sources',
      'import',
      'old-config',
      selection,
      user,
      '--config',
      config,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /\+ 金融 › 新浪财经 › 新浪财经－国內 {2}\/sina\/finance\n/);
    assert.match(result.stdout, /\+ 金融 › 新浪财经 › 美股 {2}\/sina\/finance\/us\n/);
    const empty = runTidingsSync(['sources', 'import', 'old-config', docs, '--config', config]);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /finance\.md: no route paths in it/);
  });

  test('a selected path no route fits: exit 1, the config untouched', () => {
    const config = file('b.yaml', 'site: { title: Mine }\n');
    const result = runTidingsSync([
      'sources',
      'import',
      'rsshub-docs',
      docs,
      '--select',
      '/nope',
      '--config',
      config,
    ]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no route in the catalog fits "\/nope"; nothing was written/);
    assert.equal(fs.readFileSync(config, 'utf8'), 'site: { title: Mine }\n');
  });

  test('rsshub-routes --category keeps one RSSHub category', () => {
    const routes = file(
      'routes.json',
      JSON.stringify({
        sina: {
          name: '新浪财经',
          routes: {
            '/finance': {
              path: '/finance',
              name: '国内',
              categories: ['finance'],
              example: '/sina/finance',
            },
          },
        },
        zhihu: {
          name: '知乎',
          routes: {
            '/hotlist': {
              path: '/hotlist',
              name: '知乎热榜',
              categories: ['social-media', 'popular'],
              example: '/zhihu/hotlist',
            },
          },
        },
      }),
    );
    const config = path.join(dir, 'cat.yaml');
    const result = runTidingsSync([
      'sources',
      'import',
      'rsshub-routes',
      routes,
      '--category',
      'social-media',
      '--headings',
      'zh',
      '--config',
      config,
    ]);
    assert.equal(result.code, 0, result.stderr);
    const text = fs.readFileSync(config, 'utf8');
    assert.match(text, /category: 社交媒体/);
    assert.doesNotMatch(text, /sina/);
    const none = runTidingsSync([
      'sources',
      'import',
      'rsshub-routes',
      routes,
      '--category',
      'blog',
      '--config',
      config,
    ]);
    assert.equal(none.code, 1);
    assert.match(
      none.stderr,
      /no route in the category "blog" \(categories: finance, popular, social-media\)/,
    );
  });

  test('--dry-run writes nothing', () => {
    const config = path.join(dir, 'never.yaml');
    const result = runTidingsSync([
      'sources',
      'import',
      'rsshub-docs',
      docs,
      '--dry-run',
      '--config',
      config,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Would add 2 feed\(s\)/);
    assert.ok(!fs.existsSync(config));
  });

  test('bad inputs get one clear line naming them', () => {
    const config = path.join(dir, 'c.yaml');
    const cases: [string[], RegExp][] = [
      [['rsshub-docs', path.join(dir, 'missing')], /missing: no such file or folder/],
      [
        ['rsshub-docs', file('empty.md', '# nothing here\n')],
        /empty\.md: no <Route …> blocks found/,
      ],
      [['rsshub-routes', file('bad.json', '{ nope')], /bad\.json: not valid JSON/],
      [
        ['rsshub-routes', file('docs.md', '# 金融\n\n## 新浪财经\n')],
        /docs\.md: not valid JSON \(.*\); RSSHub's docs markdown is read by rsshub-docs\n$/,
      ],
      [
        ['rsshub-routes', 'http://127.0.0.1:9'],
        /127\.0\.0\.1:9\/api\/namespace: cannot reach the RSSHub instance/,
      ],
      [['opml', file('bad.opml', '<html/>')], /bad\.opml: not an OPML document/],
      [['rsshub-routes', 'http://'], /http:\/\/: not a valid URL/],
      // The instance without its scheme was read as a file.
      [
        ['rsshub-routes', '127.0.0.1:9'],
        /^tidings: 127\.0\.0\.1:9: no such file \(the instance http:\/\/127\.0\.0\.1:9\?\)\n$/,
      ],
      [['rsshub-routes', 'routes.json'], /^tidings: routes\.json: cannot read \(no such file\)\n$/],
    ];
    for (const [args, message] of cases) {
      const result = runTidingsSync(['sources', 'import', ...args, '--config', config]);
      assert.equal(result.code, 1, args.join(' '));
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      assert.doesNotMatch(result.stderr, /internal error|\n {4}at /);
    }
  });

  test('an OPML file in GBK or UTF-16 (as its declaration or mark says) keeps its Chinese names', () => {
    const opml = (encoding: string, category: Buffer, site: Buffer): Buffer =>
      Buffer.concat([
        Buffer.from(`<?xml version="1.0" encoding="${encoding}"?>\n<opml><body><outline text="`),
        category,
        Buffer.from('"><outline text="'),
        site,
        Buffer.from('" xmlUrl="http://127.0.0.1:9/feed.xml"/></outline></body></opml>\n'),
      ]);
    // 科技 and 新浪财经 in GBK.
    const gbk = opml('GBK', Buffer.from('bfc6bcbc', 'hex'), Buffer.from('d0c2c0cbb2c6bead', 'hex'));
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        opml('UTF-16', Buffer.from('科技'), Buffer.from('新浪财经')).toString(),
        'utf16le',
      ),
    ]);
    for (const [name, bytes] of [
      ['gbk.opml', gbk],
      ['utf16.opml', utf16],
    ] as const) {
      fs.writeFileSync(path.join(dir, name), bytes);
      const config = path.join(dir, `${name}.yaml`);
      const result = runTidingsSync([
        'sources',
        'import',
        'opml',
        path.join(dir, name),
        '--config',
        config,
      ]);
      assert.equal(result.code, 0, `${name}: ${result.stderr}`);
      assert.match(
        result.stdout,
        /\+ 科技 › 新浪财经 › 新浪财经 {2}http:\/\/127\.0\.0\.1:9\/feed\.xml/,
        name,
      );
    }
  });

  test('import opml into a config whose rsshub.instance is not text: the config problem, not an internal error', () => {
    const config = file('numeric.yaml', 'rsshub:\n  instance: 1200\n');
    const opml = file(
      'one.opml',
      '<opml><body><outline text="f" xmlUrl="http://127.0.0.1:9/f.xml"/></body></opml>',
    );
    const result = runTidingsSync(['sources', 'import', 'opml', opml, '--config', config]);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^tidings: .*numeric\.yaml: rsshub\.instance: expected string, got number 1200\n$/,
    );
    assert.equal(fs.readFileSync(config, 'utf8'), 'rsshub:\n  instance: 1200\n');
  });

  test('an import writes the config through its symbolic link and keeps its permissions', () => {
    // A config holding an access key, kept private, linked from a dotfiles folder.
    const real = file('private.yaml', 'rsshub: { key: hunter2 }\n');
    fs.chmodSync(real, 0o600);
    const link = path.join(dir, 'linked.yaml');
    fs.symlinkSync(real, link);
    const opml = file(
      'linked.opml',
      '<opml><body><outline text="f" xmlUrl="http://127.0.0.1:9/f.xml"/></body></opml>',
    );
    const result = runTidingsSync(['sources', 'import', 'opml', opml, '--config', link]);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is still a link');
    assert.match(fs.readFileSync(real, 'utf8'), /127\.0\.0\.1:9\/f\.xml/);
    assert.equal(fs.statSync(real).mode & 0o777, 0o600);
  });

  test('export opml, then import it into a new config: the same sources', () => {
    const original = file(
      'orig.yaml',
      [
        'rsshub: { instance: "http://127.0.0.1:1200", key: secret }',
        'sources:',
        '  - category: 金融',
        '    sites:',
        '      - name: 新浪财经',
        '        feeds:',
        '          - { name: 新浪财经－国內, rsshub: /sina/finance }',
        '  - category: Tech & "more"',
        '    sites:',
        '      - name: Ars',
        '        feeds:',
        '          - { name: Ars <main>, url: "https://feeds.arstechnica.com/arstechnica/index" }',
        '          - { name: Local, file: feeds/local.xml }',
        '',
      ].join('\n'),
    );
    const opml = path.join(dir, 'out.opml');
    const exported = runTidingsSync([
      'sources',
      'export',
      'opml',
      '--out',
      opml,
      '--config',
      original,
    ]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.doesNotMatch(
      fs.readFileSync(opml, 'utf8'),
      /secret/,
      'the access key is never exported',
    );

    const copy = path.join(dir, 'copy.yaml');
    const imported = runTidingsSync(['sources', 'import', 'opml', opml, '--config', copy]);
    assert.equal(imported.code, 0, imported.stderr);
    const list = (config: string): string =>
      runTidingsSync(['sources', 'export', 'opml', '--config', config]).stdout.replace(
        /xmlUrl="[^"]*"/g,
        '',
      );
    assert.equal(list(copy), list(original));
    assert.match(fs.readFileSync(copy, 'utf8'), /rsshub: \/sina\/finance/);
  });

  test('export opml writes addresses as the config does: imported back, nothing is added twice', () => {
    const config = file(
      'written.yaml',
      [
        'sources:',
        '  - category: Private',
        '    sites:',
        '      - name: Example',
        '        feeds:',
        '          - { name: Members, url: "https://me:${FEED_PASSWORD}@example.com/feed.xml?token=${FEED_TOKEN}" }',
        '          - { name: 中文, url: "https://example.com/新闻?q=a b" }',
        '          - { name: Keyed, url: "https://example.com/k.xml?key=${RSSHUB_KEY}" }',
        '          - { name: Secret, url: "https://example.com/s.xml?key=hunter2&x=1" }',
        '',
      ].join('\n'),
    );
    const opml = path.join(dir, 'written.opml');
    const exported = runTidingsSync([
      'sources',
      'export',
      'opml',
      '--out',
      opml,
      '--config',
      config,
    ]);
    assert.equal(exported.code, 0, exported.stderr);
    const text = fs.readFileSync(opml, 'utf8');
    assert.match(
      text,
      /xmlUrl="https:\/\/me:\$\{FEED_PASSWORD\}@example\.com\/feed\.xml\?token=\$\{FEED_TOKEN\}"/,
    );
    assert.doesNotMatch(text, /hunter2/, 'an access key written in an address is not exported');
    const before = fs.readFileSync(config, 'utf8');
    const again = runTidingsSync(['sources', 'import', 'opml', opml, '--config', config]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Added 0 feed\(s\) .*\(4 already there\)/);
    assert.equal(fs.readFileSync(config, 'utf8'), before);
  });
});

describe('tidings export hexo (usage)', () => {
  test('--out is required: usage error', () => {
    const result = runTidingsSync(['export', 'hexo']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--out <dir>/);
  });
  test('--help says where posts go and what the exit codes are', () => {
    const result = runTidingsSync(['export', 'hexo', '--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /source\/_posts/);
    assert.match(result.stdout, /Exit codes/);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { YAMLMap } from 'yaml';
import { parseConfig } from '../../src/config/load-config.js';
import { mergeIntoConfig } from '../../src/sources/merge-into-config.js';
import type { ImportedFeed } from '../../src/sources/imported-feed.js';

const USER_CONFIG = `# My site — comments must survive
site:
  title: My news   # the title
  timezone: Asia/Shanghai

rsshub:
  instance: http://127.0.0.1:1200

sources:
  # finance first
  - category: 金融
    sites:
      - name: 新浪财经
        feeds:
          - name: 新浪财经－国內
            rsshub: /sina/finance   # keep me
`;

const feed = (category: string, site: string, name: string, rsshub: string): ImportedFeed => ({
  category,
  site,
  name,
  location: { rsshub },
});

describe('merging imported feeds into the config', () => {
  test('adds to existing categories and sites, creates new ones, keeps every comment', () => {
    const result = mergeIntoConfig(
      USER_CONFIG,
      [
        feed('金融', '新浪财经', '新浪财经－国內', '/sina/finance'),
        feed('金融', '新浪财经', '美股', '/sina/finance/us'),
        feed('金融', 'DT 财经', '数据侠专栏', '/dtcj/datahero'),
        feed('社交媒体', '知乎', '知乎热榜', '/zhihu/hotlist'),
      ],
      'tidings.yaml',
    );
    assert.deepEqual(
      result.added.map((f) => f.name),
      ['美股', '数据侠专栏', '知乎热榜'],
    );
    assert.deepEqual(
      result.present.map((f) => f.name),
      ['新浪财经－国內'],
    );
    for (const comment of [
      '# My site — comments must survive',
      '# the title',
      '# finance first',
      '# keep me',
    ]) {
      assert.ok(result.text.includes(comment), comment);
    }
    const config = parseConfig(result.text, '/x/tidings.yaml');
    assert.equal(config.site.title, 'My news');
    assert.deepEqual(
      config.sources.map((s) => [s.category, s.site, s.name, s.key]),
      [
        ['金融', '新浪财经', '新浪财经－国內', 'rsshub:/sina/finance'],
        ['金融', '新浪财经', '美股', 'rsshub:/sina/finance/us'],
        ['金融', 'DT 财经', '数据侠专栏', 'rsshub:/dtcj/datahero'],
        ['社交媒体', '知乎', '知乎热榜', 'rsshub:/zhihu/hotlist'],
      ],
    );
    assert.equal(result.instanceSet, null, 'the user’s instance is kept');
  });

  test('names on several lines or with control characters are put on one line, not refused', () => {
    // From an RSSHub instance's route list or an OPML file: the config refuses control
    // characters, and one such name failed the whole import.
    const result = mergeIntoConfig(
      USER_CONFIG,
      [
        feed(' 金融\n', '新浪财经\t', '美股\n行情\u001b[31m', '/sina/finance/us'),
        feed('社交\r\n媒体', '知乎', '热榜', '/zhihu/hotlist'),
      ],
      'tidings.yaml',
    );
    const config = parseConfig(result.text, '/x/tidings.yaml');
    assert.deepEqual(
      config.sources.map((source) => [source.category, source.site, source.name]),
      [
        ['金融', '新浪财经', '新浪财经－国內'],
        ['金融', '新浪财经', '美股 行情[31m'],
        ['社交 媒体', '知乎', '热榜'],
      ],
    );
    assert.deepEqual(
      result.added.map((added) => added.name),
      ['美股 行情[31m', '热榜'],
    );
  });

  test('a config written on Windows keeps its line breaks and byte order mark', () => {
    const windows = '\uFEFF' + USER_CONFIG.replaceAll('\n', '\r\n');
    const result = mergeIntoConfig(windows, [feed('A', 'B', 'C', '/c')], 'tidings.yaml');
    assert.ok(result.text.startsWith('\uFEFF# My site'));
    assert.doesNotMatch(result.text, /[^\r]\n/);
    assert.match(result.text, /rsshub: \/c \}\r\n$/);
    assert.equal(
      result.text.replaceAll('\r\n', '\n').replace(/^\uFEFF/, ''),
      mergeIntoConfig(USER_CONFIG, [feed('A', 'B', 'C', '/c')], 'tidings.yaml').text,
    );
  });

  test('many feeds in one folder: each category and site is found without a scan of the list', () => {
    // An OPML file of 20,000 feeds in one folder (each feed its own site) took 13 s, 9 of them
    // scanning the sites once per feed. Counted here in look-ups rather than timed.
    const feeds = Array.from({ length: 2000 }, (_, i) =>
      feed('All', `site ${i}`, `feed ${i}`, `/f/${i}`),
    );
    const get = YAMLMap.prototype.get;
    let lookups = 0;
    YAMLMap.prototype.get = function (this: YAMLMap, ...args: Parameters<typeof get>) {
      lookups++;
      return get.apply(this, args);
    } as typeof get;
    try {
      const result = mergeIntoConfig('sources: []\n', feeds, 'tidings.yaml');
      assert.equal(result.added.length, 2000);
    } finally {
      YAMLMap.prototype.get = get;
    }
    assert.ok(lookups < 20 * feeds.length, `${lookups} look-ups for ${feeds.length} feeds`);
  });

  test('importing the same feeds twice changes nothing', () => {
    const feeds = [feed('金融', '新浪财经', '美股', '/sina/finance/us')];
    const once = mergeIntoConfig(USER_CONFIG, feeds, 'tidings.yaml');
    const twice = mergeIntoConfig(once.text, feeds, 'tidings.yaml');
    assert.equal(twice.text, once.text);
    assert.equal(twice.added.length, 0);
  });

  test('a feed the config has under another spelling of its address is not added again', () => {
    const config =
      USER_CONFIG +
      '      - name: 知乎\n        feeds:\n' +
      '          - { name: 热榜, url: "http://127.0.0.1:1200/zhihu/hotlist?key=${RSSHUB_KEY}" }\n' +
      '          - { name: 本地, file: feeds/a.xml }\n';
    const result = mergeIntoConfig(
      config,
      [
        feed('社交媒体', '知乎', '知乎热榜', '/zhihu/hotlist'),
        { category: 'Local', site: 'L', name: 'A', location: { file: './feeds/a.xml' } },
        {
          category: 'Web',
          site: 'W',
          name: 'F',
          location: { url: 'http://127.0.0.1:1200/sina/finance' },
        },
        feed('社交媒体', '知乎', '知乎日报', '/zhihu/daily'),
        {
          category: 'Web',
          site: 'W',
          name: 'Daily',
          location: { url: 'http://127.0.0.1:1200/zhihu/daily' },
        },
      ],
      '/x/tidings.yaml',
    );
    assert.deepEqual(
      result.added.map((added) => added.name),
      ['知乎日报'],
    );
    assert.equal(result.present.length, 4);
  });

  test('no config yet: a new one, with the instance the routes came from', () => {
    const result = mergeIntoConfig(null, [feed('A', 'B', 'C', '/c')], 'tidings.yaml', {
      rsshubInstance: 'http://127.0.0.1:1200',
    });
    const config = parseConfig(result.text, '/x/tidings.yaml');
    assert.equal(config.sources[0]!.location.kind, 'url');
    assert.equal((config.sources[0]!.location as { url: string }).url, 'http://127.0.0.1:1200/c');
    assert.equal(result.instanceSet, 'http://127.0.0.1:1200');
  });

  test('an empty flow list of sources becomes a block list', () => {
    const result = mergeIntoConfig('sources: []\n', [feed('A', 'B', 'C', '/c')], 'tidings.yaml');
    assert.match(result.text, /^sources:\n {2}- category: A\n/m);
  });

  test('a config that is already invalid is refused, not rewritten', () => {
    assert.throws(
      () => mergeIntoConfig('site: [unclosed\n', [feed('A', 'B', 'C', '/c')], 'tidings.yaml'),
      /tidings\.yaml: .*invalid YAML/,
    );
    assert.throws(
      () => mergeIntoConfig('sitee: {}\n', [feed('A', 'B', 'C', '/c')], 'tidings.yaml'),
      /tidings\.yaml: unknown key "sitee"/,
    );
  });
});

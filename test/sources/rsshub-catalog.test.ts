import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { selectRoutes } from '../../src/sources/catalog-route.js';
import { matchRoutePattern } from '../../src/sources/route-pattern.js';
import { parseRsshubDocs } from '../../src/sources/rsshub-docs.js';
import { parseRsshubRoutes } from '../../src/sources/rsshub-routes.js';
import { parseOldUserConfig } from '../../src/sources/old-user-config.js';
import { parseSelectionList, parseSelectionTree } from '../../src/sources/selection-list.js';

// A small docs file in the old RSSHub docs form, with the quirks real ones have.
const OLD_DOCS = `---
pageClass: routes
---

# 金融

## 新浪财经

### 新浪财经－国內

<Route author="yubinbai" example="/sina/finance" path="/sina/finance/:type?" :paramsDesc="['类型, 见下表 > 默认国内']"/>

\`\`\`
### not a heading, inside code
<Route example="/in/code" path="/in/code"/>
\`\`\`

## 东方财富

### 天天基金用户动态

<Route author="HenryQW"
       example="/eastmoney/ttjj/user/6551094298949188"
       path="/eastmoney/ttjj/user/:uid"
       :paramsDesc="['用户id, 可以通过天天基金App分享用户主页到浏览器获取']">

| a | b |
| - | - |

</Route>

#### 一个四级标题

<!-- <Route example="/commented/out" path="/commented/out"/> -->

## 知乎 {#zhi-hu}

### 知乎热榜

<Route author="DIYgod" example="/zhihu/hotlist" path="/zhihu/hotlist" radar="1" rssbud="1"/>
`;

// The newer docs form: <Route namespace=… :data='{json}'/>, headings with <Site/> tags.
const NEW_DOCS = `# 🌟 Popular

## AcFun <Site url="www.acfun.cn"/>

### 番剧 <Site url="www.acfun.cn" size="sm" />

<Route namespace="acfun" :data='{"path":"/bangumi/:id","categories":["anime","popular"],"example":"/acfun/bangumi/5022158","name":"番剧"}' :test='{"code":0}' />
`;

describe('RSSHub docs markdown', () => {
  test('headings give category, site and route; Route blocks give paths, also over several lines', () => {
    const routes = parseRsshubDocs(OLD_DOCS, 'finance');
    assert.deepEqual(
      routes.map((r) => [r.category, r.site, r.name, r.paths, r.example]),
      [
        ['金融', '新浪财经', '新浪财经－国內', ['/sina/finance/:type?'], '/sina/finance'],
        [
          '金融',
          '东方财富',
          '天天基金用户动态',
          ['/eastmoney/ttjj/user/:uid'],
          '/eastmoney/ttjj/user/6551094298949188',
        ],
        ['金融', '知乎', '知乎热榜', ['/zhihu/hotlist'], '/zhihu/hotlist'],
      ],
    );
  });
  test('the newer :data form, namespace-relative paths made absolute', () => {
    const [route] = parseRsshubDocs(NEW_DOCS, 'popular');
    assert.deepEqual(route, {
      category: '🌟 Popular',
      site: 'AcFun',
      name: '番剧',
      paths: ['/acfun/bangumi/:id'],
      example: '/acfun/bangumi/5022158',
      categories: ['anime', 'popular'],
    });
  });
});

describe('RSSHub route metadata (routes.json, /api/namespace)', () => {
  const json = {
    sina: {
      name: '新浪财经',
      routes: {
        '/finance/:type?': {
          path: '/finance/:type?',
          name: '新浪财经－国內',
          categories: ['popular', 'finance'],
          example: '/sina/finance',
        },
      },
    },
    '4gamers': {
      name: '4Gamers',
      routes: {
        '/category/:category': {
          path: ['/', '/category/:category'],
          name: 'Category',
          categories: ['game'],
        },
      },
    },
  };
  test('namespace → site, route name → feed, first category besides popular → category', () => {
    const routes = parseRsshubRoutes(json, 'zh', 'routes.json');
    assert.deepEqual(
      routes.map((r) => [r.category, r.site, r.name, r.paths, r.example]),
      [
        ['金融', '新浪财经', '新浪财经－国內', ['/sina/finance/:type?'], '/sina/finance'],
        ['游戏', '4Gamers', 'Category', ['/4gamers/', '/4gamers/category/:category'], null],
      ],
    );
    assert.equal(parseRsshubRoutes(json, 'en', 'routes.json')[0]!.category, 'Finance');
  });
  test('anything else is refused with the input named', () => {
    assert.throws(() => parseRsshubRoutes([], 'en', 'x.json'), /x\.json: expected a JSON object/);
    assert.throws(() => parseRsshubRoutes({ a: 1 }, 'en', 'x.json'), /x\.json: no routes found/);
  });
});

describe('selection', () => {
  const catalog = parseRsshubDocs(OLD_DOCS, 'finance');
  test('a selected path matches its route by example or pattern, and keeps its own parameters', () => {
    const result = selectRoutes(catalog, [
      '/sina/finance',
      '/sina/finance/stock',
      '/eastmoney/ttjj/user/42',
      '/zhihu/hotlist?limit=5',
    ]);
    assert.deepEqual(result.unmatched, []);
    assert.deepEqual(
      result.feeds.map((f) => [f.site, f.name, f.location]),
      [
        ['新浪财经', '新浪财经－国內', { rsshub: '/sina/finance' }],
        ['新浪财经', '新浪财经－国內', { rsshub: '/sina/finance/stock' }],
        ['东方财富', '天天基金用户动态', { rsshub: '/eastmoney/ttjj/user/42' }],
        ['知乎', '知乎热榜', { rsshub: '/zhihu/hotlist?limit=5' }],
      ],
    );
  });
  test('paths no route fits are reported', () => {
    const result = selectRoutes(catalog, ['/nope', '/eastmoney/ttjj/user']);
    assert.deepEqual(result.unmatched, ['/nope', '/eastmoney/ttjj/user']);
  });
  test('without a selection, every route with an example or no required parameter', () => {
    const routes = parseRsshubRoutes(
      {
        x: {
          name: 'X',
          routes: {
            '/a/:id': { path: '/a/:id', name: 'A' },
            '/b/:t?': { path: '/b/:t?', name: 'B' },
          },
        },
      },
      'en',
      'r.json',
    );
    const result = selectRoutes(routes, null);
    assert.deepEqual(
      result.feeds.map((f) => f.location),
      [{ rsshub: '/x/b' }],
    );
    assert.deepEqual(result.needParameters, ['/x/a/:id']);
  });
  test('route patterns: required, optional, greedy parameters and wildcards', () => {
    assert.equal(matchRoutePattern('/acfun/bangumi/:id', '/acfun/bangumi/5022158'), 2);
    assert.equal(matchRoutePattern('/acfun/bangumi/:id', '/acfun/bangumi'), -1);
    assert.equal(matchRoutePattern('/sina/finance/:type?', '/sina/finance'), 2);
    assert.equal(matchRoutePattern('/rsshub/transform/:url{.+}', '/rsshub/transform/a/b/c'), 2);
    assert.equal(matchRoutePattern('/x/*', '/x/anything/at/all'), 1);
    assert.equal(matchRoutePattern('/x/:a', '/y/1'), -1);
  });
  test('a path with a space (the old docs had `/pnas/Applied Mathematics`) is sent encoded', () => {
    const docs =
      '# 科学期刊\n\n## PNAS\n\n### 最新文章\n\n<Route example="/pnas/Applied Mathematics" path="/pnas/:topic?" />\n';
    const pnas = parseRsshubDocs(docs, 'journal');
    const everything = selectRoutes(pnas, null);
    assert.deepEqual(everything.feeds[0]!.location, { rsshub: '/pnas/Applied%20Mathematics' });
    const selected = selectRoutes(pnas, ['/pnas/Applied Mathematics', '/pnas/Plant Biology']);
    assert.deepEqual(selected.unmatched, []);
    assert.deepEqual(
      selected.feeds.map((f) => f.location),
      [{ rsshub: '/pnas/Applied%20Mathematics' }, { rsshub: '/pnas/Plant%20Biology' }],
    );
  });
  test("the old config.yml's selection list keeps paths with spaces, as YAML reads them", () => {
    const text =
      ' - /pnas/Applied Mathematics\n - /pnas/Plant Biology  # note\n# - /pnas/Physics x\n';
    assert.deepEqual(parseSelectionList(text), [
      '/pnas/Applied Mathematics',
      '/pnas/Plant Biology',
    ]);
  });
  test('the old config.yml read as a tree: each path under the headings above it', () => {
    // Excerpts of the old system's config.yml (Rock-Candy-Tea/RSSHUB-PAGE), quirks included.
    const text = [
      'slect:',
      '#金融',
      '#--------------------',
      '',
      '##CFD',
      '###每周股指派息调整 (GBP)',
      ' - /cfd/div_gbp',
      '',
      '##finviz',
      '###美股股票新闻',
      '# - /finviz/news/AAPL',
      '',
      '##金十数据',
      ' - /jinshi/index',
      '',
      '##新浪财经',
      '###新浪财经－国內',
      ' - /sina/finance',
      '#游戏',
      '#--------------------',
      '##psnine',
      '###首页 - 白金攻略 / 游戏开箱',
      ' - /psnine/index',
      '#科学期刊',
      '##PNAS',
      '###最新文章（可筛选领域）',
      ' - /pnas/Applied Mathematics',
    ].join('\n');
    assert.deepEqual(
      parseSelectionTree(text).map((r) => [r.category, r.site, r.name, r.example]),
      [
        ['金融', 'CFD', '每周股指派息调整 (GBP)', '/cfd/div_gbp'],
        ['金融', '金十数据', '金十数据', '/jinshi/index'],
        ['金融', '新浪财经', '新浪财经－国內', '/sina/finance'],
        ['游戏', 'psnine', '首页 - 白金攻略 / 游戏开箱', '/psnine/index'],
        ['科学期刊', 'PNAS', '最新文章（可筛选领域）', '/pnas/Applied Mathematics'],
      ],
    );
    assert.deepEqual(
      selectRoutes(parseSelectionTree(text), null).feeds.map((f) => f.location),
      [
        '/cfd/div_gbp',
        '/jinshi/index',
        '/sina/finance',
        '/psnine/index',
        '/pnas/Applied%20Mathematics',
      ].map((rsshub) => ({ rsshub })),
    );
  });
  test('the old config.yml saved by a Windows editor (BOM, CRLF) reads the same', () => {
    const tree = parseSelectionTree(
      '\uFEFF#金融\r\n##新浪财经\r\n###新浪财经－国內\r\n - /sina/finance\r\n',
    );
    assert.deepEqual(
      tree.map((r) => [r.category, r.site, r.name, r.example]),
      [['金融', '新浪财经', '新浪财经－国內', '/sina/finance']],
    );
  });
  test("the old user_config.yml's diy: routes, each under its own headings", () => {
    const text = [
      'diy:',
      '  - categories: 金融',
      '    source_parent: 新浪财经',
      '    source_child: 新浪财经－美股',
      '    link: /sina/finance/us',
      '  - { link: /my/route, source_parent: Mine }',
    ].join('\n');
    assert.deepEqual(
      parseOldUserConfig(text, 'user_config.yml').map((r) => [
        r.category,
        r.site,
        r.name,
        r.example,
      ]),
      [
        ['金融', '新浪财经', '新浪财经－美股', '/sina/finance/us'],
        ['Imported', 'Mine', 'Mine', '/my/route'],
      ],
    );
    assert.deepEqual(parseSelectionTree(text), [], 'not read as a selection list too');
    assert.deepEqual(parseOldUserConfig('slect:\n - /sina/finance\n', 'config.yml'), []);
    assert.throws(
      () => parseOldUserConfig('diy:\n  - { link: sina/finance }\n', 'user_config.yml'),
      /user_config\.yml: diy\[0\]: link: must be an RSSHub route path starting with "\/", got "sina\/finance"/,
    );
  });
  test("the old config.yml's selection list", () => {
    const text =
      '#金融\n##新浪财经\n###新浪财经－国內\n - /sina/finance\n# - /commented/out\n  -   /zhihu/hotlist   # note\n/bare/path\n';
    assert.deepEqual(parseSelectionList(text), ['/sina/finance', '/zhihu/hotlist', '/bare/path']);
  });
});

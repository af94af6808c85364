import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli, repo, runTidings, runTidingsSync } from '../support/run-tidings.js';

// These tests drive the built CLI as a user would (npm test builds it first).
const demo = path.join(repo, 'examples/demo');
const tidings = runTidingsSync;
const tidingsAsync = runTidings;

function copyDemo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-e2e-'));
  fs.cpSync(path.join(demo, 'tidings.yaml'), path.join(dir, 'tidings.yaml'));
  fs.cpSync(path.join(demo, 'feeds'), path.join(dir, 'feeds'), { recursive: true });
  fs.cpSync(path.join(demo, 'static'), path.join(dir, 'static'), { recursive: true });
  return dir;
}

function htmlFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.html'))
    .map((name) => path.join(dir, name));
}

function titleOf(html: string): string {
  return html.match(/<title>([^<]*)<\/title>/)?.[1] ?? '';
}

describe('tidings update on the demo', () => {
  let dir = '';
  let output = '';
  let first: ReturnType<typeof tidings>;
  before(() => {
    dir = copyDemo();
    output = path.join(dir, 'public');
    first = tidings(['update', '--config', path.join(dir, 'tidings.yaml')]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('succeeds, reports every feed ok and builds the site', () => {
    assert.equal(first.code, 0, first.stderr + first.stdout);
    assert.doesNotMatch(first.stdout, /FAIL/);
    assert.match(first.stdout, /Built /);
    for (const name of ['index.html', 'atom.xml', 'style.css']) {
      assert.ok(fs.existsSync(path.join(output, name)), `${name} exists`);
    }
  });

  test('every demo item has a page with its title, and the home page links to the newest', () => {
    const feeds = fs.readdirSync(path.join(dir, 'feeds')).filter((f) => f.endsWith('.xml'));
    assert.ok(feeds.length >= 6, 'the demo has at least 6 feeds');
    const parsedTitles = feeds.flatMap((file) => {
      const result = tidings(['parse', path.join(dir, 'feeds', file)]);
      assert.equal(result.code, 0, `${file}: ${result.stderr}`);
      return (JSON.parse(result.stdout) as { items: { title: string | null }[] }).items.map(
        (i) => i.title,
      );
    });
    const pages = htmlFiles(path.join(output, 'items')).map((file) =>
      fs.readFileSync(file, 'utf8'),
    );
    assert.equal(pages.length, parsedTitles.length, 'one page per item');
    const pageTitles = pages.map(titleOf).join('\n');
    for (const title of parsedTitles) {
      if (title === null) continue; // untitled items get a title cut from their text
      const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      assert.ok(pageTitles.includes(escaped), `an item page is titled "${title}"`);
    }
  });

  test('every local link in every page points at a file that exists', () => {
    const missing: string[] = [];
    for (const file of htmlFiles(output)) {
      const html = fs.readFileSync(file, 'utf8');
      for (const [, href] of html.matchAll(/(?:href|src)="([^"#]+)(?:#[^"]*)?"/g)) {
        if (/^(?:[a-z]+:|\/\/)/i.test(href!)) continue;
        const target = decodeURI(href!.split('?')[0]!);
        let resolved = target.startsWith('/')
          ? path.join(output, target)
          : path.resolve(path.dirname(file), target);
        if (target.endsWith('/')) resolved = path.join(resolved, 'index.html');
        if (!fs.existsSync(resolved)) missing.push(`${path.relative(output, file)} → ${href}`);
      }
    }
    assert.deepEqual(missing.slice(0, 10), []);
  });

  test('every <img> carries referrerpolicy="no-referrer"', () => {
    let images = 0;
    for (const file of htmlFiles(output)) {
      for (const [tag] of fs.readFileSync(file, 'utf8').matchAll(/<img\b[^>]*>/g)) {
        images++;
        assert.match(
          tag,
          /referrerpolicy="no-referrer"/,
          `${path.relative(output, file)}: ${tag.slice(0, 80)}`,
        );
      }
    }
    assert.ok(images > 0, 'the demo shows images');
  });

  test('a second update fetches nothing that is not due; --force finds nothing new and keeps item URLs', () => {
    const before = htmlFiles(path.join(output, 'items'))
      .map((f) => path.basename(f))
      .sort();
    const notDue = tidings(['update', '--config', path.join(dir, 'tidings.yaml')]);
    assert.equal(notDue.code, 0, notDue.stderr);
    assert.match(notDue.stdout, /Done: 0 of 7 feed\(s\) fetched; 0 new, .*7 not due\./);
    const again = tidings(['update', '--force', '--config', path.join(dir, 'tidings.yaml')]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Done: 7 of 7 feed\(s\) fetched; 0 new, 0 changed, 7 unchanged/);
    // Nothing new: only the feed-health page and status.json, whose times moved on.
    assert.match(again.stdout, /Built .*: 2 file\(s\) written/);
    const rebuilt = tidings(['build', '--config', path.join(dir, 'tidings.yaml')]);
    assert.match(rebuilt.stdout, /Built .*: 0 file\(s\) written/);
    const after = htmlFiles(path.join(output, 'items'))
      .map((f) => path.basename(f))
      .sort();
    assert.deepEqual(after, before);
  });
});

describe('tidings update with failing feeds', () => {
  let dir = '';
  let server: http.Server;
  let base = '';
  before(async () => {
    dir = copyDemo();
    fs.writeFileSync(
      path.join(dir, 'feeds', 'page.html'),
      '<!doctype html><html><head><title>Hi</title></head><body>Not a feed</body></html>',
    );
    server = http.createServer((request, response) => {
      if (request.url === '/ok.xml') {
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        response.end(
          '<rss version="2.0"><channel><title>Loopback</title><item><title>From HTTP</title><guid>h1</guid></item></channel></rss>',
        );
      } else {
        response.writeHead(500).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fs.writeFileSync(
      path.join(dir, 'broken.yaml'),
      `site: { title: Broken, output: out }
store: broken.db
sources:
  - category: Mixed
    sites:
      - name: Tests
        feeds:
          - { name: Good HTTP, url: "${base}/ok.xml" }
          - { name: Server error, url: "${base}/error.xml" }
          - { name: Missing file, file: feeds/none.xml }
          - { name: HTML page, file: feeds/page.html }
`,
    );
  });
  after(() => {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('reports each failed feed with its reason, stores the others, exits 0', async () => {
    const result = await tidingsAsync(['update', '--config', path.join(dir, 'broken.yaml')]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /ok {4}Mixed › Tests › Good HTTP: 1 item\(s\), 1 new/);
    assert.match(
      result.stdout,
      new RegExp(`FAIL  Mixed › Tests › Server error: ${base}/error.xml: HTTP 500`),
    );
    assert.match(
      result.stdout,
      /FAIL {2}Mixed › Tests › Missing file: .*feeds\/none\.xml: no such file/,
    );
    assert.match(result.stdout, /FAIL {2}Mixed › Tests › HTML page: .*feeds\/page\.html: .*HTML/i);
    assert.match(result.stdout, /Done: 4 of 4 feed\(s\) fetched; 1 new, .* 3 failed\./);
    // The summary table lists every failed feed with its kind and reason.
    const table = result.stdout.slice(result.stdout.indexOf('Failed feeds:'));
    assert.match(table, /Mixed › Tests › Server error +http +http:\/\/127/);
    assert.match(table, /Mixed › Tests › Missing file +not-found +/);
    assert.match(table, /Mixed › Tests › HTML page +not-a-feed +/);
    const home = fs.readFileSync(path.join(dir, 'out', 'index.html'), 'utf8');
    assert.match(home, /From HTTP/);
  });
});

describe('tidings feeds and update --json', () => {
  test('lists every feed with its health; --json events parse', async () => {
    const dir = copyDemo();
    try {
      fs.appendFileSync(
        path.join(dir, 'tidings.yaml'),
        '  - category: Broken\n    sites:\n      - name: Nowhere\n        feeds:\n          - { name: Missing, file: feeds/missing.xml }\n',
      );
      const config = path.join(dir, 'tidings.yaml');
      const before = tidings(['feeds', '--config', config]);
      assert.equal(before.code, 0, before.stderr);
      assert.match(before.stdout, /^never fetched +财经 › 青禾财经 › 每日要闻 +0 +- +now +0$/m);
      const update = tidings(['update', '--json', '--no-build', '--config', config]);
      assert.equal(update.code, 0, update.stderr);
      const events = update.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { event: string; status?: string; failed?: number });
      assert.equal(events[0]!.event, 'start');
      assert.equal(events.filter((e) => e.event === 'feed').length, 8);
      assert.equal(events.at(-1)!.event, 'summary');
      assert.equal(events.at(-1)!.failed, 1);
      const after = tidings(['feeds', '--config', config]);
      assert.match(after.stdout, /^ok +财经 › 青禾财经 › 每日要闻 +6 +\d+ s ago +in 60 min +0$/m);
      assert.match(after.stdout, /^failing +Broken › Nowhere › Missing +0 +- +in 60 min +1$/m);
      assert.match(after.stdout, /last error: .*feeds\/missing\.xml: no such file/);
      assert.match(after.stdout, /8 feed\(s\), 1 failing or gone\./);
      const json = JSON.parse(tidings(['feeds', '--json', '--config', config]).stdout) as {
        health: string;
      }[];
      assert.deepEqual(
        json.map((row) => row.health),
        ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'failing'],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('site.maxAgeDays', () => {
  test('the site shows the last N days, the store keeps every item, a bad value is one line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-window-'));
    try {
      const ago = (days: number): string => new Date(Date.now() - days * 86_400_000).toUTCString();
      const entries = [1, 5, 50, 500].map(
        (days) =>
          `<item><title>${days} 天前的新闻</title><link>https://example.com/${days}</link><guid>${days}</guid><pubDate>${ago(days)}</pubDate><description>第 ${days} 天</description></item>`,
      );
      fs.writeFileSync(
        path.join(dir, 'news.xml'),
        `<?xml version="1.0"?><rss version="2.0"><channel><title>新闻</title><link>https://example.com/</link>${entries.join('')}</channel></rss>`,
      );
      const config = path.join(dir, 'tidings.yaml');
      const write = (maxAgeDays: string): void =>
        fs.writeFileSync(
          config,
          `site:\n  timezone: Asia/Shanghai\n  maxAgeDays: ${maxAgeDays}\nsources:\n  - category: 新闻\n    sites:\n      - name: 本地\n        feeds:\n          - { name: 要闻, file: news.xml }\n`,
        );
      const pages = (): string[] => fs.readdirSync(path.join(dir, 'public', 'items')).sort();
      const home = (): string => fs.readFileSync(path.join(dir, 'public', 'index.html'), 'utf8');

      write('10');
      const update = tidings(['update', '--config', config]);
      assert.equal(update.code, 0, update.stderr);
      assert.match(update.stdout, /4 new/);
      assert.equal(pages().length, 2);
      assert.match(home(), /5 天前的新闻/);
      assert.doesNotMatch(home(), /50 天前的新闻/);
      const feeds = tidings(['feeds', '--config', config]);
      assert.match(feeds.stdout, /^ok +新闻 › 本地 › 要闻 +4 /m, 'the store keeps all four');
      assert.match(feeds.stdout, /4 item\(s\) stored\.\n.*\nThe site shows the items of the last 10 day\(s\) \(site\.maxAgeDays\); the store keeps all\.\n$/); // prettier-ignore

      write('100');
      const wider = tidings(['build', '--config', config]);
      assert.equal(wider.code, 0, wider.stderr);
      assert.match(wider.stdout, /Built .*, \d+ unchanged.*; items of the last 100 day\(s\), from \d{4}-\d\d-\d\d \(site\.maxAgeDays\)\n$/); // prettier-ignore
      assert.equal(pages().length, 3);
      assert.match(home(), /50 天前的新闻/);
      write('0');
      const all = tidings(['build', '--config', config]);
      assert.equal(all.code, 0);
      assert.doesNotMatch(all.stdout, /maxAgeDays/, 'no window, no word of it');
      assert.equal(pages().length, 4);

      write('-3');
      const bad = tidings(['build', '--config', config]);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /^tidings: \S*tidings\.yaml: site\.maxAgeDays: .*>=0/);
      assert.equal(pages().length, 4, 'the site built before is still there');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('site.imageProxy', () => {
  test('pages load images through the proxy, feeds keep theirs, and turning it off restores the site', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-proxy-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'news.xml'),
        `<?xml version="1.0"?><rss version="2.0"><channel><title>新闻</title><link>https://example.com/</link>` +
          `<item><title>图片新闻</title><link>https://example.com/1</link><guid>1</guid><pubDate>Sat, 25 Dec 2021 00:03:46 GMT</pubDate>` +
          `<description><![CDATA[<p>正文</p><img src="http://lain.bgm.tv/pic/1.jpg"><img src="https://img.ithome.com/2.png">]]></description></item>` +
          `</channel></rss>`,
      );
      const config = path.join(dir, 'tidings.yaml');
      const write = (proxy: string): void =>
        fs.writeFileSync(
          config,
          `site:\n  timezone: Asia/Shanghai\n${proxy}sources:\n  - category: 新闻\n    sites:\n      - name: 本地\n        feeds:\n          - { name: 要闻, file: news.xml }\n`,
        );
      const read = (file: string): string =>
        fs.readFileSync(path.join(dir, 'public', file), 'utf8');
      const itemPage = (): string => {
        const [name] = fs.readdirSync(path.join(dir, 'public', 'items'));
        return read(`items/${name}`);
      };

      write('');
      assert.equal(tidings(['update', '--config', config]).code, 0);
      const plain = { item: itemPage(), home: read('index.html'), rss: read('rss.xml') };
      assert.match(plain.item, /<img src="http:\/\/lain\.bgm\.tv\/pic\/1\.jpg"/);

      write('  imageProxy:\n    url: https://img.example.org/?url={url}\n    hosts: [bgm.tv]\n');
      const proxied = tidings(['build', '--config', config]);
      assert.equal(proxied.code, 0, proxied.stderr);
      assert.match(itemPage(), /<img src="https:\/\/img\.example\.org\/\?url=http%3A%2F%2Flain\.bgm\.tv%2Fpic%2F1\.jpg"/); // prettier-ignore
      assert.match(
        itemPage(),
        /<img src="https:\/\/img\.ithome\.com\/2\.png"/,
        'other hosts as they are',
      );
      assert.match(read('index.html'), /src="https:\/\/img\.example\.org\//, 'the card too');
      assert.equal(read('rss.xml'), plain.rss, "the feeds out keep the images' own URLs");

      write('');
      assert.equal(tidings(['build', '--config', config]).code, 0);
      assert.equal(itemPage(), plain.item);
      assert.equal(read('index.html'), plain.home);

      write('  imageProxy:\n    url: https://img.example.org/\n');
      const bad = tidings(['build', '--config', config]);
      assert.equal(bad.code, 1);
      assert.match(
        bad.stderr,
        /^tidings: \S*tidings\.yaml: site\.imageProxy\.url: must contain \{url\}/,
      );
      assert.equal(itemPage(), plain.item, 'the site built before is still there');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CLI errors', () => {
  test('a missing config: one line naming the file, exit 1', () => {
    const result = tidings(['update', '--config', '/nonexistent/tidings.yaml']);
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /^tidings: \/nonexistent\/tidings\.yaml: config file not found/);
  });

  test('a bad config: one line naming the file and key, exit 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-badconf-'));
    try {
      fs.writeFileSync(path.join(dir, 'tidings.yaml'), 'site:\n  perPage: many\n');
      const result = tidings(['build'], dir);
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /^tidings: tidings\.yaml: site\.perPage: expected number, got "many"\n$/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('build: an output folder it cannot write is one line naming it, exit 1, nothing lost', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-badout-'));
    try {
      // An empty file is an empty store: build refuses a missing one before the output.
      fs.writeFileSync(path.join(dir, 'tidings.db'), '');
      fs.writeFileSync(path.join(dir, 'a-file'), 'kept\n');
      fs.mkdirSync(path.join(dir, 'mine'));
      fs.writeFileSync(path.join(dir, 'mine', 'notes.txt'), 'kept\n');
      const cases: [output: string, error: RegExp][] = [
        [
          'a-file',
          /^tidings: Cannot write the site to .*a-file: it, or a folder on its path, is a file/,
        ],
        ['a-file/public', /^tidings: Cannot write the site to .*a-file\/public: it, or a folder/],
        [
          'mine',
          /^tidings: Refusing to replace .*mine: it is not empty and was not made by Tidings/,
        ],
        ['/proc/tidings-site', /^tidings: Cannot write the site to \/proc\/tidings-site: E[A-Z]+/],
      ];
      for (const [output, error] of cases) {
        fs.writeFileSync(path.join(dir, 'tidings.yaml'), `site:\n  output: ${output}\n`);
        const result = tidings(['build'], dir);
        assert.equal(result.code, 1, `${output}: ${result.stderr}`);
        assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
        assert.match(result.stderr, error);
      }
      assert.equal(fs.readFileSync(path.join(dir, 'a-file'), 'utf8'), 'kept\n');
      assert.equal(fs.readFileSync(path.join(dir, 'mine', 'notes.txt'), 'utf8'), 'kept\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('parse: a file that is not a feed, and a missing file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-parse-'));
    try {
      fs.writeFileSync(path.join(dir, 'empty.xml'), '');
      const empty = tidings(['parse', path.join(dir, 'empty.xml')]);
      assert.equal(empty.code, 1);
      assert.match(empty.stderr, /^tidings: .*empty\.xml: .*empty/i);
      const missing = tidings(['parse', path.join(dir, 'none.xml')]);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /none\.xml: no such file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--help on every command says what it does', () => {
    const main = tidings(['--help']);
    assert.equal(main.code, 0);
    for (const command of ['update', 'build', 'serve', 'parse', 'feeds']) {
      assert.match(main.stdout, new RegExp(`^  ${command}\\b`, 'm'));
      const help = tidings([command, '--help']);
      assert.equal(help.code, 0, command);
      assert.match(help.stdout, new RegExp(`Usage: tidings ${command}`));
      assert.match(help.stdout, /Exit codes/);
    }
  });

  test('output into a pipe closed early (`| head`) ends quietly, exit 0', async () => {
    const child = spawn(process.execPath, [cli, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the CLI has started, so its first write finds no reader (EPIPE).
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });

  test('an unknown option is a usage error (exit 2)', () => {
    const result = tidings(['update', '--frobnicate']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown option '--frobnicate'/);
  });
});

describe('tidings serve', () => {
  test('serves the built site until SIGTERM, then exits 0', async () => {
    const dir = copyDemo();
    const { spawn } = await import('node:child_process');
    try {
      const config = path.join(dir, 'tidings.yaml');
      assert.equal(tidings(['update', '--config', config]).code, 0);
      const child = spawn(process.execPath, [cli, 'serve', '--config', config, '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${seen}`)), 10_000);
        child.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          const match = seen.match(/http:\/\/localhost:\d+\//);
          if (match) {
            clearTimeout(timer);
            resolve(match[0]);
          }
        });
      });
      const home = await fetch(url);
      assert.equal(home.status, 200);
      assert.match(await home.text(), /<html/);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('without a built site it says what to do', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-noserve-'));
    try {
      fs.writeFileSync(path.join(dir, 'tidings.yaml'), 'sources: []\n');
      const result = tidings(['serve', '--port', '0'], dir);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /no built site here yet; run "tidings update"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the package API', () => {
  test("import { parseFeed } from 'tidings' works from a built checkout", () => {
    const script = `
      import { parseFeed, NotAFeedError } from 'tidings';
      const feed = parseFeed('<rss version="2.0"><channel><title>T</title><item><title>新闻</title><link>/a</link></item></channel></rss>', { baseUrl: 'https://example.com/feed' });
      let rejected = false;
      try { parseFeed(''); } catch (error) { rejected = error instanceof NotAFeedError; }
      console.log(JSON.stringify({ format: feed.format, title: feed.items[0].title, link: feed.items[0].link, rejected }));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repo,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      format: 'rss',
      title: '新闻',
      link: 'https://example.com/a',
      rejected: true,
    });
  });
});

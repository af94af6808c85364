import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { cli, runTidingsSync } from '../support/run-tidings.js';

// What a first-time user meets: the first steps after `tidings init`, and the messages of the
// usual early mistakes. Each message must say what to do next.
const tidings = runTidingsSync;

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-first-'));
  dirs.push(dir);
  return dir;
}
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('first steps', () => {
  test('no config here: the message points at tidings init, exit 1', () => {
    const result = tidings(['update'], tempDir());
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^tidings: tidings\.yaml: config file not found; write one with "tidings init", or pass --config FILE\n$/,
    );
  });

  test('run from inside the site folder: the message names the config above, not tidings init', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'tidings.yaml'), 'site:\n  title: x\n');
    const inside = path.join(dir, 'public', 'items');
    fs.mkdirSync(inside, { recursive: true });
    for (const command of ['update', 'build', 'serve', 'feeds']) {
      const result = tidings([command], inside);
      assert.equal(result.code, 1, command);
      assert.equal(
        result.stderr,
        `tidings: tidings.yaml: no config file in this folder (${inside}); the nearest is ` +
          '../../tidings.yaml: run there (cd ../..), or pass --config ../../tidings.yaml\n',
        command,
      );
    }
    // An import would have started a new config there, which the next build deletes.
    const opml = path.join(dir, 'feeds.opml');
    fs.writeFileSync(
      opml,
      '<opml version="2.0"><body><outline text="A" xmlUrl="http://127.0.0.1:9/a.xml"/></body></opml>',
    );
    const imported = tidings(['sources', 'import', 'opml', opml], inside);
    assert.equal(imported.code, 1);
    assert.equal(
      imported.stderr,
      `tidings: tidings.yaml: no config file in this folder (${inside}); the nearest is ` +
        '../../tidings.yaml: run there (cd ../..), or pass --config ../../tidings.yaml; nothing written\n',
    );
    assert.deepEqual(fs.readdirSync(inside), [], 'nothing written there');
    // One letter away: .yml for .yaml.
    fs.renameSync(path.join(dir, 'tidings.yaml'), path.join(dir, 'tidings.yml'));
    const misnamed = tidings(['build'], dir);
    assert.equal(misnamed.code, 1);
    assert.equal(
      misnamed.stderr,
      'tidings: tidings.yaml: config file not found (--config tidings.yml?)\n',
    );
  });

  test('--config naming a folder: the message names the config file in it, exit 1', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'tidings.yaml'), 'site:\n  title: x\n');
    const result = tidings(['feeds', '--config', dir]);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      `tidings: ${dir}: a folder, not a config file (--config ${path.join(dir, 'tidings.yaml')}?)\n`,
    );
  });

  test('init into a path that is a file says so, exit 1, and writes nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'kept\n');
    for (const target of [file, path.join(file, 'site')]) {
      const result = tidings(['init', target], dir);
      assert.equal(result.code, 1, result.stderr);
      assert.equal(
        result.stderr,
        `tidings: ${target}: cannot write there, ${file} is a file, not a folder\n`,
      );
    }
    assert.equal(fs.readFileSync(file, 'utf8'), 'kept\n');
  });

  test('init DIR: the next step says to go there first, then edit, then update', () => {
    const dir = tempDir();
    const result = tidings(['init', 'news'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^Next: cd news, edit tidings\.yaml \(site and sources\), then tidings update && tidings serve$/m,
    );
    const here = tidings(['init'], path.join(dir, 'news'));
    assert.equal(here.code, 1, 'the folder has its tidings.yaml now');
    const fresh = tempDir();
    const inPlace = tidings(['init'], fresh);
    assert.match(
      inPlace.stdout,
      /^Next: edit tidings\.yaml \(site and sources\), then tidings update && tidings serve$/m,
    );
  });

  test('parse of an address without its scheme names the address meant, exit 1', () => {
    const dir = tempDir();
    const result = tidings(['parse', '127.0.0.1:9/sina/finance'], dir);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      'tidings: 127.0.0.1:9/sina/finance: no such file (the address http://127.0.0.1:9/sina/finance?)\n',
    );
    // A missing file is just that, and a file of that name is read.
    const file = tidings(['parse', 'feed.xml'], dir);
    assert.equal(file.stderr, 'tidings: feed.xml: no such file\n');
    fs.mkdirSync(path.join(dir, 'example.com'));
    fs.writeFileSync(
      path.join(dir, 'example.com', 'rss'),
      '<rss version="2.0"><channel><title>t</title></channel></rss>',
    );
    const there = tidings(['parse', 'example.com/rss'], dir);
    assert.equal(there.code, 0, there.stderr);
  });

  test('parse --time-zone with no such zone is a usage error, as is a bad --base-url', () => {
    const dir = tempDir();
    const feed = path.join(dir, 'feed.xml');
    fs.writeFileSync(
      feed,
      '<rss version="2.0"><channel><title>t</title><item><title>i</title><guid>g</guid>' +
        '<pubDate>2021年12月25日 08:03</pubDate></item></channel></rss>',
    );
    const zone = tidings(['parse', feed, '--time-zone', 'Mars/Olympus']);
    assert.equal(zone.code, 2);
    assert.equal(zone.stdout, '');
    assert.equal(
      zone.stderr,
      'tidings: --time-zone Mars/Olympus: not an IANA time zone (such as Asia/Shanghai or UTC)\n',
    );
    const base = tidings(['parse', feed, '--base-url', 'not a url']);
    assert.equal(base.code, 2);
    assert.equal(base.stderr, 'tidings: --base-url not a url: not an absolute URL\n');
    const shanghai = tidings(['parse', feed, '--time-zone', 'Asia/Shanghai']);
    assert.equal(shanghai.code, 0, shanghai.stderr);
    assert.match(shanghai.stdout, /"published": "2021-12-25T00:03:00\.000Z"/);
  });
});

describe('Ctrl-C during update', () => {
  test('says what was kept, exits 130, closes the store and leaves no lock behind', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/hangs') return; // never answers: the run is still going at Ctrl-C
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        '<rss version="2.0"><channel><title>t</title><item><title>one</title><guid>1</guid></item>' +
          '<item><title>two</title><guid>2</guid></item></channel></rss>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'tidings.yaml'),
      `fetch:\n  timeout: 60\n  retries: 0\nsources:\n  - category: A\n    sites:\n      - name: B\n` +
        `        feeds:\n          - { name: Quick, url: '${base}/quick' }\n` +
        `          - { name: Hangs, url: '${base}/hangs' }\n`,
    );
    const child = spawn(process.execPath, [cli, 'update'], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await new Promise<void>((resolve) =>
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (/ok +A › B › Quick/.test(stdout)) resolve();
        }),
      );
      child.kill('SIGINT');
      assert.equal(await exited, 130);
    } finally {
      child.kill('SIGKILL');
      server.closeAllConnections();
      server.close();
    }
    assert.equal(
      stderr,
      'tidings: stopped by SIGINT; the feeds stored so far stay stored, the site was not built\n',
    );
    assert.deepEqual(fs.readdirSync(dir).sort(), ['tidings.db', 'tidings.yaml']);
    const db = new Database(path.join(dir, 'tidings.db'), { readonly: true });
    assert.equal((db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n, 2);
    db.close();
  });
});

describe('Ctrl-C twice during watch', () => {
  test('says it stopped at once, exits 130 and leaves no lock behind', async () => {
    const server = http.createServer(() => {}); // never answers: the watch waits for it
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'tidings.yaml'),
      `fetch:\n  timeout: 60\n  retries: 0\nsources:\n  - category: A\n    sites:\n      - name: B\n` +
        `        feeds:\n          - { name: Hangs, url: '${base}/hangs' }\n`,
    );
    const child = spawn(process.execPath, [cli, 'watch'], { cwd: dir });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const seen: (() => void)[] = [];
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        seen.forEach((check) => check());
      });
      const waitFor = (pattern: RegExp) =>
        new Promise<void>((resolve) => {
          const check = () => pattern.test(stderr) && resolve();
          seen.push(check);
          check();
        });
      await waitFor(/ built /);
      child.kill('SIGINT');
      await waitFor(/stopping \(SIGINT\): waiting up to 10 s for 1 fetch/);
      child.kill('SIGINT');
      assert.equal(await exited, 130);
    } finally {
      child.kill('SIGKILL');
      server.closeAllConnections();
      server.close();
    }
    assert.match(
      stderr,
      /\ntidings: stopped at once by a second SIGINT; every feed stored so far stays stored, and the site as last built\n$/,
    );
    assert.ok(!fs.existsSync(path.join(dir, 'tidings.db.lock')), 'no lock left');
  });
});

describe('help for a newcomer', () => {
  test('tidings --help starts with init, which works in an empty folder', () => {
    const help = tidings(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Start with: {2}tidings init\b/m);
    assert.match(help.stdout, /tidings init --demo/);
  });

  test('every command that does something shows examples and its exit codes, usage errors too', () => {
    const commands = [
      ['init'],
      ['update'],
      ['watch'],
      ['build'],
      ['serve'],
      ['feeds'],
      ['forget'],
      ['parse'],
      ['export', 'hexo'],
      ['sources', 'import', 'rsshub-docs'],
      ['sources', 'import', 'rsshub-routes'],
      ['sources', 'import', 'old-config'],
      ['sources', 'import', 'opml'],
      ['sources', 'export', 'opml'],
      ['deploy', 'git'],
    ];
    for (const command of commands) {
      const help = tidings([...command, '--help']);
      const name = command.join(' ');
      assert.equal(help.code, 0, name);
      // Examples come before the exit codes, and each begins with the command itself.
      const examples =
        /\nExamples:\n((?: {2}.*\n)+)\nExit codes:?[\s\S]*\b2 +(?:usage error|bad)/.exec(
          help.stdout,
        );
      assert.ok(examples, `${name}: examples, then exit codes with 2\n${help.stdout}`);
      for (const line of examples[1]!.trimEnd().split('\n')) {
        assert.ok(line.startsWith(`  tidings ${name}`), `${name}: ${line}`);
      }
    }
  });

  test('tidings help with a misspelt command says so and suggests the command, exit 2', () => {
    const result = tidings(['help', 'updte']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown command 'updte'\n\(Did you mean update\?\)/);
    for (const args of [
      ['updte', '--help'],
      ['updte', '-h'],
    ]) {
      const flagged = tidings(args);
      assert.equal(flagged.code, 2, args.join(' '));
      assert.match(flagged.stderr, /unknown command 'updte'\n\(Did you mean update\?\)/);
      assert.equal(flagged.stdout, '');
    }
    const known = tidings(['help', 'update']);
    assert.equal(known.code, 0);
    assert.match(known.stdout, /^Usage: tidings update/);
  });
});

describe('a store that does not exist (nothing fetched yet, or a typo in store:)', () => {
  test('build and export hexo refuse it, create nothing and keep what is there; feeds lists the feeds', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'tidings.yaml'),
      'store: typo.db\nsources:\n  - category: A\n    sites:\n      - name: B\n        feeds:\n' +
        '          - { name: C, file: c.xml }\n',
    );
    fs.mkdirSync(path.join(dir, 'public'));
    fs.writeFileSync(path.join(dir, 'public', 'index.html'), 'the site built before\n');
    fs.mkdirSync(path.join(dir, 'posts'));
    fs.writeFileSync(path.join(dir, 'posts', 'kept.md'), 'a post\n');
    const missing = `tidings: ${path.join(dir, 'typo.db')}: no store here; run "tidings update" first, or check store: in the config\n`;

    const build = tidings(['build'], dir);
    assert.equal(build.code, 1);
    assert.equal(build.stderr, missing);
    const exported = tidings(['export', 'hexo', '--out', 'posts'], dir);
    assert.equal(exported.code, 1);
    assert.equal(exported.stderr, missing);
    assert.equal(
      fs.readFileSync(path.join(dir, 'public', 'index.html'), 'utf8'),
      'the site built before\n',
    );
    assert.deepEqual(fs.readdirSync(path.join(dir, 'posts')), ['kept.md']);

    const feeds = tidings(['feeds'], dir);
    assert.equal(feeds.code, 0, feeds.stderr);
    assert.match(feeds.stdout, /^never fetched +A › B › C +0 +- +now +0$/m);
    assert.deepEqual(
      fs.readdirSync(dir).sort(),
      ['posts', 'public', 'tidings.yaml'],
      'no store made',
    );
  });
});

describe('a store that does not exist while the site was built from one', () => {
  test('update and watch refuse to start an empty store over it; --new-store does on purpose', () => {
    const dir = tempDir();
    const config = (store: string) =>
      fs.writeFileSync(
        path.join(dir, 'tidings.yaml'),
        `store: ${store}\nsources:\n  - category: A\n    sites:\n      - name: B\n        feeds:\n` +
          '          - { name: C, file: c.xml }\n',
      );
    const items = ['one', 'two']
      .map(
        (id) =>
          `<item><title>${id}</title><guid>${id}</guid><description>${id}</description></item>`,
      )
      .join('');
    fs.writeFileSync(
      path.join(dir, 'c.xml'),
      `<?xml version="1.0"?><rss version="2.0"><channel><title>C</title>${items}</channel></rss>`,
    );
    config('tidings.db');
    // A first run, with no site yet, makes the store and the site as before.
    const first = tidings(['update'], dir);
    assert.equal(first.code, 0, first.stderr);
    const home = path.join(dir, 'public', 'index.html');
    const built = fs.readFileSync(home, 'utf8');

    config('tidngs.db');
    const store = (name: string) => path.join(dir, name);
    const refused = (builtFrom: string) =>
      `tidings: ${store('tidngs.db')}: no store here, but the site in ${path.join(dir, 'public')} ` +
      `was built from ${builtFrom}, with 2 item(s): a new, empty store would publish a site without ` +
      'them. Check store: in the config; to start a new store on purpose, run again with ' +
      '--new-store (or delete the output folder).\n';
    for (const command of [['update'], ['update', '--no-build'], ['watch']]) {
      const result = tidings(command, dir);
      assert.equal(result.code, 1, command.join(' '));
      assert.equal(result.stderr, refused(store('tidings.db')), command.join(' '));
    }
    assert.equal(fs.readFileSync(home, 'utf8'), built);
    assert.deepEqual(
      fs
        .readdirSync(dir)
        .filter((name) => name.startsWith('tid'))
        .sort(),
      ['tidings.db', 'tidings.yaml'],
      'no store made, no lock left',
    );

    // The store deleted (or moved) under the same name.
    config('tidings.db');
    fs.renameSync(store('tidings.db'), store('kept.db'));
    const gone = tidings(['update'], dir);
    assert.equal(gone.code, 1);
    assert.match(
      gone.stderr,
      /tidings\.db: no store here, but the site in .* was built from it, with 2 /,
    );
    fs.renameSync(store('kept.db'), store('tidings.db'));
    config('tidngs.db');

    // A site built before manifests recorded the store: refused all the same.
    const manifestFile = path.join(dir, 'public', '.tidings-manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { store?: string };
    // Relative to the site: the manifest is published with it, and no local path belongs there.
    assert.equal(manifest.store, '../tidings.db');
    delete manifest.store;
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    assert.equal(tidings(['update'], dir).stderr, refused('a store (path not recorded)'));

    // On purpose: a new store, and a site built from it.
    const fresh = tidings(['update', '--new-store'], dir);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.ok(fs.existsSync(store('tidngs.db')));
    const rebuilt = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { store?: string };
    assert.equal(rebuilt.store, '../tidngs.db');
  });
});

describe('usage errors', () => {
  test('begin with "tidings:" as every other error does, and keep the suggestion', () => {
    const cases: [string[], RegExp][] = [
      [['update', '--forse'], /^tidings: unknown option '--forse'\n\(Did you mean --force\?\)\n/],
      [['serv'], /^tidings: unknown command 'serv'\n\(Did you mean serve\?\)\n/],
      [['deploy', 'git'], /^tidings: required option '--repo <url\|path>' not specified\n/],
      [['sources', 'import', 'opml'], /^tidings: missing required argument 'file'\n/],
      [['export', 'hexo', '--out', 'x', '--template', '2019'], /^tidings: option '--template/],
      // An unset variable in a script: not the working folder.
      [
        ['export', 'hexo', '--out', ''],
        /^tidings: option '-o, --out <dir>' argument '' is invalid/,
      ],
    ];
    for (const [args, message] of cases) {
      const dir = tempDir();
      const result = tidings(args, dir);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message, args.join(' '));
      assert.deepEqual(fs.readdirSync(dir), [], `${args.join(' ')}: nothing written`);
    }
  });
});

test('store: naming a folder says so, exit 1', () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'data'));
  fs.writeFileSync(
    path.join(dir, 'tidings.yaml'),
    'store: data\nsources:\n  - category: A\n    sites:\n      - name: B\n        feeds:\n' +
      '          - { name: C, file: c.xml }\n',
  );
  for (const command of ['update', 'build', 'feeds']) {
    const result = tidings([command], dir);
    assert.equal(result.code, 1, command);
    assert.equal(
      result.stderr,
      `tidings: ${path.join(dir, 'data')}: a folder, not a store file (check store: in the config)\n`,
      command,
    );
  }
});

test('export into a file or a folder that cannot be: the message says which, exit 1', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'tidings.yaml'), 'sources: []\n');
  fs.writeFileSync(path.join(dir, 'tidings.db'), '');
  fs.writeFileSync(path.join(dir, 'a-file'), 'kept\n');
  const hexo = tidings(['export', 'hexo', '--out', 'a-file'], dir);
  assert.equal(hexo.code, 1);
  assert.equal(
    hexo.stderr,
    `tidings: ${path.join(dir, 'a-file')}: cannot create the export folder: it, or a folder on its path, is a file\n`,
  );
  fs.mkdirSync(path.join(dir, 'out'));
  const opml = tidings(['sources', 'export', 'opml', '--out', 'out'], dir);
  assert.equal(opml.code, 1);
  assert.equal(opml.stderr, `tidings: out: a folder; name the file, e.g. --out out/tidings.opml\n`);
  assert.deepEqual(fs.readdirSync(path.join(dir, 'out')), []);
  assert.equal(fs.readFileSync(path.join(dir, 'a-file'), 'utf8'), 'kept\n');
});

test('update with no feeds in the config says how to add some, and still builds (exit 0)', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'tidings.yaml'), '');
  const result = tidings(['update'], dir);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stderr,
    'tidings: tidings.yaml lists no feeds yet: add them under sources: (tidings init writes ' +
      'an example), or with tidings sources import\n',
  );
  assert.ok(fs.existsSync(path.join(dir, 'public', 'index.html')));
});

test('Ctrl-C during deploy git removes its temporary repository, exit 130', async () => {
  const dir = tempDir();
  const tmp = path.join(dir, 'tmp'); // the deploy's os.tmpdir(), to see what it leaves
  fs.mkdirSync(tmp);
  fs.writeFileSync(path.join(dir, 'tidings.yaml'), 'sources: []\n');
  fs.mkdirSync(path.join(dir, 'public'));
  fs.writeFileSync(path.join(dir, 'public', 'index.html'), '<p>site</p>\n');
  for (let i = 0; i < 3000; i++) {
    fs.writeFileSync(path.join(dir, 'public', `page-${i}.html`), `<p>page ${i}</p>\n`);
  }
  const bare = path.join(dir, 'remote.git');
  assert.equal(spawnSync('git', ['init', '--quiet', '--bare', bare]).status, 0);
  const child = spawn(process.execPath, [cli, 'deploy', 'git', '--repo', bare], {
    cwd: dir,
    env: { ...process.env, TMPDIR: tmp },
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    // Once the temporary repository has objects, the deploy is in the middle of its work.
    const deadline = Date.now() + 30_000;
    while (
      !fs.readdirSync(tmp).some((name) => fs.existsSync(path.join(tmp, name, 'git', 'HEAD')))
    ) {
      assert.ok(Date.now() < deadline, 'the deploy never started');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGINT');
    assert.equal(await exited, 130);
  } finally {
    child.kill('SIGKILL');
  }
  assert.deepEqual(fs.readdirSync(tmp), []);
});

test('update --only takes a feed as "tidings feeds" lists it, category › site › name', () => {
  const dir = tempDir();
  const rss =
    '<rss version="2.0"><channel><title>t</title><item><title>i</title><guid>g</guid></item></channel></rss>';
  fs.writeFileSync(path.join(dir, 'a.xml'), rss);
  fs.writeFileSync(path.join(dir, 'b.xml'), rss);
  fs.writeFileSync(
    path.join(dir, 'tidings.yaml'),
    'sources:\n  - category: 新闻\n    sites:\n' +
      '      - name: 甲\n        feeds:\n          - { name: 要闻, file: a.xml }\n' +
      '      - name: 乙\n        feeds:\n          - { name: 要闻, file: b.xml }\n',
  );
  const both = tidings(['update', '--no-build', '--only', '要闻'], dir);
  assert.match(both.stdout, /Done: 2 of 2 feed\(s\) fetched/);
  const one = tidings(['update', '--no-build', '--only', '新闻 › 乙 › 要闻'], dir);
  assert.equal(one.code, 0, one.stderr);
  assert.match(one.stdout, /新闻 › 乙 › 要闻/);
  assert.match(one.stdout, /Done: 1 of 1 feed\(s\) fetched/);
});

test('update --only takes a file as the shell names it, and suggests a feed name for a typo', () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'feeds'));
  fs.writeFileSync(
    path.join(dir, 'feeds', 'a.xml'),
    '<rss version="2.0"><channel><title>t</title><item><title>i</title><guid>g</guid></item></channel></rss>',
  );
  fs.writeFileSync(
    path.join(dir, 'tidings.yaml'),
    'sources:\n  - category: A\n    sites:\n      - name: B\n        feeds:\n' +
      '          - { name: Recipes, file: feeds/a.xml }\n',
  );
  for (const only of ['feeds/a.xml', './feeds/a.xml', path.join(dir, 'feeds', 'a.xml')]) {
    const result = tidings(['update', '--no-build', '--only', only], dir);
    assert.equal(result.code, 0, `${only}: ${result.stderr}`);
    assert.match(result.stdout, /Done: 1 of 1 feed\(s\) fetched/, only);
  }
  const typo = tidings(['update', '--no-build', '--only', 'Recipe'], dir);
  assert.equal(typo.code, 1);
  assert.equal(
    typo.stderr,
    'tidings: --only Recipe: no feed by that name, URL, file or route in the config (did you mean "Recipes"?)\n',
  );
});

test('update --only takes a feed as tidings feeds names it, and a route by its address', () => {
  const dir = tempDir();
  fs.writeFileSync(
    path.join(dir, 'a.xml'),
    '<rss version="2.0"><channel><title>t</title><item><title>i</title><guid>g</guid></item></channel></rss>',
  );
  // A closed loopback port: the route's fetch fails at once, and the run still completes.
  fs.writeFileSync(
    path.join(dir, 'tidings.yaml'),
    'rsshub:\n  instance: http://127.0.0.1:9\nfetch:\n  retries: 0\n' +
      'sources:\n  - category: 金融\n    sites:\n      - name: 新浪财经\n        feeds:\n' +
      '          - { name: 国內, rsshub: /sina/finance }\n          - { name: Local, file: a.xml }\n',
  );
  for (const [only, fetched] of [
    ['金融 › 新浪财经 › Local', /ok +金融 › 新浪财经 › Local: 1 item\(s\)/],
    [
      'http://127.0.0.1:9/sina/finance',
      /FAIL +金融 › 新浪财经 › 国內: http:\/\/127\.0\.0\.1:9\/sina\/finance/,
    ],
  ] as const) {
    const result = tidings(['update', '--no-build', '--only', only], dir);
    assert.equal(result.code, 0, `${only}: ${result.stderr}`);
    assert.match(result.stdout, /Done: 1 of 1 feed\(s\) fetched/, only);
    assert.match(result.stdout, fetched, only);
  }
});

test('a feed address corrected after a failed fetch is not reported as a stored feed left out', () => {
  const dir = tempDir();
  const feed = (file: string) =>
    `sources:\n  - category: News\n    sites:\n      - name: Site\n        feeds:\n          - name: Blog\n            file: ${file}\n`;
  fs.writeFileSync(
    path.join(dir, 'feed.xml'),
    '<rss version="2.0"><channel><title>Blog</title><item><guid>a</guid><title>A</title></item></channel></rss>',
  );
  fs.writeFileSync(path.join(dir, 'tidings.yaml'), feed('fed.xml'));
  const typo = tidings(['update'], dir);
  assert.equal(typo.code, 0, typo.stderr);
  assert.match(typo.stdout, /FAIL +News › Site › Blog: .*fed\.xml: no such file/);
  fs.writeFileSync(path.join(dir, 'tidings.yaml'), feed('feed.xml'));
  const fixed = tidings(['update'], dir);
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.match(fixed.stdout, /ok +News › Site › Blog: 1 item\(s\), 1 new/);
  // The failed address stored no item: "News › Site › Blog: 0 item(s)" kept "on the site" read
  // as the feed just fixed, dropped from the config.
  assert.doesNotMatch(fixed.stdout, /no longer in the config/);
  const built = tidings(['build'], dir);
  assert.doesNotMatch(built.stdout, /no longer in the config/);
});

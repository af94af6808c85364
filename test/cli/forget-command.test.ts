import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { runTidingsSync } from '../support/run-tidings.js';

function rss(prefix: string, count: number): string {
  const items = Array.from(
    { length: count },
    (_, i) =>
      `<item><title>${prefix}-item-${i}</title><guid>${prefix}-${i}</guid>` +
      `<pubDate>Sat, 25 Dec 2021 0${i}:03:00 GMT</pubDate><description>正文 ${prefix}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${prefix}</title>${items.join('')}</channel></rss>`;
}

function configText(feeds: string[]): string {
  return `site: { perPage: 10 }
store: tidings.db
sources:
  - category: 新闻
    sites:
      - name: 本地
        feeds:
${feeds.map((name) => `          - { name: ${name}, file: ${name}.xml }`).join('\n')}
`;
}

test('forget: a feed taken out of the config is deleted with its items, and its pages go at the next build', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-forget-'));
  const config = path.join(dir, 'tidings.yaml');
  const tidings = (...args: string[]) => runTidingsSync([...args, '--config', config], dir);
  const count = (sql: string) => {
    const db = new Database(path.join(dir, 'tidings.db'), { readonly: true });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const sitePages = () =>
    (fs.readdirSync(path.join(dir, 'public'), { recursive: true }) as string[])
      .filter((name) => name.endsWith('.html'))
      .map((name) => fs.readFileSync(path.join(dir, 'public', name), 'utf8'));
  try {
    fs.writeFileSync(path.join(dir, 'kept.xml'), rss('kept', 3));
    fs.writeFileSync(path.join(dir, 'old.xml'), rss('old', 4));
    fs.writeFileSync(config, configText(['kept', 'old']));
    assert.equal(tidings('update').code, 0);
    assert.equal(count('SELECT count(*) AS n FROM items'), 7);

    // Not forgettable while configured; a usage error with nothing named.
    const configured = tidings('forget', 'file:old.xml');
    assert.equal(configured.code, 1);
    assert.match(configured.stderr, /file:old\.xml: still in the config/);
    assert.equal(tidings('forget').code, 2);

    fs.writeFileSync(config, configText(['kept']));
    // Still on the site until forgotten; `feeds` says so.
    assert.ok(sitePages().some((page) => page.includes('old-item-0')));
    const listed = tidings('feeds');
    assert.match(listed.stdout, /Not in the config any more: 1 stored feed/);
    assert.match(listed.stdout, /新闻 › 本地 › old {2}4 item\(s\) {2}key file:old\.xml/);
    const json = JSON.parse(tidings('feeds', '--json').stdout) as {
      feed: string;
      health: string;
    }[];
    assert.deepEqual(
      json.map((row) => [row.feed, row.health]),
      [
        ['file:kept.xml', 'ok'],
        ['file:old.xml', 'removed'],
      ],
    );

    const unknown = tidings('forget', 'file:nope.xml', 'file:old.xml');
    assert.equal(unknown.code, 1);
    assert.match(
      unknown.stderr,
      /file:nope\.xml: no such feed in the store \(feeds not in the config: 新闻 › 本地 › old \(file:old\.xml\)\)\. Nothing was deleted/,
    );
    const dry = tidings('forget', '--all-removed', '--dry-run');
    assert.equal(dry.code, 0);
    assert.match(dry.stdout, /would forget 新闻 › 本地 › old \(file:old\.xml\): 4 item\(s\)/);
    assert.equal(count('SELECT count(*) AS n FROM items'), 7, 'nothing deleted so far');

    const forgot = tidings('forget', '新闻 › 本地 › old');
    assert.equal(forgot.code, 0, forgot.stderr);
    assert.match(forgot.stdout, /forgot 新闻 › 本地 › old \(file:old\.xml\): 4 item\(s\)/);
    assert.equal(count('SELECT count(*) AS n FROM items'), 3);
    assert.equal(count("SELECT count(*) AS n FROM feeds WHERE key = 'file:old.xml'"), 0);
    assert.doesNotMatch(tidings('feeds').stdout, /Not in the config/);

    assert.equal(tidings('build').code, 0);
    const pages = sitePages();
    assert.ok(pages.some((page) => page.includes('kept-item-0')));
    assert.ok(!pages.some((page) => page.includes('old-item-')), 'no page shows a forgotten item');

    const again = tidings('forget', '--all-removed');
    assert.equal(again.code, 0);
    assert.match(again.stdout, /nothing to forget/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('forget by a name that a configured feed and a removed one share: refused, naming the removed one by its key', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-forget-'));
  const config = path.join(dir, 'tidings.yaml');
  const tidings = (...args: string[]) => runTidingsSync([...args, '--config', config], dir);
  try {
    fs.writeFileSync(path.join(dir, 'old.xml'), rss('old', 2));
    fs.writeFileSync(config, configText(['old']));
    assert.equal(tidings('update').code, 0);
    // The feed moved to another address under the same name: the old address's history is
    // stored under the same label as the configured feed.
    fs.writeFileSync(config, configText(['old']).replace('file: old.xml', 'file: ./new.xml'));
    const shared = tidings('forget', '新闻 › 本地 › old', '--dry-run');
    assert.equal(shared.code, 1);
    assert.match(
      shared.stderr,
      /^tidings: 新闻 › 本地 › old: names a feed still in the config \(file:\.\/new\.xml\) and one taken out of it; to forget that one, name it by its key: file:old\.xml\. Nothing was deleted\n$/,
    );
    const byKey = tidings('forget', 'file:old.xml');
    assert.equal(byKey.code, 0, byKey.stderr);
    assert.match(byKey.stdout, /forgot 新闻 › 本地 › old \(file:old\.xml\): 2 item\(s\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('forget keeps a removed feed whose history a configured feed takes over at the next update', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-forget-'));
  const config = path.join(dir, 'tidings.yaml');
  const tidings = (...args: string[]) => runTidingsSync([...args, '--config', config], dir);
  try {
    fs.writeFileSync(path.join(dir, 'old.xml'), rss('old', 3));
    fs.writeFileSync(path.join(dir, 'gone.xml'), rss('gone', 2));
    fs.writeFileSync(config, configText(['old', 'gone']));
    assert.equal(tidings('update').code, 0);
    // The same file written another way is a new key; `gone` is really taken out.
    fs.writeFileSync(config, configText(['old']).replace('file: old.xml', 'file: ./old.xml'));

    const listed = tidings('feeds');
    assert.match(
      listed.stdout,
      /key file:old\.xml\n {4}the next update moves its history to file:\.\/old\.xml\n/,
    );
    assert.doesNotMatch(listed.stdout, /key file:gone\.xml\n {4}the next update/);

    const named = tidings('forget', 'file:old.xml');
    assert.equal(named.code, 1);
    assert.match(
      named.stderr,
      /file:old\.xml: the configured feed 新闻 › 本地 › old \(file:\.\/old\.xml\) is at this feed's address or where it moved, and takes over its history at the next update\..* Nothing was deleted/,
    );

    const all = tidings('forget', '--all-removed');
    assert.equal(all.code, 0, all.stderr);
    assert.match(
      all.stdout,
      /kept 新闻 › 本地 › old \(file:old\.xml\): 新闻 › 本地 › old \(file:\.\/old\.xml\) takes over its 3 item\(s\) at the next update/,
    );
    assert.match(all.stdout, /forgot 新闻 › 本地 › gone \(file:gone\.xml\): 2 item\(s\)/);
    assert.doesNotMatch(all.stdout, /forgot 新闻 › 本地 › old/);

    // The history did move: the configured feed has the three items, none stored twice.
    assert.equal(tidings('update', '--no-build').code, 0);
    const db = new Database(path.join(dir, 'tidings.db'), { readonly: true });
    try {
      const rows = db
        .prepare('SELECT feed_key AS key, count(*) AS n FROM items GROUP BY feed_key')
        .all();
      assert.deepEqual(rows, [{ key: 'file:./old.xml', n: 3 }]);
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

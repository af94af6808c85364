import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { repo, runTidingsSync as tidings } from '../support/run-tidings.js';

// A store edited by another tool can hold BLOBs or numbers where Tidings writes text (SQLite
// keeps any value's own type in a TEXT column). `tidings build` used to end such a build with
// "internal error: TypeError"; it reads them as text (store/stored-text.ts).

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-foreign-'));
const config = path.join(dir, 'tidings.yaml');
const output = path.join(dir, 'public');
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every file of the built site whose text contains `text`. */
function filesWith(text: string): string[] {
  return (fs.readdirSync(output, { recursive: true }) as string[]).filter((name) => {
    const file = path.join(output, name);
    return fs.statSync(file).isFile() && fs.readFileSync(file, 'utf8').includes(text);
  });
}

before(() => {
  const demo = path.join(repo, 'examples/demo');
  fs.cpSync(path.join(demo, 'tidings.yaml'), config);
  fs.cpSync(path.join(demo, 'feeds'), path.join(dir, 'feeds'), { recursive: true });
  fs.cpSync(path.join(demo, 'static'), path.join(dir, 'static'), { recursive: true });
  const update = tidings(['update', '--config', config]);
  assert.equal(update.code, 0, update.stderr + update.stdout);

  const db = new Database(path.join(dir, 'tidings.db'));
  try {
    const row = db.prepare('SELECT feed_key, key FROM items ORDER BY key LIMIT 1').get() as {
      feed_key: string;
      key: string;
    };
    db.prepare(
      `UPDATE items SET title = ?, content_html = ?, text = ?, excerpt = ?, categories = ?,
         image = ?, link = ?, reading_minutes = 'several'
       WHERE feed_key = ? AND key = ?`,
    ).run(
      Buffer.from('外来标题 foreign title'),
      Buffer.from('<p>外来正文 foreign body</p>'),
      Buffer.from('外来正文 foreign body'),
      Buffer.from('外来摘要 foreign excerpt'),
      'not json',
      Buffer.from('https://img.example.com/foreign.jpg'),
      42,
      row.feed_key,
      row.key,
    );
    db.prepare('UPDATE feeds SET title = ?, last_error = ? WHERE key = ?').run(
      Buffer.from('外来订阅 foreign feed'),
      Buffer.from('外来错误 foreign error'),
      row.feed_key,
    );
  } finally {
    db.close();
  }
});

test('a build reads BLOBs and numbers in text columns as text, exit 0', () => {
  // --full: the edit did not move the store's change times, so only a full build sees it.
  const build = tidings(['build', '--full', '--config', config]);
  assert.equal(build.code, 0, build.stderr + build.stdout);
  assert.doesNotMatch(build.stderr, /internal error/);

  const pages = filesWith('外来正文 foreign body');
  assert.ok(
    pages.some((name) => /^(items|p)\//.test(name) && name.endsWith('.html')),
    `the item page shows the content: ${pages.join(', ')}`,
  );
  assert.ok(pages.includes('atom.xml'), 'the site feed carries the content');
  assert.ok(
    filesWith('外来标题 foreign title').some((name) => name.endsWith('index.html')),
    'a list page shows the title',
  );
  assert.ok(filesWith('外来错误 foreign error').includes(path.join('health', 'index.html')));
  // The search index has the text (its documents list the title).
  assert.ok(filesWith('外来标题 foreign title').some((name) => name.startsWith('search')));
});

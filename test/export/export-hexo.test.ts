import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { exportHexo } from '../../src/export/export-hexo.js';
import { MANIFEST_NAME, ManifestError } from '../../src/export/export-manifest.js';
import { hexoTitle } from '../../src/export/hexo-title.js';
import type { StoredFeed, StoredItem } from '../../src/store/store.js';
import { exportedFeed, exportedItem } from '../support/hexo-export-source.js';

const feed = exportedFeed;

function item(key: string, title: string, extra: Partial<StoredItem> = {}): StoredItem {
  return exportedItem(key, title, {
    firstSeen: `2022-08-01T00:00:0${key.length % 10}.000Z`,
    ...extra,
  });
}

const folder = (dir: string): string => path.join(dir, '新媒体', 'Test Site', '快讯');

/** The front matter as Hexo's YAML parser reads it (the text after the leading blank line). */
function frontMatter(text: string): Record<string, unknown> {
  const match = /^\n---\n([\s\S]*?)\n---\n/.exec(text);
  assert.ok(match, 'front matter between --- lines');
  return parseYaml(match[1]!) as Record<string, unknown>;
}

describe('exportHexo', () => {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-export-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('writes once, then rewrites only what changed', () => {
    const first = exportHexo(dir, [feed], [item('a', 'Alpha'), item('b', 'Beta')]);
    assert.equal(first.written.length, 2);
    const alpha = path.join(folder(dir), 'Alpha.md');
    const before = fs.statSync(alpha).mtimeMs;
    const second = exportHexo(
      dir,
      [feed],
      [item('a', 'Alpha'), item('b', 'Beta', { sourceHtml: '<p>Beta, corrected</p>' })],
    );
    assert.deepEqual(second.written, ['新媒体/Test Site/快讯/Beta.md']);
    assert.equal(second.unchanged, 1);
    assert.equal(fs.statSync(alpha).mtimeMs, before, 'the unchanged post was not touched');
    assert.match(fs.readFileSync(path.join(folder(dir), 'Beta.md'), 'utf8'), /corrected/);
  });

  test('counts its posts as it writes them, up to all of them', () => {
    const seen: string[] = [];
    const items = [item('a', 'Alpha'), item('b', 'Beta'), item('c', 'Gamma')];
    exportHexo(dir, [feed], items, {
      onProgress: ({ done, total }) => seen.push(`${done}/${total}`),
    });
    assert.deepEqual(seen, ['0/3', '1/3', '2/3', '3/3']);
  });

  test('an export with nothing new leaves the folder as it was, manifest included', () => {
    exportHexo(dir, [feed], [item('a', 'Alpha')]);
    const manifest = path.join(dir, MANIFEST_NAME);
    const before = fs.statSync(manifest).mtimeMs;
    const report = exportHexo(dir, [feed], [item('a', 'Alpha')]);
    assert.deepEqual([report.written, report.removed], [[], []]);
    assert.equal(fs.statSync(manifest).mtimeMs, before);
  });

  test('a damaged manifest stops the export with a message saying what to do', () => {
    fs.writeFileSync(path.join(dir, MANIFEST_NAME), '{ not json');
    assert.throws(
      () => exportHexo(dir, [feed], [item('a', 'Alpha')]),
      /tidings-hexo-export\.json: the export manifest is not valid JSON; move it away/,
    );
    assert.deepEqual(fs.readdirSync(dir), [MANIFEST_NAME], 'nothing written');
  });

  /** Makes the disk hold `room` more bytes: a write past it fails with ENOSPC, as on a full disk. */
  function diskWithRoom(room: number): { restore: () => void } {
    const write = fs.writeFileSync;
    let left = room;
    const mocked = mock.method(fs, 'writeFileSync', (...args: Parameters<typeof write>) => {
      const data = args[1];
      const length = typeof data === 'string' ? Buffer.byteLength(data) : (data as Buffer).length;
      if (length > left) {
        write(args[0], ''); // the file is created, then the write fails, as the OS does
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
        });
      }
      left -= length;
      return write(...args);
    });
    return { restore: () => mocked.mock.restore() };
  }

  test('a full disk before anything is written: one error naming the manifest, no files left', () => {
    const disk = diskWithRoom(10);
    try {
      assert.throws(
        () => exportHexo(dir, [feed], [item('a', 'Alpha')]),
        (error: unknown) =>
          error instanceof ManifestError &&
          error.message ===
            `${path.join(dir, MANIFEST_NAME)}: cannot write the export manifest (ENOSPC: no space left on device, write)`,
      );
    } finally {
      disk.restore();
    }
    assert.deepEqual(fs.readdirSync(dir), [], 'no temporary file left');
  });

  test('a disk that fills during the export: posts and manifest reported, the next run completes', () => {
    const items = ['a', 'b', 'c', 'd'].map((key) => item(key, `Post ${key}`));
    exportHexo(dir, [feed], items.slice(0, 1));
    // Room for the manifest of all four and one post more, not for the rest.
    const sizes = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-export-sizes-'));
    exportHexo(sizes, [feed], items);
    const room =
      fs.statSync(path.join(sizes, MANIFEST_NAME)).size +
      fs.statSync(path.join(folder(sizes), 'Post b.md')).size;
    fs.rmSync(sizes, { recursive: true });
    const disk = diskWithRoom(room);
    let report;
    try {
      report = exportHexo(dir, [feed], items);
    } finally {
      disk.restore();
    }
    assert.deepEqual(report.written, ['新媒体/Test Site/快讯/Post b.md']);
    assert.deepEqual(
      report.failed.map((failed) => failed.message),
      ['ENOSPC', 'ENOSPC', report.failed[2]?.message],
    );
    assert.deepEqual(report.failed.at(-1), {
      path: MANIFEST_NAME,
      message: `${path.join(dir, MANIFEST_NAME)}: cannot write the export manifest (ENOSPC: no space left on device, write)`,
    });
    const leftovers = fs.readdirSync(dir, { recursive: true }).map(String);
    assert.deepEqual(
      leftovers.filter((name) => name.endsWith('.tmp')),
      [],
    );
    const again = exportHexo(dir, [feed], items);
    assert.deepEqual(again.failed, []);
    assert.equal(again.posts, 4);
    assert.equal(fs.readdirSync(folder(dir)).length, 4);
  });

  test('an export folder on a read-only file system: EROFS, not ENOENT', (t) => {
    if (process.getuid?.() !== 0) return t.skip('mounting a read-only tmpfs needs root');
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', dir]);
    if (mounted.status !== 0) return t.skip('cannot mount a tmpfs');
    try {
      const out = path.join(dir, 'blog', '_posts');
      assert.throws(() => exportHexo(out, [feed], [item('a', 'Alpha')]), {
        message: `${out}: cannot create the export folder (EROFS)`,
      });
    } finally {
      spawnSync('umount', [dir]);
    }
  });

  test("a Hexo site's root folder is refused, pointing at its posts folder", () => {
    fs.writeFileSync(path.join(dir, '_config.yml'), 'title: blog\n');
    fs.mkdirSync(path.join(dir, 'source'));
    assert.throws(
      () => exportHexo(dir, [feed], [item('a', 'Alpha')]),
      (error: Error) => error.message.includes(path.join(dir, 'source', '_posts')),
    );
    assert.deepEqual(fs.readdirSync(dir).sort(), ['_config.yml', 'source']);
  });

  test('posts of items no longer stored go; the user’s own files stay', () => {
    exportHexo(dir, [feed], [item('a', 'Alpha'), item('b', 'Beta')]);
    const mine = path.join(folder(dir), 'my-notes.md');
    fs.writeFileSync(mine, 'mine');
    fs.writeFileSync(path.join(dir, 'about.md'), 'about');
    const report = exportHexo(dir, [feed], [item('a', 'Alpha')]);
    assert.deepEqual(report.removed, ['新媒体/Test Site/快讯/Beta.md']);
    assert.ok(!fs.existsSync(path.join(folder(dir), 'Beta.md')));
    assert.ok(fs.existsSync(mine) && fs.existsSync(path.join(dir, 'about.md')));
  });

  test('empty folders left by removed posts go too, the export folder stays', () => {
    exportHexo(dir, [feed], [item('a', 'Alpha')]);
    exportHexo(dir, [feed], []);
    assert.deepEqual(fs.readdirSync(dir), [MANIFEST_NAME]);
  });

  test('a stale post edited since the export is kept and reported', () => {
    exportHexo(dir, [feed], [item('a', 'Alpha')]);
    fs.appendFileSync(path.join(folder(dir), 'Alpha.md'), '\nmy edit');
    const report = exportHexo(dir, [feed], []);
    assert.deepEqual(report.keptEdited, ['新媒体/Test Site/快讯/Alpha.md']);
    assert.ok(fs.existsSync(path.join(folder(dir), 'Alpha.md')));
  });

  test('a user file with a post’s name is never overwritten: the post gets a stable suffix', () => {
    fs.mkdirSync(folder(dir), { recursive: true });
    fs.writeFileSync(path.join(folder(dir), 'Alpha.md'), 'mine');
    const first = exportHexo(dir, [feed], [item('a', 'Alpha')]);
    assert.equal(fs.readFileSync(path.join(folder(dir), 'Alpha.md'), 'utf8'), 'mine');
    assert.match(first.written[0]!, /\/Alpha~[0-9a-f]{6}\.md$/);
    assert.deepEqual(first.fixes.get('collision-suffix'), 1);
    const second = exportHexo(dir, [feed], [item('a', 'Alpha')]);
    assert.deepEqual(second.written, [], 'same name next time');
  });

  test('a manifest moved away (as its error says to): the posts are taken over, not duplicated', () => {
    const items = [item('a', 'Alpha'), item('b', 'Beta', { sourceHtml: '<p>no image</p>' })];
    exportHexo(dir, [feed], items);
    fs.renameSync(path.join(dir, MANIFEST_NAME), path.join(dir, '..', `${path.basename(dir)}.bak`));
    const report = exportHexo(dir, [feed], items);
    fs.rmSync(path.join(dir, '..', `${path.basename(dir)}.bak`));
    assert.deepEqual(report.adopted.sort(), [
      '新媒体/Test Site/快讯/Alpha.md',
      '新媒体/Test Site/快讯/Beta.md',
    ]);
    assert.deepEqual([report.written, report.fixes.get('collision-suffix')], [[], undefined]);
    assert.deepEqual(fs.readdirSync(folder(dir)).sort(), ['Alpha.md', 'Beta.md']);
    // Listed again: removed with their items.
    assert.deepEqual(exportHexo(dir, [feed], []).removed.length, 2);
  });

  test("the old script's post of an item (another random placeholder) is taken over", () => {
    const beta = item('b', 'Beta', { sourceHtml: '<p>no image</p>' });
    exportHexo(dir, [feed], [beta]);
    const ours = fs.readFileSync(path.join(folder(dir), 'Beta.md'), 'utf8');
    fs.rmSync(path.join(dir, MANIFEST_NAME));
    const old = ours.replace(/random=\d+/g, 'random=12345');
    assert.notEqual(old, ours);
    fs.writeFileSync(path.join(folder(dir), 'Beta.md'), old);
    fs.writeFileSync(path.join(folder(dir), 'Alpha.md'), ours.replace('Beta', 'Alpha, mine'));
    const report = exportHexo(dir, [feed], [beta, item('a', 'Alpha')]);
    assert.deepEqual(report.adopted, ['新媒体/Test Site/快讯/Beta.md']);
    assert.equal(fs.readFileSync(path.join(folder(dir), 'Beta.md'), 'utf8'), ours);
    assert.match(fs.readFileSync(path.join(folder(dir), 'Alpha.md'), 'utf8'), /Alpha, mine/);
    assert.match(
      report.written.join(),
      /Alpha~[0-9a-f]{6}\.md/,
      'a different post stays the user’s',
    );
  });

  test('a symbolic link at a post’s name is never taken over, even to the same post', () => {
    exportHexo(dir, [feed], [item('a', 'Alpha')]);
    fs.rmSync(path.join(dir, MANIFEST_NAME));
    const alpha = path.join(folder(dir), 'Alpha.md');
    fs.renameSync(alpha, path.join(dir, 'elsewhere.md'));
    fs.symlinkSync(path.join(dir, 'elsewhere.md'), alpha);
    const report = exportHexo(dir, [feed], [item('a', 'Alpha')]);
    assert.deepEqual(report.adopted, []);
    assert.ok(fs.lstatSync(alpha).isSymbolicLink());
  });

  test('two items with the same title: the older keeps the name, both keep theirs later', () => {
    const older = item('k1', 'Same', { firstSeen: '2022-01-01T00:00:00.000Z' });
    const newer = item('k2', 'Same', { firstSeen: '2022-02-01T00:00:00.000Z' });
    exportHexo(dir, [feed], [newer, older]);
    const names = fs.readdirSync(folder(dir)).sort();
    assert.equal(names.length, 2);
    assert.equal(names[0], 'Same.md');
    assert.match(fs.readFileSync(path.join(folder(dir), 'Same.md'), 'utf8'), /<p>Same<\/p>/);
    // The older one leaves (retention): the newer keeps its suffixed name, nothing moves.
    const report = exportHexo(dir, [feed], [newer]);
    assert.deepEqual(report.written, []);
    assert.deepEqual(report.removed, ['新媒体/Test Site/快讯/Same.md']);
  });

  test('a feed whose history moved to a new key keeps its posts as they were', () => {
    const older = item('k1', 'Same', { firstSeen: '2022-01-01T00:00:00.000Z' });
    const newer = item('k2', 'Same', { firstSeen: '2022-02-01T00:00:00.000Z', sourceHtml: '' });
    exportHexo(dir, [feed], [newer, older]);
    exportHexo(dir, [feed], [newer]); // the older one leaves; the newer keeps its suffix
    const before = fs.readdirSync(folder(dir));
    const moved: StoredFeed = { ...feed, key: 'url:https://moved.example/feed', pageKey: feed.key };
    const report = exportHexo(dir, [moved], [{ ...newer, feedKey: moved.key }]);
    assert.deepEqual(report.written, [], 'same name, same placeholder image');
    assert.deepEqual(report.removed, []);
    assert.deepEqual(fs.readdirSync(folder(dir)), before);
  });

  test('names differing only in case count as the same (macOS, Windows)', () => {
    exportHexo(dir, [feed], [item('a', 'iPhone news'), item('b', 'IPHONE NEWS')]);
    const names = fs.readdirSync(folder(dir)).map((n) => n.toLowerCase());
    assert.equal(new Set(names).size, 2);
  });

  test('nothing is written outside the folder, whatever the titles or a tampered manifest say', () => {
    const outside = path.join(path.dirname(dir), `outside-${path.basename(dir)}.md`);
    fs.writeFileSync(
      path.join(dir, MANIFEST_NAME),
      JSON.stringify({
        format: 'tidings-hexo-export',
        version: 1,
        posts: { [`../${path.basename(outside)}`]: { identity: 'x', sha256: [] } },
      }),
    );
    fs.writeFileSync(outside, 'not yours');
    try {
      exportHexo(
        dir,
        [{ ...feed, category: '..', site: '/etc' }],
        [item('a', '../../escape'), item('b', '/absolute')],
      );
      assert.equal(fs.readFileSync(outside, 'utf8'), 'not yours');
      const all = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' });
      assert.ok(all.every((p) => !p.split(path.sep).includes('..')));
      assert.equal(all.filter((p) => p.endsWith('.md')).length, 2);
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });

  test(
    'a symbolic link inside the folder is not followed',
    { skip: process.platform === 'win32' },
    () => {
      const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-elsewhere-'));
      try {
        fs.symlinkSync(elsewhere, path.join(dir, '新媒体'));
        const report = exportHexo(dir, [feed], [item('a', 'Alpha')]);
        assert.equal(report.failed.length, 1);
        assert.match(report.failed[0]!.message, /symbolic link/);
        assert.deepEqual(fs.readdirSync(elsewhere), []);
      } finally {
        fs.rmSync(elsewhere, { recursive: true, force: true });
      }
    },
  );

  test('front matter stays valid YAML where the old quoting would break', () => {
    const titles = [
      `It's "quoted"`,
      `Vivy -Fluorite Eye's Song-`,
      `'"M1 Pro"'`,
      'a # b: c',
      'x {{ y }}',
    ];
    exportHexo(
      dir,
      [{ ...feed, site: 'yes', name: '- dash' }],
      titles.map((t, i) => item(`k${i}`, t)),
    );
    for (const name of fs.readdirSync(
      folder(dir).replace('Test Site', 'yes').replace('快讯', '- dash'),
    )) {
      const text = fs.readFileSync(path.join(dir, '新媒体', 'yes', '- dash', name), 'utf8');
      const data = frontMatter(text);
      assert.deepEqual(data.categories, ['新媒体', 'yes', '- dash']);
      assert.equal(data.author, 'yes');
      assert.equal(data.date, 'Sun, 31 Jul 2022 06:13:25 GMT');
      const expected = titles.map((t) =>
        hexoTitle(t).replace(/\{/g, '&#123;').replace(/\}/g, '&#125;'),
      );
      assert.ok(
        expected.includes(data.title as string),
        `${String(data.title)}: one of the titles`,
      );
    }
    const vivy = fs.readFileSync(
      path.join(dir, '新媒体', 'yes', '- dash', "Vivy -Fluorite Eye's Song-.md"),
      'utf8',
    );
    assert.match(vivy, /^title: "Vivy -Fluorite Eye's Song-"$/m, 'the old quoting where it works');
  });

  test('an item without a date gets the time it was first seen, and the same image every run', () => {
    const undated = item('a', 'Undated', { publishedText: null, sourceHtml: '<p>no image</p>' });
    exportHexo(dir, [feed], [undated]);
    const text = fs.readFileSync(path.join(folder(dir), 'Undated.md'), 'utf8');
    assert.match(text, /^date: 2022-08-01 00:00:01$/m);
    const image = /^headimg: '(https:\/\/picsum\.photos\/400\/300\?random=\d+)'$/m.exec(text)?.[1];
    assert.ok(image);
    assert.match(text, new RegExp(`^thumbnail: '${image.replace(/[?.]/g, '\\$&')}'$`, 'm'));
    assert.deepEqual(exportHexo(dir, [feed], [undated]).written, []);
  });

  test('a date Hexo cannot read, or reads otherwise, is written as the time Tidings read', () => {
    const chinese = item('a', 'Chinese', {
      publishedText: '2021年12月25日 08:03:46',
      published: '2021-12-25T00:03:46.000Z',
    });
    const cst = item('b', 'China time', {
      publishedText: 'Sat, 25 Dec 2021 08:03:46 CST',
      published: '2021-12-25T00:03:46.000Z',
    });
    const report = exportHexo(dir, [feed], [chinese, cst]);
    for (const name of ['Chinese', 'China time']) {
      const text = fs.readFileSync(path.join(folder(dir), `${name}.md`), 'utf8');
      assert.match(text, /^date: Sat, 25 Dec 2021 00:03:46 GMT$/m, name);
    }
    assert.equal(report.fixes.get('hexo-date'), 2);
  });

  test('the image is the first <img src> an HTML parser sees (not one in a comment)', () => {
    const html =
      '<!-- <img src="https://x/hidden.png"> --><p><img data-x="1" src="https://x/a.png?a=1&amp;b=2"></p><img src="https://x/b.png">';
    exportHexo(dir, [feed], [item('a', 'Pics', { sourceHtml: html })]);
    const text = fs.readFileSync(path.join(folder(dir), 'Pics.md'), 'utf8');
    assert.match(text, /^headimg: 'https:\/\/x\/a\.png\?a=1&b=2'$/m);
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runTidingsSync } from '../support/run-tidings.js';
import { WatchProcess } from './watch-process.js';

// `tidings watch` prepares stored items again (a feed's clean rule changed) before its first
// build, so that build shows them cleaned: those gone from the feed too, which no fetch
// brings back.

const item = (guid: string) => `<item><title>条目 ${guid}</title><guid>${guid}</guid>
<link>http://example.invalid/${guid}</link>
<description><![CDATA[<p>正文 ${guid}</p><p class="ad">广告：扫码下载</p>]]></description></item>`;
const feed = (...guids: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Steady</title>${guids.map(item).join('')}</channel></rss>`;

const config = (clean: string) => `${clean}
sources:
  - category: News
    sites:
      - name: Steady
        feeds:
          - { name: steady, file: feed.xml }
`;

function pageOf(outputDir: string, title: string): string {
  for (const name of fs.readdirSync(path.join(outputDir, 'items'))) {
    const html = fs.readFileSync(path.join(outputDir, 'items', name), 'utf8');
    if (html.includes(`<h1>${title}</h1>`)) return html;
  }
  throw new Error(`no item page titled ${title}`);
}

test('watch prepares stored items again before its first build, and says so', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-watch-reprepare-'));
  const configFile = path.join(dir, 'tidings.yaml');
  try {
    fs.writeFileSync(configFile, config(''));
    fs.writeFileSync(path.join(dir, 'feed.xml'), feed('a1', 'a2'));
    let update = runTidingsSync(['update', '--no-build', '--config', configFile]);
    assert.equal(update.code, 0, update.stderr);
    // a1 leaves the feed; then the feed gets a clean rule.
    fs.writeFileSync(path.join(dir, 'feed.xml'), feed('a2'));
    update = runTidingsSync(['update', '--no-build', '--config', configFile]);
    assert.equal(update.code, 0, update.stderr);
    fs.writeFileSync(configFile, config('content: { clean: { remove: ["p.ad"] } }'));

    const watch = new WatchProcess(['--config', configFile]);
    try {
      const built = await watch.waitFor((event) => event.event === 'build', 30_000);
      const reprepared = watch.events.find((event) => event.event === 'reprepared');
      assert.ok(reprepared, `a reprepared event; got ${JSON.stringify(watch.events)}`);
      assert.ok(watch.events.indexOf(reprepared) < watch.events.indexOf(built), 'before the build');
      assert.equal(reprepared['feeds'], 1);
      assert.equal(reprepared['items'], 2);
      assert.equal(reprepared['changed'], 2);
      const gone = pageOf(path.join(dir, 'public'), '条目 a1');
      assert.match(gone, /正文 a1/);
      assert.doesNotMatch(gone, /广告/);
      watch.child.kill('SIGTERM');
      assert.deepEqual(await watch.exited, { code: 0, signal: null });
    } finally {
      watch.kill();
    }

    // Nothing left to do: a second watch says nothing about it.
    const again = new WatchProcess(['--config', configFile]);
    try {
      await again.waitFor((event) => event.event === 'build', 30_000);
      assert.equal(
        again.events.some((event) => event.event === 'reprepared'),
        false,
        JSON.stringify(again.events),
      );
      again.child.kill('SIGTERM');
      assert.deepEqual(await again.exited, { code: 0, signal: null });
    } finally {
      again.kill();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runTidingsSync } from '../support/run-tidings.js';

function rss(prefix: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${prefix}</title>` +
    `<item><title>${prefix}-item</title><guid>${prefix}-1</guid>` +
    `<pubDate>Sat, 25 Dec 2021 08:03:00 GMT</pubDate><description>正文</description></item>` +
    `</channel></rss>`
  );
}

function configText(files: string[]): string {
  return `store: tidings.db
sources:
  - category: 新闻
    sites:
      - name: 本地
        feeds:
${files.map((file) => `          - { name: 要闻, file: ${file} }`).join('\n')}
`;
}

test('a second feed under a name already used gets a new folder; the first keeps its own', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-siblings-'));
  const config = path.join(dir, 'tidings.yaml');
  const tidings = (...args: string[]) => runTidingsSync([...args, '--config', config], dir);
  const siteFolder = path.join(dir, 'public', 'categories', '新闻', '本地');
  const feedFolders = () => fs.readdirSync(siteFolder).filter((name) => name.startsWith('要闻'));
  const page = (folder: string) =>
    fs.readFileSync(path.join(siteFolder, folder, 'index.html'), 'utf8');
  try {
    fs.writeFileSync(path.join(dir, 'first.xml'), rss('first'));
    fs.writeFileSync(path.join(dir, 'second.xml'), rss('second'));
    fs.writeFileSync(config, configText(['first.xml']));
    assert.equal(tidings('update').code, 0);
    assert.deepEqual(feedFolders(), ['要闻']);

    // Listed first in the config, stored second: the config's order does not decide.
    fs.writeFileSync(config, configText(['second.xml', 'first.xml']));
    const second = tidings('update');
    assert.equal(second.code, 0, second.stderr);
    const folders = feedFolders().sort();
    assert.equal(folders.length, 2);
    assert.equal(folders[0], '要闻');
    assert.match(folders[1]!, /^要闻-[0-9a-f]{6}$/);
    assert.match(page('要闻'), /first-item/);
    assert.doesNotMatch(page('要闻'), /second-item/);
    assert.match(page(folders[1]!), /second-item/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

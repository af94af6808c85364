import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cli, runTidingsSync } from '../support/run-tidings.js';

// `parse --help` is where a user learns the JSON it prints: every field the output has is named.
describe('tidings parse --help', { skip: !fs.existsSync(cli) && 'run npm run build' }, () => {
  it('names every field of the JSON it prints, and the exit codes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-parse-help-'));
    try {
      const file = path.join(dir, 'feed.xml');
      fs.writeFileSync(
        file,
        '<rss version="2.0"><channel><title>t</title><item><title>a</title>' +
          '<enclosure url="https://x/a.mp3" type="audio/mpeg" length="1"/></item></channel></rss>',
      );
      const parsed = runTidingsSync(['parse', file]);
      assert.equal(parsed.code, 0, parsed.stderr);
      const feed = JSON.parse(parsed.stdout) as Record<string, unknown> & { items: object[] };
      const item = feed.items[0] as Record<string, unknown> & { enclosures: object[] };
      const help = runTidingsSync(['parse', '--help']).stdout;
      for (const key of [
        ...Object.keys(feed),
        ...Object.keys(item),
        ...Object.keys(item.enclosures[0]!),
      ]) {
        assert.match(help, new RegExp(`\\b${key}\\b`), `--help names "${key}"`);
      }
      assert.match(help, /Exit codes: 0 printed the feed; 1 /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { exportHexo } from '../../src/export/export-hexo.js';
import { compareWithExpected, formatComparison } from '../support/compare-hexo-posts.js';
import { fixtureAvailable, fixtureRoutes } from '../support/rsshub-page-fixture.js';
import { fixtureTemplate, storedFixture } from '../support/stored-fixture.js';

describe(
  'Hexo export of the rsshub-page fixture',
  { skip: !fixtureAvailable && 'no ../shared fixtures' },
  () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-hexo-fixture-'));
    after(() => fs.rmSync(out, { recursive: true, force: true }));
    const routes = fixtureRoutes();

    test('every fixture item gives the old post, byte for byte or by a listed fix', () => {
      const { feeds, items } = storedFixture();
      assert.equal(
        items.length,
        routes.reduce((n, r) => n + r.items, 0),
        'every feed item parsed',
      );
      const report = exportHexo(out, feeds, items, { template: fixtureTemplate });
      assert.deepEqual(report.failed, []);
      assert.deepEqual(report.skipped, []);
      assert.equal(report.posts, items.length);

      const result = compareWithExpected(out, routes);
      console.log(formatComparison(result));
      assert.deepEqual(result.other, [], 'differences no listed fix explains');
      assert.deepEqual(result.extra, [], 'posts with no old counterpart');
      assert.equal(result.compared, items.length);
      assert.ok(result.exact > 0);
    });

    test('a second export of the same items rewrites nothing', () => {
      const { feeds, items } = storedFixture();
      const before = fs.statSync(path.join(out, routes[0]!.category)).mtimeMs;
      const report = exportHexo(out, feeds, items, { template: fixtureTemplate });
      assert.deepEqual(report.written, []);
      assert.equal(report.unchanged, items.length);
      assert.equal(fs.statSync(path.join(out, routes[0]!.category)).mtimeMs, before);
    });
  },
);

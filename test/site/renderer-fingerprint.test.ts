import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { codeModules } from '../../src/code-fingerprint.js';
import { rendererFingerprint } from '../../src/site/renderer-fingerprint.js';

const src = join(import.meta.dirname, '..', '..', 'src');
const dist = join(import.meta.dirname, '..', '..', 'dist');

for (const [name, root] of [
  ['source', src],
  ['compiled', dist],
] as const) {
  test(`the renderer's modules include those of other stages that shape pages (${name})`, () => {
    const modules = codeModules([join(root, 'site'), join(root, 'search')]).map((file) =>
      file.slice(root.length + 1).replace(/\.ts$/, '.js'),
    );
    // The names shown on pages, image URLs, times and entities come from other stages: a change
    // there must re-render the pages as one in site/ does.
    for (const module of [
      'content/display-text.js',
      'content/safe-url.js',
      'parse/zone-offset.js',
      'parse/character-references.js',
      'site/render-river.js',
      'search/search-script.js',
    ]) {
      assert.ok(modules.includes(module), `${module} is missing from ${modules.join(' ')}`);
    }
    // Declaration files and source maps are not code.
    assert.ok(modules.every((module) => module.endsWith('.js')));
    // Stages the site does not use stay out: a fetch change re-renders nothing.
    assert.ok(!modules.some((module) => module.startsWith('fetch/')));
  });
}

test('the fingerprint is 16 URL-safe characters, the same for each call', () => {
  const fingerprint = rendererFingerprint();
  assert.match(fingerprint, /^[A-Za-z0-9_-]{16}$/);
  assert.equal(rendererFingerprint(), fingerprint);
});

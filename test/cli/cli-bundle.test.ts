import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { cli, repo, runTidingsSync } from '../support/run-tidings.js';

/**
 * The built CLI is esbuild's bundle in dist/cli/ (tools/bundle-cli.mjs, run by `npm run
 * build`, which `npm test` runs first). What the bundle must keep from the unbundled build.
 */

const bundleFolder = path.dirname(cli);

/** Every worker thread a module starts by the name of a file next to it. */
function workerEntryNames(): string[] {
  const names = new Set<string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(file, 'utf8');
        for (const match of text.matchAll(/siblingModule\(import\.meta\.url, '([\w-]+)'\)/g))
          names.add(match[1]!);
        for (const match of text.matchAll(/new URL\(`\.\/([\w-]+)\$\{extname\(here\)\}`/g))
          names.add(match[1]!);
      }
    }
  };
  walk(path.join(repo, 'src'));
  return [...names].sort();
}

test('every worker thread entry file is built next to the bundled CLI', () => {
  const names = workerEntryNames();
  // The four the code starts today: a new one must be added to tools/bundle-cli.mjs's list.
  assert.deepEqual(names, [
    'item-page-worker',
    'prepare-worker',
    'search-index-worker',
    'store-writer-worker',
  ]);
  for (const name of names) {
    assert.ok(existsSync(path.join(bundleFolder, `${name}.js`)), `dist/cli/${name}.js is missing`);
  }
});

test('the bundle keeps better-sqlite3 outside (a native addon) and has source maps', () => {
  const files = readdirSync(bundleFolder).filter((name) => name.endsWith('.js'));
  const text = files.map((name) => readFileSync(path.join(bundleFolder, name), 'utf8')).join('\n');
  assert.match(text, /from "better-sqlite3"/);
  for (const name of files) assert.ok(existsSync(path.join(bundleFolder, `${name}.map`)), name);
});

test('commands stay chunks of their own, loaded only when run', () => {
  const main = readFileSync(cli, 'utf8');
  assert.match(main, /import\("\.\/update-command-[\w-]+\.js"\)/);
  assert.match(main, /import\("\.\/build-command-[\w-]+\.js"\)/);
  assert.doesNotMatch(main, /registerUpdateCommand\s*\(program\)\s*\{/);
});

/** The bundle files `file` imports statically, itself and all below it (not dynamic imports). */
function loadedWith(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(path.join(bundleFolder, file), 'utf8');
  for (const match of text.matchAll(/^import\s(?:[^;]*?from\s*)?"\.\/([^"]+)";/gms)) {
    loadedWith(match[1]!, seen);
  }
  return seen;
}

test('update and watch load the content stage (sanitiser, DOM) only to prepare items again', () => {
  for (const command of ['update-command', 'watch-command']) {
    const entry = readdirSync(bundleFolder).find((name) => name.startsWith(`${command}-`) && name.endsWith('.js')); // prettier-ignore
    assert.ok(entry, command);
    const loaded = [...loadedWith(entry)].map((file) => readFileSync(path.join(bundleFolder, file), 'utf8')); // prettier-ignore
    // Their first request waits for whatever they load up front: the items are prepared on
    // worker threads, and stored items again only when a feed's preparation changed.
    assert.ok(
      loaded.some((text) => text.includes('// src/store/sqlite-store.ts')),
      'the walk works',
    );
    for (const module of [
      'src/content/sanitize-dom.ts',
      'src/content/clean-html.ts',
      'node_modules/domhandler/',
    ]) {
      assert.ok(
        !loaded.some((text) => text.includes(`// ${module}`)),
        `${command} loads ${module} up front`,
      );
    }
  }
});

test('--version prints the version in package.json', () => {
  const { version } = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
    version: string;
  };
  for (const flag of ['--version', '-v']) {
    const result = runTidingsSync([flag]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), version);
  }
});

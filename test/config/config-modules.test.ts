import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { repo } from '../support/run-tidings.js';

/**
 * Start-up cost: loading a valid config must not load the `yaml` package (~40 ms to import,
 * ~0.2 s to read a 1,000-feed config) nor css-select unless the config has selectors.
 * Runs the built loader (dist/, as `npm test` builds it) in a fresh process that records
 * every module loaded, through ESM imports and through require.
 */
function modulesLoadedFor(configText: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-config-modules-'));
  try {
    const configFile = path.join(dir, 'tidings.yaml');
    fs.writeFileSync(configFile, configText);
    const loader = pathToFileURL(path.join(repo, 'dist/config/load-config.js')).href;
    const hooks = `let port;
      export function initialize(data) { port = data.port; }
      export async function load(url, context, next) { port.postMessage(url); return next(url, context); }`;
    const script = `
      import { createRequire, register } from 'node:module';
      import { MessageChannel } from 'node:worker_threads';
      const { port1, port2 } = new MessageChannel();
      const urls = [];
      const done = new Promise((resolve) => port1.on('message', (url) => {
        if (url.startsWith('data:text/javascript,//end')) resolve(); else urls.push(url);
      }));
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}), {
        data: { port: port2 }, transferList: [port2],
      });
      const { loadConfig } = await import(${JSON.stringify(loader)});
      loadConfig(${JSON.stringify(configFile)});
      await import('data:text/javascript,//end');
      await done;
      port1.close();
      const required = Object.keys(createRequire(import.meta.url).cache);
      process.stdout.write(JSON.stringify([...urls, ...required]));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    return JSON.parse(out) as string[];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const loaded = (modules: string[], pkg: string) =>
  modules.some((m) => m.includes(`/node_modules/${pkg}/`));

const FEEDS = `sources:
  - category: A
    sites:
      - name: B
        feeds:
          - { name: C, url: "http://127.0.0.1:1200/c" }
`;

describe('config: modules loaded', () => {
  test('a valid config loads neither the yaml package nor css-select', () => {
    const modules = modulesLoadedFor(FEEDS);
    assert.ok(loaded(modules, 'js-yaml'), 'the recorder sees the modules loaded');
    assert.ok(loaded(modules, 'zod'), 'the recorder sees the modules loaded');
    assert.ok(!loaded(modules, 'yaml'), 'yaml is not loaded');
    assert.ok(!loaded(modules, 'css-select'), 'css-select is not loaded');
  });

  test('css-select is loaded to check the selectors of a config that has some', () => {
    const modules = modulesLoadedFor(`content:\n  clean:\n    remove: [".share"]\n${FEEDS}`);
    assert.ok(loaded(modules, 'css-select'));
    assert.ok(!loaded(modules, 'yaml'));
  });
});

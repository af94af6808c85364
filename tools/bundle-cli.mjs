// Bundles the command-line tool into dist/cli/ (run by `npm run build`, after tsc has compiled
// the library into the rest of dist/). Why: Node 20 has no compile cache for ES modules, and
// the CLI loaded ~180 of them (95 of them zod's) before `tidings update` sent its first
// request; one module per command loads in a fraction of that time.
//
// What it makes, all in dist/cli/ (one folder, two levels below the package root like every
// module in src/, so the paths the code finds from `import.meta.url` — package.json, the demo
// site, the sibling worker entry files, dist/<stage>/ for the config and renderer fingerprints —
// stay the same as in the unbundled build):
// - main.js, the `tidings` entry point; every command stays a chunk of its own, loaded only
//   when it runs (code splitting of main.ts's dynamic imports);
// - one entry file per worker thread (`new Worker(new URL('./<name>.js', import.meta.url))`);
// - shared chunks, and source maps for all (`node --enable-source-maps` maps stack traces to
//   src/).
// Libraries are bundled too, except better-sqlite3 (a native addon that finds its binary
// relative to its own files).
import { build } from 'esbuild';
import { recordCodeFingerprints } from '../dist/code-fingerprint.js';
import { CONFIG_READER_STAGES } from '../dist/config/reader-stages.js';
import { PREPARER_STAGES } from '../dist/content/preparer-fingerprint.js';
import { RENDERER_STAGES } from '../dist/site/renderer-fingerprint.js';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/cli`;

/** Worker thread entry points: each is started by the name of its file, next to its caller. */
const WORKERS = [
  'src/content/prepare-worker.ts',
  'src/store/store-writer-worker.ts',
  'src/site/item-page-worker.ts',
  'src/search/search-index-worker.ts',
];

// Chunk names carry a content hash: clear the folder so no stale chunk is left behind.
await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts', ...WORKERS],
  outdir,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3'],
  sourcemap: true,
  logLevel: 'warning',
  // Bundled CommonJS libraries call `require` for Node's own modules; an ES module has none.
  banner: {
    js: "import { createRequire as __tidingsCreateRequire } from 'node:module'; const require = __tidingsCreateRequire(import.meta.url);",
  },
});

// The code hashes of the stages that key stored items, pages and cached configs, worked out
// once here rather than at every run (src/code-fingerprint.ts, RECORDED_FINGERPRINTS).
recordCodeFingerprints(`${root}dist`, [PREPARER_STAGES, RENDERER_STAGES, CONFIG_READER_STAGES]);

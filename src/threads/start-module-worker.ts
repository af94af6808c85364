import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread running `entry` (a module next to the caller). Built code (`dist/`,
 * `.js`) starts it directly. Run from the TypeScript sources (the tests, under tsx), a worker
 * does not get tsx's module hooks (Node 20 runs no `--import` in workers), so it registers
 * them first.
 */
export function startModuleWorker(entry: URL, options: WorkerOptions = {}): Worker {
  const extension = path.extname(fileURLToPath(entry));
  if (extension !== '.ts') return new Worker(entry, options);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(
    `import(${tsx}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`,
    { ...options, eval: true },
  );
}

/** `name` (without extension) next to `moduleUrl`, with the caller's extension (.js or .ts). */
export function siblingModule(moduleUrl: string, name: string): URL {
  const extension = path.extname(fileURLToPath(moduleUrl));
  return new URL(`./${name}${extension}`, moduleUrl);
}

import { Worker } from 'node:worker_threads';
console.log('main execArgv', process.execArgv);
for (let i = 0; i < 3; i++) {
  const w = new Worker(new URL('./w-entry.ts', import.meta.url), { execArgv: process.execArgv });
  w.on('message', (m) => { console.log('msg', i, m); void w.terminate(); });
  w.on('error', (e) => console.log('error', i, e.message));
}

import { Worker } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
const w = new Worker(`const {parentPort}=require('node:worker_threads'); parentPort.on('message', m => parentPort.postMessage(m.id));`, { eval: true });
const body = readFileSync('/tmp/fb/f1.xml');
console.log('body bytes', body.length, 'buffer bytes', body.buffer.byteLength);
let got = 0; w.on('message', () => got++);
await new Promise(r => setTimeout(r, 300));
for (const variant of ['as-is', 'copy', 'transfer']) {
  const t = performance.now(); const c0 = process.cpuUsage();
  for (let i = 0; i < 1000; i++) {
    if (variant === 'as-is') w.postMessage({ id: i, request: { body } });
    else if (variant === 'copy') w.postMessage({ id: i, request: { body: new Uint8Array(body) } });
    else { const b = new Uint8Array(body); w.postMessage({ id: i, request: { body: b } }, [b.buffer]); }
  }
  console.log(variant, (performance.now() - t).toFixed(1), 'ms wall', (process.cpuUsage(c0).user / 1000).toFixed(1), 'ms user');
  await new Promise(r => setTimeout(r, 300));
}
await w.terminate();

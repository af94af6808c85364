import { Worker } from 'node:worker_threads';
const w = new Worker(`console.log('worker running'); import(${JSON.stringify(new URL('./w-entry.ts', import.meta.url).href)}).then(()=>console.log('loaded'), e=>console.log('fail', e.message))`, { eval: true, execArgv: ['--import', 'tsx'] });
w.on('message', (m) => { console.log('msg', m); void w.terminate(); });
w.on('error', (e) => console.log('error', e.message));
const w2 = new Worker(`import('tsx/esm/api').then(({register})=>{register(); return import(${JSON.stringify(new URL('./w-entry.ts', import.meta.url).href)})}).then(()=>console.log('loaded2'), e=>console.log('fail2', e.message))`, { eval: true });
w2.on('message', (m) => { console.log('msg2', m); void w2.terminate(); });

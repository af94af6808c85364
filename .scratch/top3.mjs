import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2]));
const dt = {}; p.samples.forEach((s, i) => dt[s] = (dt[s] ?? 0) + (p.timeDeltas[i] ?? 0));
const self = new Map();
for (const n of p.nodes) { const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (dt[n.id] ?? 0)); }
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 30))) console.log((v / 1000).toFixed(1).padStart(8), k);

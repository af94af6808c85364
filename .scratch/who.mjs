import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2])); const name = process.argv[3];
const dt = {}; p.samples.forEach((s, i) => dt[s] = (dt[s] ?? 0) + (p.timeDeltas[i] ?? 0));
const byId = new Map(p.nodes.map(n => [n.id, n])); const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const chains = new Map();
for (const n of p.nodes) if (n.callFrame.functionName === name && dt[n.id]) { const chain = []; for (let id = parent.get(n.id); id !== undefined && chain.length < 6; id = parent.get(id)) { const f = byId.get(id).callFrame; chain.push(`${f.functionName}@${f.url.split('/').slice(-1)[0]}:${f.lineNumber}`); } const k = chain.join(' < '); chains.set(k, (chains.get(k) ?? 0) + dt[n.id]); }
for (const [k, v] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log((v/1000).toFixed(0), k);

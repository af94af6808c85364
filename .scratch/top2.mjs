import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2]));
const dt = {}; p.samples.forEach((s, i) => dt[s] = (dt[s] ?? 0) + (p.timeDeltas[i] ?? 0));
const byId = new Map(p.nodes.map(n => [n.id, n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
// bucket by category: walk up to find a known file
const cat = (n) => { for (let id = n.id; id !== undefined; id = parent.get(id)) { const u = byId.get(id).callFrame.url; const f = byId.get(id).callFrame.functionName;
  if (/better-sqlite3|sqlite-store/.test(u)) return 'sqlite'; if (/\/content\//.test(u)) return 'content'; if (/\/parse\//.test(u)) return 'parse'; if (/undici|\/fetch\//.test(u)) return 'http'; if (/prepare-pool/.test(u)) return 'pool'; }
  const f = n.callFrame.functionName; return f.startsWith('(') ? f : 'other:' + n.callFrame.url.split('/').slice(-2).join('/'); };
const buckets = {}; let total = 0;
for (const n of p.nodes) { const t = dt[n.id] ?? 0; total += t; const c = cat(n); buckets[c] = (buckets[c] ?? 0) + t; }
console.log('total', (total/1e6).toFixed(2), 's');
for (const [k, v] of Object.entries(buckets).sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log((v/1e6).toFixed(3).padStart(8), k);

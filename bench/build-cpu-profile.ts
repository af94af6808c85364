import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where a build spends its time: reads a V8 CPU profile (`node --cpu-prof`, as written by
 * `npm run bench:build -- 10000 --only tidings --cpu-prof DIR`) and prints self time by
 * source file and by function, largest first.
 *
 * Usage: node --import tsx bench/build-cpu-profile.ts FILE.cpuprofile [TOP]
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time in ms per profile node, from the sample stream. */
function selfTimes(profile: CpuProfile): Map<number, number> {
  const times = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    times.set(id, (times.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return times;
}

/** `file:///…/dist/site/x.js` → `dist/site/x.js`; node internals and V8 states stay as named. */
function shortUrl(url: string): string {
  if (url === '') return '(V8/native)';
  const match = /\/(dist|node_modules)\/(.*)$/.exec(url);
  return match ? `${match[1]}/${match[2]}` : url.replace(/^node:/, 'node:');
}

function printTop(title: string, totals: Map<string, number>, all: number, top: number): void {
  console.log(`\n${title}`);
  const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [name, ms] of rows) {
    console.log(`${(ms / 1000).toFixed(2).padStart(8)} s ${((ms / all) * 100).toFixed(1).padStart(5)}%  ${name}`); // prettier-ignore
  }
}

export function summarizeProfile(path: string, top = 25): void {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const times = selfTimes(profile);
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let all = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const ms = times.get(node.id) ?? 0;
    if (ms === 0) continue;
    // Waiting on I/O (file writes, SQLite is synchronous): not work, shown apart.
    if (node.callFrame.functionName === '(idle)') {
      idle += ms;
      continue;
    }
    all += ms;
    const file = shortUrl(node.callFrame.url);
    const name = node.callFrame.functionName || '(anonymous)';
    const where = node.callFrame.url ? `${file}:${node.callFrame.lineNumber + 1}` : file;
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
    byFunction.set(`${name}  ${where}`, (byFunction.get(`${name}  ${where}`) ?? 0) + ms);
  }
  console.log(`${path}: ${(all / 1000).toFixed(2)} s busy, ${(idle / 1000).toFixed(2)} s idle`);
  printTop('Self time by file', byFile, all, top);
  printTop('Self time by function', byFunction, all, top);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = process.argv[2];
  if (!path) {
    console.error('usage: node --import tsx bench/build-cpu-profile.ts FILE.cpuprofile [TOP]');
    process.exit(2);
  }
  summarizeProfile(path, Number(process.argv[3] ?? '25'));
}

// Child process of parse-bench.ts: parses one file with our built parser and reports its
// memory as JSON. Plain JavaScript on purpose, so no TypeScript loader sits in the
// process being measured. The kernel's high-water mark (VmHWM) is the true peak, which
// sampling from a timer could not see: the parse is synchronous and no timer fires during
// it. (getrusage's maxRSS would not do: Linux carries it over from the parent process.)
// PEAK_RSS_DETAIL=1 adds, read after the peak, what V8's heap spaces and the memory
// outside the heap hold (`--trace-gc` on this script shows the collections themselves).
import { readFileSync } from 'node:fs';
import { parseFeed } from '../dist/index.js';

const path = process.argv[2];
const kb = () => {
  const status = readFileSync('/proc/self/status', 'utf8');
  return Number(/^VmHWM:\s*(\d+)\s*kB/m.exec(status)?.[1] ?? NaN);
};

const baselineKb = kb();
const bytes = readFileSync(path);
const readKb = kb();
const feed = parseFeed(bytes);
const peakKb = kb();
const report = { bytes: bytes.length, items: feed.items.length, baselineKb, readKb, peakKb };
if (process.env.PEAK_RSS_DETAIL) {
  // Diagnostics, read after the peak (they do not change it): what V8's heap holds
  // (young generation committed and used, old generation…) and memory outside it.
  const { getHeapSpaceStatistics } = await import('node:v8'); // only now: no change to the baseline
  const mb = (n) => Math.round(n / 104857.6) / 10;
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  report.detailMb = {
    rss: mb(rss),
    heapTotal: mb(heapTotal),
    heapUsed: mb(heapUsed),
    external: mb(external),
    arrayBuffers: mb(arrayBuffers),
    spaces: Object.fromEntries(
      getHeapSpaceStatistics()
        .filter((space) => space.space_size > 0)
        .map((space) => [space.space_name, [mb(space.space_size), mb(space.space_used_size)]]),
    ),
  };
}
process.stdout.write(JSON.stringify(report) + '\n');

// Child process of parse-bench.ts: parses one file with our built parser and reports its
// memory as JSON. Plain JavaScript on purpose, so no TypeScript loader sits in the
// process being measured. The kernel's high-water mark (VmHWM) is the true peak, which
// sampling from a timer could not see: the parse is synchronous and no timer fires during
// it. (getrusage's maxRSS would not do: Linux carries it over from the parent process.)
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
process.stdout.write(
  JSON.stringify({ bytes: bytes.length, items: feed.items.length, baselineKb, readKb, peakKb }) +
    '\n',
);

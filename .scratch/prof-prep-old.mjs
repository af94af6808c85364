import { readFileSync } from 'node:fs';
import { parseFeed } from '/tmp/fb/old/dist/parse/index.js';
import { prepareItem } from '/tmp/fb/old/dist/content/prepare-item.js';
const bodies = Array.from({ length: 200 }, (_, i) => readFileSync(`/tmp/fb/f${i}.xml`));
const items = bodies.flatMap((b) => parseFeed(b).items);
for (let k = 0; k < 5; k++) { const c0 = process.cpuUsage(); items.map((p) => prepareItem(p, { baseUrl: 'http://127.0.0.1/feed.xml' })); const c = process.cpuUsage(c0); console.log(((c.user + c.system) / 1000 / 200).toFixed(3), 'ms cpu/feed'); }

import { readFileSync } from 'node:fs';
import { PreparePool } from '../src/content/prepare-pool.js';
const pool = new PreparePool(2);
const feed = await pool.prepare({ body: readFileSync('/tmp/fb/f1.xml'), webUrl: 'http://x/', charset: null, timeZone: 'UTC' });
console.log(feed.title, feed.items.length, feed.items[0]!.contentHtml.slice(0, 80));
await pool.prepare({ body: Buffer.from('<html><body>no</body></html>'), webUrl: null, charset: null, timeZone: 'UTC' }).catch((e) => console.log('rejected:', e.name, e.message));
await pool.close();

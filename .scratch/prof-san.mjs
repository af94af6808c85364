import { readFileSync } from 'node:fs';
import { parseFeed } from '../dist/parse/index.js';
import { cleanHtml } from '../dist/content/clean-html.js';
import { sanitizeHtml } from '../dist/content/sanitize-html.js';
const bodies = Array.from({ length: 200 }, (_, i) => readFileSync(`/tmp/fb/f${i}.xml`));
const items = bodies.flatMap((b) => parseFeed(b).items);
const cleaned = items.map((p) => cleanHtml(p.content ?? p.summary ?? '').html);
for (let k = 0; k < 5; k++) cleaned.map((h) => sanitizeHtml(h, 'http://news.example/x'));

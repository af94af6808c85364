// Child process of search-thread-ab.ts: does, once and cold, what the search index thread does
// in a full build — read every item's text start from the store file (StoredTexts), index the
// documents in order (segmentBuilder) and encode the shards — with the `dist/` given, and
// prints the CPU time of each part as JSON. Plain JavaScript, run by plain node, so that no
// TypeScript loader sits in the process measured (the build's thread runs the bundle).
// Arguments: DIST_DIR STORE_FILE DOCUMENTS_JSON ([[title, feedKey, key], …] in index order).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [dist, storeFile, documentsFile] = process.argv.slice(2);
const documents = JSON.parse(readFileSync(documentsFile, 'utf8'));
const load = (path) => import(pathToFileURL(`${dist}/${path}`).href);
const { StoredTexts } = await load('search/stored-texts.js');
const { segmentBuilder, shardCountFor } = await load('search/search-segment.js');
const { INDEXED_TEXT_CHARS } = await load('search/build-search-index.js');

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
let start = cpuMs();
const texts = new StoredTexts(storeFile, INDEXED_TEXT_CHARS);
texts.scan();
const read = cpuMs() - start;
start = cpuMs();
const builder = segmentBuilder(0, 't');
let chars = 0;
for (const [title, feedKey, key] of documents) {
  const text = texts.get(feedKey, key);
  chars += title.length + text.length;
  builder.add(title, text);
}
texts.close();
const index = cpuMs() - start;
start = cpuMs();
const segment = builder.finish(shardCountFor(chars));
const finish = cpuMs() - start;
// A digest of the shards, so that the two builds are seen to make the same bytes.
let digest = 0;
for (const file of segment.files) {
  for (const byte of file.content) digest = (Math.imul(digest, 31) + byte) | 0;
  for (let i = 0; i < file.path.length; i++) digest = (Math.imul(digest, 31) + file.path.charCodeAt(i)) | 0; // prettier-ignore
}
console.log(JSON.stringify({ read, index, finish, total: read + index + finish, digest, shards: segment.files.length })); // prettier-ignore

import { searchCorpus } from './bench/search-corpus.js';
import { buildSearchIndex } from './src/search/build-search-index.js';
const docs = searchCorpus(10000);
console.log('corpus', docs.reduce((n,d)=>n+Buffer.byteLength(d.text),0)/1e6, 'MB');
for (let r=0;r<1;r++){
const t = performance.now(); const c0=process.cpuUsage();
const idx = buildSearchIndex(docs);
const c=process.cpuUsage(c0);
console.log('ms', Math.round(performance.now()-t), 'cpu', Math.round((c.user+c.system)/1000), idx.stats, 'rss', Math.round(process.memoryUsage().rss/1e6));
}

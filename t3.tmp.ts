import { searchCorpus } from './bench/search-corpus.js';
import { searchCore as c } from './src/search/search-core.js';
const docs = searchCorpus(10000);
for (let r=0;r<3;r++){
let n=0; const on1=(a:number,b:number)=>{n+=a+b}; const on2=(w:string)=>{n+=w.length};
let c0=process.cpuUsage();
for (const d of docs){ c.scanTokens(d.title,true,on1,on2); c.scanTokens(d.text.slice(0,1000),false,on1,on2);}
let cu=process.cpuUsage(c0); console.log('scan cpu', Math.round((cu.user+cu.system)/1000));
c0=process.cpuUsage(); let x=0;
for (const d of docs){ const t=d.text.slice(0,1000); for(let i=0;i<t.length;i++) x+=t.charCodeAt(i);}
cu=process.cpuUsage(c0); console.log('loop cpu', Math.round((cu.user+cu.system)/1000), x>0);
}

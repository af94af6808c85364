// Preloaded into a build (`node --import bench/thread-cpu.mjs …`, as build-ab.ts --threads
// does): when a thread ends, it appends its own CPU time to the file $THREAD_CPU_LOG, one
// line `label<TAB>ms`. A thread reads its own /proc/thread-self/stat (Linux; utime and stime,
// fields 14 and 15, in clock ticks of 10 ms), so no sampling can miss a short-lived thread.
// The label is `main`, or a worker's workerData field names (an item-page thread has
// settings, storeFile and styleVersion). A worker ended by worker.terminate() writes nothing.
import { appendFileSync, readFileSync } from 'node:fs';
import { isMainThread, workerData } from 'node:worker_threads';

const log = process.env.THREAD_CPU_LOG;
if (log) {
  const label = isMainThread
    ? 'main'
    : workerData !== null && typeof workerData === 'object'
      ? Object.keys(workerData).sort().join(',')
      : 'worker';
  process.on('exit', () => {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    appendFileSync(log, `${label}\t${ticks * 10}\n`);
  });
}

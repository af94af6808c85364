import { parentPort, workerData } from 'node:worker_threads';
import type { ContentSettings } from '../sources/feed-source.js';
import { forwardedWrite } from '../store/forwarded-save.js';
import type { PackedItems } from './packed-items.js';
import { describeFailure } from './prepare-failure.js';
import { prepareFeed, type PreparedFeed, type PrepareFeedRequest } from './prepare-feed.js';
import type { PrepareJob, PrepareReply, PrepareWorkerData } from './prepare-pool.js';
import { reprepareBatch } from './reprepare-batch.js';

/**
 * Worker-thread entry of `PreparePool`: runs `prepareFeed` for each job it is sent and
 * answers with the result or the failure, as plain data. A job with a save, given a port to
 * the store writer thread, has its feed sent there (forwarded-save.ts) and only the number of
 * its items answered.
 */

if (parentPort === null) throw new Error('prepare-worker.ts runs as a worker thread only');
const port = parentPort;
const { writerPort } = workerData as PrepareWorkerData;

/**
 * Content settings arrive as a fresh copy with every job; compiled cleaning rules are cached
 * per settings object, so equal settings are mapped to one object here.
 */
const settingsByJson = new Map<string, ContentSettings>();

function shared(content: ContentSettings | undefined): ContentSettings | undefined {
  if (content === undefined) return undefined;
  const key = JSON.stringify(content);
  let settings = settingsByJson.get(key);
  if (settings === undefined) settingsByJson.set(key, (settings = content));
  return settings;
}

port.on('message', (job: PrepareJob) => port.postMessage(answer(job)));

function answer(job: PrepareJob): PrepareReply {
  try {
    if ('reprepare' in job) {
      const { items, context } = job.reprepare;
      const content = shared(context.content);
      const batch = { items, context: { ...context, ...(content ? { content } : {}) } };
      return { id: job.id, ok: true, reprepared: reprepareBatch(batch) };
    }
    const request: PrepareFeedRequest = { ...job.request };
    const content = shared(job.request.content);
    if (content) request.content = content;
    if (job.save && writerPort) {
      const feed = prepareFeed({ ...request, packItems: true }) as PreparedFeed<PackedItems>;
      writerPort.postMessage(forwardedWrite(job.save, feed));
      const items = { forwarded: true as const, count: feed.items.count };
      return { id: job.id, ok: true, feed: { ...feed, items } };
    }
    return { id: job.id, ok: true, feed: prepareFeed(request) };
  } catch (error) {
    return { id: job.id, ok: false, failure: describeFailure(error) };
  }
}

/**
 * A thread that renders and writes a run of item pages (item-page-threads.ts starts it, and
 * sends the run as its one message, or `dismiss` when the build needs it no more): reads
 * their contents from the store in one scan of their key range, renders each page around its
 * content's bytes and writes it into the staging folder — or, when the site being replaced
 * holds the same bytes, links that file (full build) or leaves it (incremental build). Answers
 * once, with the paths written, or with why it failed.
 */
import { join } from 'node:path';
import {
  parentPort,
  receiveMessageOnPort,
  workerData,
  type MessagePort,
} from 'node:worker_threads';
import { openItemContentReader, type ItemContentReader } from '../store/item-content-reader.js';
import type {
  ItemPageJob,
  ItemPageOrder,
  ItemPageWorkerData,
  ItemPageWorkerReply,
} from './item-page-threads.js';
import { itemPageBytes } from './item-page-bytes.js';
import { labelsFor } from './labels.js';
import { rootPrefix, type PageContext } from './page-context.js';
import { isFileSystemError } from './site-output-error.js';
import { folderMaker, reuseOldFile, sameAsOld, writeNewFile } from './staged-file.js';

const { settings, styleVersion, storeFile, shownSince } = workerData as ItemPageWorkerData;

function reply(message: ItemPageWorkerReply): void {
  parentPort?.postMessage(message);
}

const EMPTY = Buffer.alloc(0);

function writePages(reader: ItemContentReader, job: ItemPageJob): ItemPageWorkerReply {
  const { target, pages, progress } = job;
  const labels = labelsFor(settings.language);
  const makeFolder = folderMaker(target.folder);
  const written: string[] = [];
  let unchanged = 0;

  const write = (page: ItemPageOrder, content: Buffer): void => {
    const context: PageContext = {
      settings,
      labels,
      path: page.path,
      root: rootPrefix(page.path),
      styleVersion,
    };
    const bytes = itemPageBytes(context, page, content);
    const newPath = join(target.folder, page.path);
    if (target.old !== null && sameAsOld(join(target.old, page.path), bytes)) {
      if (target.same === 'link') {
        makeFolder(page.path);
        reuseOldFile(join(target.old, page.path), newPath);
      }
      unchanged++;
    } else {
      makeFolder(page.path);
      writeNewFile(newPath, bytes);
      written.push(page.path);
    }
    Atomics.add(progress, 0, 1);
  };

  // Every page's content, deleted since the build began or not (an empty content then, as on
  // the main thread). The pages are taken a run at a time (item-page-threads.ts), and the
  // reader takes each run over, so each order is garbage once its page is written.
  for (const run of pageRuns(pages, job.chunks)) {
    for (const { item, content } of reader.contentsOf(run)) write(item, content ?? EMPTY);
  }
  return { type: 'done', written, unchanged };
}

/** The job's runs of pages, taken from its port one at a time (all were sent before the job). */
function* pageRuns(port: MessagePort, chunks: number): Generator<ItemPageOrder[]> {
  try {
    for (let n = 0; n < chunks; n++) {
      const received = receiveMessageOnPort(port);
      if (received === undefined) throw new Error(`item pages: run ${n + 1} of ${chunks} missing`);
      yield received.message as ItemPageOrder[];
    }
  } finally {
    port.close();
  }
}

// The store is opened at once: a thread started early (ItemPageThreads.prewarm) is ready when
// its pages come. A failure to open it is the answer to the job.
let reader: ItemContentReader | null = null;
let openFailure: unknown = null;
try {
  reader = openItemContentReader(storeFile, shownSince);
} catch (error) {
  openFailure = error;
}

parentPort?.once('message', (message: ItemPageJob | { type: 'dismiss' }) => {
  try {
    if (message.type === 'dismiss') return;
    if (reader === null) throw openFailure;
    reply(writePages(reader, message));
  } catch (error) {
    // A file-system error (a full disk) is the user's to fix: its code goes along, so the main
    // thread reports it as such (write-output.ts) rather than as a bug with a stack.
    if (isFileSystemError(error)) {
      reply({ type: 'failed', message: error.message, code: error.code, syscall: error.syscall });
    } else {
      reply({ type: 'failed', message: (error as Error)?.stack ?? String(error) });
    }
  } finally {
    reader?.close();
    parentPort?.close();
  }
});

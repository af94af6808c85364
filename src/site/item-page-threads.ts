import { availableParallelism } from 'node:os';
import type { SiteSettings } from '../config/config.js';
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { siblingModule, startModuleWorker } from '../threads/start-module-worker.js';
import { descriptionOf, type ItemPageFeed, type ItemPageView } from './render-item-page.js';
import type { FeedNode, ItemView } from './site-structure.js';
import type { FileGroup, GroupTarget, GroupWrite } from './write-output.js';

/**
 * Below this many item pages to write, they are rendered on the main thread: starting a thread
 * (a V8 isolate, the renderer's modules, a store connection) costs about as much as rendering a
 * few hundred pages, and an incremental build usually writes far fewer.
 */
export const ITEM_PAGE_THREAD_MIN_PAGES = 1000;

/**
 * Pages sent to a thread in one message. A thread is sent its pages in runs of this many, each
 * made and sent before the next is made, and takes them one run at a time: neither thread
 * holds every page's order at once (~1.5 KB a page: 150 MB at 100,000 items, and as much again
 * while they were copied). Runs of 2,000 cost a 10,000-item build ~0.6 s more of the thread's
 * CPU (its heap, kept small, was freed and taken again); such a build sends one run, as before.
 */
export const ITEM_PAGE_CHUNK = 10_000;

/**
 * How many threads write item pages: one per core beyond the main thread's, at least one. The
 * main thread meanwhile renders the list pages and feeds, and the search index has a thread
 * of its own, so on two cores one item-page thread keeps both busy.
 */
export function itemPageThreadCount(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** An item page as sent to a thread: what it shows besides the content, and where it goes. */
export interface ItemPageOrder extends ItemPageView {
  feedKey: string;
  key: string;
  /** Site-relative path of the page. */
  path: string;
}

/** What a thread that writes item pages starts with (item-page-worker.ts). */
export interface ItemPageWorkerData {
  settings: SiteSettings;
  styleVersion: string;
  /** The store file, opened read-only by the thread. */
  storeFile: string;
  /** The site's window (SiteModel.shownSince): its range scans skip the items outside. */
  shownSince: string | null;
}

/** The thread's one job, sent as a message once the pages are known. */
export interface ItemPageJob {
  type: 'pages';
  target: GroupTarget;
  /**
   * Where the pages wait, in the store's key order: `chunks` messages, each an ItemPageOrder[]
   * (of ITEM_PAGE_CHUNK pages, the last of fewer), all sent before the job. The thread takes
   * them with receiveMessageOnPort, one at a time.
   */
  pages: MessagePort;
  chunks: number;
  /** Pages done, counted up by the thread (Int32Array on a SharedArrayBuffer). */
  progress: Int32Array;
}

/** The thread's one message: its result. */
export type ItemPageWorkerReply =
  | { type: 'done'; written: string[]; unchanged: number }
  /** `code` and `syscall` when the file system refused (site-output-error.ts). */
  | { type: 'failed'; message: string; code?: string; syscall?: string };

export interface ItemPageThreadsOptions {
  settings: SiteSettings;
  styleVersion: string;
  storeFile: string;
  shownSince: string | null;
  /** Overrides itemPageThreadCount() (tests). */
  threads?: number;
  /** Overrides ITEM_PAGE_THREAD_MIN_PAGES (tests). */
  minPages?: number;
  /** Overrides ITEM_PAGE_CHUNK (tests). */
  chunkPages?: number;
}

/**
 * Item pages, rendered and written by worker threads: the build's second core. Each thread
 * gets a run of pages in the store's key order, opens the store read-only, reads their
 * contents in one scan of that key range and writes the pages into the staging folder, while
 * the main thread renders and writes everything else. Contents go into the page as the UTF-8
 * bytes the store holds (item-page-bytes.ts). A thread that fails fails the build (the
 * staging folder is dropped, the old site stays): there is no fallback to the main thread,
 * because what makes a thread fail (an unreadable store, a full disk) would fail it too.
 */
export class ItemPageThreads implements FileGroup {
  readonly minFiles: number;
  private readonly views = new Map<string, ItemView>();
  /** Threads started ahead (prewarm), not given their pages yet. */
  private ready: PageThread[] = [];

  constructor(private readonly options: ItemPageThreadsOptions) {
    this.minFiles = options.minPages ?? ITEM_PAGE_THREAD_MIN_PAGES;
  }

  /**
   * Starts the threads now, before the pages are known (a full build, while the main thread
   * plans): each loads its modules and opens the store meanwhile, and start() hands them their
   * pages. Threads not handed pages must be let go with dismiss().
   */
  prewarm(): void {
    while (this.ready.length < this.threadCount()) this.ready.push(this.spawn());
  }

  /** Lets the threads started ahead and not used end (the build failed, or wrote no pages). */
  dismiss(): void {
    for (const thread of this.ready) thread.worker.postMessage({ type: 'dismiss' });
    this.ready = [];
  }

  private threadCount(): number {
    return this.options.threads ?? itemPageThreadCount();
  }

  private spawn(): PageThread {
    const data: ItemPageWorkerData = {
      settings: this.options.settings,
      styleVersion: this.options.styleVersion,
      storeFile: this.options.storeFile,
      shownSince: this.options.shownSince,
    };
    const worker = startModuleWorker(siblingModule(import.meta.url, 'item-page-worker'), {
      workerData: data,
    });
    return listenedTo(worker);
  }

  /** Adds an item page to the group (its file names this group). */
  add(view: ItemView): void {
    this.views.set(view.path, view);
  }

  start(paths: readonly string[], target: GroupTarget): GroupWrite {
    // In the order given: the build adds item pages in the store's key order (build-site.ts).
    const views = paths.map((path) => this.view(path));
    const count = Math.max(1, Math.min(this.threadCount(), views.length));
    const runs: ThreadRun[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const pages = views.slice(
          Math.floor((i * views.length) / count),
          Math.floor(((i + 1) * views.length) / count),
        );
        runs.push(this.startThread(pages, target));
      }
    } catch (error) {
      for (const run of runs) void run.cancel();
      throw error;
    } finally {
      this.dismiss(); // more threads were started ahead than there are pages for
    }
    const done = Promise.all(runs.map((run) => run.done)).then((results) => ({
      written: results.flatMap((result) => result.written),
      unchanged: results.reduce((sum, result) => sum + result.unchanged, 0),
    }));
    // Awaited by the writer, unless the build failed first and cancelled it: never unhandled.
    done.catch(() => undefined);
    return {
      progress: () => runs.reduce((sum, run) => sum + Atomics.load(run.progress, 0), 0),
      done,
      cancel: async () => {
        await Promise.allSettled(runs.map((run) => run.cancel()));
      },
    };
  }

  private view(path: string): ItemView {
    const view = this.views.get(path);
    if (!view) throw new Error(`No item page ${path} was added to the item page threads`);
    return view;
  }

  private startThread(views: readonly ItemView[], target: GroupTarget): ThreadRun {
    const progress = new Int32Array(new SharedArrayBuffer(4));
    const thread = this.ready.shift() ?? this.spawn();
    // The pages go first, into the port the job then hands over: each run of orders is garbage
    // here once sent, and waits for the thread as the bytes of a message, not as objects.
    const { port1, port2 } = new MessageChannel();
    const chunk = this.options.chunkPages ?? ITEM_PAGE_CHUNK;
    let chunks = 0;
    for (let start = 0; start < views.length; start += chunk, chunks++) {
      port1.postMessage(pageOrders(views.slice(start, start + chunk)));
    }
    port1.close();
    const job: ItemPageJob = { type: 'pages', target, pages: port2, chunks, progress };
    thread.worker.postMessage(job, [port2]);
    const done = thread.outcome.then((reply) => {
      if (reply.type === 'failed') {
        if (reply.code !== undefined && reply.syscall !== undefined) {
          throw Object.assign(new Error(reply.message), {
            code: reply.code,
            syscall: reply.syscall,
          });
        }
        throw new Error(`Writing item pages on a worker thread failed: ${reply.message}`);
      }
      return { written: reply.written, unchanged: reply.unchanged };
    });
    done.catch(() => undefined);
    return {
      progress,
      done,
      // Not worker.terminate(): terminating a thread while better-sqlite3 throws (a store that
      // cannot be opened, as every thread finds at once) aborts the whole process with a
      // native "FATAL ERROR: v8::ToLocalChecked Empty MaybeLocal". A thread's work is finite
      // and synchronous, so the build waits for it to end on its own before removing staging.
      cancel: () => thread.exited,
    };
  }
}

/**
 * A thread that writes item pages, with what it answers (or why it failed) and when it ended,
 * listened for from its start: a thread started ahead may fail before it is given its pages.
 */
interface PageThread {
  worker: Worker;
  outcome: Promise<ItemPageWorkerReply>;
  exited: Promise<void>;
}

function listenedTo(worker: Worker): PageThread {
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const outcome = new Promise<ItemPageWorkerReply>((resolve) => {
    const failed = (message: string): void => resolve({ type: 'failed', message });
    worker.once('message', (reply: ItemPageWorkerReply) => resolve(reply));
    worker.once('error', (error) => failed(error.stack ?? error.message));
    worker.once('exit', (code) => failed(`the thread exited (code ${code}) before it was done`));
  });
  return { worker, outcome, exited };
}

interface ThreadRun {
  progress: Int32Array;
  done: Promise<{ written: string[]; unchanged: number }>;
  cancel(): Promise<void>;
}

/**
 * Plain copies of the views: only what an item page shows, and each feed (with its site and
 * category) copied once and shared, which a structured clone keeps.
 */
function pageOrders(views: readonly ItemView[]): ItemPageOrder[] {
  const feeds = new Map<FeedNode, ItemPageFeed>();
  const feedOf = (node: FeedNode): ItemPageFeed => {
    let feed = feeds.get(node);
    if (feed === undefined) {
      const { site } = node;
      const { category } = site;
      feed = {
        name: node.name,
        folder: node.folder,
        url: node.url,
        lang: node.lang,
        site: {
          name: site.name,
          folder: site.folder,
          url: site.url,
          category: { name: category.name, folder: category.folder, url: category.url },
        },
      };
      feeds.set(node, feed);
    }
    return feed;
  };
  const neighbour = (view: ItemView | null) =>
    view === null ? null : { url: view.url, item: { title: view.item.title } };
  const orders = views.map((view): ItemPageOrder => {
    const { item } = view;
    return {
      feedKey: item.feedKey,
      key: item.key,
      path: view.path,
      item: {
        title: item.title,
        author: item.author,
        categories: item.categories,
        readingMinutes: item.readingMinutes,
        link: item.link,
        image: item.image,
        // All the page shows of it (its meta description): less to copy and to hold.
        excerpt: descriptionOf(item.excerpt),
      },
      feed: feedOf(view.feed),
      time: { iso: view.time.iso, text: view.time.text },
      updated: view.updated === null ? null : { iso: view.updated.iso, text: view.updated.text },
      older: neighbour(view.older),
      newer: neighbour(view.newer),
    };
  });
  return orders;
}

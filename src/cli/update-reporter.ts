import type { BuildReport } from '../site/build-site.js';
import type { FeedSource } from '../sources/feed-source.js';
import type { FeedOutcome } from '../pipeline.js';
import type { MovedFeedHistory } from '../store/moved-feed-history.js';
import type { ReprepareSummary } from '../reprepare-stored-items.js';
import { jsonWithoutUrlSecrets } from '../site/url-secrets.js';
import { BatchedOutput } from './batched-output.js';

/** Receives the events of an update run and shows them. */
export interface UpdateReporter {
  start(total: number, configPath: string | null): void;
  feed(outcome: FeedOutcome): void;
  /** A feed new to the config took over a moved feed's stored items (moved-feed-history.ts). */
  historyKept(moved: MovedFeedHistory): void;
  /** Stored items were prepared again from their source HTML (reprepare-stored-items.ts). */
  reprepared(summary: ReprepareSummary): void;
  finish(outcomes: FeedOutcome[]): void;
  built(report: BuildReport): void;
  /** Writes what is waiting (feeds' lines go out in batches): before an exit. */
  flush(): void;
}

export interface RunTotals {
  fetched: number;
  added: number;
  changed: number;
  unchanged: number;
  notModified: number;
  failed: number;
  skipped: number;
}

export function totalsOf(outcomes: readonly FeedOutcome[]): RunTotals {
  const totals: RunTotals = {
    fetched: 0,
    added: 0,
    changed: 0,
    unchanged: 0,
    notModified: 0,
    failed: 0,
    skipped: 0,
  };
  for (const outcome of outcomes) {
    if (outcome.status === 'skipped') totals.skipped++;
    else totals.fetched++;
    if (outcome.status === 'ok') {
      totals.added += outcome.added;
      totals.changed += outcome.changed;
      totals.unchanged += outcome.unchanged;
    } else if (outcome.status === 'unchanged') totals.unchanged++;
    else if (outcome.status === 'not-modified') totals.notModified++;
    else if (outcome.status === 'failed') totals.failed++;
  }
  return totals;
}

/** A feed as people know it, configured or stored: `category › site › name`. */
export function feedLabel(source: Pick<FeedSource, 'category' | 'site' | 'name'>): string {
  return `${source.category} › ${source.site} › ${source.name}`;
}

/** `--json`: one JSON object per line, for scripts and CI logs. */
export class JsonLinesReporter implements UpdateReporter {
  private readonly output: BatchedOutput;

  constructor(out: NodeJS.WritableStream = process.stdout) {
    this.output = new BatchedOutput(out);
  }

  start(total: number, configPath: string | null): void {
    this.emit({ event: 'start', feeds: total, config: configPath });
  }

  feed(outcome: FeedOutcome): void {
    const { source, ...rest } = outcome;
    const event = {
      event: 'feed',
      feed: source.key,
      category: source.category,
      site: source.site,
      name: source.name,
      ...rest,
    };
    this.output.later(JSON.stringify(event, jsonWithoutUrlSecrets) + '\n');
  }

  historyKept({ source, from }: MovedFeedHistory): void {
    this.emit({ event: 'history-kept', feed: source.key, from: from.key, items: from.itemCount });
  }

  reprepared(summary: ReprepareSummary): void {
    this.emit({ event: 'reprepared', ...summary });
  }

  finish(outcomes: FeedOutcome[]): void {
    this.emit({ event: 'summary', ...totalsOf(outcomes) });
  }

  built(report: BuildReport): void {
    this.emit({ event: 'build', ...report });
  }

  flush(): void {
    this.output.flush();
  }

  private emit(event: object): void {
    this.output.now(JSON.stringify(event, jsonWithoutUrlSecrets) + '\n');
  }
}

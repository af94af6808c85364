import type { BuildReport } from '../site/build-site.js';
import type { FeedOutcome } from '../pipeline.js';
import { withoutUrlSecrets } from '../site/url-secrets.js';
import type { MovedFeedHistory } from '../store/moved-feed-history.js';
import { printBuildReport } from './print-build-report.js';
import { feedLabel, totalsOf, type UpdateReporter } from './update-reporter.js';
import type { ReprepareSummary } from '../reprepare-stored-items.js';
import { describeReprepared } from '../reprepared-text.js';
import { displayWidth, padToWidth } from './display-width.js';
import { BatchedOutput } from './batched-output.js';

interface Style {
  red(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const plain: Style = { red: (t) => t, green: (t) => t, dim: (t) => t, bold: (t) => t };
const ansi: Style = {
  red: (t) => `\x1b[31m${t}\x1b[39m`,
  green: (t) => `\x1b[32m${t}\x1b[39m`,
  dim: (t) => `\x1b[2m${t}\x1b[22m`,
  bold: (t) => `\x1b[1m${t}\x1b[22m`,
};

/**
 * For people: on a terminal, one progress line redrawn in place (counts of new items,
 * unchanged, 304 and failed); elsewhere (a log, a pipe), one line per feed. Always a
 * summary with every failed feed and its reason at the end. Colour only on a terminal,
 * and never when NO_COLOR is set (https://no-color.org).
 */
export class TerminalReporter implements UpdateReporter {
  private readonly outcomes: FeedOutcome[] = [];
  private total = 0;
  private readonly style: Style;
  private readonly live: boolean;
  /** Feeds' lines and progress redraws, written in batches; everything else at once. */
  private readonly output: BatchedOutput;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stdout,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.live = out.isTTY === true;
    this.style = this.live && !('NO_COLOR' in env && env['NO_COLOR'] !== '') ? ansi : plain;
    this.output = new BatchedOutput(out, () => this.progressLine());
  }

  start(total: number, configPath: string | null): void {
    this.total = total;
    this.output.now(`Updating ${total} feed(s)${configPath ? ` from ${configPath}` : ''}\n`);
  }

  feed(outcome: FeedOutcome): void {
    this.outcomes.push(outcome);
    if (this.live) {
      this.output.progressChanged();
      return;
    }
    const line = this.describe(outcome);
    if (line) this.output.later(line + '\n');
  }

  historyKept({ source, from }: MovedFeedHistory): void {
    this.output.now(
      `  kept  ${feedLabel(source)}: the ${from.itemCount} stored item(s) of ${withoutUrlSecrets(from.location)}, ` +
        'which moved to this address, are its history\n',
    );
  }

  reprepared(summary: ReprepareSummary): void {
    this.output.now(`  prepared again  ${describeReprepared(summary)}\n`);
  }

  finish(outcomes: FeedOutcome[]): void {
    if (this.live) this.output.now('\r\x1b[2K');
    const t = totalsOf(outcomes);
    const s = this.style;
    const parts = [
      `${t.added} new`,
      `${t.changed} changed`,
      `${t.unchanged} unchanged`,
      `${t.notModified} not modified (304)`,
      t.failed > 0 ? s.red(`${t.failed} failed`) : `0 failed`,
    ];
    if (t.skipped > 0) parts.push(`${t.skipped} not due`);
    this.output.now(
      `${s.bold('Done')}: ${t.fetched} of ${outcomes.length} feed(s) fetched; ${parts.join(', ')}.\n`,
    );
    for (const outcome of outcomes) {
      if (outcome.status !== 'failed' && outcome.status !== 'skipped' && outcome.movedTo) {
        this.output.now(
          `  moved  ${feedLabel(outcome.source)} → ${withoutUrlSecrets(outcome.movedTo)} (permanent redirect; now fetched from there)\n`,
        );
      }
    }
    const failed = outcomes.filter((o) => o.status === 'failed');
    if (failed.length > 0) {
      this.output.now(s.red(`Failed feeds:`) + '\n');
      const width = Math.min(48, Math.max(...failed.map((o) => displayWidth(feedLabel(o.source)))));
      for (const outcome of failed) {
        this.output.now(
          `  ${padToWidth(feedLabel(outcome.source), width)}  ${outcome.kind.padEnd(10)}  ${withoutUrlSecrets(outcome.error)}\n`,
        );
      }
    }
  }

  built(report: BuildReport): void {
    this.output.flush();
    printBuildReport(report, this.out);
  }

  flush(): void {
    this.output.flush();
  }

  private describe(outcome: FeedOutcome): string | null {
    const label = feedLabel(outcome.source);
    const s = this.style;
    switch (outcome.status) {
      case 'ok': {
        const parts = [`${outcome.items} item(s)`, `${outcome.added} new`];
        if (outcome.changed > 0) parts.push(`${outcome.changed} changed`);
        const warnings = outcome.warnings.map((w) => `\n        warning: ${w}`).join('');
        return `  ${s.green('ok')}    ${label}: ${parts.join(', ')}${warnings}`;
      }
      case 'not-modified':
        return `  ${s.dim('304')}   ${label}: not modified`;
      case 'unchanged':
        return `  ${s.dim('same')}  ${label}: unchanged`;
      case 'failed':
        return `  ${s.red('FAIL')}  ${label}: ${withoutUrlSecrets(outcome.error)}`;
      case 'skipped':
        return null;
    }
  }

  private progressLine(): string {
    const done = this.outcomes.length;
    const t = totalsOf(this.outcomes);
    const width = 24;
    const filled = this.total === 0 ? width : Math.round((done / this.total) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const failed = t.failed > 0 ? this.style.red(`${t.failed} failed`) : '0 failed';
    return `\r\x1b[2K${bar} ${done}/${this.total}  ${t.added} new · ${t.unchanged} unchanged · ${t.notModified} 304 · ${failed}`;
  }
}

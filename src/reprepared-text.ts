import type { ReprepareSummary } from './reprepare-stored-items.js';

/** From this many stored items to prepare again, a log is told before the work starts. */
export const REPREPARE_ANNOUNCED_FROM = 1000;

/** The work about to start, for a log (update's stderr, watch's log). */
export function describeRepreparing(items: number): string {
  return `preparing ${items} stored items again (their feeds' cleaning or Tidings changed)`;
}

/**
 * What preparing stored items again did, in words (after "prepared again"), for `tidings update`'s report and
 * `tidings watch`'s log alike.
 */
export function describeReprepared(summary: ReprepareSummary): string {
  const kept = [
    summary.withoutSource > 0
      ? `${summary.withoutSource} stored without their source HTML (stored by an older Tidings) kept their cleaning`
      : '',
    summary.failed > 0 ? `${summary.failed} could not be prepared and kept theirs` : '',
  ].filter((part) => part !== '');
  return (
    `${summary.items} stored item(s) of ${summary.feeds} feed(s) whose ` +
    `cleaning or Tidings changed (${summary.changed} changed)` +
    (kept.length > 0 ? `; ${kept.join('; ')}` : '')
  );
}

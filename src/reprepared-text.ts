import type { ReprepareSummary } from './reprepare-stored-items.js';

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

import type { SiteSettings } from '../config/config.js';
import { zoneOffsetReader } from './zone-offset.js';

const DAY_MS = 86_400_000;

/**
 * Where the site's window of items starts (`site.maxAgeDays`): the earliest sort time (ISO UTC,
 * as the store keeps `sort_time`: published, else first seen) an item on the site has, or null
 * when the site shows every stored item.
 *
 * The start is a local midnight in the site's zone: the day `maxAgeDays` days before now
 * begins it. So the window moves once a day, not on every build: the builds of one day agree
 * on which items are shown, and only the first build after midnight drops the day that left
 * (its items' pages, and the list pages they shifted), while the others stay incremental.
 */
export function siteWindowStart(
  settings: Pick<SiteSettings, 'maxAgeDays' | 'timeZone'>,
  now: number,
): string | null {
  if (settings.maxAgeDays <= 0) return null;
  let offsetAt: (at: number) => number;
  try {
    offsetAt = zoneOffsetReader(settings.timeZone);
  } catch {
    offsetAt = () => 0; // as the pages show times: UTC for a zone Intl does not know
  }
  const offset = (at: number): number => offsetAt(at) * 60_000;
  const then = now - settings.maxAgeDays * DAY_MS;
  // Midnight of the local date of `then`, as local time read as UTC, then as an instant. The
  // offset at midnight may differ from the one at `then` (summer time began or ended that
  // day): asked again at the first guess.
  const midnight = Math.floor((then + offset(then)) / DAY_MS) * DAY_MS;
  const guess = midnight - offset(then);
  return new Date(midnight - offset(guess)).toISOString();
}

import type { SiteSettings } from '../config/config.js';
import { wallTimeToUtc, zoneOffsetReader } from '../parse/zone-offset.js';

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
 * A zone Intl does not know counts in UTC, as the pages then show times.
 */
export function siteWindowStart(
  settings: Pick<SiteSettings, 'maxAgeDays' | 'timeZone'>,
  now: number,
): string | null {
  if (settings.maxAgeDays <= 0) return null;
  const then = now - settings.maxAgeDays * DAY_MS;
  const offset = zoneOffsetReader(settings.timeZone)?.(then) ?? 0;
  // Midnight of the local date of `then`, written as if it were UTC, then as an instant.
  const midnight = Math.floor((then + offset) / DAY_MS) * DAY_MS;
  return new Date(wallTimeToUtc(midnight, settings.timeZone)).toISOString();
}

import type { SiteSettings } from '../config/config.js';
import { wallTimeToUtc, zoneOffsetReader } from '../parse/zone-offset.js';

const DAY_MS = 86_400_000;

/** The site's window of items (`site.maxAgeDays`). */
export interface SiteWindow {
  /**
   * The earliest sort time (ISO UTC, as the store keeps `sort_time`: published, else first
   * seen) an item on the site has.
   */
  start: string;
  /** The same moment as its date in the site's zone (`2026-06-08`), for people. */
  firstDay: string;
}

type WindowSettings = Pick<SiteSettings, 'maxAgeDays' | 'timeZone'>;

/**
 * The site's window now, or null when the site shows every stored item.
 *
 * It starts at a local midnight in the site's zone: the date `maxAgeDays` days before today
 * begins it. So the window moves once a day, not on every build: the builds of one day agree
 * on which items are shown, and only the first build after midnight drops the day that left
 * (its items' pages, and the list pages they shifted), while the others stay incremental.
 * Counted in local dates, not 24-hour days, so it moves exactly at local midnight even on a
 * day whose summer time began or ended (siteWindowNextMove). A zone Intl does not know counts
 * in UTC, as the pages then show times.
 */
export function siteWindow(settings: WindowSettings, now: number): SiteWindow | null {
  if (settings.maxAgeDays <= 0) return null;
  // Midnight of that date, written as if it were UTC, then as the instant it is in the zone.
  const midnight = todayMidnight(settings.timeZone, now) - settings.maxAgeDays * DAY_MS;
  return {
    start: new Date(wallTimeToUtc(midnight, settings.timeZone)).toISOString(),
    firstDay: new Date(midnight).toISOString().slice(0, 10),
  };
}

/**
 * When the window next moves (ms): the next local midnight in the site's zone, or null when
 * the site has no window. What `watch` rebuilds at, so a quiet night still drops a day.
 */
export function siteWindowNextMove(settings: WindowSettings, now: number): number | null {
  if (settings.maxAgeDays <= 0) return null;
  return wallTimeToUtc(todayMidnight(settings.timeZone, now) + DAY_MS, settings.timeZone);
}

/** Midnight of today's date in the zone, written as if it were UTC (a wall time). */
function todayMidnight(timeZone: string, now: number): number {
  const offset = zoneOffsetReader(timeZone)?.(now) ?? 0;
  return Math.floor((now + offset) / DAY_MS) * DAY_MS;
}

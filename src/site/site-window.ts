import type { SiteSettings } from '../config/config.js';
import { wallTimeToUtc, zoneOffsetReader } from '../parse/zone-offset.js';

const DAY_MS = 86_400_000;

/**
 * Where the site's window of items starts (`site.maxAgeDays`): the earliest sort time (ISO UTC,
 * as the store keeps `sort_time`: published, else first seen) an item on the site has, or null
 * when the site shows every stored item.
 *
 * The start is a local midnight in the site's zone: the date `maxAgeDays` days before today
 * begins it. So the window moves once a day, not on every build: the builds of one day agree
 * on which items are shown, and only the first build after midnight drops the day that left
 * (its items' pages, and the list pages they shifted), while the others stay incremental.
 * A zone Intl does not know counts in UTC, as the pages then show times.
 */
export function siteWindowStart(settings: WindowSettings, now: number): string | null {
  const midnight = firstMidnight(settings, now);
  if (midnight === null) return null;
  return new Date(wallTimeToUtc(midnight, settings.timeZone)).toISOString();
}

/** The window's first day in the site's zone (`2026-06-08`), for people; null: no window. */
export function siteWindowFirstDay(settings: WindowSettings, now: number): string | null {
  const midnight = firstMidnight(settings, now);
  return midnight === null ? null : new Date(midnight).toISOString().slice(0, 10);
}

type WindowSettings = Pick<SiteSettings, 'maxAgeDays' | 'timeZone'>;

/**
 * Midnight of the local date maxAgeDays calendar days before today's, written as if it were
 * UTC: counted in local dates, not 24-hour days, so the window moves exactly at local midnight
 * even on a day whose summer time began or ended (siteWindowNextMove).
 */
function firstMidnight(settings: WindowSettings, now: number): number | null {
  if (settings.maxAgeDays <= 0) return null;
  const offset = zoneOffsetReader(settings.timeZone)?.(now) ?? 0;
  return (Math.floor((now + offset) / DAY_MS) - settings.maxAgeDays) * DAY_MS;
}

/**
 * When the window next moves (ms): the next local midnight in the site's zone, or null when
 * the site has no window. What `watch` rebuilds at, so a quiet night still drops a day.
 */
export function siteWindowNextMove(settings: WindowSettings, now: number): number | null {
  if (settings.maxAgeDays <= 0) return null;
  const offset = zoneOffsetReader(settings.timeZone)?.(now) ?? 0;
  const nextMidnight = (Math.floor((now + offset) / DAY_MS) + 1) * DAY_MS;
  return wallTimeToUtc(nextMidnight, settings.timeZone);
}

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

/** Midnight of the local date maxAgeDays days before now, written as if it were UTC. */
function firstMidnight(settings: WindowSettings, now: number): number | null {
  if (settings.maxAgeDays <= 0) return null;
  const then = now - settings.maxAgeDays * DAY_MS;
  const offset = zoneOffsetReader(settings.timeZone)?.(then) ?? 0;
  return Math.floor((then + offset) / DAY_MS) * DAY_MS;
}

/** A moment as the site shows it, in the site's time zone. */
export interface LocalTime {
  /** Machine-readable, with the zone's offset: `2021-12-25T08:03:46+08:00`. */
  iso: string;
  /** For people, in the site language: `2021年12月25日 08:03`. */
  text: string;
  /** Calendar date in the site's zone, for the archives: `2021-12-25`. */
  day: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Returns a converter from ISO UTC timestamps to local times in the site's language and zone.
 * Intl formatters are made once and offsets are cached per day (per hour on days the offset
 * changes: it changes only on the hour), and formatting per item is the slow part of large builds. An unknown
 * language or zone falls back to the default locale / UTC rather than failing.
 */
export function createTimeFormatter(
  language: string,
  timeZone: string,
): (iso: string) => LocalTime {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  let zone = timeZone;
  let text: Intl.DateTimeFormat;
  try {
    text = new Intl.DateTimeFormat(language, { ...options, timeZone });
  } catch {
    zone = 'UTC';
    try {
      text = new Intl.DateTimeFormat(language, { ...options, timeZone: zone });
    } catch {
      text = new Intl.DateTimeFormat('en', { ...options, timeZone: zone });
    }
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsetAt = (at: number): number => {
    const fields: Record<string, number> = {};
    for (const part of parts.formatToParts(at)) fields[part.type] = Number(part.value);
    const local = Date.UTC(
      fields['year'] ?? 1970,
      (fields['month'] ?? 1) - 1,
      fields['day'] ?? 1,
      fields['hour'] ?? 0,
      fields['minute'] ?? 0,
      fields['second'] ?? 0,
    );
    return Math.round((local - at) / 60_000);
  };
  // formatToParts is slow (items of two years touch ~8,000 distinct hours): a UTC day whose
  // first and last hours have the same offset has it all day (a zone's offset never changes
  // and changes back within a day); only days with a change are looked up hour by hour.
  const days = new Map<number, number | null>();
  const hours = new Map<number, number>();
  const offsetMinutes = (time: number): number => {
    const day = Math.floor(time / DAY_MS);
    let offset = days.get(day);
    if (offset === undefined) {
      const first = offsetAt(day * DAY_MS);
      offset = offsetAt((day + 1) * DAY_MS - HOUR_MS) === first ? first : null;
      days.set(day, offset);
    }
    if (offset !== null) return offset;
    const hour = Math.floor(time / HOUR_MS);
    let hourly = hours.get(hour);
    if (hourly === undefined) {
      hourly = offsetAt(hour * HOUR_MS);
      hours.set(hour, hourly);
    }
    return hourly;
  };
  return (iso) => {
    const time = Date.parse(iso);
    if (Number.isNaN(time)) return { iso, text: iso, day: '0000-00-00' };
    const offset = offsetMinutes(time);
    const local = new Date(time + offset * 60_000);
    const day = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
    const sign = offset < 0 ? '-' : '+';
    const zoneText =
      offset === 0
        ? 'Z'
        : `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
    const clock = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
    return { iso: `${day}T${clock}${zoneText}`, text: text.format(time), day };
  };
}

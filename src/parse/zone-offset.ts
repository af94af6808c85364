/**
 * Time zone offsets from Intl, which holds the zone rules: for reading dates written without
 * a zone (dates.ts) and for showing times and days in the site's zone (site/format-time.ts,
 * site/site-window.ts).
 */

const readers = new Map<string, ((utcMs: number) => number) | null>();

/**
 * A reader of the offset (ms east of UTC) of `timeZone` at an instant, or null for a zone
 * name Intl does not know. Made once per zone; each reading asks Intl (callers that read
 * many cache by hour or day).
 */
export function zoneOffsetReader(timeZone: string): ((utcMs: number) => number) | null {
  let reader = readers.get(timeZone);
  if (reader === undefined) {
    try {
      const formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      reader = (utcMs) => offsetAt(utcMs, formatter);
    } catch {
      reader = null;
    }
    readers.set(timeZone, reader);
  }
  return reader;
}

function offsetAt(utcMs: number, formatter: Intl.DateTimeFormat): number {
  const parts: Record<string, number> = {};
  let beforeChrist = false;
  for (const part of formatter.formatToParts(new Date(utcMs))) {
    if (part.type === 'era') beforeChrist = part.value === 'BC';
    else if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  // Year 1 BC is year 0. Date.UTC reads years 0–99 as 1900–1999 (a feed's 0001-01-01, .NET's
  // "no date", was shown as 1901 with an offset of +16655040:00); setUTCFullYear does not.
  const year = beforeChrist ? 1 - (parts.year ?? 1) : (parts.year ?? 1970);
  const month = (parts.month ?? 1) - 1;
  const day = parts.day ?? 1;
  const asUtc =
    year >= 100
      ? Date.UTC(year, month, day, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
      : new Date(0).setUTCFullYear(year, month, day) +
        ((parts.hour ?? 0) * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0)) * 1000;
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant when the wall clock in `timeZone` shows `wallMs` (a local time encoded as if it
 * were UTC). A zone Intl does not know is read as UTC.
 */
export function wallTimeToUtc(wallMs: number, timeZone: string | undefined): number {
  if (!timeZone || timeZone === 'UTC' || timeZone === 'Etc/UTC') return wallMs;
  const offset = zoneOffsetReader(timeZone);
  if (!offset) return wallMs;
  const first = wallMs - offset(wallMs);
  // Near a change of summer time the offset at the guess may differ from the one at the answer.
  return wallMs - offset(first);
}

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
  for (const part of formatter.formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
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

/**
 * A reader of a time zone's offset from UTC, in minutes, at an instant (ms), from Intl (which
 * holds the zone rules). Throws a RangeError for a zone Intl does not know. Uncached: callers
 * cache by hour or day (format-time.ts), or ask a few times (site-window.ts).
 */
export function zoneOffsetReader(timeZone: string): (at: number) => number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (at) => {
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
    // The local time has whole seconds; offsets are whole minutes.
    return Math.round((local - at) / 60_000);
  };
}

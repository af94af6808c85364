import { zoneOffsetReader } from '../parse/zone-offset.js';

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
/** The latest time (and minus, the earliest) whose day and the next Intl can format. */
const LAST_TIME = 8.64e15 - 2 * DAY_MS;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Returns a converter from ISO UTC timestamps to local times in the site's language and zone.
 * Intl formatters are made once and offsets are cached per hour: a zone's offset changes
 * only on the hour, and formatting per item is the slow part of large builds. An unknown
 * language or zone falls back to the default locale / UTC rather than failing.
 */
export function createTimeFormatter(
  language: string,
  timeZone: string,
): (iso: string) => LocalTime {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  let zone = timeZone;
  let textFormat: Intl.DateTimeFormat;
  try {
    textFormat = new Intl.DateTimeFormat(language, { ...options, timeZone });
  } catch {
    zone = 'UTC';
    try {
      textFormat = new Intl.DateTimeFormat(language, { ...options, timeZone: zone });
    } catch {
      textFormat = new Intl.DateTimeFormat('en', { ...options, timeZone: zone });
    }
  }
  const offsetAt = zoneOffsetReader(zone) ?? (() => 0);
  const offsets = new Map<number, number>();
  const offsetAtHour = (hour: number): number => {
    let offset = offsets.get(hour);
    if (offset === undefined) {
      offset = Math.round(offsetAt(hour * HOUR_MS) / 60_000);
      offsets.set(hour, offset);
    }
    return offset;
  };
  // Items spread over years fall in different hours, so a cache per hour alone asks Intl once
  // an item. A day with the same offset at both ends has it throughout (zones change offset at
  // most once a day): one entry for the whole day; a day with a change is looked up per hour.
  const dayOffsets = new Map<number, number | null>();
  const offsetMinutes = (time: number): number => {
    const day = Math.floor(time / DAY_MS);
    let offset = dayOffsets.get(day);
    if (offset === undefined) {
      const start = offsetAtHour(day * 24);
      offset = start === offsetAtHour(day * 24 + 24) ? start : null;
      dayOffsets.set(day, offset);
    }
    return offset ?? offsetAtHour(Math.floor(time / HOUR_MS));
  };
  // The local day is needed for every item (archives); the ISO text and the text for people
  // only for the items on pages being rendered, so they are made when first read. Day texts
  // are made once per day, not once per item (a site's items share a few thousand days), and
  // the items of a day share one string, whose hash the archive's map then computes once.
  const dayTexts = new Map<number, string>();
  const dayText = (localTime: number): string => {
    const day = Math.floor(localTime / DAY_MS);
    let text = dayTexts.get(day);
    if (text === undefined) {
      const local = new Date(day * DAY_MS);
      text = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
      dayTexts.set(day, text);
    }
    return text;
  };
  return (iso) => {
    const time = Date.parse(iso);
    // Unreadable, or so near the end of Date's range (year 275760, only in a store edited by
    // hand) that the next day's offset cannot be asked for: shown as stored.
    if (Number.isNaN(time) || Math.abs(time) > LAST_TIME)
      return { iso, text: iso, day: '0000-00-00' };
    const offset = offsetMinutes(time);
    return new ZonedTime(time, offset, dayText(time + offset * 60_000), textFormat);
  };
}

/**
 * A local time whose texts are made when first read. A class, not an object literal with
 * getters: V8 makes such literals one by one, slowly, and there is one per item. Its texts are
 * getters on the prototype, so a spread or structured clone of it would not carry them: copy
 * the fields (item-page-threads.ts does).
 */
class ZonedTime implements LocalTime {
  private isoText: string | undefined;
  private peopleText: string | undefined;

  constructor(
    private readonly time: number,
    /** Minutes ahead of UTC. */
    private readonly offset: number,
    /** The local day, `yyyy-mm-dd`. */
    readonly day: string,
    private readonly textFormat: Intl.DateTimeFormat,
  ) {}

  get iso(): string {
    if (this.isoText === undefined) {
      const { offset } = this;
      const local = new Date(this.time + offset * 60_000);
      const sign = offset < 0 ? '-' : '+';
      const zoneText =
        offset === 0
          ? 'Z'
          : `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
      const clock = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
      this.isoText = `${this.day}T${clock}${zoneText}`;
    }
    return this.isoText;
  }

  get text(): string {
    return (this.peopleText ??= this.textFormat.format(this.time));
  }
}

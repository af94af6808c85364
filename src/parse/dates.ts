import { wallTimeToUtc, zoneOffsetReader } from './zone-offset.js';
import { isoDateString } from './iso-date-string.js';

/**
 * Feed dates → ISO 8601 UTC with milliseconds, or null when unreadable (never "now").
 * Reads RFC 822/1123/2822 (and the many ways feeds bend it), ISO 8601 / W3C-DTF,
 * Unix timestamps and the Chinese forms RSSHub routes emit. A date without a zone is
 * wall-clock time in `timeZone` (default UTC).
 */

export interface DateContext {
  /** IANA zone for dates written without one. */
  timeZone?: string | undefined;
  /** The feed's language (`zh-cn`, …): decides what the ambiguous `CST` means. */
  language?: string | null | undefined;
  /**
   * Reference instant (ms) for dates without a year (`12月25日`): the feed's updated time,
   * else ParseOptions.now, else the clock. See parseChinese.
   */
  now?: number | undefined;
  /** Told about a non-empty date string that could not be read (it becomes null). */
  onUnreadable?: ((value: string) => void) | undefined;
}

const CHINESE_TIME_ZONES = new Set([
  'Asia/Shanghai',
  'Asia/Chongqing',
  'Asia/Chungking',
  'Asia/Harbin',
  'Asia/Urumqi',
  'Asia/Taipei',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Macao',
  'PRC',
  'ROC',
  'Hongkong',
]);

/** Zone abbreviations → minutes east of UTC. CST is resolved per feed (see zoneOffset). */
const ZONE_NAMES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -300, EDT: -240, CDT: -300, ET: -300, CT: -360, MT: -420, PT: -480, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AST: -240, ADT: -180, AKST: -540, AKDT: -480, HST: -600, NST: -210, NDT: -150,
  BST: 60, IST: 330, CET: 60, CEST: 120, MET: 60, MEST: 120, WEST: 60, EET: 120, EEST: 180,
  MSK: 180, JST: 540, KST: 540, HKT: 480, BJT: 480, ICT: 420, WIB: 420, PKT: 300, SGT: 480, PHT: 480, AWST: 480, ACST: 570,
  ACDT: 630, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
}; // prettier-ignore

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11,
  dec: 12, // full names and other languages' abbreviations that share the first letters
  mär: 3, mrz: 3, mai: 5, okt: 10, dez: 12, avr: 4, fév: 2, fev: 2, aoû: 8, aou: 8, déc: 12,
  ene: 1, abr: 4, ago: 8, dic: 12, set: 9, out: 10,
}; // prettier-ignore

/**
 * `CST` is China Standard Time (+08:00) for Chinese feeds — RSSHub routes write it — and
 * US Central Standard Time (-06:00) everywhere else, as RFC 822 readers expect.
 */
function isChineseContext(context: DateContext): boolean {
  if (context.language && /^zh\b/i.test(context.language.trim())) return true;
  return context.timeZone !== undefined && CHINESE_TIME_ZONES.has(context.timeZone);
}

/** Minutes east of UTC for a zone token, or undefined if it is not one. */
function zoneOffset(token: string, context: DateContext): number | undefined {
  const upper = token.toUpperCase();
  if (upper === 'CST') return isChineseContext(context) ? 480 : -360;
  const named = ZONE_NAMES[upper];
  if (named !== undefined) return named;
  // "+0800", "-05:00", "+8", "GMT+8", "UTC+08:00"
  const numeric = /^(?:GMT|UTC|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(upper);
  if (numeric) {
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? 0);
    if (hours > 14 || minutes > 59) return undefined;
    return (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  // RFC 822 military zones: A–M (no J) west… as RFC 822 wrote them; Z is UTC.
  if (/^[A-IK-Z]$/.test(upper)) {
    const code = upper.charCodeAt(0);
    if (upper === 'Z') return 0;
    if (code <= 73) return -(code - 64) * 60; // A–I: -1…-9
    if (code <= 77) return -(code - 65) * 60; // K–M: -10…-12
    return (code - 77) * 60; // N–Y: +1…+12
  }
  return undefined;
}

/**
 * An IANA zone name written where a zone belongs (`Asia/Shanghai`, `PST8PDT`): the date is
 * wall-clock time there. Only names of those shapes are asked of Intl, so a stray word is
 * never taken for a zone.
 */
function ianaZoneName(token: string): string | undefined {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+$|^[A-Z]{3,4}\d[A-Z]{3,4}$/.test(token)) return undefined;
  return zoneOffsetReader(token) === null ? undefined : token;
}

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC; undefined = local time in the context zone. */
  offset: number | undefined;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1] as number;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

function toIso(parts: DateParts, context: DateContext): string | null {
  const { year, month, day, hour, minute, millisecond } = parts;
  const second = Math.min(parts.second, 59); // a leap second reads as :59
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour > 24 || minute > 59 || second > 59 || (hour === 24 && (minute > 0 || second > 0))) {
    return null;
  }
  if (day > daysInMonth(year, month)) return null; // 31 February
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not.
  const midnight =
    year >= 100 ? Date.UTC(year, month - 1, day) : new Date(0).setUTCFullYear(year, month - 1, day);
  const wall = midnight + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
  const utc =
    parts.offset === undefined
      ? wallTimeToUtc(wall, context.timeZone)
      : wall - parts.offset * 60_000;
  if (!Number.isFinite(utc) || Math.abs(utc) > 8.64e15) return null;
  return isoDateString(utc);
}

function fraction(digits: string | undefined): number {
  if (!digits) return 0;
  return Math.round(Number(`0.${digits}`) * 1000);
}

function expandYear(year: string): number {
  const value = Number(year);
  if (year.length > 2) return value;
  // RFC 2822: two-digit years 00–49 are 20xx, 50–99 are 19xx.
  return value < 50 ? 2000 + value : 1900 + value;
}

const ISO_DATE =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?:(?:T|\s+)(\d{1,2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?)?$/i;
const ISO_ORDINAL =
  /^(\d{4})-?(\d{3})(?:T(\d{2}):?(\d{2})(?::?(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const ISO_WEEK =
  /^(\d{4})-?W(\d{2})(?:-?([1-7]))?(?:T(\d{2}):?(\d{2})(?::?(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** `2021-W51-6` (ISO 8601 week date): week 1 is the week holding 4 January; day 1 is Monday. */
function parseIsoWeek(m: RegExpExecArray, context: DateContext): string | null {
  const year = Number(m[1]);
  const week = Number(m[2]);
  const weekday = Number(m[3] ?? 1);
  const fourthOfJanuary = new Date(0).setUTCFullYear(year, 0, 4);
  const mondayOfWeekOne =
    fourthOfJanuary - ((new Date(fourthOfJanuary).getUTCDay() + 6) % 7) * 86_400_000;
  const date = new Date(mondayOfWeekOne + ((week - 1) * 7 + weekday - 1) * 86_400_000);
  // Week 53 exists only in years whose last week's Thursday falls in that year.
  const thursday = new Date(mondayOfWeekOne + ((week - 1) * 7 + 3) * 86_400_000);
  if (week < 1 || thursday.getUTCFullYear() !== year) return null;
  const zone = m[7];
  return toIso(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Number(m[4] ?? 0),
      minute: Number(m[5] ?? 0),
      second: Number(m[6] ?? 0),
      millisecond: 0,
      offset: zone === undefined ? undefined : zoneOffset(zone, context),
    },
    context,
  );
}

/**
 * An ISO date-time followed by more text: a zone name (`2021-12-25T08:03:00 CST`,
 * `… Asia/Shanghai`) is read as its zone; anything after a date-time that already has
 * its zone is trailing noise and ignored. Otherwise undefined (an unknown word where the
 * zone belongs leaves the instant unknown).
 */
const ISO_WITH_TAIL =
  /^(\d{4}-\d{2}-\d{2}(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s+(\S+)(?:\s.*)?$/i;

function parseIsoWithTail(value: string, context: DateContext): string | null | undefined {
  const m = ISO_WITH_TAIL.exec(value);
  if (!m) return undefined;
  const dateTime = m[1] as string;
  if (m[2] !== undefined) return parseIso(dateTime + m[2], context);
  const tail = m[3] as string;
  const offset = zoneOffset(tail, context);
  if (offset !== undefined) {
    const wall = parseIso(dateTime, { ...context, timeZone: 'UTC' });
    return wall ? isoDateString(Date.parse(wall) - offset * 60_000) : wall;
  }
  const zoneName = ianaZoneName(tail);
  return zoneName === undefined
    ? undefined
    : parseIso(dateTime, { ...context, timeZone: zoneName });
}

function parseIso(value: string, context: DateContext): string | null | undefined {
  const week = ISO_WEEK.exec(value);
  if (week) return parseIsoWeek(week, context);
  const m = ISO_DATE.exec(value);
  if (m) {
    const zone = m[8];
    return toIso(
      {
        year: Number(m[1]),
        month: Number(m[2] ?? 1),
        day: Number(m[3] ?? 1),
        hour: Number(m[4] ?? 0),
        minute: Number(m[5] ?? 0),
        second: Number(m[6] ?? 0),
        millisecond: fraction(m[7]),
        offset: zone === undefined ? undefined : zoneOffset(zone, context),
      },
      context,
    );
  }
  const ordinal = ISO_ORDINAL.exec(value);
  if (ordinal) {
    const dayOfYear = Number(ordinal[2]);
    if (dayOfYear < 1 || dayOfYear > 366) return null;
    const date = new Date(Date.UTC(Number(ordinal[1]), 0, dayOfYear));
    const zone = ordinal[6];
    return toIso(
      {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: Number(ordinal[3] ?? 0),
        minute: Number(ordinal[4] ?? 0),
        second: Number(ordinal[5] ?? 0),
        millisecond: 0,
        offset: zone === undefined ? undefined : zoneOffset(zone, context),
      },
      context,
    );
  }
  return undefined;
}

const CHINESE_DATE =
  /^(?:(\d{2,4})\s*[年/.-]\s*)?(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*[日号]?\s*(?:[T\s]*(?:(上午|下午|凌晨|早上|中午|晚上)\s*)?(\d{1,2})\s*[:：时點点]\s*(\d{1,2})\s*(?:[:：分]\s*(\d{1,2})\s*秒?)?\s*分?)?$/;

function parseChinese(value: string, context: DateContext): string | null | undefined {
  const m = CHINESE_DATE.exec(value);
  if (!m || (!value.includes('年') && !value.includes('月') && m[1] === undefined)) {
    return undefined;
  }
  let hour = Number(m[5] ?? 0);
  if ((m[4] === '下午' || m[4] === '晚上') && hour < 12) hour += 12;
  const parts: DateParts = {
    year: 0,
    month: Number(m[2]),
    day: Number(m[3]),
    hour,
    minute: Number(m[6] ?? 0),
    second: Number(m[7] ?? 0),
    millisecond: 0,
    offset: undefined,
  };
  if (m[1] !== undefined) {
    parts.year = expandYear(m[1]);
    return toIso(parts, context);
  }
  // No year (`12月25日 08:03`): the latest year that puts the date no more than a day
  // after the reference instant (see yearlessReference) — the closest such date at or
  // before it. A day of slack absorbs time zone skew between the feed and the reference.
  const reference = context.now ?? Date.now();
  const latest = new Date(reference).getUTCFullYear() + 1;
  for (let year = latest; year >= latest - 9; year--) {
    parts.year = year; // going back up to 9 years finds the previous 29 February
    const candidate = toIso(parts, context);
    if (candidate !== null && Date.parse(candidate) <= reference + 86_400_000) return candidate;
  }
  return null;
}

/**
 * The reference for dates written without a year: the feed's own updated time when it
 * has one (items are not published after the feed was built), else the caller's `now`
 * (ParseOptions.now), else the clock.
 */
export function withYearReference(context: DateContext, feedUpdated: string | null): DateContext {
  const updated = feedUpdated === null ? NaN : Date.parse(feedUpdated);
  return Number.isNaN(updated) ? context : { ...context, now: updated };
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(am|pm)?$/i;

/**
 * The RFC 1123 form nearly every RSS feed writes (`Thu, 26 Nov 2026 08:00:00 GMT`, or with
 * `+0800`), read character by character: the general token reader below spent a tenth
 * of a feed's parse time on it. Returns undefined for anything else (the general reader
 * reads this form the same way, so which one reads it makes no difference).
 */
const WEEKDAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
const MONTH_ABBREVIATIONS: ReadonlyMap<string, number> = new Map([
  ['Jan', 1], ['Feb', 2], ['Mar', 3], ['Apr', 4], ['May', 5], ['Jun', 6], ['Jul', 7],
  ['Aug', 8], ['Sep', 9], ['Oct', 10], ['Nov', 11], ['Dec', 12],
]); // prettier-ignore
const UTC_NAMES = new Set(['GMT', 'UTC', 'UT', 'Z']);

/** The number written by `count` ASCII digits at `from`, or -1. */
function digitsAt(value: string, from: number, count: number): number {
  let number = 0;
  for (let i = from; i < from + count; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    number = number * 10 + digit;
  }
  return number;
}

function parseRfc1123(value: string, context: DateContext): string | null | undefined {
  let i = 0;
  if (WEEKDAYS.has(value.slice(0, 3))) {
    i = value.charCodeAt(3) === 44 /* , */ ? 4 : 3;
    if (value.charCodeAt(i) !== 32) return undefined;
    i++;
  }
  const dayLength = value.charCodeAt(i + 1) === 32 ? 1 : 2;
  const day = digitsAt(value, i, dayLength);
  i += dayLength;
  // " Nov 2026 08:00:00 " is 19 characters; the zone follows.
  if (day < 0 || value.length < i + 20 || value.charCodeAt(i) !== 32) return undefined;
  const month = MONTH_ABBREVIATIONS.get(value.slice(i + 1, i + 4));
  const year = digitsAt(value, i + 5, 4);
  const hour = digitsAt(value, i + 10, 2);
  const minute = digitsAt(value, i + 13, 2);
  const second = digitsAt(value, i + 16, 2);
  if (
    month === undefined ||
    year < 0 ||
    hour < 0 ||
    minute < 0 ||
    second < 0 ||
    value.charCodeAt(i + 4) !== 32 ||
    value.charCodeAt(i + 9) !== 32 ||
    value.charCodeAt(i + 12) !== 58 /* : */ ||
    value.charCodeAt(i + 15) !== 58 ||
    value.charCodeAt(i + 18) !== 32
  ) {
    return undefined;
  }
  const zone = value.slice(i + 19);
  let offset = 0;
  if (!UTC_NAMES.has(zone)) {
    const sign = zone.charCodeAt(0);
    const hours = digitsAt(zone, 1, 2);
    const minutes = digitsAt(zone, 3, 2);
    if (zone.length !== 5 || (sign !== 43 && sign !== 45) || hours < 0 || minutes < 0) {
      return undefined;
    }
    if (hours > 14 || minutes > 59) return undefined; // not a zone: the general reader decides
    offset = (sign === 45 ? -1 : 1) * (hours * 60 + minutes);
  }
  return toIso({ year, month, day, hour, minute, second, millisecond: 0, offset }, context);
}

/** RFC 822 and its relatives, read token by token so the order may vary. */
function parseRfc822Like(value: string, context: DateContext): string | null | undefined {
  const tokens = value
    .replace(/\([^)]*\)/g, ' ') // "(China Standard Time)" comments
    .replace(/,/g, ' ')
    .replace(/(\d)(am|pm)\b/gi, '$1 $2')
    .split(/\s+/)
    .filter((token) => token !== '');
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let time: RegExpExecArray | null = null;
  let offset: number | undefined;
  let numericOffset = false;
  let zoneName: string | undefined;
  let meridiem: string | undefined;
  for (let k = 0; k < tokens.length; k++) {
    let token = tokens[k] as string;
    const lower = token.toLowerCase().replace(/\.$/, '');
    if (month === undefined && /^[a-zäéèû]{3,}$/i.test(lower)) {
      const found = MONTHS[lower.slice(0, 3)];
      if (
        found !== undefined &&
        !(lower.length > 3 && ZONE_NAMES[token.toUpperCase()] !== undefined)
      ) {
        month = found;
        continue;
      }
    }
    if (/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*$/i.test(lower)) continue;
    if (lower === 'at') continue; // "December 25, 2021 at 8:03 PM"
    if (lower === 'am' || lower === 'pm') {
      meridiem = lower;
      continue;
    }
    // "10:14:55-0800" glued to its zone
    const glued = /^(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)([+-]\d{2}:?\d{2}|Z)$/i.exec(token);
    if (glued) {
      token = glued[1] as string;
      tokens.splice(k + 1, 0, glued[2] as string);
    }
    const t: RegExpExecArray | null = time === null ? TIME.exec(token) : null;
    if (t) {
      time = t;
      if (t[5]) meridiem = t[5].toLowerCase();
      continue;
    }
    if (/^\d{4}$/.test(token) && year === undefined) {
      year = Number(token);
      continue;
    }
    if (/^\d{1,2}$/.test(token)) {
      if (day === undefined) day = Number(token);
      else if (year === undefined) year = expandYear(token);
      else return null;
      continue;
    }
    // "25-Dec-2021" / "2021/12/25"
    const dashed = /^(\d{1,2})-([a-z]{3})-(\d{2,4})$/i.exec(token);
    if (dashed && MONTHS[(dashed[2] as string).toLowerCase()] !== undefined) {
      day = Number(dashed[1]);
      month = MONTHS[(dashed[2] as string).toLowerCase()];
      year = expandYear(dashed[3] as string);
      continue;
    }
    const slashed = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(token);
    if (slashed) {
      year = Number(slashed[1]);
      month = Number(slashed[2]);
      day = Number(slashed[3]);
      continue;
    }
    const zone = zoneOffset(token, context);
    if (zone !== undefined) {
      // Two zones ("GMT +0800", "+0100 BST", "EDT EDT"): a numeric one wins, else the first.
      const numeric = /\d/.test(token);
      if (offset === undefined || (numeric && !numericOffset)) {
        offset = zone;
        numericOffset = numeric;
      }
      continue;
    }
    const name = offset === undefined && zoneName === undefined ? ianaZoneName(token) : undefined;
    if (name !== undefined) {
      zoneName = name;
      continue;
    }
    // Words after a complete date, time and zone ("… GMT garbage") change nothing.
    const complete = year !== undefined && month !== undefined && day !== undefined;
    if (complete && time !== null && (offset !== undefined || zoneName !== undefined)) break;
    return null; // a word we do not understand: better null than a wrong date
  }
  if (year === undefined || month === undefined || day === undefined) return null;
  let hour = time ? Number(time[1]) : 0;
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  return toIso(
    {
      year,
      month,
      day,
      hour,
      minute: time ? Number(time[2]) : 0,
      second: time ? Number(time[3] ?? 0) : 0,
      millisecond: time ? fraction(time[4]) : 0,
      offset,
    },
    zoneName === undefined ? context : { ...context, timeZone: zoneName },
  );
}

/** Whitespace other than single spaces, which parseDate folds into one space. */
const MESSY_SPACE = /[^\S ]| {2}/;

/** Parses a feed date; returns ISO 8601 UTC with milliseconds, or null. */
export function parseDate(
  input: string | null | undefined,
  context: DateContext = {},
): string | null {
  if (input === null || input === undefined) return null;
  let value = input.trim();
  if (MESSY_SPACE.test(value)) value = value.replace(/\s+/g, ' ');
  if (value === '') return null;
  const parsed = readDate(value, context);
  if (parsed === null) context.onUnreadable?.(value);
  return parsed;
}

/** A Chinese weekday (`星期六`, `周六`, `礼拜天`, in brackets or not): it adds nothing to the date. */
const CHINESE_WEEKDAY = /\s*[(（]?(?:星期|周|週|礼拜|禮拜)[一二三四五六日天][)）]?\s*/g;

function readDate(input: string, context: DateContext): string | null {
  const value = /[星周週礼禮]/.test(input) ? input.replace(CHINESE_WEEKDAY, ' ').trim() : input;
  // The common RSS form first: it cannot be mistaken for any of the forms tried below.
  const common = parseRfc1123(value, context);
  if (common !== undefined) return common;
  if (/^\d{9,13}(?:\.\d+)?$/.test(value)) {
    // Unix time: seconds, or milliseconds when it has 13 digits.
    const number = Number(value);
    const ms = value.split('.')[0]!.length >= 12 ? number : number * 1000;
    return new Date(Math.round(ms)).toISOString();
  }
  if (/^\d{4}/.test(value)) {
    const iso = parseIso(value, context) ?? parseIsoWithTail(value, context);
    if (iso !== undefined) return iso;
  }
  if (/[年月]/.test(value) || /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?:\s|$)/.test(value)) {
    const chinese = parseChinese(value.replace(/\s*(?:GMT\+0?8(?::?00)?|\+0?8:?00|CST)$/i, ''), {
      ...context,
      // An explicit +08:00 / CST suffix on a Chinese form is China time.
      ...(/(?:GMT\+0?8|\+0?8:?00|CST)$/i.test(value) ? { timeZone: 'Asia/Shanghai' } : {}),
    });
    if (chinese !== undefined) return chinese;
  }
  return parseRfc822Like(value, context) ?? null;
}

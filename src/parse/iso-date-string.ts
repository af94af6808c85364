/**
 * `new Date(ms).toISOString()` (`YYYY-MM-DDTHH:mm:ss.sssZ`) computed by arithmetic for years
 * 0–9999. V8's own goes through its date cache and cost about 2 µs a date, a tenth of
 * reading a 1 MB JSON Feed (two dates an item); this is several times faster. Other
 * years (and NaN) are left to V8, whose extended `±YYYYYY` form they need.
 */

const DAY_MS = 86_400_000;
const ZERO = 48;

/** Days since 1970-01-01 → [year, month 1–12, day 1–31] (H. Hinnant's civil_from_days). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // March = 0
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function isoDateString(ms: number): string {
  if (!Number.isInteger(ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  const [year, month, day] = civilFromDays(days);
  if (year < 0 || year > 9999) return new Date(ms).toISOString();
  const inDay = ms - days * DAY_MS;
  const hour = Math.floor(inDay / 3_600_000);
  const minute = Math.floor(inDay / 60_000) % 60;
  const second = Math.floor(inDay / 1000) % 60;
  const milli = inDay % 1000;
  // One flat string from character codes (a template literal would be a rope of 13 pieces).
  return String.fromCharCode(
    ZERO + Math.floor(year / 1000),
    ZERO + (Math.floor(year / 100) % 10),
    ZERO + (Math.floor(year / 10) % 10),
    ZERO + (year % 10),
    45, // -
    ZERO + Math.floor(month / 10),
    ZERO + (month % 10),
    45,
    ZERO + Math.floor(day / 10),
    ZERO + (day % 10),
    84, // T
    ZERO + Math.floor(hour / 10),
    ZERO + (hour % 10),
    58, // :
    ZERO + Math.floor(minute / 10),
    ZERO + (minute % 10),
    58,
    ZERO + Math.floor(second / 10),
    ZERO + (second % 10),
    46, // .
    ZERO + Math.floor(milli / 100),
    ZERO + (Math.floor(milli / 10) % 10),
    ZERO + (milli % 10),
    90, // Z
  );
}

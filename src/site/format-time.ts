/** A date as the site shows it: machine-readable ISO plus text for people. */
export interface DisplayTime {
  iso: string;
  text: string;
}

/**
 * Returns a formatter for ISO timestamps in the site's language and time zone. One
 * Intl.DateTimeFormat is made and reused: creating one per item is the slow part.
 * An unknown language or zone falls back to the default locale / UTC rather than failing.
 */
export function createTimeFormatter(language: string, timeZone: string): (iso: string) => string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(language, { ...options, timeZone });
  } catch {
    try {
      format = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' });
    } catch {
      format = new Intl.DateTimeFormat('en', { ...options, timeZone: 'UTC' });
    }
  }
  return (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date);
  };
}

/**
 * A category, site or feed name from an import (an OPML file, an RSSHub instance's route
 * list), on one line. The config refuses control characters in names (they are printed on the
 * terminal), so line breaks and tabs become spaces and other control characters go, rather
 * than one such name failing the whole import.
 */
export function oneLineName(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, '')
    .trim();
}

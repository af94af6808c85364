/**
 * The old RSSHub → Hexo script's title rules, kept byte for byte so exported posts match the
 * posts its users already have (fixture README, quirks 6 and 7).
 */

// Quirk 6: each of these became "_" in the front-matter title and the file name alike.
const REPLACED_IN_TITLE = /[:/\\?*“”<>|[\]]/g;

// Quirk 7: removed from the file name only (after the replacements above).
const REMOVED_FROM_FILE_NAME = /[.#\r\n]/g;

/** The title as the old script wrote it in `title:`: `Re:ゼロ` → `Re_ゼロ`. */
export function hexoTitle(title: string): string {
  return title.replace(REPLACED_IN_TITLE, '_');
}

/**
 * The file name (without `.md`) the old script derived from a title: the title rules, then
 * dots, `#` and newlines dropped (`Dr.STONE` → `DrSTONE`). Not yet safe on every system:
 * see `safeFileName`.
 */
export function hexoFileStem(title: string): string {
  return hexoTitle(title).replace(REMOVED_FROM_FILE_NAME, '');
}

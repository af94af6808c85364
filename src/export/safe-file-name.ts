/**
 * File and folder names that are valid on Linux, macOS and Windows and cannot leave the
 * folder they are written in. Each change made is reported, so the export can say which
 * of its posts differ from the old system's names and why.
 */

/** Longest name in bytes (UTF-8) that ext4, APFS and NTFS all accept. */
export const MAX_NAME_BYTES = 255;

/** A change `safeFileName` made to a name. */
export type NameFix =
  | 'windows-character' // < > : " / \ | ? * became their full-width forms (＂ for ")
  | 'control-character' // NUL and other C0 controls became _
  | 'trailing-dot-or-space' // Windows drops them silently, so two names could meet
  | 'reserved-name' // CON, NUL, COM1 … are devices on Windows, whatever the extension
  | 'dot-name' // "." and ".." are not names
  | 'empty-name'
  | 'too-long'; // cut to fit 255 bytes

export interface SafeName {
  name: string;
  fixes: NameFix[];
}

const WINDOWS_CHARACTERS = /[<>:"/\\|?*]/g;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;
// Windows device names, also with an extension (CON.md) and with superscript digits.
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?:\.|$)/i;

/**
 * Makes `stem + extension` a safe file name of at most `MAX_NAME_BYTES - reserveBytes`
 * bytes (reserve room for a collision suffix added later). `extension` is trusted (`.md`).
 */
export function safeFileName(stem: string, extension = '', reserveBytes = 0): SafeName {
  const fixes: NameFix[] = [];
  let name = stem;
  const replace = (pattern: RegExp, by: (character: string) => string, fix: NameFix): void => {
    const next = name.replace(pattern, by);
    if (next !== name) fixes.push(fix);
    name = next;
  };
  replace(CONTROL_CHARACTERS, () => '_', 'control-character');
  // Full-width look-alikes keep the name readable: "养老旅游" → ＂养老旅游＂.
  replace(WINDOWS_CHARACTERS, fullWidth, 'windows-character');
  const limit = MAX_NAME_BYTES - reserveBytes - Buffer.byteLength(extension);
  if (Buffer.byteLength(name) > limit) {
    name = cutToBytes(name, limit);
    fixes.push('too-long');
  }
  // Windows drops a name's trailing dots and spaces; with an extension the name ends in it.
  const trimmed = extension === '' ? name.replace(/[. ]+$/, '') : name;
  if (trimmed !== name) {
    // A name of dots only is "." or ".."-like: say so rather than calling it empty.
    fixes.push(/^\.+$/.test(name) ? 'dot-name' : 'trailing-dot-or-space');
    name = trimmed;
  }
  if (name === '') {
    if (!fixes.includes('dot-name')) fixes.push('empty-name');
    name = '_';
  }
  if (RESERVED.test(name)) {
    fixes.push('reserved-name');
    name = `_${name}`;
  }
  return { name: name + extension, fixes };
}

/** The full-width form of an ASCII character (U+FF01–U+FF5E mirror U+0021–U+007E). */
function fullWidth(character: string): string {
  return String.fromCharCode(character.charCodeAt(0) + 0xfee0);
}

/** The longest prefix of `text` that fits in `maxBytes` of UTF-8, never splitting a character. */
export function cutToBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const character of text) {
    const size = Buffer.byteLength(character);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += character.length;
  }
  return text.slice(0, end);
}

/** How two names compare on case-insensitive, normalisation-insensitive systems (macOS, Windows). */
export function nameIdentity(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * Terminal cells `text` takes, so names line up in the `feeds` table and the update report.
 * East Asian wide and fullwidth characters (CJK, kana, Hangul, fullwidth forms) take two
 * cells, and so does an emoji, counted per grapheme (what the terminal draws as one emoji):
 * skin tones, ZWJ families, flags, keycaps, a symbol made emoji by U+FE0F. Combining marks
 * and format characters take none.
 */
export function displayWidth(text: string): number {
  // Most names and every column heading: one cell a character.
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  // Segmenting costs ~6× more than a character loop: only for text with emoji in it.
  if (!MAY_BE_EMOJI.test(text)) {
    for (const char of text) width += characterWidth(char);
    return width;
  }
  for (const { segment } of graphemes().segment(text)) width += graphemeWidth(segment);
  return width;
}

/** `text` followed by spaces up to `width` cells (none when it is wider). */
export function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** East Asian Width W and F outside the emoji (Unicode 15 EastAsianWidth.txt, condensed). */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\u{16fe0}-\u{16fe4}\u{17000}-\u{18cff}\u{1b000}-\u{1b2ff}\u{1f200}-\u{1f2ff}\u{20000}-\u{2fffd}\u{30000}-\u{3fffd}]/u;
/**
 * Nothing drawn of its own: a combining mark, a format character (zero-width space, ZWJ,
 * bidi marks), a variation selector (a mark too), a Hangul vowel or final jamo (part of its
 * syllable).
 */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\u1160-\u11ff]/u;
/** What an emoji grapheme may hold, whose width is the grapheme's, not its characters'. */
const MAY_BE_EMOJI =
  /[\p{Extended_Pictographic}\p{Emoji_Presentation}\p{Regional_Indicator}\ufe0f\u20e3]/u;
/** Shown as emoji by default (Emoji_Presentation): two cells. */
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}/u;
/** An emoji character, which U+FE0F (emoji presentation selector) makes two cells wide. */
const EMOJI = /^\p{Emoji}/u;

function characterWidth(char: string): number {
  return ZERO_WIDTH.test(char) ? 0 : WIDE.test(char) ? 2 : 1;
}

let segmenter: Intl.Segmenter | undefined;
function graphemes(): Intl.Segmenter {
  return (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));
}

function graphemeWidth(grapheme: string): number {
  if (!grapheme.includes('\ufe0e')) {
    // Also a flag (two regional indicators), a skin tone or a ZWJ family: one grapheme.
    if (EMOJI_PRESENTATION.test(grapheme)) return 2;
    // ❤️, 1️⃣, and ZWJ sequences whose first part is text by default (🏳️‍🌈).
    if (EMOJI.test(grapheme) && /[\ufe0f\u200d]/.test(grapheme)) return 2;
  }
  let width = 0;
  for (const char of grapheme) width += characterWidth(char);
  return width;
}

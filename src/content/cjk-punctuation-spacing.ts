/**
 * Full-width CJK punctuation carries its own spacing: a space after `。`, `，` or `」`, or
 * before `。` or `）`, is a typo in Chinese and Japanese text. Such spaces come mostly from
 * the break between two paragraphs (`…增长6.9%。</p><p>从分项看…` reads `增长6.9%。 从分项看`
 * once the text is one line) and from feeds' own `&nbsp;` before a full stop. Spaces between
 * other characters are kept: a space between two Han characters may be a headline's
 * separator, and Korean puts spaces between words.
 */

/** Punctuation no space follows: all full-width stops, commas, colons and brackets. */
const NO_SPACE_AFTER = '、。，：；！？（）「」『』【】《》〈〉〔〕';
/** Punctuation no space precedes: stops, commas, colons and closing brackets. */
const NO_SPACE_BEFORE = '、。，：；！？）」』】》〉〕';

const STRAY_SPACE = new RegExp(`(?<=[${NO_SPACE_AFTER}]) | (?=[${NO_SPACE_BEFORE}])`, 'gu');

/** `text` (whitespace already collapsed to single spaces) without spaces beside CJK punctuation. */
export function withoutSpacesBesideCjkPunctuation(text: string): string {
  return text.replace(STRAY_SPACE, '');
}

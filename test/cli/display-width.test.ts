import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayWidth, padToWidth } from '../../src/cli/display-width.js';

test('terminal cells: emoji and emoji sequences take two, like CJK; marks take none', () => {
  const cases: [string, number][] = [
    ['News', 4],
    ['新浪财经', 8],
    ['ﾆｭｰｽ', 4], // halfwidth katakana: one cell each
    ['ｶﾞ', 2], // and its voiced mark, a cell of its own
    ['😀', 2],
    ['📈 Markets', 10],
    ['👍🏽', 2], // with a skin tone
    ['👨‍👩‍👧', 2], // ZWJ sequence
    ['🏳️‍🌈', 2],
    ['🇨🇳', 2], // a flag: two regional indicators
    ['🏴󠁧󠁢󠁳󠁣󠁴󠁿', 2], // a tag sequence
    ['❤️', 2], // a text symbol with U+FE0F
    ['❤', 1], // the same without: drawn as text
    ['☺︎', 1], // U+FE0E asks for text
    ['1️⃣', 2], // a keycap
    ['⌚', 2],
    ['𠀀', 2], // CJK beyond the first plane
    ['Café', 4], // é as e + combining accent
    ['a\u200bb', 2], // zero-width space
  ];
  for (const [text, width] of cases) assert.equal(displayWidth(text), width, text);
  assert.equal(padToWidth('😀', 4), '😀  ');
});

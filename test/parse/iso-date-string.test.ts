import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoDateString } from '../../src/parse/iso-date-string.js';

// Parsed dates are written by isoDateString instead of Date#toISOString (much faster in
// V8); it must give exactly the same string for every instant.

/** A deterministic generator (no Math.random, so failures repeat). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('isoDateString', () => {
  it('is Date#toISOString at the edges: epoch, leap days, year 0, 9999, 10000, before 0', () => {
    const edges = [
      0, -1, 1, 951_782_400_000, 951_868_799_999, 951_868_800_000, 4_107_542_399_999,
      -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000,
      8.64e15, -8.64e15, 1_700_000_000_123,
    ]; // prettier-ignore
    for (const ms of edges) assert.equal(isoDateString(ms), new Date(ms).toISOString(), `${ms}`);
  });

  it('is Date#toISOString for random instants from year −270,000 to +270,000', () => {
    const next = random(11);
    for (let k = 0; k < 200_000; k++) {
      // Mostly years 0–9999, where it computes the string itself.
      const span = k % 4 === 0 ? 8.64e15 : 2.5e14;
      const ms = Math.round((next() * 2 - 1) * span);
      assert.equal(isoDateString(ms), new Date(ms).toISOString(), `${ms}`);
    }
  });

  it('leaves a fraction of a millisecond to V8', () => {
    assert.equal(isoDateString(1.5), new Date(1.5).toISOString());
  });
});

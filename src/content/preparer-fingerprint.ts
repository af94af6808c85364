import { createHash } from 'node:crypto';
import { codeFingerprint, codeRoot } from '../code-fingerprint.js';
import type { FeedSource } from '../sources/feed-source.js';
import type { FeedFetchState } from '../store/store.js';

let cached: string | null = null;

/** The stages whose code prepares items (recorded at build time: tools/bundle-cli.mjs). */
export const PREPARER_STAGES = ['parse', 'content'];

/**
 * A hash of the code that turns a feed's bytes into stored items: every module of `parse/` and
 * `content/` and what they import (the parser, the cleaning rules, the sanitiser).
 */
export function preparerFingerprint(): string {
  cached ??= codeFingerprint(codeRoot(import.meta.url), PREPARER_STAGES);
  return cached;
}

/**
 * What a feed's stored items were made with, besides its bytes: the preparing code and the
 * feed's settings that shape its items (cleaning rules, embeds, time zone). Kept with the hash
 * of the last body read, so that a changed `clean:` rule or a Tidings upgrade prepares the
 * feed's items again at its next fetch, even when the feed itself has not changed.
 */
export function preparationKey(source: PreparationSettings): string {
  return preparationKeyOf(preparationSettingsText(source));
}

/** The settings a feed's items are prepared with; see preparationKey. */
export type PreparationSettings = Pick<FeedSource, 'content' | 'timeZone'>;

/**
 * The settings as text, kept in the store beside the key they make, so that a feed later taken
 * out of the config can still be prepared again (after a Tidings upgrade) as it was.
 */
export function preparationSettingsText(source: PreparationSettings): string {
  return JSON.stringify([source.timeZone, source.content ?? null]);
}

/** Keys by settings text: most feeds share their settings, and an update asks for each key 2–3 times. */
const keysBySettings = new Map<string, string>();

function preparationKeyOf(settingsText: string): string {
  let key = keysBySettings.get(settingsText);
  if (key === undefined) {
    const settingsHash = createHash('sha256').update(settingsText).digest('base64url').slice(0, 16);
    key = `${preparerFingerprint()}${settingsHash}`;
    keysBySettings.set(settingsText, key);
  }
  return key;
}

/** The body hash to keep for a feed read with `key`: the two compared as one at the next fetch. */
export function preparedBodyHash(bodyHash: string, key: string): string {
  return `${bodyHash}.${key}`;
}

/**
 * A feed's fetch state as seen by a fetch that prepares with `key`: when its items were made
 * otherwise (another key, or a store older than keys), the feed is due now and is read afresh,
 * without validators (a 304 would leave nothing to prepare) and without a body hash to match.
 */
export function stateForPreparation(
  state: FeedFetchState | null,
  key: string,
): FeedFetchState | null {
  if (state === null || state.bodyHash === null || state.bodyHash.endsWith(`.${key}`)) return state;
  return { ...state, etag: null, lastModified: null, bodyHash: null, nextDueAt: null };
}

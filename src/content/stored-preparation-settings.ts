import type { CleanRules, ContentSettings } from '../sources/feed-source.js';
import type { PreparationSettings } from './preparer-fingerprint.js';

/**
 * Reads back what preparationSettingsText wrote, or null when the text is not that (a store
 * written by something else): a feed whose settings cannot be read is left as it is.
 */
export function readPreparationSettings(text: string | null): PreparationSettings | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [timeZone, content] = value as [unknown, unknown];
  if (typeof timeZone !== 'string') return null;
  if (content === null) return { timeZone };
  return isContentSettings(content) ? { timeZone, content } : null;
}

function isContentSettings(value: unknown): value is ContentSettings {
  if (typeof value !== 'object' || value === null) return false;
  const { embeds, builtinRules, clean } = value as Record<string, unknown>;
  return (
    typeof embeds === 'boolean' &&
    typeof builtinRules === 'boolean' &&
    Array.isArray(clean) &&
    clean.every(isCleanRules)
  );
}

function isCleanRules(value: unknown): value is CleanRules {
  if (typeof value !== 'object' || value === null) return false;
  const { remove, removePattern, keepOnly } = value as Record<string, unknown>;
  const strings = (list: unknown) =>
    Array.isArray(list) && list.every((entry) => typeof entry === 'string');
  return (
    strings(remove) && strings(removePattern) && (keepOnly === null || typeof keepOnly === 'string')
  );
}

import { createHash } from 'node:crypto';

/**
 * What the export remembers of a post's text between planning and writing (export-hexo.ts
 * renders each post twice rather than hold every post's text: 100,000 posts are gigabytes):
 * enough to tell whether a file holds the very post.
 */
export interface PostDigests {
  /** SHA-256 (hex) of the text's UTF-8 bytes: what the manifest records. */
  sha256: string;
  /** SHA-256 of the text with the placeholder image's random number taken out; null: none. */
  placeholderSha256: string | null;
}

// The old script drew a new random placeholder number every run (fixture README, quirk 9).
const PLACEHOLDER_NUMBER = /(https:\/\/picsum\.photos\/400\/300\?random=)\d+/g;

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The text with any placeholder image's random number taken out. */
export function withoutPlaceholderNumber(text: string): string {
  return text.replace(PLACEHOLDER_NUMBER, '$1');
}

export function postDigests(text: string): PostDigests {
  return {
    sha256: sha256(text),
    placeholderSha256: text.includes('https://picsum.photos/')
      ? sha256(withoutPlaceholderNumber(text))
      : null,
  };
}

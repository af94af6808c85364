import fs from 'node:fs';
import path from 'node:path';

/** GitHub Pages publishes sites of at most 1 GB (GitHub's documentation, "usage limits"). */
export const GITHUB_PAGES_MAX_BYTES = 1_000_000_000;

/** The bytes of every file under a folder (what a static host is sent). */
export function folderBytes(dir: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}

/**
 * The warning for a site published to a GitHub repository that is larger than GitHub Pages
 * takes, or null. Other hosts have other limits, which Tidings does not know, so the site is
 * measured (`siteBytes`, a walk of every file) only for a GitHub repository.
 */
export function pagesSizeWarning(repo: string, siteBytes: () => number): string | null {
  if (!/github\.com[/:]/i.test(repo)) return null;
  const bytes = siteBytes();
  if (bytes <= GITHUB_PAGES_MAX_BYTES) return null;
  const size = `${(bytes / 1e9).toFixed(2)} GB`;
  return (
    `the site is ${size}, and GitHub Pages publishes sites of at most 1 GB: set site.maxAgeDays ` +
    'in the config to show the items of fewer days (the store keeps every item)'
  );
}

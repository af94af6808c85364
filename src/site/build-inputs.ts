import { createHash } from 'node:crypto';
import type { SiteSettings } from '../config/config.js';
import { rendererFingerprint } from './renderer-fingerprint.js';
import { listStaticFiles } from './static-files.js';

/**
 * One key for everything a whole build is made from: the code that renders it, the site
 * settings, the static folder's files (path, size, mtime, ctime, inode), the store's change watermark
 * (see Store.changeWatermark) and where the site's window starts (site-window.ts). Recorded
 * in the build manifest; when the next build computes the same key, the site on disk is
 * already what it would write, and the build stops before reading a single item: that is
 * what makes a rebuild with nothing changed cost start-up time only.
 */
export function buildInputsKey(
  settings: SiteSettings,
  storeWatermark: string,
  shownSince: string | null = null,
): string {
  const hash = createHash('sha256');
  hash.update(`inputs-1\0${rendererFingerprint()}\0${JSON.stringify(settings)}\0`);
  if (settings.staticDir !== null) {
    for (const file of listStaticFiles(settings.staticDir)) {
      hash.update(`${file.path}\0${file.version}\0`);
    }
  }
  hash.update(storeWatermark);
  if (shownSince !== null) hash.update(`\0${shownSince}`);
  return hash.digest('base64url');
}

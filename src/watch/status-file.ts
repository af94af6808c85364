import fs from 'node:fs';
import path from 'node:path';
import { renderSiteStatus } from '../site/site-status.js';
import { placeFeeds, type FeedPlace } from '../store/feed-places.js';
import type { Store } from '../store/store.js';

/**
 * Rewrites `status.json` in the built site without a whole build, so its `lastUpdateAt`
 * follows fetches that found nothing new. Written beside the output folder (not in it, where
 * `deploy git`, which may be staging the folder meanwhile, would publish it or fail on it
 * vanishing) and renamed over the old file, so a reader never sees half of it. Synchronous: it cannot interleave with a build of this
 * process, and the caller never runs it while one is in progress. Does nothing when there
 * is no built site (the next build writes the file). With `places` (the config's sources),
 * feeds the config no longer lists are left out, as a build leaves them out.
 */
export function refreshStatusFile(
  outputDir: string,
  store: Store,
  places?: readonly FeedPlace[],
): boolean {
  const target = path.join(outputDir, 'status.json');
  if (!fs.existsSync(target)) return false;
  // The same feeds as a build counts: those the config lists, at its places.
  const placed = placeFeeds(store.listFeeds(), places);
  const text = renderSiteStatus(
    placed.feeds.filter((feed) => !placed.unconfiguredKeys.has(feed.key)),
  );
  if (fs.readFileSync(target, 'utf8') === text) return false;
  const temporary = path.join(
    path.dirname(outputDir),
    `.${path.basename(outputDir)}.tidings.status-${process.pid}.tmp`,
  );
  try {
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, target);
  } catch (error) {
    // A full disk: no half-written file may stay in the site (it would be published).
    fs.rmSync(temporary, { force: true });
    throw new Error(`cannot write ${target}: ${(error as Error).message}`);
  }
  return true;
}

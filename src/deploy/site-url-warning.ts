import { hostReach } from '../site/host-reach.js';

/**
 * The warning for a site published while site.url names this machine (the starter config's
 * `http://localhost:4000`), or null. Its feeds, sitemaps, robots.txt, canonical links and
 * 404 page are made from site.url, so once published they would send feed readers and
 * search engines to each reader's own machine.
 */
export function localSiteUrlWarning(siteUrl: string): string | null {
  let host: string;
  try {
    host = new URL(siteUrl).hostname;
  } catch {
    return null; // the config refuses such a URL before this is asked
  }
  if (hostReach(host) !== 'this-machine') return null;
  return (
    `site.url is ${siteUrl}, this machine: the published site's feeds, sitemap, robots.txt ` +
    'and canonical links point there; set site.url in the config to its public address ' +
    '(e.g. https://USER.github.io/REPO/)'
  );
}

import type { ImageProxySettings, SiteSettings } from '../config/config.js';
import { webHost } from './web-host.js';

/**
 * `site.imageProxy`: the site's pages load images through a proxy the user names (their own
 * Cloudflare worker, wsrv.nl, an RSSHub-style relay), for the images `referrerpolicy=
 * "no-referrer"` does not rescue — hosts that want their own site as the Referer (pixiv's
 * i.pximg.net), and `http:` images, which browsers block or fail to upgrade on an https site.
 * Only the pages: feeds out keep the items' own image URLs, since feed readers fetch images
 * their own way.
 *
 * An image's URL becomes the proxy's URL with `{url}` replaced by the image's URL
 * percent-encoded (a query parameter: `https://wsrv.nl/?url={url}`) and `{rawUrl}` by the URL
 * as it is (proxies addressed as `https://proxy.example/?https://host/a.jpg`). Only http(s)
 * images are proxied (never an inline `data:` image), only those of the listed hosts and their
 * subdomains when `hosts` names any, and never an image already served by the proxy's host.
 */

/** The URL a page loads for an image's (absolute, unescaped) URL. */
export type ImageAddress = (url: string) => string;

/** The address function of these proxy settings. */
export function imageProxyAddress(proxy: ImageProxySettings): ImageAddress {
  const proxyHost = webHost(proxy.url.replace(/\{(?:url|rawUrl)\}/g, ''));
  const hosts = proxy.hosts;
  const proxied = (host: string): boolean => {
    if (host === proxyHost) return false;
    if (hosts.length === 0) return true;
    return hosts.some((name) => host === name || host.endsWith(`.${name}`));
  };
  return (url) => {
    const host = webHost(url);
    if (host === null || !proxied(host)) return url;
    return proxy.url.replace(/\{(url|rawUrl)\}/g, (_placeholder, name: string) =>
      name === 'url' ? encodeURIComponent(url) : url,
    );
  };
}

const addresses = new WeakMap<SiteSettings, ImageAddress | null>();

/**
 * The image address function of a site's settings, or null when it has no proxy (images load
 * from their hosts). Made once per settings object: a build renders thousands of images.
 */
export function imageAddressOf(settings: SiteSettings): ImageAddress | null {
  let address = addresses.get(settings);
  if (address === undefined) {
    address = settings.imageProxy ? imageProxyAddress(settings.imageProxy) : null;
    addresses.set(settings, address);
  }
  return address;
}

/** A lead image's URL (already checked by safe-url.ts's imageUrl) as the site's pages load it. */
export function imageThrough(settings: SiteSettings, url: string | null): string | null {
  if (url === null) return null;
  const address = imageAddressOf(settings);
  return address === null ? url : address(url);
}

/**
 * A `srcset` value (as our sanitizer writes it: `url descriptor` candidates joined by `, `,
 * URLs without spaces) with each candidate's URL given by `address`.
 */
export function srcsetThrough(srcset: string, address: ImageAddress): string {
  return srcset
    .split(/,\s+/)
    .map((candidate) => {
      const space = candidate.search(/\s/);
      return space === -1
        ? address(candidate)
        : address(candidate.slice(0, space)) + candidate.slice(space);
    })
    .join(', ');
}

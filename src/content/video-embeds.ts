/**
 * The video players an item may embed (`<iframe>`), when `content.embeds` is on. Only https
 * player URLs of these hosts, under these paths; everything else in an iframe is dropped.
 */

interface EmbedHost {
  host: string;
  /** The player's path prefix: a page of the same host that is not a player is refused. */
  path: string;
}

// prettier-ignore
const EMBED_HOSTS: readonly EmbedHost[] = [
  { host: 'www.youtube.com', path: '/embed/' },
  { host: 'www.youtube-nocookie.com', path: '/embed/' },
  { host: 'player.vimeo.com', path: '/video/' },
  { host: 'player.bilibili.com', path: '/player.html' },
  { host: 'v.qq.com', path: '/txp/iframe/player.html' },
];

/** The player URL as an absolute https URL, or null when it is not an allowed player. */
export function allowedEmbedUrl(src: string | undefined): string | null {
  if (!src) return null;
  const value = src.trim();
  let url: URL;
  try {
    // Players are often written protocol-relative (`//player.bilibili.com/…`).
    url = new URL(value.startsWith('//') ? 'https:' + value : value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return null;
  if (url.port !== '') return null;
  const allowed = EMBED_HOSTS.some(
    (embed) => embed.host === url.hostname && url.pathname.startsWith(embed.path),
  );
  return allowed ? url.href : null;
}

import { isUtf8 } from 'node:buffer';
import { addImageAttributesToBytes } from './image-attributes.js';
import { imageAddressOf } from './image-proxy.js';
import type { PageContext } from './page-context.js';
import {
  itemPageFeedParts,
  itemPageOwnParts,
  renderItemPage,
  type ItemPageFeed,
  type ItemPageView,
} from './render-item-page.js';
import { Utf8Slab } from './utf8-slab.js';

/** A C0 control HTML forbids (all but tab, LF and CR), or DEL. */
function forbiddenByte(byte: number | undefined): boolean {
  return byte !== undefined && ((byte < 0x20 && byte !== 9 && byte !== 10 && byte !== 13) || byte === 0x7f); // prettier-ignore
}

/**
 * Whether UTF-8 bytes hold no C0 control but tab, LF and CR, and no DEL. Four bytes at a time:
 * `w & 0xe0e0e0e0` has a zero byte exactly where a byte of w is below 0x20, `w ^ 0x7f7f7f7f`
 * where one is DEL, and `(v - 0x01010101) & ~v & 0x80808080` is nonzero exactly when v has a
 * zero byte; only then are the four bytes looked at one by one (tabs and line breaks). Six
 * times faster here than a regular expression over the bytes.
 */
function noControls(bytes: Buffer): boolean {
  const start = Math.min((4 - (bytes.byteOffset & 3)) & 3, bytes.length);
  const words = (bytes.length - start) >>> 2;
  for (let i = 0; i < start; i++) if (forbiddenByte(bytes[i])) return false;
  const view = new Int32Array(bytes.buffer, bytes.byteOffset + start, words);
  for (let i = 0; i < words; i++) {
    const word = view[i]!;
    const low = word & 0xe0e0e0e0;
    const del = word ^ 0x7f7f7f7f;
    if ((((low - 0x01010101) & ~low) | ((del - 0x01010101) & ~del)) & 0x80808080) {
      const at = start + i * 4;
      if (forbiddenByte(bytes[at]) || forbiddenByte(bytes[at + 1])) return false;
      if (forbiddenByte(bytes[at + 2]) || forbiddenByte(bytes[at + 3])) return false;
    }
  }
  for (let i = start + words * 4; i < bytes.length; i++) if (forbiddenByte(bytes[i])) return false;
  return true;
}

const NONCHARACTER_LEAD = Buffer.from([0xef, 0xbf]);

/**
 * Whether valid UTF-8 holds nothing that stripInvalidChars (html-escape.ts) would remove: no C0
 * control but tab, LF and CR, no DEL, no C1 control (U+0080–U+009F: C2 80–C2 9F), no U+FFFE or
 * U+FFFF (EF BF BE, EF BF BF). Lone surrogates cannot be in valid UTF-8.
 */
function nothingToStrip(bytes: Buffer): boolean {
  if (!noControls(bytes)) return false;
  for (let at = bytes.indexOf(0xc2); at !== -1; at = bytes.indexOf(0xc2, at + 1)) {
    const next = bytes[at + 1]!;
    if (next >= 0x80 && next <= 0x9f) return false;
  }
  for (
    let at = bytes.indexOf(NONCHARACTER_LEAD);
    at !== -1;
    at = bytes.indexOf(NONCHARACTER_LEAD, at + 1)
  ) {
    // prettier-ignore
    if (bytes[at + 2] === 0xbe || bytes[at + 2] === 0xbf) return false;
  }
  return true;
}

/** An item page's feed parts (render-item-page.ts), encoded. */
interface FeedPartsBytes {
  /** What they were rendered for, besides the feed. */
  settings: PageContext['settings'];
  labels: PageContext['labels'];
  styleVersion: string;
  root: string;
  start: Buffer;
  middle: Buffer;
  end: Buffer;
}

/**
 * Feed parts encoded so far, by feed: every item of a feed at the same depth has the same
 * (a thread's orders share one feed object per feed, item-page-threads.ts, and nothing
 * changes a feed object once made). Keys are held weakly, so nothing outlives the build that
 * made them.
 */
const feedPartsCache = new WeakMap<ItemPageFeed, FeedPartsBytes[]>();

function feedPartsBytes(page: PageContext, feed: ItemPageFeed): FeedPartsBytes {
  let known = feedPartsCache.get(feed);
  if (known === undefined) {
    known = [];
    feedPartsCache.set(feed, known);
  }
  for (const parts of known) {
    if (
      parts.root === page.root &&
      parts.settings === page.settings &&
      parts.labels === page.labels &&
      parts.styleVersion === page.styleVersion
    ) {
      return parts;
    }
  }
  const { start, middle, end } = itemPageFeedParts(page, feed);
  const parts: FeedPartsBytes = {
    settings: page.settings,
    labels: page.labels,
    styleVersion: page.styleVersion,
    root: page.root,
    start: Buffer.from(start, 'utf8'),
    middle: Buffer.from(middle, 'utf8'),
    end: Buffer.from(end, 'utf8'),
  };
  known.push(parts);
  return parts;
}

/** The page as renderItemPage makes it from the decoded content. */
function fromText(page: PageContext, view: ItemPageView, content: Buffer): Buffer[] {
  return [Buffer.from(renderItemPage(page, view, content.toString('utf8')), 'utf8')];
}

/**
 * An item page as bytes, from its content as the store holds it (UTF-8): the parts of the page
 * that are its feed's are rendered and encoded once per feed, the item's own parts (about a
 * kilobyte) are rendered and encoded for each page, and the content's own bytes go between
 * them as they are (only its `<img>` tags are rewritten, see image-attributes.ts). Most of an
 * item page is its content, so this saves decoding it into a string and encoding it back —
 * the same bytes as `renderItemPage` gives, which is what a content that is not valid UTF-8
 * or holds characters HTML forbids (stripped there) still goes through.
 */
export function itemPageBytes(page: PageContext, view: ItemPageView, content: Buffer): Buffer[] {
  if (!isUtf8(content) || !nothingToStrip(content)) return fromText(page, view, content);
  const { pieces, hasImage, closesLink } = addImageAttributesToBytes(content, imageAddressOf(page.settings)); // prettier-ignore
  // A link made of images may get a name (image-links.ts): rare, and done on the text.
  if (closesLink) return fromText(page, view, content);
  const feed = feedPartsBytes(page, view.feed);
  const own = itemPageOwnParts(page, view, hasImage);
  return [
    feed.start,
    ownParts.encode(own.head),
    feed.middle,
    ownParts.encode(own.top),
    ...pieces,
    ownParts.encode(own.bottom),
    feed.end,
  ];
}

/**
 * Where pages' own parts are encoded: apart from what the build keeps (keptUtf8), since a
 * page's parts are garbage once it is written.
 */
const ownParts = new Utf8Slab();

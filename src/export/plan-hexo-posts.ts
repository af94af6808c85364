import type { StoredFeed, StoredItem } from '../store/store.js';
import { firstImageSource } from './first-image.js';
import { hexoDate, type HexoDateSource } from './hexo-date.js';
import { hexoPostPaths, type PathFix } from './hexo-file-path.js';
import { type HexoTemplate, type PostFix, renderHexoPost } from './hexo-post.js';
import { placeholderImage } from './placeholder-image.js';
import { postDigests, type PostDigests } from './post-digests.js';
import { nameIdentity } from './safe-file-name.js';

/** Every departure from the old script's output a post needed. */
export type HexoFix = PostFix | PathFix | Exclude<HexoDateSource, 'feed'>;

/** Where a post goes, without its text (rendered again to be written: `renderedPosts`). */
export interface PlannedPost extends PostDigests {
  /** Relative to the export folder, `/`-separated. */
  path: string;
  fixes: HexoFix[];
  /** `<feed key>\n<item key>`: what the manifest remembers the path by. */
  identity: string;
  /** What the post says, however a Hexo plugin re-spells its front matter (post-values.ts). */
  valuesSha256: string;
}

export interface PlanOptions {
  template?: HexoTemplate | ((feed: StoredFeed) => HexoTemplate);
  /** Paths this item had in the last export: kept when still a candidate, so names are stable. */
  previousPath?: (identity: string) => string | undefined;
  /**
   * A path held by a file the export did not write (the user's own): never taken, unless the
   * file already holds this very post (`post`), which the export may then adopt.
   */
  isForeign?: (path: string, post: PostDigests & { valuesSha256: string }) => boolean;
}

/** An item that got no post, and why (the old script dropped such items silently). */
export interface SkippedItem {
  identity: string;
  title: string;
  reason: string;
}

export interface HexoPlan {
  posts: PlannedPost[];
  skipped: SkippedItem[];
}

/** An item's post as rendered, before it has a path. */
export interface RenderedPost {
  identity: string;
  title: string;
  firstSeen: string;
  text: string;
  valuesSha256: string;
  fixes: HexoFix[];
  paths: ReturnType<typeof hexoPostPaths>;
}

/**
 * Each item's post, rendered, or why it gets none, one item at a time in the items' order: the
 * same posts every time the same items are given.
 */
export function* renderedPosts(
  feeds: readonly StoredFeed[],
  items: Iterable<StoredItem>,
  template: PlanOptions['template'],
): Generator<RenderedPost | SkippedItem> {
  const feedByKey = new Map(feeds.map((feed) => [feed.key, feed]));
  for (const item of items) {
    const feed = feedByKey.get(item.feedKey);
    if (feed === undefined) {
      const identity = `${item.feedKey}\n${item.key}`;
      yield { identity, title: item.title, reason: `its feed ${item.feedKey} is not stored` };
      continue;
    }
    // After the feed's page key (store.ts): a feed whose history moved to a new key keeps its
    // posts' names and images, as it keeps its pages' URLs.
    const feedIdentity = feed.pageKey ?? item.feedKey;
    const identity = `${feedIdentity}\n${item.key}`;
    const headings: [string, string, string] = [feed.category, feed.site, feed.name];
    const date = hexoDate(item);
    const fixes: HexoFix[] = date.source === 'feed' ? [] : [date.source];
    const post = renderHexoPost(
      {
        title: item.title,
        categories: headings,
        image: firstImageSource(item.sourceHtml) ?? placeholderImage(feedIdentity, item.key),
        author: feed.site,
        date: date.text,
        html: item.sourceHtml,
      },
      typeof template === 'function' ? template(feed) : template,
    );
    const paths = hexoPostPaths(headings, item.title, identity);
    yield {
      identity,
      title: item.title,
      firstSeen: item.firstSeen,
      text: post.text,
      valuesSha256: post.valuesSha256,
      fixes: [...fixes, ...post.fixes, ...paths.fixes],
      paths,
    };
  }
}

/**
 * The posts for these items, each at a unique, safe path. Reads the items once, one at a time,
 * keeping of each post only its digests (not its text): a store's items can be streamed.
 */
export function planHexoPosts(
  feeds: readonly StoredFeed[],
  items: Iterable<StoredItem>,
  options: PlanOptions = {},
): HexoPlan {
  const skipped: SkippedItem[] = [];
  const drafts: (Omit<RenderedPost, 'text'> & PostDigests)[] = [];
  for (const rendered of renderedPosts(feeds, items, options.template)) {
    if ('reason' in rendered) {
      skipped.push(rendered);
      continue;
    }
    const { text, ...draft } = rendered;
    drafts.push({ ...draft, ...postDigests(text) });
  }
  // Items that had a path claim it first; then the oldest first, so a newcomer gets the suffix.
  const previous = new Map(drafts.map((d) => [d.identity, options.previousPath?.(d.identity)]));
  const order = (d: (typeof drafts)[number]): number =>
    d.paths.candidates.includes(previous.get(d.identity) ?? '') ? 0 : 1;
  drafts.sort(
    (a, b) =>
      order(a) - order(b) ||
      a.firstSeen.localeCompare(b.firstSeen) ||
      a.identity.localeCompare(b.identity),
  );
  const taken = new Set<string>();
  const planned: PlannedPost[] = [];
  for (const draft of drafts) {
    const own = previous.get(draft.identity);
    const candidates = draft.paths.candidates.includes(own ?? '')
      ? [own!, ...draft.paths.candidates.filter((c) => c !== own)]
      : draft.paths.candidates;
    const free = candidates.find(
      (candidate) => !taken.has(nameIdentity(candidate)) && !options.isForeign?.(candidate, draft),
    );
    if (free === undefined) {
      // Only when files the export did not write hold every candidate name.
      const reason = `every name for it is taken by another file: ${candidates.join(', ')}`;
      skipped.push({ identity: draft.identity, title: draft.title, reason });
      continue;
    }
    taken.add(nameIdentity(free));
    const fixes =
      free === draft.paths.candidates[0]
        ? draft.fixes
        : [...draft.fixes, 'collision-suffix' as const];
    planned.push({
      path: free,
      fixes,
      identity: draft.identity,
      valuesSha256: draft.valuesSha256,
      sha256: draft.sha256,
      placeholderSha256: draft.placeholderSha256,
    });
  }
  return { posts: planned, skipped };
}

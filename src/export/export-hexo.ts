import { makeFolders } from '../make-folders.js';
import fs from 'node:fs';
import path from 'node:path';
import type { StoredFeed, StoredItem } from '../store/store.js';
import {
  type ExportManifest,
  type ManifestEntry,
  MANIFEST_NAME,
  ManifestError,
  readManifest,
  writeManifest,
} from './export-manifest.js';
import type { HexoTemplate } from './hexo-post.js';
import {
  type HexoFix,
  planHexoPosts,
  type PlannedPost,
  renderedPosts,
  type SkippedItem,
} from './plan-hexo-posts.js';
import { type PostDigests, sha256, withoutPlaceholderNumber } from './post-digests.js';
import { postFileValuesDigest } from './post-values.js';
import { writeFileAtomically } from './write-file-atomically.js';

export interface HexoExportOptions {
  /** The post layout; per feed when a function (the default: `current`). */
  template?: HexoTemplate | ((feed: StoredFeed) => HexoTemplate);
  /** Called after each post is written (or found unchanged, or failed). */
  onProgress?: (progress: { done: number; total: number }) => void;
}

export interface HexoExportReport {
  /** Posts the store's items make (written + unchanged). */
  posts: number;
  written: string[];
  unchanged: number;
  /** Posts of items no longer stored, deleted. */
  removed: string[];
  /** Stale posts left in place because their bytes changed since the export wrote them. */
  keptEdited: string[];
  /**
   * Files the export did not write (no manifest lists them: the old script's last posts, or
   * posts of an export whose manifest was lost) that held the very post it writes there:
   * taken over rather than duplicated under a suffixed name.
   */
  adopted: string[];
  skipped: SkippedItem[];
  failed: { path: string; message: string }[];
  /** How many posts needed each departure from the old script's output. */
  fixes: Map<HexoFix, number>;
}

export class ExportError extends Error {}

/**
 * Writes every stored item as a Hexo post under `dir` (the Hexo site's `source/_posts`),
 * incrementally: unchanged posts are not rewritten, posts of items no longer stored are
 * removed (only files this export wrote, as its manifest in `dir` records), and nothing is
 * ever written outside `dir`.
 *
 * `items` is read twice, one item at a time: once to plan the posts' paths (which depend on
 * every other post), once to render each post again and write it. So a store's items can be
 * streamed (`Store.iterateItems`, the same items both times: read them in one transaction)
 * rather than held: 96,000 items and their posts took 3.8 GB at once, near Node's heap limit.
 */
export function exportHexo(
  dir: string,
  feeds: StoredFeed[],
  items: Iterable<StoredItem>,
  options: HexoExportOptions = {},
): HexoExportReport {
  const root = path.resolve(dir);
  prepareRoot(root);
  const manifest = readManifest(root);
  const previous = new Map([...manifest.posts].map(([relative, e]) => [e.identity, relative]));
  const adopted: string[] = [];
  const plan = planHexoPosts(feeds, items, {
    template: options.template,
    previousPath: (identity) => previous.get(identity),
    isForeign: (relative, post) => {
      if (manifest.posts.has(relative)) return false;
      const file = inside(root, relative);
      const stat = fs.lstatSync(file, { throwIfNoEntry: false });
      if (stat === undefined) return false;
      if (!stat.isFile() || !holdsSamePost(fs.readFileSync(file), post)) return true;
      adopted.push(relative); // the planner takes the first path that is not foreign
      return false;
    },
  });
  const report: HexoExportReport = {
    posts: plan.posts.length,
    written: [],
    unchanged: 0,
    removed: [],
    keptEdited: [],
    adopted,
    skipped: plan.skipped,
    failed: [],
    fixes: new Map(),
  };
  const next: ExportManifest = { posts: new Map() };
  for (const post of plan.posts) {
    next.posts.set(post.path, {
      identity: post.identity,
      sha256: [post.sha256],
      valuesSha256: post.valuesSha256,
    });
    for (const fix of post.fixes) report.fixes.set(fix, (report.fixes.get(fix) ?? 0) + 1);
  }
  // Recorded before writing, so that if the run is cut short the next one still knows
  // which files are its own (either bytes count as ours).
  writeManifest(root, union(manifest, next));

  const safeFolders = new Set<string>();
  let done = 0;
  // Each planned post by its identity (more than one only when two feeds share a page key).
  const planned = new Map<string, PlannedPost[]>();
  for (const post of plan.posts) planned.set(post.identity, [...(planned.get(post.identity) ?? []), post]); // prettier-ignore
  for (const rendered of renderedPosts(feeds, items, options.template)) {
    if ('reason' in rendered) continue;
    const posts = planned.get(rendered.identity);
    if (posts === undefined) continue; // skipped: every name for it is taken
    const digest = sha256(rendered.text);
    const at = Math.max(
      0,
      posts.findIndex((post) => post.sha256 === digest),
    );
    const post = posts.splice(at, 1)[0]!;
    if (posts.length === 0) planned.delete(rendered.identity);
    options.onProgress?.({ done: done++, total: plan.posts.length });
    writePost(root, post, rendered.text, safeFolders, next, report);
  }
  // Not met again: the items changed between the two reads (not within one transaction).
  for (const post of [...planned.values()].flat()) {
    next.posts.delete(post.path);
    report.failed.push({ path: post.path, message: 'its item changed during the export' });
  }
  // In the plan's order, as when posts were written in it.
  const order = new Map(plan.posts.map((post, index) => [post.path, index]));
  const byPlan = (a: string, b: string): number => (order.get(a) ?? 0) - (order.get(b) ?? 0);
  report.written.sort(byPlan);
  report.failed.sort((a, b) => byPlan(a.path, b.path));
  options.onProgress?.({ done, total: plan.posts.length });
  for (const [relative, entry] of manifest.posts) {
    if (next.posts.has(relative)) continue;
    removeStale(root, relative, entry, report);
  }
  try {
    writeManifest(root, next);
  } catch (error) {
    // The manifest written first stays: it lists every post of this run as the export's own,
    // so the next run (once the disk has room) still removes only files the export wrote.
    if (!(error instanceof ManifestError)) throw error;
    report.failed.push({ path: MANIFEST_NAME, message: error.message });
  }
  return report;
}

/** Writes one post unless its file holds it already; what happened goes into the report. */
function writePost(
  root: string,
  post: PlannedPost,
  text: string,
  safeFolders: Set<string>,
  next: ExportManifest,
  report: HexoExportReport,
): void {
  const file = inside(root, post.path);
  try {
    ensureFolder(root, path.dirname(file), safeFolders);
    const bytes = Buffer.from(text, 'utf8');
    const current = readIfFile(file);
    if (current?.equals(bytes)) {
      report.unchanged += 1;
    } else if (current && postFileValuesDigest(current.toString('utf8')) === post.valuesSha256) {
      // Only re-spelled by a Hexo plugin (hexo-abbrlink adds `abbrlink:`): rewriting it would
      // drop the plugin's work, and the plugin would redo it at every `hexo generate`.
      next.posts.get(post.path)!.sha256.push(sha256(current));
      report.unchanged += 1;
    } else {
      writeFileAtomically(file, bytes);
      report.written.push(post.path);
    }
  } catch (error) {
    next.posts.delete(post.path);
    report.failed.push({ path: post.path, message: describe(error) });
  }
}

function prepareRoot(root: string): void {
  try {
    makeFolders(root);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new ExportError(
        `${root}: cannot create the export folder: it, or a folder on its path, is a file`,
      );
    }
    throw new ExportError(`${root}: cannot create the export folder (${describe(error)})`);
  }
  if (!fs.statSync(root).isDirectory()) throw new ExportError(`${root}: not a folder`);
  // Posts belong in source/_posts; category folders in the site root would not be posts.
  if (fs.existsSync(path.join(root, '_config.yml')) && fs.existsSync(path.join(root, 'source'))) {
    throw new ExportError(
      `${root}: this is a Hexo site's root folder; export into its posts folder: ${path.join(root, 'source', '_posts')}`,
    );
  }
}

/** The absolute path of a planned post; refuses anything that would leave the folder. */
function inside(root: string, relative: string): string {
  const file = path.resolve(root, ...relative.split('/'));
  if (!file.startsWith(root + path.sep)) {
    throw new ExportError(`${relative}: would be written outside ${root}`);
  }
  return file;
}

/** Creates the folders of a post, refusing to follow a symbolic link out of the export folder. */
function ensureFolder(root: string, folder: string, checked: Set<string>): void {
  if (checked.has(folder)) return;
  let current = root;
  for (const segment of path.relative(root, folder).split(path.sep)) {
    current = path.join(current, segment);
    if (checked.has(current)) continue;
    const stat = fs.lstatSync(current, { throwIfNoEntry: false });
    if (stat === undefined) fs.mkdirSync(current);
    else if (stat.isSymbolicLink())
      throw new ExportError(`${current}: is a symbolic link; the export does not follow links`);
    else if (!stat.isDirectory()) throw new ExportError(`${current}: exists and is not a folder`);
    checked.add(current);
  }
}

/**
 * Whether a file holds the post the export would write: the same bytes, the same values
 * re-spelled by a Hexo plugin (post-values.ts), or the old script's post of the item, which
 * differs at most in the placeholder image's random number.
 */
function holdsSamePost(current: Buffer, post: PostDigests & { valuesSha256: string }): boolean {
  if (sha256(current) === post.sha256) return true;
  const text = current.toString('utf8');
  if (postFileValuesDigest(text) === post.valuesSha256) return true;
  return (
    post.placeholderSha256 !== null &&
    sha256(withoutPlaceholderNumber(text)) === post.placeholderSha256
  );
}

/** The file's bytes; null when there is no regular file there (or it cannot be read). */
function readIfFile(file: string): Buffer | null {
  try {
    return fs.statSync(file).isFile() ? fs.readFileSync(file) : null;
  } catch {
    return null;
  }
}

function removeStale(
  root: string,
  relative: string,
  entry: ManifestEntry,
  report: HexoExportReport,
): void {
  const file = inside(root, relative);
  let bytes: Buffer;
  try {
    if (fs.lstatSync(file).isSymbolicLink()) {
      report.keptEdited.push(relative); // not a file the export wrote
      return;
    }
    bytes = fs.readFileSync(file);
  } catch {
    return; // already gone
  }
  const ours =
    entry.sha256.includes(sha256(bytes)) ||
    (entry.valuesSha256 !== undefined &&
      postFileValuesDigest(bytes.toString('utf8')) === entry.valuesSha256);
  if (!ours) {
    report.keptEdited.push(relative);
    return;
  }
  try {
    fs.rmSync(file);
    report.removed.push(relative);
    removeEmptyFolders(root, path.dirname(file));
  } catch (error) {
    report.failed.push({ path: relative, message: `cannot remove: ${describe(error)}` });
  }
}

/** Folders the removal left empty go too, up to (not including) the export folder. */
function removeEmptyFolders(root: string, folder: string): void {
  let current = folder;
  while (current.startsWith(root + path.sep)) {
    try {
      fs.rmdirSync(current); // fails, as it should, when the folder is not empty
    } catch {
      return;
    }
    current = path.dirname(current);
  }
}

function union(a: ExportManifest, b: ExportManifest): ExportManifest {
  const posts = new Map(a.posts);
  for (const [relative, entry] of b.posts) {
    const old = posts.get(relative);
    const valuesSha256 = entry.valuesSha256 ?? old?.valuesSha256;
    posts.set(relative, {
      identity: entry.identity,
      sha256: [...new Set([...entry.sha256, ...(old?.sha256 ?? [])])],
      ...(valuesSha256 !== undefined ? { valuesSha256 } : {}),
    });
  }
  return { posts };
}

function describe(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? String(error);
}

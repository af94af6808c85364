import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from './write-file-atomically.js';

/**
 * The list of files an export wrote, kept in the export folder. It is what lets an export
 * remove its own stale posts while never touching a file the user put there.
 */
export const MANIFEST_NAME = '.tidings-hexo-export.json';

export interface ManifestEntry {
  /** `<feed key>\n<item key>`: the item the post came from. */
  identity: string;
  /** SHA-256 of the bytes written; a file that no longer has them was edited by someone. */
  sha256: string[];
  /**
   * `postValuesDigest` of the post: a file with other bytes but these values and body was only
   * re-spelled by a Hexo plugin (hexo-abbrlink), not edited. Absent in older manifests.
   */
  valuesSha256?: string;
}

export interface ExportManifest {
  /** Relative path (`/`-separated) → what was written there. */
  posts: Map<string, ManifestEntry>;
}

interface ManifestFile {
  format: 'tidings-hexo-export';
  version: 1;
  posts: Record<string, ManifestEntry>;
}

export class ManifestError extends Error {}

/** Reads the manifest of `dir`; an empty one when the folder was never exported to. */
export function readManifest(dir: string): ExportManifest {
  const file = path.join(dir, MANIFEST_NAME);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { posts: new Map() };
    throw new ManifestError(`${file}: cannot read the export manifest (${String(error)})`);
  }
  let parsed: Partial<ManifestFile>;
  try {
    parsed = JSON.parse(text) as Partial<ManifestFile>;
  } catch {
    throw new ManifestError(
      `${file}: the export manifest is not valid JSON; move it away to start afresh (posts it listed are then taken over where they still hold the export's post, and left alone where edited)`,
    );
  }
  if (
    parsed.format !== 'tidings-hexo-export' ||
    typeof parsed.posts !== 'object' ||
    !parsed.posts
  ) {
    throw new ManifestError(`${file}: not a Tidings Hexo export manifest`);
  }
  const posts = new Map<string, ManifestEntry>();
  for (const [relative, entry] of Object.entries(parsed.posts)) {
    // A hand-edited manifest must not make the export delete or write outside the folder.
    if (!isContainedPath(relative)) continue;
    if (typeof entry?.identity !== 'string' || !Array.isArray(entry.sha256)) continue;
    posts.set(relative, {
      identity: entry.identity,
      sha256: entry.sha256.filter(isHash),
      ...(isHash(entry.valuesSha256) ? { valuesSha256: entry.valuesSha256 } : {}),
    });
  }
  return { posts };
}

export function writeManifest(dir: string, manifest: ExportManifest): void {
  const posts = Object.fromEntries(
    [...manifest.posts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const file: ManifestFile = { format: 'tidings-hexo-export', version: 1, posts };
  const text = JSON.stringify(file, null, 1) + '\n';
  const target = path.join(dir, MANIFEST_NAME);
  // An export with nothing new leaves the folder exactly as it was.
  if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === text) return;
  try {
    writeFileAtomically(target, text);
  } catch (error) {
    // A full disk or a read-only folder: one line naming the file, not an internal error.
    throw new ManifestError(`${target}: cannot write the export manifest (${errorText(error)})`);
  }
}

function errorText(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (typeof code === 'string') return message.startsWith(code) ? message : `${code}: ${message}`;
  return String(error);
}

/** A relative `/`-separated path with no empty, `.` or `..` segment, no drive and no NUL. */
export function isContainedPath(relative: string): boolean {
  if (relative === '' || relative.includes('\0') || relative.includes('\\')) return false;
  if (relative.startsWith('/') || /^[a-zA-Z]:/.test(relative)) return false;
  return relative
    .split('/')
    .every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

function isHash(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

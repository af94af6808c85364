import { createHash } from 'node:crypto';
import { hexoFileStem } from './hexo-title.js';
import { type NameFix, safeFileName } from './safe-file-name.js';

/** A departure from the old script's file path, with the reason kept for the report. */
export type PathFix = NameFix | 'hexo-hidden-name' | 'hexo-percent' | 'collision-suffix';

export interface PathChoice {
  /** Candidate paths relative to the export folder, `/`-separated, best first. */
  candidates: string[];
  /** Fixes the first candidate already needed; a later one adds `collision-suffix`. */
  fixes: PathFix[];
}

/**
 * Where a post goes: `<category>/<site>/<feed>/<title rules>.md`, as the old script wrote
 * it, made safe on every system. The alternatives carry a suffix derived from the item's
 * identity, so a collision always resolves to the same name for the same item.
 */
export function hexoPostPaths(
  headings: [string, string, string],
  title: string,
  identity: string,
): PathChoice {
  const fixes = new Set<PathFix>();
  const folders = headings.map((heading) => {
    const safe = hexoVisibleName(heading, '');
    safe.fixes.forEach((fix) => fixes.add(fix));
    return safe.name;
  });
  const stem = hexoFileStem(title);
  const plain = hexoVisibleName(stem, '.md');
  plain.fixes.forEach((fix) => fixes.add(fix));
  const hash = createHash('sha256').update(identity).digest('hex');
  const suffixed = [6, 12, 24].map(
    (length) => hexoVisibleName(stem, `~${hash.slice(0, length)}.md`).name,
  );
  const folder = folders.join('/');
  return {
    candidates: [plain.name, ...suffixed].map((name) => `${folder}/${name}`),
    fixes: [...fixes],
  };
}

/**
 * Hexo skips files and folders whose name starts with `_` or `.` inside `source/_posts`
 * (it treats them as hidden), so a title like `*ST奇信` (→ `_ST奇信`) would never be
 * published: the first character becomes its full-width form.
 */
function hexoVisibleName(stem: string, extension: string): { name: string; fixes: PathFix[] } {
  // Hexo 8 percent-decodes source paths and drops a post whose name holds a `%` that is not
  // an escape ("URI malformed"): `增长38.0%` would never be published. ％ reads the same.
  const fixes: PathFix[] = stem.includes('%') ? ['hexo-percent'] : [];
  const named = hexoVisibleStem(stem.replace(/%/g, '％'), extension);
  return { name: named.name, fixes: [...fixes, ...named.fixes] };
}

function hexoVisibleStem(stem: string, extension: string): { name: string; fixes: PathFix[] } {
  const safe = safeFileName(stem, extension);
  const first = safe.name.charAt(0);
  if (first !== '_' && first !== '.') return safe;
  // The full-width form takes 3 bytes, not 1: keep room for the 2 more.
  const roomy = safeFileName(stem, extension, 2);
  const visible = (roomy.name.charAt(0) === '_' ? '＿' : '．') + roomy.name.slice(1);
  return { name: visible, fixes: [...roomy.fixes, 'hexo-hidden-name'] };
}

import fs from 'node:fs';
import path from 'node:path';
import { expectedPostsDir, type FixtureRoute } from './rsshub-page-fixture.js';

/**
 * Compares an export with the old system's posts (the rsshub-page fixture). A post either
 * matches byte for byte, or matches once the deliberate fixes listed in the README are applied
 * to the old post, or is a failure. Each listed fix is a function from the old post to ours.
 */
export const LISTED_FIXES: {
  kind: string;
  /** The old post's relative path and text as Tidings deliberately writes them instead. */
  apply(post: { path: string; text: string }): { path: string; text: string };
}[] = [
  {
    // README "Hexo export" fix 1: Windows forbids `"` in file names.
    kind: 'file name: " → ＂',
    apply: ({ path: p, text }) => ({ path: replaceInName(p, /"/g, '＂'), text }),
  },
  {
    // Fix 2: Hexo 8 cannot read a source file whose name holds a `%` ("URI malformed").
    kind: 'file name: % → ％',
    apply: ({ path: p, text }) => ({ path: replaceInName(p, /%/g, '％'), text }),
  },
  {
    // Fix 3: titles are plain text with runs of whitespace collapsed (the parse contract).
    kind: 'title: whitespace runs collapsed',
    apply: ({ path: p, text }) => ({
      path: replaceInName(p, / {2,}/g, ' '),
      text: text.replace(/^(title: .*)$/m, (line) => line.replace(/ {2,}/g, ' ')),
    }),
  },
];

export interface Comparison {
  compared: number;
  exact: number;
  /** Posts that equal the old one after fixes of this kind (a post may count under several). */
  fixed: Map<string, number>;
  /** Posts by the exact set of fixes they needed (`a + b`). */
  combinations: Map<string, number>;
  /** Differences no listed fix explains: the target is none. */
  other: string[];
  /** Old posts skipped on purpose (e.g. a template the comparison was told not to check). */
  skipped: string[];
  /** Files the export wrote that match no old post. */
  extra: string[];
}

/** The old posts of these routes, compared with the posts under `actualDir`. */
export function compareWithExpected(
  actualDir: string,
  routes: FixtureRoute[],
  skip: (route: FixtureRoute) => boolean = () => false,
): Comparison {
  const result: Comparison = {
    compared: 0,
    exact: 0,
    fixed: new Map(),
    combinations: new Map(),
    other: [],
    skipped: [],
    extra: [],
  };
  const matched = new Set<string>();
  const skippedFolders: string[] = [];
  for (const route of routes) {
    const folder = path.join(route.category, route.site, route.route);
    for (const name of fs.readdirSync(path.join(expectedPostsDir, folder))) {
      const relative = path.join(folder, name).split(path.sep).join('/');
      if (skip(route)) {
        result.skipped.push(relative);
        skippedFolders.push(`${folder.split(path.sep).join('/')}/`);
        continue;
      }
      result.compared += 1;
      const old = {
        path: relative,
        text: fs.readFileSync(path.join(expectedPostsDir, folder, name), 'utf8'),
      };
      const outcome = matchPost(actualDir, old);
      if (outcome === null) {
        result.other.push(describeDifference(actualDir, old));
        continue;
      }
      matched.add(outcome.path);
      if (outcome.fixes.length === 0) result.exact += 1;
      for (const kind of outcome.fixes) result.fixed.set(kind, (result.fixed.get(kind) ?? 0) + 1);
      if (outcome.fixes.length > 0) {
        const combination = outcome.fixes.join(' + ');
        result.combinations.set(combination, (result.combinations.get(combination) ?? 0) + 1);
      }
    }
  }
  for (const file of listFiles(actualDir)) {
    if (matched.has(file) || file.startsWith('.')) continue;
    if (skippedFolders.some((folder) => file.startsWith(folder))) continue;
    result.extra.push(file);
  }
  return result;
}

/** The smallest set of listed fixes (in listed order) under which our post equals the old one. */
function matchPost(
  actualDir: string,
  old: { path: string; text: string },
): { path: string; fixes: string[] } | null {
  const subsets = LISTED_FIXES.reduce<(typeof LISTED_FIXES)[]>(
    (all, fix) => [...all, ...all.map((subset) => [...subset, fix])],
    [[]],
  ).sort((a, b) => a.length - b.length);
  for (const subset of subsets) {
    const want = subset.reduce((post, fix) => fix.apply(post), old);
    const file = path.join(actualDir, ...want.path.split('/'));
    if (!fs.existsSync(file)) continue;
    if (samePost(fs.readFileSync(file, 'utf8'), want.text)) {
      return { path: want.path, fixes: subset.map((fix) => fix.kind) };
    }
  }
  return null;
}

/**
 * The fixture's one allowance: the old script drew a random `?random=<n>` placeholder image
 * every run, so any digits are accepted there.
 */
function samePost(actual: string, expected: string): boolean {
  const placeholder = /(https:\/\/picsum\.photos\/400\/300\?random=)\d+/g;
  return actual.replace(placeholder, '$1N') === expected.replace(placeholder, '$1N');
}

function describeDifference(actualDir: string, old: { path: string; text: string }): string {
  const file = path.join(actualDir, ...old.path.split('/'));
  if (!fs.existsSync(file)) return `${old.path}: not written`;
  const actual = fs.readFileSync(file, 'utf8');
  let at = 0;
  while (at < actual.length && actual[at] === old.text[at]) at += 1;
  return (
    `${old.path}: differs at character ${at}: ` +
    `old ${JSON.stringify(old.text.slice(Math.max(0, at - 30), at + 40))}, ` +
    `ours ${JSON.stringify(actual.slice(Math.max(0, at - 30), at + 40))}`
  );
}

function replaceInName(relative: string, pattern: RegExp, replacement: string): string {
  const slash = relative.lastIndexOf('/');
  return relative.slice(0, slash + 1) + relative.slice(slash + 1).replace(pattern, replacement);
}

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix + entry.name;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), relative + '/') : [relative];
  });
}

export function formatComparison(result: Comparison): string {
  const kinds = [...result.fixed].map(([kind, n]) => `    ${kind}: ${n}`).join('\n');
  const combinations = [...result.combinations]
    .map(([combination, n]) => `    ${combination}: ${n}`)
    .join('\n');
  const fixedPosts = [...result.combinations.values()].reduce((a, b) => a + b, 0);
  return [
    `${result.compared} fixture posts compared: ${result.exact} byte-exact, ` +
      `${fixedPosts} differ only by listed fixes, ${result.other.length} other differences, ` +
      `${result.skipped.length} skipped, ${result.extra.length} extra files`,
    '  posts per kind of fix:',
    kinds,
    '  posts per exact set of fixes:',
    combinations,
  ].join('\n');
}

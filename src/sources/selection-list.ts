import type { CatalogRoute } from './catalog-route.js';

/**
 * The route paths of a selection list as the old system's `config.yml` wrote it:
 *
 *     #金融
 *     ##新浪财经
 *     ###新浪财经－国內
 *      - /sina/finance
 *
 * Every `- /path` line counts (commented-out ones, `# - /x`, do not); a bare `/path` line
 * also counts, so a plain list of paths works too. A path may hold spaces, as the old
 * docs' examples did (`/pnas/Applied Mathematics`); see `routeRequestPath`.
 */
export function parseSelectionList(text: string): string[] {
  return parseSelectionTree(text).map((route) => route.example!);
}

/**
 * The same list read as the tree it is: each selected path under the `#category`,
 * `##site` and `###route` headings above it, the headings the old script's posts were
 * filed under (`source/_posts/<category>/<site>/<route>/`). A site with no route heading
 * (`##金十数据` then ` - /jinshi/index`) names its feeds; paths above any heading go to the
 * category `Imported`.
 */
export function parseSelectionTree(text: string): CatalogRoute[] {
  const routes: CatalogRoute[] = [];
  let [category, site, name] = ['', '', ''];
  // A file saved by a Windows editor may start with a byte-order mark.
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    // As YAML reads the list (the old script did): the path runs to the line's end or a " #"
    // comment, spaces included (` - /pnas/Applied Mathematics`).
    const path = /^\s*(?:-\s*)?(\/.*?)\s*(?:\s#.*)?$/.exec(line)?.[1];
    if (path !== undefined) {
      const where = category || 'Imported';
      routes.push({
        category: where,
        site: site || where,
        name: name || site || where,
        paths: [],
        example: path,
        categories: [],
      });
      continue;
    }
    // `#--------------------` rules and commented-out paths (`# - /x`) are not headings.
    const heading = /^(#{1,3})(?!#)\s*(.*?)\s*$/.exec(line);
    if (!heading || heading[2] === '' || /^-+$|^-?\s*\//.test(heading[2]!)) continue;
    const level = heading[1]!.length;
    if (level === 1) [category, site, name] = [heading[2]!, '', ''];
    else if (level === 2) [site, name] = [heading[2]!, ''];
    else name = heading[2]!;
  }
  return routes;
}

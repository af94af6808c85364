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
  const paths: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    // As YAML reads the list (the old script did): the path runs to the line's end or a " #"
    // comment, spaces included (` - /pnas/Applied Mathematics`).
    const match = /^\s*(?:-\s*)?(\/.*?)\s*(?:\s#.*)?$/.exec(line);
    if (match) paths.push(match[1]!);
  }
  return paths;
}

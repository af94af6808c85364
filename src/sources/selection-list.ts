/**
 * The route paths of a selection list as the old system's `config.yml` wrote it:
 *
 *     #金融
 *     ##新浪财经
 *     ###新浪财经－国內
 *      - /sina/finance
 *
 * Every `- /path` line counts (commented-out ones, `# - /x`, do not); a bare `/path` line
 * also counts, so a plain list of paths works too.
 */
export function parseSelectionList(text: string): string[] {
  const paths: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:-\s*)?(\/\S*)\s*(?:#.*)?$/.exec(line);
    if (match) paths.push(match[1]!);
  }
  return paths;
}

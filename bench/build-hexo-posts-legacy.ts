import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forEachStoredPost } from './build-stored-posts.js';

/**
 * STOPGAP, to be deleted once `tidings export hexo` is on this branch (issue 7): writes the
 * stored items as Hexo posts in the old system's format (DESIGN.md), so the benchmark can
 * build them with Hexo before the real export exists. build-hexo.ts uses the real export
 * whenever the CLI has it and says which one it used.
 *
 * Follows the old format — path `<category>/<site>/<feed>/<title>.md`, front matter keys in
 * order (title, categories, headimg, author, comments, date, thumbnail), the body wrapped in
 * a <div> with `{`/`}` written as `&#123;`/`&#125;` — without the leading blank line, which
 * Hexo cannot read. File names are the title with path-breaking characters replaced, cut to
 * 80 characters, with a number added on collision; a post without an image has no
 * headimg/thumbnail lines.
 */

const single = (text: string): string => `'${text.replace(/'/g, "''")}'`;
const escapeBraces = (html: string): string =>
  html.replace(/\{/g, '&#123;').replace(/\}/g, '&#125;');
const fileSafe = (text: string): string =>
  text
    .replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 80) || 'untitled';

/** Writes every stored item as a post under `postsDir`; returns how many. */
export function writeLegacyHexoPosts(storePath: string, postsDir: string): number {
  const used = new Set<string>();
  return forEachStoredPost(storePath, (post) => {
    const folder = join(
      postsDir,
      fileSafe(post.category),
      fileSafe(post.site),
      fileSafe(post.feed),
    );
    let name = fileSafe(post.title);
    for (let n = 2; used.has(join(folder, name)); n++) name = `${fileSafe(post.title)}-${n}`;
    const path = join(folder, name);
    used.add(path);
    const image = /<img[^>]*\ssrc="([^"]+)"/i.exec(post.sourceHtml)?.[1] ?? null;
    const lines = [
      '---',
      `title: ${single(post.title)}`,
      'categories: ',
      ` - ${post.category}`,
      ` - ${post.site}`,
      ` - ${post.feed}`,
      ...(image ? [`headimg: ${single(image)}`] : []),
      `author: ${post.site}`,
      'comments: false',
      `date: ${post.publishedText ?? post.published ?? post.firstSeen}`,
      ...(image ? [`thumbnail: ${single(image)}`] : []),
      '---',
      '',
      '<div>   ',
      escapeBraces(post.sourceHtml),
      '          ',
      '</div>',
      '            ',
    ];
    mkdirSync(folder, { recursive: true });
    writeFileSync(path + '.md', lines.join('\n'));
  });
}

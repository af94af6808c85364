import { parseDocument } from 'yaml';
import type { CatalogRoute } from './catalog-route.js';
import { SourceImportError } from './source-import-error.js';

/**
 * The old system's `user_config.yml`: routes its user added by hand, each with its own
 * headings, which the old script filed under `<categories>/<source_parent>/<source_child>/`:
 *
 *     diy:
 *       - categories: 金融
 *         source_parent: 新浪财经
 *         source_child: 新浪财经－国內
 *         link: /sina/finance
 *
 * A file without a `diy:` list (config.yml, temple_config.yml) gives none.
 */
export function parseOldUserConfig(text: string, source: string): CatalogRoute[] {
  const document = parseDocument(text.replace(/^\uFEFF/, ''));
  if (document.errors.length > 0) return []; // not YAML: the selection list's own reading applies
  const diy: unknown = document.toJS()?.diy;
  if (diy === undefined || diy === null) return [];
  if (!Array.isArray(diy)) throw new SourceImportError(`${source}: diy: is not a list`);
  return diy.map((entry: unknown, index) => {
    const field = (name: string): string => {
      const value = (entry as Record<string, unknown> | null)?.[name];
      return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    };
    const link = field('link');
    if (!link.startsWith('/')) {
      throw new SourceImportError(
        `${source}: diy[${index}]: link: must be an RSSHub route path starting with "/", got ${JSON.stringify(link)}`,
      );
    }
    const category = field('categories') || 'Imported';
    const site = field('source_parent') || category;
    return {
      category,
      site,
      name: field('source_child') || site,
      paths: [],
      example: link,
      categories: [],
    };
  });
}

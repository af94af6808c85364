import { SourceImportError } from './source-import-error.js';
import fs from 'node:fs';
import path from 'node:path';
import type { CatalogRoute } from './catalog-route.js';

/**
 * RSSHub's documentation markdown, as the old system read it: `# category`, `## site`,
 * `### route` headings, each route given by a `<Route … example="/sina/finance"
 * path="/sina/finance/:type?" …>` block (attributes may span lines). The newer docs form,
 * `<Route namespace="acfun" :data='{"path":"/bangumi/:id","example":…}' />`, is read too.
 */
export function parseRsshubDocs(markdown: string, fallbackCategory: string): CatalogRoute[] {
  const routes: CatalogRoute[] = [];
  let category = fallbackCategory;
  let site = '';
  let routeName = '';
  const text = stripFrontMatter(markdown.replace(/\r\n?/g, '\n'));
  // Headings and <Route> tags in document order; fenced code and HTML comments are skipped.
  const token =
    /^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$|(<!--[\s\S]*?-->)|^(#{1,3})[ \t]+([^\n]*)$|<Route\b((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/gm;
  for (const match of text.matchAll(token)) {
    if (match[1] !== undefined || match[2] !== undefined) continue;
    if (match[3] !== undefined) {
      const heading = headingText(match[4] ?? '');
      if (match[3].length === 1) [category, site, routeName] = [heading, '', ''];
      else if (match[3].length === 2) [site, routeName] = [heading, ''];
      else routeName = heading;
      continue;
    }
    const attributes = readAttributes(match[5] ?? '');
    const route = routeOf(attributes);
    if (route === null) continue;
    routes.push({
      category,
      site: site || route.namespace || category,
      name: routeName || route.name || site || category,
      paths: route.paths,
      example: route.example,
      categories: route.categories,
    });
  }
  return routes;
}

/** Reads one markdown file, or every `.md` file under a folder (sorted), into one catalog. */
export function readRsshubDocs(target: string): CatalogRoute[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new SourceImportError(`${target}: no such file or folder`);
  }
  const files = stat.isDirectory() ? markdownFiles(target) : [target];
  if (files.length === 0) throw new SourceImportError(`${target}: no .md files in this folder`);
  const routes = files.flatMap((file) =>
    parseRsshubDocs(fs.readFileSync(file, 'utf8'), path.basename(file, path.extname(file))),
  );
  if (routes.length === 0) {
    throw new SourceImportError(
      `${target}: no <Route …> blocks found (is this RSSHub's docs markdown?)`,
    );
  }
  return routes;
}

function markdownFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join(dir, name));
}

function stripFrontMatter(text: string): string {
  const match = /^---\n[\s\S]*?\n---\n/.exec(text);
  return match ? text.slice(match[0].length) : text;
}

/** Heading text without inline tags (`<Site …/>`), anchors (`{#id}`) or emphasis marks. */
function headingText(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, '')
    .replace(/\{#[^}]*\}\s*$/, '')
    .replace(/[*`]/g, '')
    .trim();
}

function readAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const attribute = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (const match of source.matchAll(attribute)) {
    attributes.set(match[1]!, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

interface RouteAttributes {
  categories: string[];
  paths: string[];
  example: string | null;
  name: string | null;
  namespace: string | null;
}

function routeOf(attributes: Map<string, string>): RouteAttributes | null {
  const data = attributes.get(':data');
  if (data !== undefined) return routeOfData(data, attributes.get('namespace') ?? null);
  const routePath = attributes.get('path')?.trim();
  const example = attributes.get('example')?.trim() || null;
  if (!routePath && !example) return null;
  return {
    paths: routePath ? [routePath] : [],
    example,
    name: null,
    namespace: null,
    categories: [],
  };
}

/** The newer docs' `:data` JSON: paths relative to the namespace, example absolute. */
function routeOfData(json: string, namespace: string | null): RouteAttributes | null {
  let data: { path?: unknown; example?: unknown; name?: unknown; categories?: unknown };
  try {
    data = JSON.parse(json) as typeof data;
  } catch {
    return null;
  }
  const relative = (Array.isArray(data.path) ? data.path : [data.path]).filter(
    (p): p is string => typeof p === 'string',
  );
  const prefix = namespace ? `/${namespace}` : '';
  const paths = relative.map((p) => (p === '*' ? `${prefix}/*` : prefix + p));
  return {
    paths,
    example: typeof data.example === 'string' ? data.example : null,
    name: typeof data.name === 'string' ? data.name : null,
    namespace,
    categories: Array.isArray(data.categories)
      ? data.categories.filter((c): c is string => typeof c === 'string')
      : [],
  };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&(?:apos|#39);/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

import { SourceImportError } from './source-import-error.js';
import type { CatalogRoute } from './catalog-route.js';
import { categoryHeading, type HeadingLanguage } from './rsshub-categories.js';
import { fetchThroughProxy } from '../fetch/fetch-through-proxy.js';

/**
 * RSSHub's route metadata: `routes.json` from its build, or what a running instance serves
 * at `/api/namespace`. Both map namespace → `{ name, routes: { "<path>": { path, name,
 * categories, example, … } } }`, route paths relative to the namespace.
 */
export function parseRsshubRoutes(
  json: unknown,
  language: HeadingLanguage,
  source: string,
): CatalogRoute[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new SourceImportError(`${source}: expected a JSON object of RSSHub namespaces`);
  }
  const routes: CatalogRoute[] = [];
  for (const [namespace, value] of Object.entries(json)) {
    if (typeof value !== 'object' || value === null) continue;
    const ns = value as { name?: unknown; routes?: unknown; categories?: unknown };
    if (typeof ns.routes !== 'object' || ns.routes === null) continue;
    const site = typeof ns.name === 'string' && ns.name.trim() ? ns.name.trim() : namespace;
    for (const [key, raw] of Object.entries(ns.routes as Record<string, unknown>)) {
      if (typeof raw !== 'object' || raw === null) continue;
      const route = raw as {
        path?: unknown;
        name?: unknown;
        categories?: unknown;
        example?: unknown;
      };
      const relative = (Array.isArray(route.path) ? route.path : [route.path ?? key]).filter(
        (p): p is string => typeof p === 'string',
      );
      const categories = stringList(route.categories) ?? stringList(ns.categories) ?? [];
      routes.push({
        category: categoryHeading(categories, language),
        site,
        name: typeof route.name === 'string' && route.name.trim() ? route.name.trim() : key,
        paths: relative.map((p) => (p === '*' ? `/${namespace}/*` : `/${namespace}${p}`)),
        example: typeof route.example === 'string' && route.example ? route.example : null,
        categories,
      });
    }
  }
  if (routes.length === 0) {
    throw new SourceImportError(
      `${source}: no routes found (expected namespace → { routes: { … } })`,
    );
  }
  return routes;
}

function stringList(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const list = value.filter((v): v is string => typeof v === 'string');
  return list.length > 0 ? list : null;
}

/** `http://host:1200` or `http://host:1200/api/namespace` → the `/api/namespace` URL. */
export function namespaceApiUrl(instance: string): string {
  const url = new URL(instance);
  if (!/\/api\/namespace\/?$/.test(url.pathname)) {
    url.pathname = url.pathname.replace(/\/+$/, '') + '/api/namespace';
  }
  return url.toString();
}

/** The instance's base URL (what `rsshub.instance` in the config takes). */
export function instanceBaseUrl(instance: string): string {
  const url = new URL(instance);
  url.pathname = url.pathname.replace(/\/api\/namespace\/?$/, '').replace(/\/+$/, '');
  url.search = '';
  return url.toString().replace(/\/+$/, '');
}

/** Reads the route metadata a running RSSHub instance serves. */
export async function fetchRsshubRoutes(
  instance: string,
  language: HeadingLanguage,
  timeoutSeconds = 60,
): Promise<CatalogRoute[]> {
  const url = namespaceApiUrl(instance);
  let response: Response;
  try {
    response = await fetchThroughProxy(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutSeconds * 1000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new SourceImportError(
      `${url}: cannot reach the RSSHub instance (${cause ?? (error as Error).message})`,
    );
  }
  if (!response.ok)
    throw new SourceImportError(`${url}: HTTP ${response.status} (is this an RSSHub instance?)`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new SourceImportError(`${url}: the answer is not JSON (is this an RSSHub instance?)`);
  }
  return parseRsshubRoutes(json, language, url);
}

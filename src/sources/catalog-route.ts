import type { ImportedFeed } from './imported-feed.js';
import { matchRoutePattern, patternWithoutRequiredParameters } from './route-pattern.js';

/** One route of an RSSHub catalog (docs markdown or route metadata), with its three headings. */
export interface CatalogRoute {
  category: string;
  site: string;
  /** The route heading: the feed's name. */
  name: string;
  /** Full route patterns, namespace included: `/sina/finance/:type?`. */
  paths: string[];
  /** A working path from the docs, e.g. `/sina/finance`; null if none. */
  example: string | null;
  /** RSSHub category slugs (`finance`, `new-media`…) where the catalog gives them. */
  categories: string[];
}

export interface RouteSelection {
  feeds: ImportedFeed[];
  /** Selected paths no route of the catalog fits. */
  unmatched: string[];
  /** Routes left out of a full import: they need parameters and give no example. */
  needParameters: string[];
}

/**
 * The feeds to subscribe to: the routes the selection names (each selected path as written,
 * under the route it fits best), or, with no selection, every route that has a usable path.
 */
export function selectRoutes(catalog: CatalogRoute[], select: string[] | null): RouteSelection {
  const result: RouteSelection = { feeds: [], unmatched: [], needParameters: [] };
  if (select === null) {
    for (const route of catalog) {
      const usable =
        route.example ??
        route.paths.map(patternWithoutRequiredParameters).find((p) => p !== null) ??
        null;
      if (usable === null) result.needParameters.push(route.paths[0] ?? route.name);
      else result.feeds.push(feedOf(route, usable));
    }
    return result;
  }
  for (const wanted of select) {
    const route = bestRoute(catalog, wanted);
    if (route === null) result.unmatched.push(wanted);
    else result.feeds.push(feedOf(route, wanted));
  }
  return result;
}

/** The route whose example is this path, else the one whose pattern fits it most literally. */
function bestRoute(catalog: CatalogRoute[], path: string): CatalogRoute | null {
  const wanted = routeRequestPath(path);
  const byExample = catalog.find(
    (route) => route.example !== null && routeRequestPath(route.example) === wanted,
  );
  if (byExample) return byExample;
  let best: CatalogRoute | null = null;
  let bestScore = -1;
  const bare = path.split('?')[0]!; // `?limit=5` and the like are options, not part of the route
  for (const route of catalog) {
    for (const pattern of route.paths) {
      const score = matchRoutePattern(pattern, bare);
      if (score > bestScore) {
        best = route;
        bestScore = score;
      }
    }
  }
  return best;
}

function feedOf(route: CatalogRoute, path: string): ImportedFeed {
  return {
    category: route.category,
    site: route.site,
    name: route.name,
    location: { rsshub: routeRequestPath(path) },
  };
}

/**
 * The route path as it goes on the wire: whitespace percent-encoded (`/pnas/Applied
 * Mathematics` → `/pnas/Applied%20Mathematics`), as the old script's HTTP client sent it. The
 * old docs had such examples; a config route path holds no whitespace.
 */
export function routeRequestPath(path: string): string {
  return path.replace(/\s/g, (space) => encodeURIComponent(space));
}

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { repo } from './run-tidings.js';

/**
 * The rsshub-page fixture (../shared/fixtures/rsshub-page): real feeds and posts of the
 * RSSHub → Hexo system Tidings replaces. Read in place, never copied into the repository.
 */
export const fixtureDir = path.resolve(repo, '../shared/fixtures/rsshub-page');
export const fixtureAvailable = fs.existsSync(path.join(fixtureDir, 'routes.json'));
/** Where the fixture's posts sit: the old site's `source/_posts`. */
export const expectedPostsDir = path.join(fixtureDir, 'expected-posts/source/_posts');

export interface FixtureRoute {
  category: string;
  site: string;
  route: string;
  /** RSSHub route path, e.g. `/sina/finance`. */
  path: string;
  /** Feed file, relative to the fixture folder. */
  feed: string;
  items: number;
  templates: string[];
}

export interface FixtureItemNotes {
  guid: string;
  title_in_feed: string;
  title_in_post: string;
  pubDate: string;
  template: string;
  headimg: string;
  /** Relative to the fixture folder. */
  expected_post: string;
}

export function fixtureRoutes(): FixtureRoute[] {
  if (!fixtureAvailable) return [];
  const text = fs.readFileSync(path.join(fixtureDir, 'routes.json'), 'utf8');
  return (JSON.parse(text) as { routes: FixtureRoute[] }).routes;
}

/** The sidecar notes of a route's feed: per item, its guid and the post it became. */
export function fixtureNotes(route: FixtureRoute): FixtureItemNotes[] {
  const file = path.join(fixtureDir, route.feed.replace(/\.xml$/, '.notes.json'));
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { items: FixtureItemNotes[] }).items;
}

/** The tidings.yaml lines for the fixture's category → site → route tree. */
export function fixtureSourcesYaml(routes: FixtureRoute[]): string[] {
  const tree = new Map<string, Map<string, FixtureRoute[]>>();
  for (const route of routes) {
    const sites = tree.get(route.category) ?? new Map<string, FixtureRoute[]>();
    tree.set(route.category, sites);
    sites.set(route.site, [...(sites.get(route.site) ?? []), route]);
  }
  return [
    'sources:',
    ...[...tree].flatMap(([category, sites]) => [
      `  - category: ${JSON.stringify(category)}`,
      '    sites:',
      ...[...sites].flatMap(([site, feeds]) => [
        `      - name: ${JSON.stringify(site)}`,
        '        feeds:',
        ...feeds.map(
          (r) =>
            `          - { name: ${JSON.stringify(r.route)}, rsshub: ${JSON.stringify(r.path)} }`,
        ),
      ]),
    ]),
  ];
}

export interface StandInRsshub {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Request paths as received, in order. */
  requested: string[];
  close(): Promise<void>;
}

/**
 * A stand-in RSSHub on loopback: answers each route path with its fixture feed (as the
 * fixture README asks) and 404 for anything else. `extra` serves more paths (e.g. `/api/…`).
 */
export async function startStandInRsshub(
  routes: FixtureRoute[],
  extra: Record<string, { type: string; body: string }> = {},
): Promise<StandInRsshub> {
  const requested: string[] = [];
  const server = http.createServer((request, response) => {
    const requestPath = decodeURIComponent((request.url ?? '').split('?')[0] ?? '');
    requested.push(request.url ?? '');
    const route = routes.find((r) => r.path === requestPath);
    if (route) {
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      response.end(fs.readFileSync(path.join(fixtureDir, route.feed)));
      return;
    }
    const other = extra[requestPath];
    if (other) {
      response.writeHead(200, { 'content-type': other.type });
      response.end(other.body);
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requested,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

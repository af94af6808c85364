import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Command, Option } from 'commander';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_RSSHUB_INSTANCE } from '../config/config-schema.js';
import { loadConfig } from '../config/load-config.js';
import { configNearbyMessage } from '../config/config-not-found.js';
import { withScheme } from '../config/feed-address-problems.js';
import { type CatalogRoute, selectRoutes } from '../sources/catalog-route.js';
import type { ImportedFeed } from '../sources/imported-feed.js';
import { mergeIntoConfig } from '../sources/merge-into-config.js';
import { parseOldUserConfig } from '../sources/old-user-config.js';
import { parseOpml, renderOpml } from '../sources/opml.js';
import type { HeadingLanguage } from '../sources/rsshub-categories.js';
import { readRsshubDocs } from '../sources/rsshub-docs.js';
import { fetchRsshubRoutes, instanceBaseUrl, parseRsshubRoutes } from '../sources/rsshub-routes.js';
import { parseSelectionList, parseSelectionTree } from '../sources/selection-list.js';
import { SourceImportError } from '../sources/source-import-error.js';
import { decodeBytes } from '../parse/decode-bytes.js';
import { writeFileAtomically } from '../export/write-file-atomically.js';
import { CommandFailure } from './command-failure.js';
import { configOption } from './config-option.js';
import { runAction } from './run-action.js';

interface ImportOptions {
  config: string;
  select?: string[];
  selectFrom?: string;
  dryRun?: boolean;
}

const EXIT_CODES = `
Exit codes: 0 done (also when every feed was already in the config); 1 unreadable or
invalid input, a selected path no route fits, or a config that is invalid (nothing is
written then); 2 usage error.`;

const MERGE_NOTE = `
Feeds are added to the config's sources tree (category → site → feed); categories and
sites are created as needed. Everything else in the file - settings, comments, order -
stays as it was. A feed already in the config (same route, URL or file) is left alone.
Without an existing config file, a new one is written.`;

export function registerSourcesCommand(program: Command): void {
  const sources = program
    .command('sources')
    .description('import subscriptions (RSSHub catalog, OPML) into the config, or export them');
  const importCommand = sources.command('import').description('add feeds to the config');

  const selectOption = new Option(
    '--select <paths...>',
    'only these route paths, e.g. /sina/finance /acfun/bangumi/5022158',
  );
  const selectFromOption = new Option(
    '--select-from <file>',
    "only the route paths listed in this file (the old config.yml's ' - /path' lines work)",
  );
  const dryRunOption = new Option('--dry-run', 'print what would be added; write nothing');

  importCommand
    .command('rsshub-docs')
    .description("add RSSHub routes from RSSHub's documentation markdown (a file or a folder)")
    .argument('<dir|file>', 'a docs .md file, or a folder of them')
    .addOption(configOption)
    .addOption(selectOption)
    .addOption(selectFromOption)
    .addOption(dryRunOption)
    .addHelpText(
      'after',
      `
Reads '# category', '## site', '### route' headings and the <Route … path="…"
example="…"> blocks under them (also split over several lines, and the newer
<Route namespace="…" :data='{…}'/> form). Each selected path becomes a feed named after
its route heading; without --select, every route with an example (or no required
parameter) is added.
${MERGE_NOTE}

Examples:
  tidings sources import rsshub-docs docs/ --select /sina/finance
${EXIT_CODES}`,
    )
    .action(
      runAction((target: string, options: ImportOptions) =>
        importRoutes(options, () => guard(() => readRsshubDocs(target))),
      ),
    );

  importCommand
    .command('rsshub-routes')
    .description(
      "add RSSHub routes from its route metadata: routes.json, or a running instance's URL",
    )
    .argument('<json|instance-url>', 'routes.json, or http(s)://host:port of an RSSHub instance')
    .addOption(configOption)
    .addOption(selectOption)
    .addOption(selectFromOption)
    .addOption(dryRunOption)
    .addOption(
      new Option(
        '--headings <language>',
        'category headings: en, or zh (the old docs: 金融, 新媒体…)',
      )
        .choices(['en', 'zh'])
        .default('en'),
    )
    .option('--category <slug>', 'only routes of this RSSHub category, e.g. finance, new-media')
    .addHelpText(
      'after',
      `
routes.json (RSSHub's build) and an instance's /api/namespace both map namespace →
{ name, routes: { path, name, categories, example, … } }. The category heading is the
route's first category (besides "popular"), the site heading the namespace's name, the
feed name the route's name. From an instance URL, the config's rsshub.instance is set to
it when the config has none. --category keeps the routes of one RSSHub category
(slugs: finance, new-media, social-media, anime, programming, …).
${MERGE_NOTE}

Examples:
  tidings sources import rsshub-routes http://127.0.0.1:1200 --select /zhihu/hotlist
  tidings sources import rsshub-routes routes.json --headings zh --select-from config.yml
${EXIT_CODES}`,
    )
    .action(
      runAction(async (target: string, options: RoutesOptions) => {
        const isUrl = /^https?:\/\//i.test(target);
        // `127.0.0.1:1200` is read as a file; say which instance was likely meant.
        const meant = isUrl ? null : withScheme(target);
        if (meant !== null && !fs.existsSync(target)) {
          throw new CommandFailure(`${target}: no such file (the instance ${meant}?)`);
        }
        const all = isUrl
          ? await guardAsync(() => fetchRsshubRoutes(target, options.headings))
          : guard(() => parseRsshubRoutes(readJson(target), options.headings, target));
        const catalog = inCategory(all, options.category, target);
        importRoutes(
          options,
          () => catalog,
          isUrl ? guard(() => instanceBaseUrl(target)) : undefined,
        );
      }),
    );

  importCommand
    .command('old-config')
    .description(
      "add the routes of the old RSSHub → Hexo system's config files, under their own headings",
    )
    .argument(
      '<files...>',
      'config.yml or temple/temple_config.yml, and user_config.yml, of the old system',
    )
    .addOption(configOption)
    .addOption(dryRunOption)
    .addHelpText(
      'after',
      `
Every active ' - /path' line becomes a feed under the '#category', '##site' and
'###route' headings above it, and every entry of user_config.yml's diy: list (link,
categories, source_parent, source_child) a feed under its own: the folders and
categories the old script filed its posts under, so 'tidings export hexo' writes them to
the same places. Commented-out lines ('# - /path') are skipped. Needs no RSSHub docs or
route list.
${MERGE_NOTE}

Examples:
  tidings sources import old-config config.yml user_config.yml
${EXIT_CODES}`,
    )
    .action(
      runAction((files: string[], options: ImportOptions) => {
        const catalog = files.flatMap((file) => {
          const text = readText(file);
          const routes = [
            ...parseSelectionTree(text),
            ...guard(() => parseOldUserConfig(text, file)),
          ];
          if (routes.length === 0) {
            throw new CommandFailure(
              `${file}: no route paths in it (lines like " - /sina/finance" under #category, ##site and ###route headings, or a diy: list)`,
            );
          }
          return routes;
        });
        importRoutes(options, () => catalog);
      }),
    );

  importCommand
    .command('opml')
    .description('add the feeds of an OPML file (as exported by feed readers)')
    .argument('<file>', 'the OPML file')
    .addOption(configOption)
    .addOption(dryRunOption)
    .addHelpText(
      'after',
      `
Outlines nest category → site → feed (feeds are outlines with xmlUrl). With one level,
each feed is its own site; feeds outside any outline go to the category "Imported".
Feeds of the config's RSSHub instance (or with Tidings' rsshubRoute attribute) become
RSSHub routes.
${MERGE_NOTE}

Examples:
  tidings sources import opml subscriptions.opml --dry-run
${EXIT_CODES}`,
    )
    .action(
      runAction((file: string, options: ImportOptions) => {
        const text = readXmlText(file);
        const instance = configuredInstance(options.config);
        const feeds = guard(() => parseOpml(text, file, instance));
        writeMerged(options, feeds);
      }),
    );

  sources
    .command('export')
    .description('write the subscriptions in another format')
    .command('opml')
    .description("write the config's feeds as OPML (category → site → feed outlines)")
    .addOption(configOption)
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .addHelpText(
      'after',
      `
RSSHub feeds get the instance URL plus route as xmlUrl (never the access key) and a
rsshubRoute attribute, so 'tidings sources import opml' gives the same config back.

Examples:
  tidings sources export opml --out tidings.opml

Exit codes: 0 written; 1 bad config or the file cannot be written; 2 usage error.`,
    )
    .action(
      runAction((options: { config: string; out?: string }) => {
        // No environment: addresses keep their `${NAME}` as written, never the secret's value.
        const config = loadConfig(options.config, {});
        const feeds = config.sources.map((source) => {
          const colon = source.key.indexOf(':');
          const kind = source.key.slice(0, colon);
          const value = source.key.slice(colon + 1);
          const location: ImportedFeed['location'] =
            kind === 'rsshub'
              ? { rsshub: value }
              : kind === 'file'
                ? { file: value }
                : { url: value };
          const xmlUrl =
            source.location.kind === 'file'
              ? pathToFileURL(source.location.path).toString()
              : kind === 'url'
                ? addressAsWritten(value)
                : withoutKey(source.location.url);
          return {
            category: source.category,
            site: source.site,
            name: source.name,
            location,
            xmlUrl,
          };
        });
        const opml = renderOpml(config.site.title, feeds);
        if (options.out === undefined) {
          process.stdout.write(opml);
          return;
        }
        try {
          writeFileAtomically(path.resolve(options.out), opml);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException)?.code;
          if (code === 'EISDIR') {
            const example = path.join(options.out, 'tidings.opml');
            throw new CommandFailure(
              `${options.out}: a folder; name the file, e.g. --out ${example}`,
            );
          }
          throw new CommandFailure(`${options.out}: cannot write (${code ?? String(error)})`);
        }
        process.stdout.write(`Wrote ${feeds.length} feed(s) to ${options.out}\n`);
      }),
    );
}

interface RoutesOptions extends ImportOptions {
  headings: HeadingLanguage;
  category?: string;
}

/** The routes of one RSSHub category (filtered here, so a file and an instance behave alike). */
function inCategory(
  catalog: CatalogRoute[],
  slug: string | undefined,
  source: string,
): CatalogRoute[] {
  if (slug === undefined) return catalog;
  const routes = catalog.filter((route) => route.categories.includes(slug));
  if (routes.length === 0) {
    const known = [...new Set(catalog.flatMap((route) => route.categories))].sort().join(', ');
    throw new CommandFailure(
      `${source}: no route in the category "${slug}" (categories: ${known})`,
    );
  }
  return routes;
}

function importRoutes(
  options: ImportOptions,
  load: () => CatalogRoute[],
  rsshubInstance?: string,
): void {
  const select = selectedPaths(options);
  const catalog = load();
  const selection = selectRoutes(catalog, select);
  if (selection.unmatched.length > 0) {
    throw new CommandFailure(
      `no route in the catalog fits ${selection.unmatched.map((p) => `"${p}"`).join(', ')}; nothing was written`,
    );
  }
  writeMerged(options, selection.feeds, rsshubInstance);
  if (selection.needParameters.length > 0) {
    process.stdout.write(
      `${selection.needParameters.length} route(s) need parameters and give no example; select them with --select <path>\n`,
    );
  }
}

function writeMerged(options: ImportOptions, feeds: ImportedFeed[], rsshubInstance?: string): void {
  const configPath = path.resolve(options.config);
  const existing = fs.existsSync(configPath) ? readText(options.config) : null;
  // A new config here when the one meant is elsewhere (run from inside public/, say).
  const nearby = existing === null ? configNearbyMessage(options.config) : null;
  if (nearby !== null) throw new CommandFailure(`${nearby}; nothing written`);
  const merged = mergeIntoConfig(existing, feeds, options.config, { rsshubInstance });
  const verb = options.dryRun ? 'Would add' : 'Added';
  for (const feed of merged.added) {
    const where = Object.values(feed.location)[0];
    process.stdout.write(`  + ${feed.category} › ${feed.site} › ${feed.name}  ${where}\n`);
  }
  if (!options.dryRun && merged.added.length + (merged.instanceSet ? 1 : 0) > 0) {
    try {
      replaceConfig(configPath, merged.text);
    } catch (error) {
      throw new CommandFailure(`${options.config}: cannot write the config (${String(error)})`);
    }
  }
  process.stdout.write(
    `${verb} ${merged.added.length} feed(s) to ${options.config}` +
      (merged.present.length > 0 ? ` (${merged.present.length} already there)` : '') +
      (merged.instanceSet ? `; rsshub.instance set to ${merged.instanceSet}` : '') +
      '\n',
  );
}

/**
 * Writes the config file itself, through a symbolic link (a config kept in a dotfiles
 * folder), with the permissions it had: written anew in its place, the link became a
 * plain file and the real config was left as it was, and a private config (it may hold an
 * access key) became readable by everyone.
 */
function replaceConfig(configPath: string, text: string): void {
  let target = configPath;
  let mode: number | undefined;
  try {
    target = fs.realpathSync(configPath);
    mode = fs.statSync(target).mode & 0o7777;
  } catch {
    // No config yet: a new file.
  }
  writeFileAtomically(target, text, mode);
}

function selectedPaths(options: ImportOptions): string[] | null {
  const paths = [...(options.select ?? [])];
  if (options.selectFrom !== undefined) {
    const listed = parseSelectionList(readText(options.selectFrom));
    if (listed.length === 0) {
      throw new CommandFailure(
        `${options.selectFrom}: no route paths in it (lines like " - /sina/finance")`,
      );
    }
    paths.push(...listed);
  }
  for (const p of paths) {
    if (!p.startsWith('/')) throw new CommandFailure(`--select ${p}: a route path starts with "/"`);
  }
  return paths.length > 0 || options.select !== undefined ? [...new Set(paths)] : null;
}

/** The config's rsshub.instance, or RSSHub's default; read leniently (the config may not exist). */
function configuredInstance(configPath: string): string {
  try {
    const raw = parseYaml(fs.readFileSync(configPath, 'utf8')) as {
      rsshub?: { instance?: unknown };
    };
    const instance = raw?.rsshub?.instance;
    // Anything else is a config problem, which merging the feeds into it reports.
    return typeof instance === 'string' ? instance : DEFAULT_RSSHUB_INSTANCE;
  } catch {
    return DEFAULT_RSSHUB_INSTANCE;
  }
}

/**
 * A feed's address as the config writes it, not as the URL parser rewrites it: a feed's
 * history follows that text, so importing the file back finds the feed already there (a
 * rewritten `${FEED_TOKEN}` or `新闻` was added as a second feed), and a `${NAME}` stays a
 * name. Only an access key written in it (`key=…`, not `key=${NAME}`) is left out.
 */
function addressAsWritten(url: string): string {
  const key = new URL(url).searchParams.get('key');
  return key === null || /^\$\{\w+\}$/.test(key) ? url : withoutKey(url);
}

function withoutKey(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.delete('key');
  return parsed.toString();
}

function readText(file: string): string {
  return readBytes(file).toString('utf8');
}

/**
 * An XML file's text in the encoding its byte order mark or declaration names (a feed
 * reader's OPML export may be GBK or UTF-16), as feeds are read: read as UTF-8, its names
 * came out as mojibake.
 */
function readXmlText(file: string): string {
  return decodeBytes(readBytes(file)).text;
}

function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CommandFailure(`${file}: cannot read (${code === 'ENOENT' ? 'no such file' : code})`);
  }
}

function readJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the text it stopped at, line breaks and all: one line, as every error.
    const reason = (error as Error).message.replace(/\s+/g, ' ');
    const markdown = file.endsWith('.md') ? "; RSSHub's docs markdown is read by rsshub-docs" : '';
    throw new CommandFailure(`${file}: not valid JSON (${reason})${markdown}`);
  }
}

/** Import problems become one-line failures naming the input. */
function guard<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw asFailure(error);
  }
}

async function guardAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asFailure(error);
  }
}

function asFailure(error: unknown): unknown {
  if (error instanceof SourceImportError) return new CommandFailure(error.message);
  if (error instanceof TypeError && (error as { code?: string }).code === 'ERR_INVALID_URL') {
    return new CommandFailure(`${(error as { input?: string }).input ?? 'URL'}: not a valid URL`);
  }
  return error;
}

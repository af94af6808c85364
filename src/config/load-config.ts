import fs from 'node:fs';
import path from 'node:path';
import type { core } from 'zod/mini';
import { buildSourceTree } from '../sources/source-tree.js';
import { DEFAULT_CONFIG_FILE, type Config } from './config.js';
import { ConfigError } from './config-error.js';
import { configNotFoundMessage } from './config-not-found.js';
import { EnvironmentReferences } from './environment-references.js';
import { configSchema } from './config-schema.js';
import { knownKeysAt, meantKey } from './known-keys.js';
import { namesAsWritten } from './names-as-written.js';
import { readConfigValues } from './read-config-values.js';
import { normalSiteUrl } from './site-url.js';

export { DEFAULT_CONFIG_FILE } from './config.js';

/** Problems named in the one line of a config error; the rest are counted. */
const MAX_PROBLEMS_SHOWN = 3;

/** Reads, validates and resolves a config file. Every problem is a ConfigError naming file and key. */
export function loadConfig(
  configPath: string = DEFAULT_CONFIG_FILE,
  env: NodeJS.ProcessEnv = process.env,
): Config {
  const absolute = path.resolve(configPath);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ConfigError(configNotFoundMessage(configPath));
    }
    if (code === 'EISDIR') {
      const inside = path.join(configPath, path.basename(DEFAULT_CONFIG_FILE));
      throw new ConfigError(`${configPath}: a folder, not a config file (--config ${inside}?)`);
    }
    throw new ConfigError(`${configPath}: cannot read the config file (${code ?? String(error)})`);
  }
  return parseConfig(text, absolute, configPath, env);
}

/** Validates config text; `displayName` is how the file is named in messages. */
export function parseConfig(
  text: string,
  absolutePath: string,
  displayName = absolutePath,
  env: NodeJS.ProcessEnv = process.env,
): Config {
  const raw: unknown = readConfigValues(text, displayName) ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${displayName}: expected a mapping of settings (site, sources, …)`);
  }
  // `name: 404`, `category: 2024`: names are text, as written.
  namesAsWritten(raw, text);
  const result = configSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    // A few problems at once, so fixing a config takes one run, not one per mistake.
    const problems = result.error.issues.map(describeIssue);
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).join('; ');
    const left = problems.length - MAX_PROBLEMS_SHOWN;
    const more = left > 0 ? ` (and ${left} more problem${left > 1 ? 's' : ''})` : '';
    throw new ConfigError(`${displayName}: ${shown}${more}`);
  }
  const file = result.data;
  const configDir = path.dirname(absolutePath);
  const outputDir = path.resolve(configDir, file.site.output);
  const storePath = path.resolve(configDir, file.store);
  if (isInside(storePath, outputDir)) {
    throw new ConfigError(
      `${displayName}: store: ${file.store} is inside site.output (${file.site.output}), which ` +
        'each build may replace and which is published: the store would be deleted, and ' +
        'published; keep it outside that folder',
    );
  }
  const staticDir =
    file.site.static === undefined ? null : path.resolve(configDir, file.site.static);
  if (staticDir !== null && isInside(staticDir, outputDir)) {
    throw new ConfigError(
      `${displayName}: site.static: ${file.site.static} is inside site.output ` +
        `(${file.site.output}), which each build may replace: your files there would be ` +
        'deleted; keep them outside that folder',
    );
  }
  const references = new EnvironmentReferences(env);
  const rsshub = {
    instance: references.address(file.rsshub.instance, 'rsshub.instance'),
    ...(file.rsshub.key !== undefined && { key: references.value(file.rsshub.key, 'rsshub.key') }),
  };
  const sources = buildSourceTree({ ...file, rsshub }, configDir, (url, setting) =>
    references.address(url, setting),
  );
  if (references.problems.length > 0) {
    throw new ConfigError(
      `${displayName}: ${references.problems.slice(0, MAX_PROBLEMS_SHOWN).join('; ')}`,
    );
  }
  return {
    path: absolutePath,
    site: {
      title: file.site.title,
      description: file.site.description,
      url: normalSiteUrl(file.site.url),
      language: file.site.language,
      timeZone: file.site.timezone,
      perPage: file.site.perPage,
      maxAgeDays: file.site.maxAgeDays,
      outputDir,
      permalink: file.site.permalink,
      staticDir,
      ...(file.site.imageProxy && { imageProxy: file.site.imageProxy }),
    },
    storePath,
    fetch: { ...file.fetch },
    sources,
    ...(references.unset.length > 0 && { unsetEnvironment: references.unset }),
  };
}

/** Is `target` the folder `folder` or somewhere below it? */
function isInside(target: string, folder: string): boolean {
  const relative = path.relative(folder, target);
  const above = relative === '..' || relative.startsWith(`..${path.sep}`);
  return !above && !path.isAbsolute(relative);
}

function describeIssue(issue: core.$ZodIssue): string {
  const key = formatKeyPath(issue.path);
  const where = key ? `${key}: ` : '';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `${where}missing, expected ${describeExpected(issue.expected)}`
        : `${where}expected ${describeExpected(issue.expected)}, got ${describeValue(issue.input)}` +
            (issue.expected === 'object' ? mappingMeant(issue.path, issue.input) : '');
    case 'unrecognized_keys':
      return `${where}unknown key${issue.keys.length > 1 ? 's' : ''} ${describeUnknownKeys(issue.keys, issue.path)}`;
    default: {
      // A value is worth quoting; "got a list" after "must list at least one site" is not.
      const input = 'input' in issue ? issue.input : undefined;
      const quoted = input !== undefined && (typeof input !== 'object' || input === null);
      return `${where}${issue.message}${quoted ? `, got ${describeValue(input)}` : ''}`;
    }
  }
}

/** `"titel" (did you mean "title"?)`: each unknown key with the allowed one it likely misspells. */
function describeUnknownKeys(keys: readonly string[], keyPath: readonly PropertyKey[]): string {
  const known = knownKeysAt(configSchema, keyPath);
  return keys
    .map((key) => {
      const meant = meantKey(key, known);
      if (meant) return `"${key}" (did you mean "${meant}"?)`;
      const under = keyOfChild(key, keyPath, known);
      return under ? `"${key}" (indented too little? it belongs ${under})` : `"${key}"`;
    })
    .join(', ');
}

/**
 * Where a key that is unknown here belongs one level down: `title:` written at the top, not
 * under `site:`; `url:` lined up with a site's `feeds:`, not with its feed's `name:`.
 */
function keyOfChild(
  key: string,
  keyPath: readonly PropertyKey[],
  known: readonly string[],
): string | undefined {
  const owners = known.flatMap((child) => {
    if (knownKeysAt(configSchema, [...keyPath, child]).includes(key)) return [`under ${child}:`];
    if (knownKeysAt(configSchema, [...keyPath, child, 0]).includes(key)) {
      return [`in each entry of ${child}:`];
    }
    return [];
  });
  return owners.length > 0 ? owners.slice(0, 2).join(' or ') : undefined;
}

/**
 * The mapping a plain value was likely meant as, where the config's tree wants one: a feed
 * written as its address alone, `rsshub:` as the instance's address. Written in YAML's flow
 * style, so it can be pasted in place.
 */
function mappingMeant(keyPath: readonly PropertyKey[], input: unknown): string {
  if (typeof input !== 'string') return '';
  const value = describeValue(input).slice(1, -1);
  const shape = keyPath.map((key) => (typeof key === 'number' ? '#' : String(key))).join('.');
  switch (shape) {
    case 'rsshub':
      return ` (write rsshub: { instance: ${value} })`;
    case 'sources.#':
      return ` (a category is { category: ${value}, sites: [ … ] })`;
    case 'sources.#.sites.#':
      return ` (a site is { name: ${value}, feeds: [ … ] })`;
    case 'sources.#.sites.#.feeds.#': {
      const where = /^https?:\/\//i.test(input) ? 'url' : input.startsWith('/') ? 'rsshub' : 'file';
      return ` (a feed is { name: …, ${where}: ${value} })`;
    }
    default:
      return '';
  }
}

function formatKeyPath(keys: readonly PropertyKey[]): string {
  return keys
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** In YAML's words, as describeValue says what was found: a list, a mapping. */
function describeExpected(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'a mapping';
  return expected;
}

function describeValue(value: unknown): string {
  // `sources:` with only comments under it: YAML's null, which a newcomer never wrote.
  if (value === null) return 'nothing (no value after the key)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '…' : value);
  return `${typeof value} ${String(value)}`;
}

import { makeFolders } from '../make-folders.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TIDINGS_VERSION } from '../fetch/user-agent.js';
import { ConfigError } from '../config/config-error.js';
import type { Config } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import { githubWorkflow, WORKFLOW_PATH, type WorkflowSettings } from './github-workflow.js';
import { repositoryOf, type DetectedInstall } from './install-spec.js';
import { parse as parseYaml } from 'yaml';
import { OUTPUT_MARKER } from '../site/write-output.js';
import { STARTER_CONFIG } from './starter-config.js';

export interface InitOptions {
  /** The demo config and its sample feeds instead of the starter config. */
  demo: boolean;
  /** Also the GitHub Actions workflow (for the starter's paths). */
  githubActions: boolean;
  /**
   * Only the workflow (`demo` and `githubActions` do not apply), for a folder that already has its tidings.yaml (whose `store:` and
   * `site.output:` the workflow then names): how an existing site takes a newer workflow.
   */
  workflowOnly?: boolean;
  /** Overwrite files that exist. */
  force: boolean;
  /** What the workflow installs, as `--package` gave it. */
  tidingsPackage?: string;
  /** Where the running Tidings comes from, when it is a clone of its repository. */
  detectedInstall?: DetectedInstall | null;
}

export interface WrittenStarterFiles {
  /** Paths relative to the folder. */
  files: string[];
  /** What the workflow installs, when one was written. */
  tidingsPackage: string | null;
}

/** A starter file cannot be written; the message names it. */
export class InitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InitError';
  }
}

/** Files that exist and would be overwritten: `tidings init` refuses unless --force. */
export class ExistingFilesError extends InitError {
  constructor(readonly files: string[]) {
    super(`would overwrite ${files.join(', ')}`);
    this.name = 'ExistingFilesError';
  }
}

/** The demo shipped with the package (package.json "files" includes it). */
const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/demo');

/**
 * Writes the starter files into `dir` and returns their paths relative to it. Checks every
 * file first: with one in the way (and no `force`), nothing at all is written.
 */
export function writeStarterFiles(dir: string, options: InitOptions): WrittenStarterFiles {
  refuseFileInPath(dir);
  refuseSiteFolder(dir);
  const files = new Map<string, string | Buffer>();
  const installs =
    options.workflowOnly || options.githubActions
      ? packageOf(dir, options.tidingsPackage, options.detectedInstall ?? null)
      : null;
  if (options.workflowOnly) {
    files.set(WORKFLOW_PATH, workflowFor(configPaths(dir), installs!));
  } else {
    if (options.demo) {
      files.set('tidings.yaml', readDemo('tidings.yaml'));
      // The sample feeds, and the pictures they show (site.static).
      for (const folder of ['feeds', 'static']) {
        const names = fs.readdirSync(path.join(DEMO_DIR, folder), { recursive: true }) as string[];
        for (const name of names.sort()) {
          const relative = `${folder}/${name.split(path.sep).join('/')}`;
          if (fs.statSync(path.join(DEMO_DIR, relative)).isFile()) {
            files.set(relative, readDemo(relative));
          }
        }
      }
    } else {
      files.set('tidings.yaml', STARTER_CONFIG);
    }
    if (options.githubActions) {
      files.set(
        WORKFLOW_PATH,
        workflowFor({ store: 'tidings.db', output: 'public', secrets: [] }, installs!),
      );
    }
  }
  const existing = [...files.keys()].filter((name) => fs.existsSync(path.join(dir, name)));
  if (existing.length > 0 && !options.force) throw new ExistingFilesError(existing);
  for (const [name, content] of files) {
    const target = path.join(dir, name);
    try {
      makeFolders(path.dirname(target));
      fs.writeFileSync(target, content);
    } catch (error) {
      throw new InitError(`${target}: cannot write it (${(error as NodeJS.ErrnoException).code})`);
    }
  }
  return { files: [...files.keys()], tidingsPackage: installs };
}

/** A file where DIR or a folder above it should be: said plainly rather than as EEXIST/ENOTDIR. */
function refuseFileInPath(dir: string): void {
  for (let at = dir; ; at = path.dirname(at)) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(at);
    } catch {
      // Missing (ENOENT), or below a file (ENOTDIR): look at the folder above.
    }
    if (stat) {
      if (!stat.isDirectory()) {
        throw new InitError(`${dir}: cannot write there, ${at} is a file, not a folder`);
      }
      return;
    }
    if (path.dirname(at) === at) return;
  }
}

/**
 * DIR inside a built site (its output folder, marked by the build): a config written there
 * would be deleted by the next full build of that site, and published until then.
 */
function refuseSiteFolder(dir: string): void {
  for (let at = dir; ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, OUTPUT_MARKER))) {
      const beside = path.join(path.dirname(at), 'tidings.yaml');
      throw new InitError(
        `${dir}: inside ${at}, a site Tidings built, which each build may replace and which is ` +
          'published; write the config outside it' +
          (fs.existsSync(beside)
            ? ` (its own config is likely ${beside})`
            : ` (e.g. tidings init ${path.dirname(at)})`),
      );
    }
    if (path.dirname(at) === at) return;
  }
}

type ConfigPaths = Omit<WorkflowSettings, 'tidingsPackage'>;

/** The workflow for a config with these paths, installing `tidingsPackage`. */
function workflowFor(paths: ConfigPaths, tidingsPackage: string): string {
  return githubWorkflow({ tidingsPackage, ...paths });
}

/**
 * What the workflow installs: `--package` if given; else the clone of Tidings' repository this
 * code runs from, at its commit (install-spec.ts), or this version from npm. A workflow already
 * in `dir` that installs from elsewhere (`github:OWNER/tidings#v2`, a tarball URL) keeps it on
 * a rewrite (`--force`); its npm version, or a pin of the same repository, is replaced: taking
 * a newer workflow takes this code.
 */
function packageOf(
  dir: string,
  chosen: string | undefined,
  detected: DetectedInstall | null,
): string {
  if (chosen !== undefined) return chosen;
  const ours = detected?.spec ?? `tidings@${TIDINGS_VERSION}`;
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, WORKFLOW_PATH), 'utf8');
  } catch {
    return ours;
  }
  const line = /^ {2}TIDINGS_PACKAGE:(.*)$/m.exec(text)?.[1];
  let value: unknown;
  try {
    value = line === undefined ? undefined : parseYaml(line);
  } catch {
    return ours;
  }
  if (typeof value !== 'string' || value.trim() === '' || /^tidings(@|$)/.test(value.trim())) {
    return ours;
  }
  if (detected && repositoryOf(value.trim()) === repositoryOf(detected.spec)) return ours;
  return value.trim();
}

/** The store and site paths of the config in `dir`, as the workflow must name them. */
function configPaths(dir: string): ConfigPaths {
  const configPath = path.join(dir, 'tidings.yaml');
  if (!fs.existsSync(configPath)) {
    throw new InitError(
      `${configPath}: not found; --workflow-only writes the workflow for an existing tidings.yaml (without it, init --github-actions writes both)`,
    );
  }
  let config: Config;
  try {
    // No environment: every variable it names is listed (as unset), set here or not.
    config = loadConfig(configPath, {});
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new InitError(`${error.message}\n(the workflow names the config's store: and site.output:, so it must load)`); // prettier-ignore
    }
    throw error;
  }
  const inside = (key: string, target: string): string => {
    const relative = path.relative(dir, target);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new InitError(
        `${configPath}: ${key} (${target}) is outside ${dir}; the workflow needs it inside the repository`,
      );
    }
    return relative.split(path.sep).join('/');
  };
  return {
    store: inside('store:', config.storePath),
    output: inside('site.output:', config.site.outputDir),
    secrets: [...new Set((config.unsetEnvironment ?? []).map((entry) => entry.name))].sort(),
  };
}

function readDemo(name: string): Buffer {
  try {
    return fs.readFileSync(path.join(DEMO_DIR, name));
  } catch (error) {
    throw new InitError(
      `${path.join(DEMO_DIR, name)}: the demo files are missing from this installation of Tidings (${(error as NodeJS.ErrnoException).code})`,
    );
  }
}

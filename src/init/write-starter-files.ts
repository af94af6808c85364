import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TIDINGS_VERSION } from '../fetch/user-agent.js';
import { githubWorkflow, WORKFLOW_PATH } from './github-workflow.js';
import { STARTER_CONFIG } from './starter-config.js';

export interface InitOptions {
  /** The demo config and its sample feeds instead of the starter config. */
  demo: boolean;
  githubActions: boolean;
  /** Overwrite files that exist. */
  force: boolean;
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
export function writeStarterFiles(dir: string, options: InitOptions): string[] {
  const files = new Map<string, string | Buffer>();
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
      githubWorkflow({
        tidingsPackage: `tidings@${TIDINGS_VERSION}`,
        store: 'tidings.db',
        output: 'public',
      }),
    );
  }
  const existing = [...files.keys()].filter((name) => fs.existsSync(path.join(dir, name)));
  if (existing.length > 0 && !options.force) throw new ExistingFilesError(existing);
  for (const [name, content] of files) {
    const target = path.join(dir, name);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    } catch (error) {
      throw new InitError(`${target}: cannot write it (${(error as NodeJS.ErrnoException).code})`);
    }
  }
  return [...files.keys()];
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

import path from 'node:path';
import { type Command, Option } from 'commander';
import { WORKFLOW_PATH } from '../init/github-workflow.js';
import {
  ExistingFilesError,
  InitError,
  writeStarterFiles,
  type WrittenStarterFiles,
} from '../init/write-starter-files.js';
import { detectInstall, type DetectedInstall } from '../init/install-spec.js';
import { CommandFailure } from './command-failure.js';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError } from 'commander';
import { runAction } from './run-action.js';

interface InitCommandOptions {
  demo?: boolean;
  githubActions?: boolean;
  workflowOnly?: boolean;
  force?: boolean;
  package?: string;
}

/** Tidings' own folder (package.json, dist/): where it was installed or cloned. */
const TIDINGS_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description(
      'write a commented starter tidings.yaml (and optionally a GitHub Actions workflow)',
    )
    .argument('[dir]', 'folder to write into (created if missing)', '.')
    .option('--demo', 'write the demo config and its sample feeds (feeds/) instead')
    .option(
      '--github-actions',
      `also write ${WORKFLOW_PATH}: update on a schedule, keep the store, publish to GitHub Pages`,
    )
    .addOption(
      new Option(
        '--workflow-only',
        `write only ${WORKFLOW_PATH}, for a folder that has its tidings.yaml (to take a newer workflow)`,
      ).conflicts('demo'),
    )
    .option(
      '--package <spec>',
      'what the workflow installs with npm (default: the clone of Tidings this runs from, at its commit)',
      packageSpec,
    )
    .option('--force', 'overwrite files that exist')
    .addHelpText(
      'after',
      `
Writes tidings.yaml: every common setting with its default and a comment, and example
feeds to replace with yours. --demo writes the offline demo instead (local sample feeds),
which "tidings update && tidings serve" turns into a site at once.

--github-actions also writes ${WORKFLOW_PATH}, which runs tidings update every hour
and by hand, keeps the SQLite store on the branch tidings-data between runs (a branch,
not the Actions cache, which evicts entries unused for 7 days), publishes the site with
GitHub Pages, and keeps GitHub from disabling its schedule after 60 days without activity.
Its comments explain each step.

--workflow-only writes the workflow alone, naming the store: and site.output: of the
tidings.yaml already in DIR: "tidings init --workflow-only --force" replaces a workflow
written by an earlier version with this version's, and leaves tidings.yaml as it is.

The workflow installs Tidings with npm (its TIDINGS_PACKAGE): by default the clone of the
Tidings repository this runs from, at the commit it runs (github:OWNER/REPO#COMMIT; push
that commit first), else tidings@VERSION from npm. --package names another: a tag, a fork,
a tarball URL. A rewrite keeps a value set by hand, unless --package replaces it.

Files that exist are never overwritten without --force; if any is in the way, nothing is
written.

Examples:
  tidings init                           a tidings.yaml here, to fill in with your feeds
  tidings init news --demo               the offline demo, in the new folder news
  tidings init --github-actions          also the workflow that updates and publishes
  tidings init --workflow-only --force   this version's workflow, for the tidings.yaml here
  tidings init --github-actions --package github:me/tidings#v0.1.0

Exit codes:
  0  files written
  1  a file exists (and no --force), or cannot be written; with --workflow-only,
     tidings.yaml is missing or does not load, or its store or site is outside DIR
  2  usage error`,
    )
    .action(
      runAction((dir: string, options: InitCommandOptions) => {
        const target = path.resolve(dir);
        let result: WrittenStarterFiles;
        const workflow = options.githubActions === true || options.workflowOnly === true;
        const detected = workflow && !options.package ? detectInstall(TIDINGS_ROOT) : null;
        try {
          result = writeStarterFiles(target, {
            demo: options.demo === true,
            githubActions: options.githubActions === true,
            workflowOnly: options.workflowOnly === true,
            force: options.force === true,
            ...(options.package === undefined ? {} : { tidingsPackage: options.package }),
            detectedInstall: detected,
          });
        } catch (error) {
          if (error instanceof ExistingFilesError) {
            const verb = error.files.length === 1 ? 'exists' : 'exist';
            throw new CommandFailure(
              `${target}: ${error.files.join(', ')} already ${verb}; nothing written ` +
                '(--force overwrites)',
            );
          }
          if (error instanceof InitError) throw new CommandFailure(error.message);
          throw error;
        }
        const written = result.files;
        const out = process.stdout;
        out.write(`Wrote in ${target}:\n`);
        const demoFile = (f: string) => f.startsWith('feeds/') || f.startsWith('static/');
        for (const file of written.filter((f) => !demoFile(f))) out.write(`  ${file}\n`);
        const feeds = written.filter((f) => f.startsWith('feeds/')).length;
        if (feeds > 0) out.write(`  feeds/ (${feeds} sample feeds), static/ (their pictures)\n`);
        if (result.tidingsPackage !== null) {
          out.write(installNote(result.tidingsPackage, detected));
        }
        if (options.workflowOnly) {
          out.write('Commit it; the next run uses it.\n');
          return;
        }
        // The config is in DIR: go there first, then edit it, then run.
        const here = dir === '.' || target === process.cwd();
        out.write(
          options.demo
            ? `Next: ${here ? '' : `cd ${dir} && `}tidings update && tidings serve\n`
            : `Next: ${here ? '' : `cd ${dir}, `}edit tidings.yaml (site and sources), then tidings update && tidings serve\n`,
        );
        if (options.githubActions) {
          out.write(
            // site.url left at localhost publishes feeds, sitemap and canonical links that
            // point at the reader's own machine; the workflow only warns after publishing.
            'On GitHub: set site.url in tidings.yaml to the address Pages gives the site\n' +
              '(https://USER.github.io/REPO/); commit tidings.yaml and the workflow (not\n' +
              'tidings.db, public/ or .public.tidings.fragments); set Settings → Pages → Source\n' +
              'to "GitHub Actions", then run the Tidings workflow.\n',
          );
        }
      }),
    );
}

/** What the workflow installs, and what must hold for the install to work. */
function installNote(spec: string, detected: DetectedInstall | null): string {
  if (/^tidings(@|$)/.test(spec)) {
    return (
      `The workflow installs ${spec} from npm (TIDINGS_PACKAGE). If npm does not have it,\n` +
      'name where your Tidings comes from: tidings init --workflow-only --force --package\n' +
      'github:OWNER/tidings#COMMIT (or run init from a clone of the Tidings repository).\n'
    );
  }
  if (detected?.spec === spec && !detected.pushed) {
    return (
      `The workflow installs ${spec} (TIDINGS_PACKAGE), the commit this Tidings runs;\n` +
      'no remote branch holds it yet: push it before the workflow runs.\n'
    );
  }
  return `The workflow installs ${spec} (TIDINGS_PACKAGE).\n`;
}

/** A --package value npm could install: not empty, no spaces or quotes. */
function packageSpec(value: string): string {
  const spec = value.trim();
  if (spec === '' || /[\s'"`$\\]/.test(spec)) {
    throw new InvalidArgumentError(
      'expected an npm install spec, e.g. github:OWNER/tidings#v1.0.0 or tidings@0.1.0',
    );
  }
  return spec;
}

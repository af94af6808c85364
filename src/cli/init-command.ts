import path from 'node:path';
import { type Command, Option } from 'commander';
import { WORKFLOW_PATH } from '../init/github-workflow.js';
import { ExistingFilesError, InitError, writeStarterFiles } from '../init/write-starter-files.js';
import { CommandFailure } from './command-failure.js';
import { runAction } from './run-action.js';

interface InitCommandOptions {
  demo?: boolean;
  githubActions?: boolean;
  workflowOnly?: boolean;
  force?: boolean;
}

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

Files that exist are never overwritten without --force; if any is in the way, nothing is
written.

Examples:
  tidings init                           a tidings.yaml here, to fill in with your feeds
  tidings init news --demo               the offline demo, in the new folder news
  tidings init --github-actions          also the workflow that updates and publishes
  tidings init --workflow-only --force   this version's workflow, for the tidings.yaml here

Exit codes:
  0  files written
  1  a file exists (and no --force), or cannot be written; with --workflow-only,
     tidings.yaml is missing or does not load, or its store or site is outside DIR
  2  usage error`,
    )
    .action(
      runAction((dir: string, options: InitCommandOptions) => {
        const target = path.resolve(dir);
        let written: string[];
        try {
          written = writeStarterFiles(target, {
            demo: options.demo === true,
            githubActions: options.githubActions === true,
            workflowOnly: options.workflowOnly === true,
            force: options.force === true,
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
        const out = process.stdout;
        out.write(`Wrote in ${target}:\n`);
        const demoFile = (f: string) => f.startsWith('feeds/') || f.startsWith('static/');
        for (const file of written.filter((f) => !demoFile(f))) out.write(`  ${file}\n`);
        const feeds = written.filter((f) => f.startsWith('feeds/')).length;
        if (feeds > 0) out.write(`  feeds/ (${feeds} sample feeds), static/ (their pictures)\n`);
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

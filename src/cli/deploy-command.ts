import type { Command } from 'commander';
import { DEPLOY_LOCK_WAIT_MS, deployToGitBranch } from '../deploy/git-deploy.js';
import { folderBytes, pagesSizeWarning } from '../deploy/pages-size.js';
import { localSiteUrlWarning } from '../deploy/site-url-warning.js';
import { DeployError, redactCredentials } from '../deploy/run-git.js';
import { CommandFailure } from './command-failure.js';
import { configOption, loadConfigFrom } from './config-option.js';
import { runAction } from './run-action.js';
import { lockWaitMs, lockWaitOption } from './lock-wait-option.js';

interface DeployGitOptions {
  config: string;
  repo: string;
  branch: string;
  message?: string;
  history: boolean;
  json?: boolean;
  lockWait: string;
}

export function registerDeployCommand(program: Command): void {
  const deploy = program
    .command('deploy')
    .description('publish the built site (tidings deploy git: as a commit on a git branch)')
    .addHelpText(
      'after',
      '\nExit codes: 0 published, or nothing changed; 1 no built site, or git failed; 2 usage error.',
    );
  deploy
    .command('git')
    .description('publish the output folder as a commit on a branch of a git repository')
    .addOption(configOption)
    .requiredOption('--repo <url|path>', 'repository to push to: https or ssh URL, or a path')
    .option('--branch <name>', 'branch to publish to', 'gh-pages')
    .option('-m, --message <text>', 'commit message (default: "Site updated: <UTC time>")')
    .option(
      '--no-history',
      'replace the branch with one commit (no parent) instead of adding one on top',
    )
    .addOption(lockWaitOption(DEPLOY_LOCK_WAIT_MS / 1000))
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Commits exactly the files of the output folder (site.output) on top of the branch's latest
commit, and pushes it, like hexo-deployer-git. When the branch already holds the same
files, nothing is committed or pushed. The branch is created if it does not exist. Uses
the system git with your credentials (SSH keys, a credential helper, or a token in the
URL, which is never printed); it never prompts. The output folder is left untouched.

While git reads the output folder, the deploy holds its lock (.<output>.tidings.lock beside
it), which builds (update, watch, build) take only to move a new site in: so it publishes one
whole build even beside a running watch. It waits up to --lock-wait seconds (default 60) for
a build, or another deploy, holding that lock, saying so, then fails naming it; a lock of a
run that is gone is taken over.

--no-history keeps the branch at one commit: each deploy replaces it (refused if someone
pushed to it meanwhile), so the repository holds one site rather than growing with every
deploy's changed pages: measured, ~3.5 MB a deploy for a 10,000-item site after 100 new
items, which is ~30 GB a year deployed hourly. Only the changed files are sent either way.

GitHub Pages: publish to gh-pages and choose "Deploy from a branch" in the repository's
Pages settings. It publishes sites of at most 1 GB: a larger site gets a warning (set
site.maxAgeDays to show the items of fewer days; the store keeps every item).

A site whose site.url is this machine (the default http://localhost:4000) is published with
a warning: its feeds, sitemap and canonical links are made from site.url.

Examples:
  tidings deploy git --repo git@github.com:you/news.git
  tidings deploy git --repo ../site.git --branch main --no-history

Exit codes:
  0  published, or nothing changed
  1  no built site, git missing, repository unreachable, push rejected, output folder
     still in use by another run after --lock-wait seconds
  2  usage error (e.g. no --repo)`,
    )
    .action(
      runAction(async (options: DeployGitOptions) => {
        const lockWait = lockWaitMs(options.lockWait);
        const config = loadConfigFrom(options);
        try {
          const result = await deployToGitBranch({
            outputDir: config.site.outputDir,
            repo: options.repo,
            branch: options.branch,
            history: options.history,
            ...(options.message !== undefined ? { message: options.message } : {}),
            lockWaitMs: lockWait,
            onLockNotice: (notice) => process.stderr.write(`tidings: ${notice}\n`),
          });
          const where = `${options.branch} of ${redactCredentials(options.repo)}`;
          if (options.json) {
            process.stdout.write(JSON.stringify({ ...result, branch: options.branch }) + '\n');
          } else if (result.changed) {
            process.stdout.write(
              `Published ${config.site.outputDir} to ${where}: commit ${result.commit?.slice(0, 12)} ` +
                `(${result.added} added, ${result.modified} changed, ${result.deleted} deleted)\n`,
            );
          } else {
            process.stdout.write(`Nothing changed: ${where} already holds this site.\n`);
          }
          const warnings = [
            localSiteUrlWarning(config.site.url),
            pagesSizeWarning(options.repo, () => folderBytes(config.site.outputDir)),
          ];
          for (const warning of warnings) {
            if (warning !== null) process.stderr.write(`tidings: warning: ${warning}\n`);
          }
        } catch (error) {
          if (error instanceof DeployError) throw new CommandFailure(error.message);
          throw error;
        }
      }),
    );
}

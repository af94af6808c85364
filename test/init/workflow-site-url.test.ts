import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { runTidingsSync } from '../support/run-tidings.js';

// The workflow's "Check site.url" step, run as GitHub runs a step, on a built demo site.

interface Step {
  name?: string;
  run?: string;
}
interface Workflow {
  env: Record<string, string>;
  jobs: { update: { steps: Step[] } };
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-site-url-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

test('the workflow warns when site.url is not where GitHub Pages published the site', () => {
  assert.equal(runTidingsSync(['init', root, '--demo', '--github-actions']).code, 0);
  const text = fs.readFileSync(path.join(root, '.github/workflows/tidings.yml'), 'utf8');
  const workflow = parse(text) as Workflow;
  const steps = workflow.jobs.update.steps;
  const check = steps.find((s) => s.name === 'Check site.url');
  assert.ok(check?.run, 'the workflow has a "Check site.url" step');
  assert.ok(steps.indexOf(check) > steps.findIndex((s) => s.name === 'Publish to GitHub Pages'));
  const config = path.join(root, 'tidings.yaml');
  const run = (pageUrl: string) => {
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', check.run!], { cwd: root, encoding: 'utf8', env: { ...process.env, ...workflow.env, PAGE_URL: pageUrl } }); // prettier-ignore
    assert.equal(result.status, 0, result.stderr);
    return result.stdout;
  };
  const published = 'https://someone.github.io/news/';

  // The demo's site.url is http://localhost:4000: every address of the site is wrong.
  assert.equal(runTidingsSync(['update', '--config', config]).code, 0);
  assert.match(
    run(published),
    /^::warning::site\.url in tidings\.yaml makes the site's addresses start with http:\/\/localhost:4000\/, but it is published at https:\/\/someone\.github\.io\/news\/: .*Set site\.url: https:\/\/someone\.github\.io\/news\/ in tidings\.yaml\.\n$/,
  );

  // Set as published (with or without its slash): nothing to say.
  for (const url of [published, published.slice(0, -1)]) {
    const yaml = fs.readFileSync(config, 'utf8').replace(/^ {2}url: .*$/m, `  url: ${url}`);
    fs.writeFileSync(config, yaml);
    assert.equal(runTidingsSync(['build', '--config', config]).code, 0);
    assert.equal(run(published), '', url);
  }
});

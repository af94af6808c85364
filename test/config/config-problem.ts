import assert from 'node:assert/strict';
import { ConfigError } from '../../src/config/config-error.js';
import { parseConfig } from '../../src/config/load-config.js';

/** Parses config text as if it were /srv/news/tidings.yaml, named `tidings.yaml` in messages. */
export function parseTestConfig(text: string) {
  return parseConfig(text, '/srv/news/tidings.yaml', 'tidings.yaml');
}

/** The ConfigError message that `text` is rejected with; fails the test if it is accepted. */
export function configProblem(text: string): string {
  try {
    parseTestConfig(text);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected the config to be rejected');
}

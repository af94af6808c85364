import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError } from '../../src/config/config-error.js';
import { EnvironmentReferences, unsetProblem } from '../../src/config/environment-references.js';
import { parseConfig } from '../../src/config/load-config.js';
import { withoutUrlSecrets } from '../../src/site/url-secrets.js';

const CONFIG = `
rsshub:
  instance: http://127.0.0.1:1200
  key: \${RSSHUB_KEY}
sources:
  - category: A
    sites:
      - name: S
        feeds:
          - name: Private
            url: https://me:\${FEED_PASS}@example.com/feed.xml?token=\${FEED_TOKEN}&page=1
          - name: Route
            rsshub: /sina/finance
`;

describe('environment variables in the config', () => {
  test('a key, a password and a token come from the environment, percent-encoded in an address', () => {
    const config = parseConfig(CONFIG, '/tmp/tidings.yaml', 'tidings.yaml', {
      RSSHUB_KEY: 'k&ey',
      FEED_PASS: 'p@ss/w:rd',
      FEED_TOKEN: 't#1 2',
    });
    assert.equal(config.unsetEnvironment, undefined);
    const [feed, route] = config.sources;
    assert.deepEqual(feed?.location, {
      kind: 'url',
      url: 'https://me:p%40ss%2Fw%3Ard@example.com/feed.xml?token=t%231%202&page=1',
    });
    const fetched = new URL(feed?.location.kind === 'url' ? feed.location.url : '');
    assert.equal(decodeURIComponent(fetched.password), 'p@ss/w:rd');
    assert.equal(fetched.searchParams.get('token'), 't#1 2');
    assert.equal(fetched.searchParams.get('page'), '1');
    assert.deepEqual(route?.location, { kind: 'url', url: 'http://127.0.0.1:1200/sina/finance?key=k%26ey' }); // prettier-ignore
    // The key keeps the address as written: a rotated token keeps the feed's history.
    assert.equal(
      feed?.key,
      'url:https://me:${FEED_PASS}@example.com/feed.xml?token=${FEED_TOKEN}&page=1',
    );
  });

  test('unset variables leave the text as written and are listed, for fetching commands to refuse', () => {
    const config = parseConfig(CONFIG, '/tmp/tidings.yaml', 'tidings.yaml', { FEED_PASS: 'x' });
    assert.deepEqual(config.unsetEnvironment, [
      { setting: 'rsshub.key', name: 'RSSHUB_KEY' },
      { setting: 'A › S › Private: url', name: 'FEED_TOKEN' },
    ]);
    const [feed] = config.sources;
    assert.equal(
      feed?.location.kind === 'url' && feed.location.url,
      'https://me:${FEED_PASS}@example.com/feed.xml?token=${FEED_TOKEN}&page=1',
      'nothing half-replaced',
    );
    assert.equal(
      unsetProblem(config.unsetEnvironment ?? []),
      'rsshub.key names the environment variable RSSHUB_KEY, which is not set (and 1 more ' +
        'place(s)); set RSSHUB_KEY, FEED_TOKEN before running (in GitHub Actions: a ' +
        'repository secret, passed to the step as env)',
    );
    // An empty value is a value (an RSSHub instance without a key).
    const empty = parseConfig(CONFIG, '/tmp/tidings.yaml', 'tidings.yaml', {
      RSSHUB_KEY: '',
      FEED_PASS: 'p',
      FEED_TOKEN: 't',
    });
    assert.equal(empty.unsetEnvironment, undefined);
    assert.deepEqual(empty.sources[1]?.location, { kind: 'url', url: 'http://127.0.0.1:1200/sina/finance' }); // prettier-ignore
  });

  test('in an address, a variable may stand only where the published site never shows it', () => {
    const env = { V: 'secret' };
    const placed = (url: string): string[] => {
      const references = new EnvironmentReferences(env);
      references.address(url, 'url');
      return references.problems;
    };
    for (const url of [
      'https://me:${V}@example.com/feed',
      'https://example.com/feed?key=${V}',
      'https://example.com/feed?a=1&Access_Token=${V}',
      'https://example.com/feed?token=pre-${V}-post',
    ]) {
      assert.deepEqual(placed(url), [], url);
    }
    for (const url of [
      'https://${V}:x@example.com/feed', // the user name is shown
      'https://example.com/${V}/feed', // so is the path
      'https://example.com/feed?page=${V}', // and any other parameter
      'https://example.com/feed#${V}',
      'https://example.com/feed?${V}=token',
      'https://example.com/feed?token=a&x=${V}',
    ]) {
      const problems = placed(url);
      assert.equal(problems.length, 1, url);
      assert.match(problems[0] ?? '', /^url: \$\{V\} may stand only for the password/);
    }
    // The host cannot be one either; the config error names the setting.
    assert.throws(
      () =>
        parseConfig(
          'sources:\n  - category: A\n    sites:\n      - name: S\n        feeds:\n          - name: F\n            url: https://example.com/${V}.xml\n',
          '/tmp/tidings.yaml',
          'tidings.yaml',
          env,
        ),
      (error: unknown) =>
        error instanceof ConfigError &&
        /^tidings\.yaml: A › S › F: url: \$\{V\} may stand only for the password/.test(
          error.message,
        ),
    );
    const instance = new EnvironmentReferences(env);
    assert.equal(instance.address('https://u:${V}@rsshub.example.com', 'rsshub.instance'), 'https://u:secret@rsshub.example.com'); // prettier-ignore
  });

  test('text without ${…} is left alone, and $NAME without braces is not a reference', () => {
    const references = new EnvironmentReferences({ HOME: '/root' });
    assert.equal(references.value('$HOME and ${ HOME}', 'rsshub.key'), '$HOME and ${ HOME}');
    assert.equal(references.address('https://example.com/a$b', 'url'), 'https://example.com/a$b');
    assert.deepEqual(references.unset, []);
  });

  test('a ${ that starts no reference is a config error, not text sent as it is', () => {
    const references = new EnvironmentReferences({ KEY: 'k' });
    assert.equal(references.value('${1KEY}', 'rsshub.key'), '${1KEY}');
    assert.equal(references.address('https://example.com/f?token=${KEY', 'url'), 'https://example.com/f?token=${KEY'); // prettier-ignore
    assert.deepEqual(references.problems, [
      'rsshub.key: ${1KEY} is not an environment variable: write ${NAME}, NAME of letters, digits and _ (not starting with a digit)',
      'url: ${KEY is not an environment variable: write ${NAME}, NAME of letters, digits and _ (not starting with a digit)',
    ]);
    assert.throws(
      () =>
        parseConfig(
          'rsshub:\n  key: "${ KEY}"\nsources: []\n',
          '/tmp/tidings.yaml',
          'tidings.yaml',
          {},
        ),
      /^ConfigError: tidings\.yaml: rsshub\.key: \$\{ KEY\} is not an environment variable/,
    );
  });

  test('the site hides a password with an unencoded @ whole', () => {
    assert.equal(
      withoutUrlSecrets('https://me:p@ss@example.com/feed.xml: HTTP 401'),
      'https://example.com/feed.xml: HTTP 401',
    );
  });
});

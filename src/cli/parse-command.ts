import type { Command } from 'commander';
import fs from 'node:fs';
import { withScheme } from '../config/feed-address-problems.js';
import { readFeedBytes } from '../fetch/read-feed-bytes.js';
import { parseFeed } from '../parse/index.js';
import { NotAFeedError } from '../parse/parsed-feed.js';
import { CommandFailure } from './command-failure.js';
import { runAction } from './run-action.js';

export function registerParseCommand(program: Command): void {
  program
    .command('parse')
    .description('read one feed (file or http(s) URL) and print it as JSON (the parse contract)')
    .argument('<file|url>', 'a feed file path, or an http(s) URL to fetch')
    .option(
      '--base-url <url>',
      'URL the document was served from (relative links resolve against it)',
    )
    .option('--time-zone <zone>', 'IANA zone for dates written without one', 'UTC')
    .addHelpText(
      'after',
      '\nOutput (stdout): {format: rss|atom|rdf|json, title, link, description, language,\n' +
        '  updated, image, items: [{id, title, link, published, publishedText, updated, author,\n' +
        '  summary, content, categories: [], enclosures: [{url, type, length}], image}]}\n' +
        'Missing values are null. Dates are UTC ("2021-12-25T00:03:46.000Z"); publishedText is\n' +
        'the date as the feed wrote it. Links and images are absolute where a base is known.\n' +
        'Titles and author are plain text; summary and content are HTML as the feed gave it.\n' +
        '\nExamples:\n' +
        '  tidings parse feeds/local.xml\n' +
        '  tidings parse http://127.0.0.1:1200/sina/finance --time-zone Asia/Shanghai\n' +
        '\nExit codes: 0 printed the feed; 1 the input could not be read or is not a feed;\n' +
        '2 usage error, or a bad --base-url or --time-zone.\n' +
        'Broken but recognisable feeds are read as far as they go (a warning goes to stderr).',
    )
    .action(
      runAction(async (input: string, options: { baseUrl?: string; timeZone: string }) => {
        // Bad option values are usage errors (exit 2), found before anything is read.
        if (options.baseUrl !== undefined && !URL.canParse(options.baseUrl)) {
          throw new CommandFailure(`--base-url ${options.baseUrl}: not an absolute URL`, 2);
        }
        if (!isTimeZone(options.timeZone)) {
          throw new CommandFailure(
            `--time-zone ${options.timeZone}: not an IANA time zone (such as Asia/Shanghai or UTC)`,
            2,
          );
        }
        // `example.com/feed.xml` is read as a file; say which address was likely meant.
        const meant = withScheme(input);
        if (meant !== null && !fs.existsSync(input)) {
          throw new CommandFailure(`${input}: no such file (the address ${meant}?)`);
        }
        const fetched = await readFeedBytes(input, {
          timeoutSeconds: 20,
          maxBytes: 50 * 1024 * 1024,
        });
        try {
          const feed = parseFeed(fetched.body, {
            // A local file has no web address to resolve against; only a fetched URL is a base.
            baseUrl: options.baseUrl ?? (fetched.url.startsWith('http') ? fetched.url : undefined),
            ...(fetched.charset ? { charset: fetched.charset } : {}),
            timeZone: options.timeZone,
            onWarning: (m) => process.stderr.write(`tidings: ${input}: ${m}\n`),
          });
          process.stdout.write(JSON.stringify(feed, withoutInternalFields, 2) + '\n');
        } catch (error) {
          if (error instanceof NotAFeedError) throw new NotAFeedError(`${input}: ${error.message}`);
          throw error;
        }
      }),
    );
}

/**
 * Leaves out what the parser passes on to the content stage only (ParsedItem.sourceBase), so the
 * output stays the parse contract.
 */
function withoutInternalFields(key: string, value: unknown): unknown {
  return key === 'sourceBase' ? undefined : value;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

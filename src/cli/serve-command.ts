import fs from 'node:fs';
import type { Command } from 'commander';
import { serveFolder } from '../server/static-server.js';
import { CommandFailure } from './command-failure.js';
import { configOption, loadConfigFrom } from './config-option.js';
import { listenFailure, parsePort } from './listen-options.js';
import { runAction } from './run-action.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the built site on localhost for preview')
    .addOption(configOption)
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', '4000')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--no-reload', 'do not reload open pages when the site is rebuilt')
    .addHelpText(
      'after',
      '\nOpen pages reload by themselves after each rebuild that changed something (run\n' +
        '"tidings build" or "tidings update" in another terminal): the server adds a small script\n' +
        'to the pages it serves; the built files never contain it.\n' +
        'Stop with Ctrl-C or SIGTERM.\n' +
        '\nExamples:\n' +
        '  tidings serve                          http://localhost:4000/\n' +
        '  tidings serve --port 8080 --host ::    on every address, for other machines too\n' +
        '\nExit codes: 0 stopped; 1 no built site, or cannot listen (the port is taken, --host is\n' +
        'not an address of this machine), or its output could no longer be written (a closed\n' +
        'pipe); 2 bad option.',
    )
    .action(
      runAction(
        async (options: { config: string; port: string; host: string; reload: boolean }) => {
          const port = parsePort(options.port);
          const config = loadConfigFrom(options);
          const root = config.site.outputDir;
          if (!fs.existsSync(root)) {
            throw new CommandFailure(
              `${root}: no built site here yet; run "tidings update" or "tidings build" first`,
            );
          }
          // site.output naming a file served nothing but 404 pages.
          if (!fs.statSync(root).isDirectory()) {
            throw new CommandFailure(`${root}: site.output is a file, not a folder`);
          }
          try {
            const server = await serveFolder(root, port, {
              host: options.host,
              liveReload: options.reload,
            });
            const reloading = options.reload ? ', reloading pages after each rebuild' : '';
            process.stdout.write(
              `Serving ${root}${reloading}\n  ${server.url}\n(Ctrl-C to stop)\n`,
            );
            const stop = () => void server.close().then(() => process.exit(0));
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
          } catch (error) {
            throw listenFailure(error, options.host, port);
          }
        },
      ),
    );
}

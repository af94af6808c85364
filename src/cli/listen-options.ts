import { CommandFailure } from './command-failure.js';
import { EXIT_USAGE } from './run-action.js';

/**
 * `--port` as digits only: Number() alone took "" as 0 (a random port), "1e3" as 1000 and
 * "0x10" as 16.
 */
export function parsePort(value: string): number {
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new CommandFailure(`--port ${value}: expected a port number 0–65535`, EXIT_USAGE);
  }
  return port;
}

/** Why the server could not listen on host:port, in words (exit 1). */
export function listenFailure(error: unknown, host: string, port: number): CommandFailure {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${host}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return new CommandFailure(
        `port ${port} on ${host} is already in use; try --port ${port + 1}`,
      );
    case 'EACCES':
      return new CommandFailure(
        `not allowed to listen on ${where}` +
          (port < 1024 ? ` (ports below 1024 need administrator rights); try --port 4000` : ''),
      );
    case 'EADDRNOTAVAIL':
      return new CommandFailure(
        `cannot listen on ${where}: --host ${host} is not an address of this machine`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new CommandFailure(
        `cannot listen on ${where}: --host ${host} is an unknown name${hostHint(host)}`,
      );
    default:
      return new CommandFailure(
        `cannot listen on ${where} (${code ?? (error instanceof Error ? error.message : String(error))})`,
      );
  }
}

/** `--host http://localhost:4000` or `localhost:4000`: an address pasted whole. */
function hostHint(host: string): string {
  const pasted = /^[a-z][a-z0-9+.-]*:\/\/([^/:]+)/i.exec(host) ?? /^([^:/]+):\d+$/.exec(host);
  return pasted
    ? ` (give the host name or address alone, e.g. --host ${pasted[1]}; the port goes in --port)`
    : '';
}

/** An error from starting a server: binding the port, or looking up --host. */
export function isListenError(error: unknown): boolean {
  const syscall = (error as NodeJS.ErrnoException | null)?.syscall;
  return syscall === 'listen' || syscall === 'getaddrinfo';
}

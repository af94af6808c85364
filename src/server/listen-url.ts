/**
 * The address to open in a browser for a server listening on `host`: "localhost" for the
 * IPv4 loopback and the any-address ones, brackets around an IPv6 address (http://[::1]:4000/;
 * without them the port reads as part of the address).
 */
export function listenUrl(host: string, port: number): string {
  const shown = ['0.0.0.0', '127.0.0.1', '::', '[::]'].includes(host)
    ? 'localhost'
    : host.includes(':') && !host.startsWith('[')
      ? `[${host}]`
      : host;
  return `http://${shown}:${port}/`;
}

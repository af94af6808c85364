/**
 * Who can reach a host, judged from its name alone (no lookup): this machine only (loopback),
 * a private network only (RFC 1918 and link-local addresses, unique-local IPv6, names with
 * no dot such as a Docker Compose service `rsshub`, and the suffixes kept for local networks),
 * or anyone. Takes `URL#hostname`: lower case, IPv4 in dotted form, IPv6 in brackets.
 */
export type HostReach = 'this-machine' | 'private' | 'public';

const LOCAL_SUFFIXES = ['.local', '.internal', '.lan', '.home.arpa', '.localdomain'];

export function hostReach(hostname: string): HostReach {
  const host = hostname.replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'this-machine';
  const ipv4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (ipv4 !== null) {
    const [a, b] = [Number(ipv4[1]), Number(ipv4[2])];
    if (a === 127 || host === '0.0.0.0') return 'this-machine';
    const isPrivate =
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127); // shared address space (carrier-grade NAT)
    return isPrivate ? 'private' : 'public';
  }
  if (host.startsWith('[')) {
    if (host === '[::1]' || host === '[::]' || host.startsWith('[::ffff:7f')) {
      return 'this-machine';
    }
    // fc00::/7 unique local, fe80::/10 link-local.
    return /^\[(f[cd]|fe[89ab])/.test(host) ? 'private' : 'public';
  }
  if (!host.includes('.') || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    return 'private';
  }
  return 'public';
}

import * as crypto from 'node:crypto';

/**
 * The digest of a string (UTF-8) or bytes in one call. `crypto.hash` (Node 20.12+) makes no
 * Hash object and is ~3× faster than createHash().update().digest() on the short strings of
 * page keys and item ids, which a build hashes tens of thousands of; older Node 20 releases
 * take the long way.
 */
export const digestOf: (
  algorithm: 'sha1' | 'sha256',
  data: string | Buffer,
  encoding: 'hex' | 'base64url',
) => string =
  typeof crypto.hash === 'function'
    ? (algorithm, data, encoding) => crypto.hash(algorithm, data, encoding)
    : (algorithm, data, encoding) => crypto.createHash(algorithm).update(data).digest(encoding);

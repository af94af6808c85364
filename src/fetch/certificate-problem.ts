const TRUST_HINT = 'NODE_EXTRA_CA_CERTS can name a certificate to trust';

/**
 * What a TLS verification error code means for the user, with the code, or null for other
 * codes. Node says only `UNABLE_TO_VERIFY_LEAF_SIGNATURE`; the usual cause is a server that
 * leaves out its intermediate certificate, which browsers fetch by themselves and Node does not.
 */
export function certificateProblem(code: string | undefined): string | null {
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return `the server's certificate has expired (${code})`;
    case 'CERT_NOT_YET_VALID':
      return `the server's certificate is not valid yet, or this machine's clock is wrong (${code})`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `the server's certificate is self-signed (${code}); ${TRUST_HINT}`;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `the server's certificate cannot be checked, most likely as the server leaves out its intermediate certificate (${code}); ${TRUST_HINT}`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the server's certificate is for another host name (${code})`;
    default:
      return null;
  }
}

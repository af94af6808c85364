/**
 * The `charset` parameter of a Content-Type header, lower-cased, or null. The value may be
 * quoted, and some servers (PHP's `header()` written by hand) quote it with single quotes:
 * `text/xml; charset='gbk'` names gbk as well.
 */
export function charsetOf(contentType: string | null): string | null {
  const match = contentType?.match(/charset\s*=\s*["']?([^"';\s]+)/i);
  return match?.[1]?.toLowerCase() ?? null;
}

/** Bytes of one feed as read from the network or disk, before parsing. */
export interface FetchedFeed {
  body: Uint8Array;
  /** Charset from the Content-Type header, if any. */
  charset: string | null;
  /** Final URL after redirects (the base for relative links), or the file's file: URL. */
  url: string;
}

export type FetchErrorKind =
  | 'not-found'
  | 'gone'
  | 'http'
  | 'network'
  | 'timeout'
  | 'too-large'
  | 'redirect'
  | 'file'
  | 'not-a-feed'
  /** A bug in Tidings while reading the feed: not the feed's fault, and not worth a retry. */
  | 'internal';

/** A fetch that failed, worded for the user. */
export class FetchError extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    /** HTTP status, when the server answered. */
    readonly status: number | null = null,
    /** Seconds the server asked us to wait (Retry-After), if it did. */
    readonly retryAfter: number | null = null,
    /** False for a network failure that seconds will not mend (a certificate not trusted). */
    private readonly mendable = true,
  ) {
    super(message);
    this.name = 'FetchError';
  }

  /** Worth trying again in this run: the network, a 5xx or a 429. */
  get retryable(): boolean {
    if (!this.mendable) return false;
    return (
      this.kind === 'network' ||
      (this.status !== null && (this.status >= 500 || this.status === 429))
    );
  }
}

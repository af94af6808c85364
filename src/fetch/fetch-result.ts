/** Bytes of one feed as read from the network or disk, before parsing. */
export interface FetchedFeed {
  body: Uint8Array;
  /** Charset from the Content-Type header, if any. */
  charset: string | null;
  /** Final URL after redirects (the base for relative links), or the file's file: URL. */
  url: string;
}

export type FetchErrorKind = 'not-found' | 'http' | 'network' | 'timeout' | 'too-large' | 'file';

/** A fetch that failed, worded for the user. */
export class FetchError extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

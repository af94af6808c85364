import { NotAFeedError } from '../parse/parsed-feed.js';

/**
 * A failure of `prepareFeed` carried across a thread boundary. Kept apart from prepare-feed.ts
 * so the main thread can rebuild it without loading the parser and the content modules.
 */

/** A failure of `prepareFeed` as plain data, to cross from a worker thread. */
export type PrepareFailure =
  { kind: 'not-a-feed'; message: string; feedLinks: string[] } | { kind: 'error'; message: string };

export function describeFailure(error: unknown): PrepareFailure {
  if (error instanceof NotAFeedError) {
    return { kind: 'not-a-feed', message: error.message, feedLinks: error.feedLinks };
  }
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

/** The error `prepareFeed` threw, rebuilt on this side of the thread boundary. */
export function failureError(failure: PrepareFailure): Error {
  return failure.kind === 'not-a-feed'
    ? new NotAFeedError(failure.message, failure.feedLinks)
    : new Error(failure.message);
}

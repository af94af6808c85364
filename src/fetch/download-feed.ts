import { createHash } from 'node:crypto';
import type { FeedSource } from '../sources/feed-source.js';
import { addressWithoutSecrets } from '../sources/secret-parameters.js';
import type { FeedFetchState } from '../store/store.js';
import { FetchError } from './fetch-result.js';
import type { HttpClient, HttpResult, Validators } from './http-client.js';
import { readFeedBytes } from './read-feed-bytes.js';
import { withRetries, type RetryPolicy } from './retry.js';

/** The outcome of asking for a feed: new bytes, or "not modified" (304). */
export type FeedDownload =
  | (DownloadInfo & { status: 'ok'; body: Uint8Array; charset: string | null; bodyHash: string })
  | (DownloadInfo & { status: 'not-modified' });

interface DownloadInfo {
  /** Final URL (base for relative links), or the file: URL of a local file. */
  url: string;
  etag: string | null;
  lastModified: string | null;
  maxAge: number | null;
  /** Where permanent redirects now send this feed (kept from earlier runs). */
  movedTo: string | null;
  /** True when this run found a new permanent redirect. */
  newlyMoved: boolean;
}

export interface DownloadContext {
  client: HttpClient;
  retry: RetryPolicy;
  maxBytes: number;
  timeout: number;
}

/**
 * Fetches one feed: from its file, or over HTTP from where it last moved to, with the
 * validators of the last good fetch and retries for what is worth retrying.
 */
export async function downloadFeed(
  source: FeedSource,
  state: FeedFetchState | null,
  context: DownloadContext,
): Promise<FeedDownload> {
  if (source.location.kind === 'file') {
    const file = await readFeedBytes(source.location.path, {
      timeoutSeconds: context.timeout,
      maxBytes: context.maxBytes,
    });
    return {
      status: 'ok',
      ...file,
      bodyHash: hashBody(file.body),
      etag: null,
      lastModified: null,
      maxAge: null,
      movedTo: null,
      newlyMoved: false,
    };
  }
  const configured = source.location.url;
  const validators = state ? { etag: state.etag, lastModified: state.lastModified } : null;
  const { answer, movedTo } = await getFromWhereItMoved(configured, state, validators, context);
  const info: DownloadInfo = {
    // The parser's base: its links must not carry the feed's password or token onto the site.
    url: addressWithoutSecrets(new URL(answer.url)).href,
    // A 304 may leave out validators it did not change: keep the ones we sent.
    etag: answer.etag ?? (answer.status === 'not-modified' ? (state?.etag ?? null) : null),
    lastModified:
      answer.lastModified ??
      (answer.status === 'not-modified' ? (state?.lastModified ?? null) : null),
    maxAge: answer.maxAge,
    movedTo,
    newlyMoved: answer.movedTo !== null && answer.movedTo !== state?.movedTo,
  };
  if (answer.status === 'not-modified') return { ...info, status: 'not-modified' };
  return {
    ...info,
    status: 'ok',
    body: answer.body,
    charset: answer.charset,
    bodyHash: hashBody(answer.body),
  };
}

/**
 * Asks the address the feed last moved to (a 301/308 remembered), else the configured one.
 * When the moved-to address is not found or gone, the configured address is asked again: a
 * redirect may have been undone, or have been a mistake (to a page that went away), and
 * nothing else would ever ask the configured address again. If it answers, the move is
 * forgotten (or replaced by where it redirects now); if not, the first failure stands.
 */
async function getFromWhereItMoved(
  configured: string,
  state: FeedFetchState | null,
  validators: Validators | null,
  context: DownloadContext,
): Promise<{ answer: HttpResult; movedTo: string | null }> {
  const get = (url: string, sent: Validators | null) =>
    withRetries(context.retry, () => context.client.get(url, sent));
  const movedTo = state?.movedTo ?? null;
  if (movedTo === null) {
    const answer = await get(configured, validators);
    return { answer, movedTo: answer.movedTo };
  }
  try {
    const answer = await get(movedTo, validators);
    return { answer, movedTo: answer.movedTo ?? movedTo };
  } catch (error) {
    const missing =
      error instanceof FetchError && (error.kind === 'not-found' || error.kind === 'gone');
    if (!missing) throw error;
    try {
      // The validators were the moved-to address's; the body hash still spares a re-parse.
      const answer = await get(configured, null);
      return { answer, movedTo: answer.movedTo };
    } catch {
      throw error;
    }
  }
}

function hashBody(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

import { FetchError } from './fetch-result.js';

export interface RetryPolicy {
  retries: number;
  /** First backoff in ms; doubles each attempt. */
  baseDelayMs: number;
  /** Longest wait within one run; a Retry-After beyond it is left to the schedule. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_BASE_MS = 1000;
export const DEFAULT_RETRY_MAX_MS = 30_000;

/**
 * Runs `attempt` and retries what is worth retrying (network errors, 5xx, 429) with
 * exponential backoff and full jitter, honouring Retry-After when the server sends one.
 */
export async function withRetries<T>(policy: RetryPolicy, attempt: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof FetchError) || !error.retryable || tries >= policy.retries)
        throw error;
      const delay = retryDelayMs(policy, tries, error.retryAfter);
      if (delay === null) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** Wait before retry number `tries + 1`, or null when the server asked for longer than we wait in a run. */
export function retryDelayMs(
  policy: RetryPolicy,
  tries: number,
  retryAfterSeconds: number | null,
): number | null {
  if (retryAfterSeconds !== null) {
    const asked = retryAfterSeconds * 1000;
    return asked > policy.maxDelayMs ? null : asked;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** tries);
  // Half fixed, half random: spreads retries of many feeds without ever retrying at once.
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

import type { FetchSettings } from '../config/config.js';
import type { FeedSource } from '../sources/feed-source.js';
import type { FeedFetchState } from '../store/store.js';

const MINUTE = 60_000;

/** The settings a feed's interval is chosen within. */
export type IntervalSettings = Pick<FetchSettings, 'interval' | 'minInterval' | 'maxInterval'>;

/** What the feed and the server said about how often to come back. */
export interface RefreshHints {
  /** From `<ttl>` or `sy:updatePeriod`/`sy:updateFrequency`, in minutes. */
  feedMinutes: number | null;
  /** From `Cache-Control: max-age`, in seconds. */
  maxAgeSeconds: number | null;
}

/**
 * Minutes between fetches: the feed's own setting in the config wins; else the longer of
 * the feed's ttl and the server's max-age; else the default — bounded by min and max.
 */
export function refreshInterval(
  settings: IntervalSettings,
  source: Pick<FeedSource, 'interval'>,
  hints: RefreshHints,
): number {
  const fromFeed = Math.max(hints.feedMinutes ?? 0, (hints.maxAgeSeconds ?? 0) / 60);
  const chosen = source.interval ?? (fromFeed > 0 ? fromFeed : settings.interval);
  return Math.min(settings.maxInterval, Math.max(settings.minInterval, chosen));
}

export function nextDueAfterSuccess(
  now: Date,
  settings: FetchSettings,
  source: FeedSource,
  hints: RefreshHints,
): string {
  return nextDueOnSchedule(
    successSchedule(now, settings, source, hints.maxAgeSeconds),
    hints.feedMinutes,
  );
}

/**
 * `nextDueAfterSuccess` for a thread that learns the feed's own hint (its `<ttl>`) only once it
 * has parsed the feed: everything else it depends on, as plain data to send with the feed.
 */
export interface SuccessSchedule {
  now: number;
  settings: IntervalSettings;
  interval: number | null;
  maxAgeSeconds: number | null;
}

export function successSchedule(
  now: Date,
  settings: IntervalSettings,
  source: FeedSource,
  maxAgeSeconds: number | null,
): SuccessSchedule {
  const { interval, minInterval, maxInterval } = settings;
  return {
    now: now.getTime(),
    settings: { interval, minInterval, maxInterval },
    interval: source.interval ?? null,
    maxAgeSeconds,
  };
}

/** What `nextDueAfterSuccess` gives, once the feed's hint is known. */
export function nextDueOnSchedule(schedule: SuccessSchedule, feedMinutes: number | null): string {
  const { settings, interval, maxAgeSeconds } = schedule;
  const minutes = refreshInterval(settings, { interval }, { feedMinutes, maxAgeSeconds });
  return new Date(schedule.now + minutes * MINUTE).toISOString();
}

/**
 * A failing feed backs off exponentially from its interval (1×, 2×, 4×, …) up to maxBackoff,
 * and never sooner than a Retry-After the server gave — up to maxBackoff too: a server asking
 * for years (or more than a date can hold, which would stop the run) is not obeyed so far.
 */
export function nextDueAfterFailure(
  now: Date,
  settings: FetchSettings,
  source: FeedSource,
  consecutiveFailures: number,
  retryAfterSeconds: number | null,
): string {
  const base = refreshInterval(settings, source, { feedMinutes: null, maxAgeSeconds: null });
  const backoff = Math.min(settings.maxBackoff, base * 2 ** Math.max(0, consecutiveFailures - 1));
  const asked = Math.min(settings.maxBackoff, (retryAfterSeconds ?? 0) / 60);
  const minutes = Math.max(backoff, asked);
  return new Date(now.getTime() + minutes * MINUTE).toISOString();
}

/** Why a feed is not fetched now, or null when it is due. Gone feeds wait for the user. */
export function notDueReason(state: FeedFetchState | null, now: Date): 'gone' | 'not-due' | null {
  if (!state) return null;
  if (state.gone) return 'gone';
  if (state.nextDueAt && Date.parse(state.nextDueAt) > now.getTime()) return 'not-due';
  return null;
}

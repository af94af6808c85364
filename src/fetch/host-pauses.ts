/**
 * Hosts that asked to be left alone for a while in this run: 429 Too Many Requests limits
 * the client, not one address (a 503, even with Retry-After, may be one route's trouble, so
 * it stays the feed's). RSSHub serves every route from
 * one host, so before this each of a rate-limited instance's 500 feeds sent its own request,
 * got its own 429 and waited on its own (about 1,500 requests and half an hour with
 * `Retry-After: 30`). Now the feeds of that host wait for the pause together, and when the
 * pause is longer than a run waits, they are not asked at all: the schedule tries them later.
 */

/** A 429 without Retry-After: a short pause, which each feed's own backoff then extends. */
const UNSAID_PAUSE_SECONDS = 5;

export interface HostPause {
  /** Milliseconds left. */
  leftMs: number;
  /** What the host answered, for the message. */
  status: number;
  /** The wait it asked for, in seconds (rounded up). */
  seconds: number;
}

export class HostPauses {
  private readonly pauses = new Map<string, { until: number; status: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The host of `url` answered `status`, asking to wait `retryAfter` seconds (or not saying). */
  note(url: string, status: number, retryAfter: number | null): void {
    if (status !== 429) return;
    const host = hostOf(url);
    if (host === null) return;
    const until = this.now() + (retryAfter ?? UNSAID_PAUSE_SECONDS) * 1000;
    const known = this.pauses.get(host);
    if (!known || known.until < until) this.pauses.set(host, { until, status });
  }

  /** The pause in force for the host of `url`, or null. */
  current(url: string): HostPause | null {
    const host = hostOf(url);
    const pause = host === null ? undefined : this.pauses.get(host);
    if (!pause) return null;
    const leftMs = pause.until - this.now();
    if (leftMs <= 0) {
      this.pauses.delete(host!);
      return null;
    }
    return { leftMs, status: pause.status, seconds: Math.ceil(leftMs / 1000) };
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

import type { SiteSettings } from '../config/config.js';
import { siteWindowNextMove } from '../site/site-window.js';

/** A second after midnight: the build then surely computes the new day's window. */
const AFTER_MIDNIGHT_MS = 1000;

/** The clock and timers the window clock uses (real ones but in tests). */
export interface Timers {
  now(): number;
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  now: Date.now,
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * For `watch`: calls `onMove` each time the site's window (site.maxAgeDays) moves, at local
 * midnight in the site's zone, so the site drops the day that left even when no feed changed.
 * Does nothing for a site without a window.
 */
export class WindowClock {
  private timer: unknown = null;

  constructor(
    private readonly settings: Pick<SiteSettings, 'maxAgeDays' | 'timeZone'>,
    private readonly onMove: () => void,
    private readonly timers: Timers = realTimers,
  ) {}

  start(): void {
    this.stop();
    const now = this.timers.now();
    const next = siteWindowNextMove(this.settings, now);
    if (next === null) return;
    this.timer = this.timers.set(
      () => {
        this.timer = null;
        this.onMove();
        this.start();
      },
      next - now + AFTER_MIDNIGHT_MS,
    );
  }

  stop(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}

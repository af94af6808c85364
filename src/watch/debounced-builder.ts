/** How long a burst of changes may go on before the site is built anyway, and how quiet it must get. */
export interface DebounceSettings {
  /** Build once no change came for this long (ms). */
  quietMs: number;
  /** …but never later than this after the first unbuilt change (ms), so a steady stream of
   * changes still shows up on the site. */
  maxWaitMs: number;
}

export interface BuilderHooks<Report> {
  onStart?: () => void;
  onBuilt?: (report: Report) => void;
  onFailed?: (error: unknown) => void;
}

/**
 * Runs the site build after changes, one build at a time: a burst of changes gives one build,
 * and changes that arrive during a build give exactly one more build after it. A failed build
 * is reported and the next change tries again (the previous site stays in place meanwhile).
 */
export class DebouncedBuilder<Report> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** When the oldest change not yet built arrived (ms), or null when there is none. */
  private pendingSince: number | null = null;
  private stopped = false;

  constructor(
    private readonly build: () => Promise<Report>,
    private readonly settings: DebounceSettings,
    private readonly hooks: BuilderHooks<Report> = {},
    private readonly now: () => number = Date.now,
  ) {}

  /** Something changed in the store: the site needs a build. */
  request(): void {
    if (this.stopped) return;
    this.pendingSince ??= this.now();
    if (!this.running) this.arm();
  }

  get building(): boolean {
    return this.running !== null;
  }

  /** Changes that are stored but not built yet. */
  get pending(): boolean {
    return this.pendingSince !== null;
  }

  /** Stops taking requests and drops a pending build; resolves when a build in progress ends. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.running;
  }

  private arm(): void {
    this.clearTimer();
    const since = this.pendingSince ?? this.now();
    const delay = Math.max(
      0,
      Math.min(this.settings.quietMs, since + this.settings.maxWaitMs - this.now()),
    );
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, delay);
  }

  private run(): Promise<void> {
    if (this.stopped || this.running) return this.running ?? Promise.resolve();
    this.pendingSince = null;
    this.hooks.onStart?.();
    this.running = this.build()
      .then(
        (report) => this.hooks.onBuilt?.(report),
        (error: unknown) => this.hooks.onFailed?.(error),
      )
      .finally(() => {
        this.running = null;
        if (this.pendingSince !== null && !this.stopped) this.arm();
      });
    return this.running;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

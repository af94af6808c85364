/**
 * Bytes a build may keep in memory for one purpose to its end, taken piece by piece: what is
 * kept within it is reused, what comes after is made again (or read back) when needed. Keeps
 * a long history's build from holding something of every item at once.
 */
export class MemoryBudget {
  constructor(private left: number) {}

  /** Takes `bytes` from the budget if it has them; false (and nothing taken) if not. */
  take(bytes: number): boolean {
    if (bytes > this.left) return false;
    this.left -= bytes;
    return true;
  }
}

/**
 * The CPU time (ms) this process spends on `work`: for tests that bound how much work an input
 * costs ("a pathological page is not quadratic"). Unlike wall time it does not grow while other
 * processes hold the CPU, so such a bound holds on a loaded machine too, and still fails when
 * the work itself grows.
 */
export function cpuMsOf(work: () => unknown): number {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

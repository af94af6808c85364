// Preloaded with `node --import` by tests that move the clock: Date.now() and `new Date()`
// read TIDINGS_TEST_NOW (ms since 1970) instead of the system clock, in worker threads too
// (they inherit the flag).
const fixed = Number(process.env.TIDINGS_TEST_NOW);
if (Number.isFinite(fixed)) {
  const RealDate = Date;
  class FakeDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(fixed);
      else super(...args);
    }
    static now() {
      return fixed;
    }
  }
  globalThis.Date = FakeDate;
}

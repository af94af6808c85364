/**
 * Ends the process with `code` once stdout and stderr have taken everything written to them.
 * For commands whose work is over when their action returns (`update`, `build`): Node's own
 * way out, after the event loop empties, tears down the heap and waits for threads still
 * winding down, 25–40 ms after a run of a thousand feeds, for nothing. A pipe may be written
 * asynchronously (macOS), so exiting before its writes are taken would cut the output short.
 */
export function exitWhenFlushed(code: number): Promise<never> {
  return new Promise(() => {
    let open = 2;
    const flushed = () => {
      if (--open === 0) process.exit(code);
    };
    process.stdout.write('', flushed);
    process.stderr.write('', flushed);
  });
}

/**
 * Bytes with a mark (a NUL byte) wherever a page's root prefix goes (`../../`): a list's cards
 * are made once and copied into every page that shows them, each page putting in its own root
 * (render-river.ts). NUL: escaping removes it from every text (html-escape.ts), so in such
 * bytes it is only ever a mark.
 */

/** Offsets of the marks in `bytes`, ascending. */
export function marksOf(bytes: Buffer): number[] {
  const marks: number[] = [];
  for (let at = bytes.indexOf(0); at !== -1; at = bytes.indexOf(0, at + 1)) marks.push(at);
  return marks;
}

/** How many bytes `bytes` (with `marks`) take once `root` is put in for each mark. */
export function rootedLength(bytes: Buffer, marks: readonly number[], root: Buffer): number {
  return bytes.length + marks.length * (root.length - 1);
}

/**
 * Copies `bytes` into `target` at `at` with `root` in place of each mark; returns where the
 * copy ends (`target` must have room for it, no more). With a root, the bytes are copied whole,
 * then the runs after the marks are moved right by what the roots before them add, last run
 * first so that none is written over before it moved (`copyWithin`, a move inside the target:
 * no view is made per run, and a page copies ~1,000 runs), then the roots are put in. The
 * empty root (the home page's) only drops the marks: its runs are copied one by one.
 */
export function copyWithRoots(
  target: Buffer,
  at: number,
  bytes: Buffer,
  marks: readonly number[],
  root: Buffer,
): number {
  const count = marks.length;
  if (root.length === 0) {
    let from = 0;
    for (const mark of marks) {
      target.set(bytes.subarray(from, mark), at);
      at += mark - from;
      from = mark + 1;
    }
    target.set(bytes.subarray(from), at);
    return at + bytes.length - from;
  }
  target.set(bytes, at);
  const grow = root.length - 1;
  for (let run = count - 1; run >= 0; run--) {
    const from = marks[run]! + 1;
    const end = run + 1 < count ? marks[run + 1]! : bytes.length;
    target.copyWithin(at + from + (run + 1) * grow, at + from, at + end);
  }
  for (let run = 0; run < count; run++) target.set(root, at + marks[run]! + run * grow);
  return at + bytes.length + count * grow;
}

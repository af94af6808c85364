/** The bytes asked for by a Range header: inclusive offsets into the file. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a Range header for one range of a file of `size` bytes (`bytes=0-99`, `bytes=100-`,
 * `bytes=-100`). Returns null when the whole file should be sent (no header, another unit, a
 * malformed or multi-range header: servers may ignore those), 'unsatisfiable' when the range
 * starts past the end. Browsers ask for ranges to play and seek audio and video.
 */
export function parseByteRange(
  header: string | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (size === 0) return 'unsatisfiable';
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

/** A fragment moved out of memory: where its bytes are in the spill file. */
export class SpilledFragment {
  constructor(
    readonly offset: number,
    readonly length: number,
  ) {}
}

/** Bytes gathered before each write to the spill file: one system call per ~1,000 fragments. */
const WRITE_BYTES = 1024 * 1024;

/**
 * Where a build puts the fragments it made beyond its memory budget (fragment-cache.ts): a
 * file of their bytes, one after another, read back when a fragment is asked for again and
 * when the cache file is written. Without it, a full build kept every item's card and feed
 * entries in memory to its end (~2 KB an item: 200 MB at 100,000 items). The file is made
 * on the first fragment put, and removed at once where the system allows (POSIX: the open
 * descriptor keeps it readable), so a build that dies leaves nothing behind; `close` removes
 * it otherwise.
 */
export class FragmentSpill {
  private fd: number | null = null;
  /** Bytes put and not yet written, which begin at `written` in the file. */
  private readonly pending = Buffer.allocUnsafeSlow(WRITE_BYTES);
  private pendingUsed = 0;
  private written = 0;

  constructor(private readonly path: string) {}

  /** Keeps a copy of `bytes`; the caller may let `bytes` go. */
  put(bytes: Buffer): SpilledFragment {
    const fragment = new SpilledFragment(this.written + this.pendingUsed, bytes.length);
    if (this.pendingUsed + bytes.length > this.pending.length) this.flush();
    if (bytes.length > this.pending.length) {
      this.writeAt(bytes, this.written);
      this.written += bytes.length;
    } else {
      bytes.copy(this.pending, this.pendingUsed);
      this.pendingUsed += bytes.length;
    }
    return fragment;
  }

  /** A fragment's bytes, in a buffer of their own, or in what `allocate` gives. */
  get(
    fragment: SpilledFragment,
    allocate: (size: number) => Buffer = (size) => Buffer.allocUnsafe(size),
  ): Buffer {
    const { offset, length } = fragment;
    const bytes = allocate(length);
    if (offset >= this.written) {
      const at = offset - this.written;
      this.pending.copy(bytes, 0, at, at + length);
      return bytes;
    }
    let done = 0;
    while (done < length) {
      const read = readSync(this.fd!, bytes, done, length - done, offset + done);
      if (read === 0) throw new Error(`${this.path}: a spilled fragment was cut short`);
      done += read;
    }
    return bytes;
  }

  /** Closes and removes the file (if it was made); the fragments put are no longer readable. */
  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    rmSync(this.path, { force: true });
  }

  private flush(): void {
    if (this.pendingUsed === 0) return;
    this.writeAt(this.pending.subarray(0, this.pendingUsed), this.written);
    this.written += this.pendingUsed;
    this.pendingUsed = 0;
  }

  private writeAt(bytes: Buffer, position: number): void {
    if (this.fd === null) {
      this.fd = openSync(this.path, 'w+');
      try {
        rmSync(this.path); // gone from its folder; the descriptor still reads and writes it
      } catch {
        // not allowed here (an open file on some systems): close() removes it
      }
    }
    let done = 0;
    while (done < bytes.length) {
      done += writeSync(this.fd, bytes, done, bytes.length - done, position + done);
    }
  }
}

import {
  closeSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FragmentSpill, SpilledFragment } from './fragment-spill.js';
import { digestOf } from './one-shot-digest.js';
import type { ItemView } from './site-structure.js';
import { keptUtf8 } from './utf8-slab.js';

/**
 * The pieces of pages that show an item and nothing else, carried from one build to the next:
 * its card (render-river.ts) and its entries in the excerpt feeds (Atom, RSS, JSON Feed of
 * categories, sites and feeds). After new items, a rebuild rewrites ~185 list pages showing
 * ~8,000 cards of old items and ~128 lists' feeds of mostly old entries; rendering them again
 * was a third of the rebuild. A fragment is a function of the build's shared inputs (renderer
 * code, site settings, the tree of names and folders: `FragmentCache.key`) and of its item
 * (page path, `changedAt`, `firstSeen`, its feed's `lang`: the item page's own inputs), so it is used only
 * when both match; anything else (no file, another key, a file cut short) renders as before.
 *
 * The file lives beside the output folder (`.<output>.tidings.fragments`), not in it: it is
 * not part of the site and must not be deployed. A rebuild appends the items it made anew as
 * one batch ending in a trailer (a batch cut short by a crash is ignored, then cut off); the
 * file is written anew (temporary file, renamed) when its key changed or dead records grow.
 * A crash between a build's commit and this write leaves an older cache, whose fragments are
 * still right for their keys. Like the site's files, nothing is fsynced.
 */

/** The kinds of fragment kept per item, in their order in a record. */
export const FRAGMENT_KINDS = ['card', 'atom', 'rss', 'json'] as const;
export type FragmentKind = (typeof FRAGMENT_KINDS)[number];

const MAGIC = 'tidings-fragments-1\n';
const KIND_INDEX: { readonly [kind in FragmentKind]: number } = {
  card: 0,
  atom: 1,
  rss: 2,
  json: 3,
};

/** Where the cache of the site in `outputDir` is kept. */
export function fragmentCacheFile(outputDir: string): string {
  return join(dirname(outputDir), `.${basename(outputDir)}.tidings.fragments`);
}

/** The key of the fragments of one build: what all of them depend on. */
export function fragmentCacheKey(everything: string): string {
  return digestOf('sha256', everything, 'base64url');
}

/**
 * What identifies an item's fragments within a build's key: its page's own inputs. Stored as
 * Latin-1 (paths and ISO times are ASCII, and decoding Latin-1 is cheaper): a key with other
 * characters reads back as another string, so it only misses.
 */
function itemKey(view: ItemView): string {
  return `${view.path}\0${view.item.changedAt}\0${view.item.firstSeen}\0${view.feed.lang ?? ''}`;
}

/**
 * The bytes of the fragments a build makes that it keeps in memory; those made beyond go to a
 * spill file (fragment-spill.ts). A 10,000-item site's fragments (~20 MB) all stay in memory.
 */
export const FRAGMENTS_IN_MEMORY_BYTES = 32 * 1024 * 1024;

/** A fragment held: its bytes, or where they were spilled. */
type Held = Buffer | SpilledFragment;

/** One item's fragments (undefined: not made). */
type Fragments = (Held | undefined)[];

/** Where a cache spills what it makes beyond its memory budget. */
export interface SpillOptions {
  /** The spill file (made only if needed, and removed by write() or close()). */
  file: string;
  /** Overrides FRAGMENTS_IN_MEMORY_BYTES (tests). */
  memoryBytes?: number;
}

/** The spill file of a cache kept in `file`: beside it, one per process. */
function spillFileOf(file: string): string {
  return `${file}.${process.pid}.spill`;
}

/**
 * An item this build asked for: its key and where its record is in the file (OldRecords.locate),
 * both found once per item, not once per kind and again when the file is written (the lookups
 * of 10,000 items' keys were ~3% of a rebuild), and its fragments.
 */
interface Asked {
  key: string;
  where: number;
  fragments: Fragments;
}

export class FragmentCache {
  /** Fragments read from the previous build's file, by item key. */
  private readonly old: OldRecords;
  /** Fragments used by this build (made or carried), by item. */
  private readonly made = new Map<ItemView, Asked>();
  /** Where made fragments go once `memoryLeft` is used up; none: all stay in memory. */
  private readonly spill: FragmentSpill | null;
  private memoryLeft: number;

  private constructor(
    readonly key: string,
    /** What of the file on disk can be appended to (its whole batches), else null: rewrite. */
    private readonly file: FileState | null,
    spill: SpillOptions | undefined,
  ) {
    this.old = file?.records ?? new OldRecords(null);
    this.spill = spill === undefined ? null : new FragmentSpill(spill.file);
    this.memoryLeft = spill?.memoryBytes ?? FRAGMENTS_IN_MEMORY_BYTES;
  }

  /**
   * An empty cache (a full build, or nothing usable on disk). With `spill`, what it makes
   * beyond its memory budget goes to that file; without, everything stays in memory.
   */
  static empty(key: string, spill?: SpillOptions): FragmentCache {
    return new FragmentCache(key, null, spill);
  }

  /**
   * The cache in `file` if it was written under `key`, else an empty one: a missing,
   * unreadable or damaged file is no error, only a build that renders everything. What it
   * makes beyond its memory budget is spilled beside the file.
   */
  static read(
    file: string,
    key: string,
    memoryBytes?: number,
    /** Overrides WHOLE_FILE_BYTES (tests). */
    wholeFileBytes = WHOLE_FILE_BYTES,
  ): FragmentCache {
    const spill = {
      file: spillFileOf(file),
      ...(memoryBytes === undefined ? {} : { memoryBytes }),
    };
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      return FragmentCache.empty(key, spill);
    }
    let state: FileState | null = null;
    let keepOpen = false;
    try {
      const size = fstatSync(fd).size;
      if (size <= wholeFileBytes) {
        // Small enough to read at once: one read, and no record read again later.
        const whole = Buffer.allocUnsafe(size);
        if (readFully(fd, whole, 0) === size) {
          state = parseFile(new FileWindow(null, size, whole), key, { whole });
        }
      } else {
        state = parseFile(new FileWindow(fd, size), key, { fd });
        keepOpen = state !== null;
      }
    } catch {
      state = null;
    }
    if (!keepOpen) closeSync(fd);
    return new FragmentCache(key, state, spill);
  }

  /** The spill file of the cache kept in `file`, for `empty` (a full build). */
  static spillFile(file: string): string {
    return spillFileOf(file);
  }

  /** How many items' fragments came from the file. */
  get carried(): number {
    return this.old.size;
  }

  /**
   * The item's fragment of this kind: made earlier in this build, else carried from the
   * previous build when its item key matches, else made now by `make` (and kept). `make` is
   * given how to encode its text (`encode`): into the build's kept slab (utf8-slab.ts) while
   * the cache keeps fragments in memory, else into a buffer of its own, garbage once the
   * caller used it, as the spill file keeps a copy. Spilled fragments encoded into the kept
   * slab made it a heap of dead slabs only a full collection frees: their bytes are external
   * memory to V8, which starts a full collection every 64 MB of it (at 200,000 items, 33 of
   * them, each marking ~480 MB of heap). A fragment read back from the spill file goes into
   * what `readInto` gives (a buffer of its own by default).
   */
  fragment(
    kind: FragmentKind,
    view: ItemView,
    make: (encode: (text: string) => Buffer) => Buffer,
    readInto?: (size: number) => Buffer,
  ): Buffer {
    const at = KIND_INDEX[kind];
    let asked = this.made.get(view);
    if (asked === undefined) {
      const key = itemKey(view);
      asked = { key, where: this.old.locate(key), fragments: [] };
      this.made.set(view, asked);
    }
    const known = asked.fragments[at];
    if (known !== undefined) return this.bytesOf(known, readInto);
    const carried = this.old.fragment(asked.where, at);
    if (carried !== undefined) {
      asked.fragments[at] = carried;
      return carried;
    }
    const bytes = make(this.encode);
    asked.fragments[at] = this.hold(bytes);
    return bytes;
  }

  /** Encodes a fragment's text where it is best kept (see `fragment`). */
  private readonly encode = (text: string): Buffer =>
    // UTF-8 takes at most 3 bytes per UTF-16 unit: what is kept in memory always fits.
    this.spill === null || 3 * text.length <= this.memoryLeft
      ? keptUtf8.encode(text)
      : Buffer.from(text, 'utf8');

  /** Stops spilling and removes the spill file (a build that failed before `write`). */
  close(): void {
    this.spill?.close();
    this.old.close();
  }

  /** A made fragment, kept in memory while the budget lasts, else spilled. */
  private hold(bytes: Buffer): Held {
    if (this.spill === null || bytes.length <= this.memoryLeft) {
      this.memoryLeft -= bytes.length;
      return bytes;
    }
    return this.spill.put(bytes);
  }

  private bytesOf(held: Held, readInto?: (size: number) => Buffer): Buffer {
    return held instanceof SpilledFragment ? this.spill!.get(held, readInto) : held;
  }

  /** An item's fragments: those of the file (its record at `where`), and what this build made. */
  private merged(where: number, made: Fragments | undefined): Fragments {
    return FRAGMENT_KINDS.map((_, at) => this.old.fragment(where, at) ?? made?.[at]);
  }

  /**
   * Saves the fragments for the next build. Items whose fragments this build made anew are
   * appended to the file as one batch (a rebuild after new items appends ~100 records, not the
   * whole site's); the file is written anew when it had another key or was damaged, or when
   * records of items gone or changed take more room than the live ones. Failures are not the
   * build's: the file is removed (the next build renders) and the error returned.
   */
  write(path: string, views: readonly ItemView[]): Error | null {
    try {
      return this.writeFragments(path, views);
    } finally {
      this.close();
    }
  }

  private writeFragments(path: string, views: readonly ItemView[]): Error | null {
    const bytesOf = (held: Held): Buffer => this.bytesOf(held);
    const fresh: [string, Fragments][] = [];
    let liveBytes = 0;
    for (const view of views) {
      const asked = this.made.get(view);
      if (asked === undefined) {
        liveBytes += this.old.bytesOf(this.old.locate(itemKey(view)));
        continue;
      }
      const { key, where, fragments } = asked;
      liveBytes += this.old.bytesOf(where);
      let isNew = false;
      for (let at = 0; at < FRAGMENT_KINDS.length; at++) {
        const fragment = fragments[at];
        if (fragment === undefined || this.old.holds(where, at)) continue;
        isNew = true;
        liveBytes += fragment.length;
      }
      if (isNew) fresh.push([key, this.merged(where, fragments)]);
    }
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      const file = this.file;
      if (
        file !== null &&
        !this.old.damaged &&
        file.payloadBytes + recordsBytes(fresh) <= 2 * liveBytes + 65536
      ) {
        if (fresh.length > 0) appendBatch(path, file.wholeLength, fresh, bytesOf);
        return null;
      }
      const live: [string, Fragments][] = [];
      for (const view of views) {
        const asked = this.made.get(view);
        const key = asked?.key ?? itemKey(view);
        const where = asked?.where ?? this.old.locate(key);
        if (asked === undefined && where === -1) continue;
        const fragments = this.merged(where, asked?.fragments);
        // None: a record that did not read back intact (OldRecords) and was not made again.
        if (fragments.some((fragment) => fragment !== undefined)) live.push([key, fragments]);
      }
      writeFile(temporary, this.key, live, bytesOf);
      renameSync(temporary, path);
      return null;
    } catch (error) {
      rmSync(temporary, { force: true });
      rmSync(path, { force: true });
      return error as Error;
    }
  }
}

/*
 * The file: MAGIC, the key and a newline, then batches. A batch: its number of records (u32),
 * the records, and a trailer: BATCH_END and the batch's length in bytes (u32 each). A record:
 * the item key's length (u16) and bytes (Latin-1), per kind a length (u32; NONE = not made) and
 * the fragment's bytes. Integers little-endian. A batch cut short (a crash while appending) and
 * whatever follows it is ignored, and cut off by the next append.
 */

const NONE = 0xffffffff;
const BATCH_END = 0x7464676d;
/** Records gathered before each write: bounds the copy a write makes. */
const RECORDS_PER_WRITE = 1024;

/**
 * The records of a file, found by reading only their heads (a window at a time into one
 * reused buffer): at 100,000 items the file is ~90 MB, and reading it whole into a fresh
 * buffer cost ~0.7 s of page faults on a rebuild that needed a few hundred of its cards. A
 * record is read (one positioned read) the first time one of its fragments is asked for,
 * and checked against the key and lengths its head had: a file changed meanwhile (another
 * build of the same site appending over it) gives a mismatch, which counts as not cached
 * and has the file written anew.
 */
class OldRecords {
  /** Item key → where its record is: batch times 2^32 plus its index in the batch. */
  private readonly index = new Map<string, number>();
  private readonly batches: Batch[] = [];
  /** Records read so far, by `where`. */
  private readonly loaded = new Map<number, Buffer>();
  /** Set when a record read back did not match its head: the file is written anew. */
  damaged = false;

  /** Where records are read from: the open file, or all of its bytes; neither: no records. */
  private fd: number | null;
  private readonly whole: Buffer | null;

  constructor(source: { fd: number } | { whole: Buffer } | null) {
    this.fd = source !== null && 'fd' in source ? source.fd : null;
    this.whole = source !== null && 'whole' in source ? source.whole : null;
  }

  get size(): number {
    return this.index.size;
  }

  /** A batch's records (later batches win: an item appended again changed meanwhile). */
  addBatch(batch: Batch): void {
    const number = this.batches.length;
    this.batches.push(batch);
    for (let n = 0; n < batch.keys.length; n++) this.index.set(batch.keys[n]!, number * 2 ** 32 + n); // prettier-ignore
  }

  /**
   * Where the item's record is: its batch times 2^32 plus its index in the batch; -1: the
   * file has none. Asked once per item; the methods below take it.
   */
  locate(key: string): number {
    return this.index.get(key) ?? -1;
  }

  /** The item's fragment of this kind, if the file has it (and it reads back intact). */
  fragment(where: number, kind: number): Buffer | undefined {
    if (!this.holds(where, kind)) return undefined;
    const record = this.record(where);
    if (record === undefined) return undefined;
    const batch = this.batchOf(where);
    const first = KINDS * numberIn(where);
    let offset = headBytes(batch.keys[numberIn(where)]!);
    for (let k = 0; k < kind; k++) offset += Math.max(0, batch.lengths[first + k]!);
    return record.subarray(offset, offset + batch.lengths[first + kind]!);
  }

  /** Whether the file has the item's fragment of this kind. */
  holds(where: number, kind: number): boolean {
    if (where === -1) return false;
    return this.batchOf(where).lengths[KINDS * numberIn(where) + kind] !== -1;
  }

  /** The bytes of the item's fragments (0 if none). */
  bytesOf(where: number): number {
    if (where === -1) return 0;
    const { lengths } = this.batchOf(where);
    const first = KINDS * numberIn(where);
    let bytes = 0;
    for (let kind = 0; kind < KINDS; kind++) bytes += Math.max(0, lengths[first + kind]!);
    return bytes;
  }

  /** Closes the file (idempotent); fragments already read stay usable. */
  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  private batchOf(where: number): Batch {
    return this.batches[Math.floor(where / 2 ** 32)]!;
  }

  /** The record's bytes, read once; undefined when it does not match its head. */
  private record(where: number): Buffer | undefined {
    const known = this.loaded.get(where);
    if (known !== undefined) return known;
    const batch = this.batchOf(where);
    const n = numberIn(where);
    const key = batch.keys[n]!;
    const head = headBytes(key);
    const start = batch.starts[n]!;
    const length = head + this.bytesOf(where);
    // Read with the heads: it cannot differ from them.
    if (this.whole !== null) return this.whole.subarray(start, start + length);
    if (this.fd === null || this.damaged) return undefined;
    const record = Buffer.allocUnsafe(length);
    const lengthsAt = head - 4 * KINDS;
    let intact = readFully(this.fd, record, start) === length;
    intact &&= record.readUInt16LE(0) === key.length;
    intact &&= record.toString('latin1', 2, lengthsAt) === key;
    for (let k = 0; intact && k < KINDS; k++) {
      intact = record.readInt32LE(lengthsAt + 4 * k) === batch.lengths[KINDS * n + k];
    }
    if (!intact) {
      this.damaged = true;
      return undefined;
    }
    this.loaded.set(where, record);
    return record;
  }
}

const KINDS = FRAGMENT_KINDS.length;

/** The record's index in its batch (`where`: OldRecords.locate, not -1). */
function numberIn(where: number): number {
  return where % 2 ** 32;
}

/**
 * Bytes of a record before its fragments: the key's length, the key (Latin-1: one byte a
 * character) and a length per kind.
 */
function headBytes(key: string): number {
  return 2 + key.length + 4 * KINDS;
}

/** A batch's records as their heads gave them. */
interface Batch {
  keys: string[];
  /** Where each record begins in the file. */
  starts: Float64Array;
  /** Per record, per kind, the fragment's length; -1: none. */
  lengths: Int32Array;
}

/** Reads `buffer.length` bytes at `position` (fewer only at the end of the file). */
function readFully(fd: number, buffer: Buffer, position: number): number {
  let got = 0;
  while (got < buffer.length) {
    const read = readSync(fd, buffer, got, buffer.length - got, position + got);
    if (read === 0) break;
    got += read;
  }
  return got;
}

/** Bytes read at a time while the heads are found. */
const WINDOW_BYTES = 1024 * 1024;
const EMPTY = Buffer.alloc(0);

/**
 * Files up to this size are read whole, as one read (a 10,000-item site's is ~20 MB): a
 * rebuild after 100 new items asks for ~8,000 records, one read each otherwise.
 */
const WHOLE_FILE_BYTES = 32 * 1024 * 1024;

/** Sequential reads of a file's bytes at given positions, through one reused buffer. */
class FileWindow {
  private buffer: Buffer = EMPTY;
  /** File position of buffer[0], and how many bytes it holds. */
  private start = 0;
  private held = 0;

  /** With `whole`, the file's bytes are all there and nothing is read. */
  constructor(
    private readonly fd: number | null,
    readonly size: number,
    whole?: Buffer,
  ) {
    if (whole !== undefined) {
      this.buffer = whole;
      this.held = whole.length;
    }
  }

  /**
   * The buffer holding bytes [at, at + count) of the file, and where they begin in it;
   * null when the file ends before.
   */
  bytes(at: number, count: number): { buffer: Buffer; offset: number } | null {
    if (at + count > this.size) return null;
    if (at < this.start || at + count > this.start + this.held) {
      if (this.fd === null) return null;
      if (count > this.buffer.length || this.buffer === EMPTY) {
        this.buffer = Buffer.allocUnsafe(Math.max(count, WINDOW_BYTES));
      }
      const wanted = Math.min(this.buffer.length, this.size - at);
      this.start = at;
      this.held = readFully(this.fd, this.buffer.subarray(0, wanted), at);
      if (this.held < count) return null;
    }
    return { buffer: this.buffer, offset: at - this.start };
  }
}

interface FileState {
  records: OldRecords;
  /** Bytes of the whole batches: where the next batch goes. */
  wholeLength: number;
  /** Bytes of fragments in the file (live or not). */
  payloadBytes: number;
}

function recordsBytes(records: readonly [string, Fragments][]): number {
  let bytes = 0;
  for (const [, record] of records) for (const fragment of record) bytes += fragment?.length ?? 0;
  return bytes;
}

/** How a record's fragments are had as bytes (spilled ones are read back one batch at a time). */
type BytesOf = (held: Held) => Buffer;

/** The records' bytes, in pieces. */
function encodeRecords(records: readonly [string, Fragments][], bytesOf: BytesOf): Buffer[] {
  const parts: Buffer[] = [];
  for (const [key, record] of records) {
    const name = Buffer.from(key, 'latin1');
    const lengths = Buffer.allocUnsafe(2 + name.length + 4 * FRAGMENT_KINDS.length);
    lengths.writeUInt16LE(name.length, 0);
    name.copy(lengths, 2);
    parts.push(lengths);
    let at = 2 + name.length;
    for (let kind = 0; kind < FRAGMENT_KINDS.length; kind++, at += 4) {
      const fragment = record[kind];
      lengths.writeUInt32LE(fragment === undefined ? NONE : fragment.length, at);
      if (fragment !== undefined) parts.push(bytesOf(fragment));
    }
  }
  return parts;
}

/** Writes one batch of records into the file at `position`. */
function writeBatch(
  fd: number,
  position: number,
  records: readonly [string, Fragments][],
  bytesOf: BytesOf,
): void {
  const count = Buffer.allocUnsafe(4);
  count.writeUInt32LE(records.length, 0);
  let at = position;
  let length = 4;
  writeSync(fd, count, 0, 4, at);
  at += 4;
  for (let start = 0; start < records.length; start += RECORDS_PER_WRITE) {
    const chunk = Buffer.concat(
      encodeRecords(records.slice(start, start + RECORDS_PER_WRITE), bytesOf),
    );
    writeSync(fd, chunk, 0, chunk.length, at);
    at += chunk.length;
    length += chunk.length;
  }
  const trailer = Buffer.allocUnsafe(8);
  trailer.writeUInt32LE(BATCH_END, 0);
  trailer.writeUInt32LE(length, 4);
  writeSync(fd, trailer, 0, 8, at);
}

function writeFile(
  path: string,
  key: string,
  records: readonly [string, Fragments][],
  bytesOf: BytesOf,
): void {
  const fd = openSync(path, 'w');
  try {
    const head = Buffer.from(`${MAGIC}${key}\n`, 'utf8');
    writeSync(fd, head, 0, head.length, 0);
    writeBatch(fd, head.length, records, bytesOf);
  } finally {
    closeSync(fd);
  }
}

function appendBatch(
  path: string,
  at: number,
  records: readonly [string, Fragments][],
  bytesOf: BytesOf,
): void {
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, at);
    writeBatch(fd, at, records, bytesOf);
  } finally {
    closeSync(fd);
  }
}

/** The whole batches of a cache file (read through `file`) written under `key`; else null. */
function parseFile(
  file: FileWindow,
  key: string,
  source: { fd: number } | { whole: Buffer },
): FileState | null {
  const head = Buffer.from(`${MAGIC}${key}\n`, 'utf8');
  const start = file.bytes(0, head.length);
  if (start === null) return null;
  if (!start.buffer.subarray(start.offset, start.offset + head.length).equals(head)) return null;
  const records = new OldRecords(source);
  const state: FileState = { records, wholeLength: head.length, payloadBytes: 0 };
  while (state.wholeLength < file.size) {
    const batch = parseBatch(file, state.wholeLength, records);
    if (batch === null) break;
    state.payloadBytes += batch.payloadBytes;
    state.wholeLength = batch.end;
  }
  return state;
}

function parseBatch(
  file: FileWindow,
  start: number,
  records: OldRecords,
): { end: number; payloadBytes: number } | null {
  const first = file.bytes(start, 4);
  if (first === null) return null;
  const count = first.buffer.readUInt32LE(first.offset);
  const kinds = FRAGMENT_KINDS.length;
  if (count * (2 + 4 * kinds) > file.size - start) return null; // cannot hold that many
  // Records go in only once the whole batch has been read (a torn batch adds none).
  const batch: Batch = {
    keys: [],
    starts: new Float64Array(count),
    lengths: new Int32Array(kinds * count),
  };
  let payloadBytes = 0;
  let at = start + 4;
  for (let n = 0; n < count; n++) {
    const nameBytes = file.bytes(at, 2);
    if (nameBytes === null) return null;
    const nameLength = nameBytes.buffer.readUInt16LE(nameBytes.offset);
    const head = file.bytes(at + 2, nameLength + 4 * kinds);
    if (head === null) return null;
    batch.starts[n] = at;
    const lengthsAt = head.offset + nameLength;
    batch.keys.push(head.buffer.toString('latin1', head.offset, lengthsAt));
    at += 2 + nameLength + 4 * kinds;
    for (let kind = 0; kind < kinds; kind++) {
      const length = head.buffer.readInt32LE(lengthsAt + 4 * kind); // NONE reads as -1
      batch.lengths[kinds * n + kind] = length;
      if (length === -1) continue;
      if (length < 0 || at + length > file.size) return null;
      at += length;
      payloadBytes += length;
    }
  }
  const trailer = file.bytes(at, 8);
  if (trailer === null) return null;
  if (
    trailer.buffer.readUInt32LE(trailer.offset) !== BATCH_END ||
    trailer.buffer.readUInt32LE(trailer.offset + 4) !== at - start
  ) {
    return null;
  }
  records.addBatch(batch);
  return { end: at + 8, payloadBytes };
}

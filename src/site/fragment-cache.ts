import {
  closeSync,
  ftruncateSync,
  openSync,
  readFileSync,
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
    this.old = file?.records ?? new OldRecords(Buffer.alloc(0));
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
  static read(file: string, key: string, memoryBytes?: number): FragmentCache {
    const spill = {
      file: spillFileOf(file),
      ...(memoryBytes === undefined ? {} : { memoryBytes }),
    };
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return FragmentCache.empty(key, spill);
    }
    return new FragmentCache(key, parseFile(bytes, key), spill);
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
      if (file !== null && file.payloadBytes + recordsBytes(fresh) <= 2 * liveBytes + 65536) {
        if (fresh.length > 0) appendBatch(path, file.wholeLength, fresh, bytesOf);
        return null;
      }
      const live: [string, Fragments][] = [];
      for (const view of views) {
        const asked = this.made.get(view);
        const key = asked?.key ?? itemKey(view);
        const where = asked?.where ?? this.old.locate(key);
        if (asked !== undefined || where !== -1) {
          live.push([key, this.merged(where, asked?.fragments)]);
        }
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
 * The records read from a file, as offsets into its bytes: most items' fragments are asked
 * for once or never, so no Buffer is made for them until they are.
 */
class OldRecords {
  /** Item key → where its KINDS (offset, length) pairs are: batch, and index in the batch. */
  private readonly index = new Map<string, number>();
  /** Per batch, the pairs of its records; a length of -1: none. */
  private readonly batches: Int32Array[] = [];

  constructor(readonly bytes: Buffer) {}

  get size(): number {
    return this.index.size;
  }

  /** A batch's records (later batches win: an item appended again changed meanwhile). */
  addBatch(keys: readonly string[], spans: Int32Array): void {
    const batch = this.batches.length;
    this.batches.push(spans);
    const stride = 2 * FRAGMENT_KINDS.length;
    for (let n = 0; n < keys.length; n++) this.index.set(keys[n]!, batch * 2 ** 32 + n * stride);
  }

  /**
   * Where the item's record is: its batch times 2^32 plus its pairs' index in the batch; -1:
   * the file has none. Asked once per item; the methods below take it.
   */
  locate(key: string): number {
    return this.index.get(key) ?? -1;
  }

  /** The (offset, length) pairs of the batch that holds the record at `where` (not -1). */
  private pairsOf(where: number): Int32Array {
    return this.batches[Math.floor(where / 2 ** 32)]!;
  }

  /** The item's fragment of this kind, if the file has it. */
  fragment(where: number, kind: number): Buffer | undefined {
    if (where === -1) return undefined;
    const pairs = this.pairsOf(where);
    const at = firstPair(where) + 2 * kind;
    const length = pairs[at + 1]!;
    if (length === -1) return undefined;
    const offset = pairs[at]!;
    return this.bytes.subarray(offset, offset + length);
  }

  /** Whether the file has the item's fragment of this kind. */
  holds(where: number, kind: number): boolean {
    if (where === -1) return false;
    return this.pairsOf(where)[firstPair(where) + 2 * kind + 1] !== -1;
  }

  /** The bytes of the item's fragments (0 if none). */
  bytesOf(where: number): number {
    if (where === -1) return 0;
    const pairs = this.pairsOf(where);
    const first = firstPair(where);
    let bytes = 0;
    for (let kind = 0; kind < FRAGMENT_KINDS.length; kind++) {
      bytes += Math.max(0, pairs[first + 2 * kind + 1]!);
    }
    return bytes;
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

/** The whole batches of a cache file written under `key`; null when it is not one. */
function parseFile(bytes: Buffer, key: string): FileState | null {
  const head = Buffer.from(`${MAGIC}${key}\n`, 'utf8');
  if (bytes.length < head.length || !bytes.subarray(0, head.length).equals(head)) return null;
  const records = new OldRecords(bytes);
  const state: FileState = { records, wholeLength: head.length, payloadBytes: 0 };
  while (state.wholeLength < bytes.length) {
    const batch = parseBatch(bytes, state.wholeLength, records);
    if (batch === null) break;
    state.payloadBytes += batch.payloadBytes;
    state.wholeLength = batch.end;
  }
  return state;
}

function parseBatch(
  bytes: Buffer,
  start: number,
  records: OldRecords,
): { end: number; payloadBytes: number } | null {
  const end = bytes.length;
  if (start + 4 > end) return null;
  const count = bytes.readUInt32LE(start);
  const kinds = FRAGMENT_KINDS.length;
  if (count * (2 + 4 * kinds) > end - start) return null; // cannot hold that many
  // Records go in only once the whole batch has been read (a torn batch adds none).
  const keys: string[] = [];
  const spans = new Int32Array(2 * kinds * count);
  let payloadBytes = 0;
  let at = start + 4;
  for (let n = 0; n < count; n++) {
    if (at + 2 > end) return null;
    const nameLength = bytes[at]! | (bytes[at + 1]! << 8);
    at += 2;
    const lengthsAt = at + nameLength;
    if (lengthsAt + 4 * kinds > end) return null;
    keys.push(bytes.toString('latin1', at, lengthsAt));
    at = lengthsAt + 4 * kinds;
    for (let kind = 0; kind < kinds; kind++) {
      const length = bytes.readInt32LE(lengthsAt + 4 * kind); // NONE reads as -1
      const span = 2 * (kinds * n + kind);
      spans[span + 1] = length;
      if (length === -1) continue;
      if (length < 0 || at + length > end) return null;
      spans[span] = at;
      at += length;
      payloadBytes += length;
    }
  }
  if (at + 8 > end) return null;
  if (bytes.readUInt32LE(at) !== BATCH_END || bytes.readUInt32LE(at + 4) !== at - start) {
    return null;
  }
  records.addBatch(keys, spans);
  return { end: at + 8, payloadBytes };
}

/** Where in its batch's pairs the record at `where` (OldRecords.locate, not -1) begins. */
function firstPair(where: number): number {
  return where % 2 ** 32;
}

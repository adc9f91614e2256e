/**
 * Where lines start in a vault blob, remembered between excerpt reads. Blobs are content-addressed
 * and never change, so the byte offset of a line start, once found, stays true. A `LineIndex` keeps
 * checkpoints (line number, byte offset of its start), one each `stride` bytes at least, in the
 * order a scan meets them; a scan that stops early keeps what it found and a later one goes on
 * from the last checkpoint. Memory is bounded: past `maxCheckpoints` every other checkpoint is
 * dropped and the stride doubles; `LineIndexes` remembers a few blobs, least recently used first
 * out, and runs the reads of one blob one after another so concurrent calls share one scan.
 */

export interface LineIndexTuning {
  /** Bytes between checkpoints, at least (doubles each time the cap is reached). */
  readonly stride: number;
  /** Checkpoints kept per blob, at most. */
  readonly maxCheckpoints: number;
}

export const DEFAULT_TUNING: LineIndexTuning = { stride: 64 * 1024, maxCheckpoints: 8192 };

/** Identity of the file the index was built from: a mismatch means it is not the same file. */
export interface FileIdentity {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

export interface Checkpoint {
  /** 1-based line number. */
  readonly line: number;
  /** Byte offset of that line's first byte. */
  readonly offset: number;
}

export class LineIndex {
  private lines: number[] = [1];
  private offsets: number[] = [0];
  private stride: number;
  /** Number of lines (newlines + 1) once a scan reached the end of the file. */
  total: number | undefined;

  constructor(
    readonly identity: FileIdentity,
    private readonly tuning: LineIndexTuning = DEFAULT_TUNING,
  ) {
    this.stride = Math.max(1, tuning.stride);
  }

  get size(): number {
    return this.lines.length;
  }

  /** The last checkpoint at or before `line` (line >= 1). */
  nearest(line: number): Checkpoint {
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.lines[mid] as number) <= line) lo = mid;
      else hi = mid - 1;
    }
    return { line: this.lines[lo] as number, offset: this.offsets[lo] as number };
  }

  /** A line start at or past this offset is worth a checkpoint (scans compare, then `add`). */
  get threshold(): number {
    return (this.offsets[this.offsets.length - 1] as number) + this.stride;
  }

  /** Records line `line` starting at `offset`; ignored unless past `threshold`. */
  add(line: number, offset: number): void {
    if (offset < this.threshold) return;
    this.lines.push(line);
    this.offsets.push(offset);
    if (this.lines.length > Math.max(2, this.tuning.maxCheckpoints)) this.thin();
  }

  private thin(): void {
    this.lines = this.lines.filter((_, i) => i % 2 === 0);
    this.offsets = this.offsets.filter((_, i) => i % 2 === 0);
    this.stride *= 2;
  }
}

export class LineIndexes {
  private readonly indexes = new Map<string, LineIndex>();
  private readonly tails = new Map<string, Promise<void>>();

  constructor(readonly maxBlobs = 8) {}

  /** The index of the file at `key`, a fresh one if unknown or if the file is not the same. */
  get(key: string, identity: FileIdentity, tuning?: LineIndexTuning): LineIndex {
    let index = this.indexes.get(key);
    this.indexes.delete(key);
    if (index === undefined || !sameFile(index.identity, identity)) {
      index = new LineIndex(identity, tuning);
    }
    this.indexes.set(key, index);
    for (const oldest of this.indexes.keys()) {
      if (this.indexes.size <= this.maxBlobs) break;
      this.indexes.delete(oldest);
    }
    return index;
  }

  get remembered(): number {
    return this.indexes.size;
  }

  /** Runs `work` after every earlier `serial` call with the same key has settled. */
  serial<T>(key: string, work: () => Promise<T>): Promise<T> {
    const run = (this.tails.get(key) ?? Promise.resolve()).then(work);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/**
 * The port blocks held open on one outside address while its records are replayed in time order
 * (and when blocks on each range last closed),
 * kept sorted by first port so the block a record names, and the blocks overlapping its range,
 * are found by binary search instead of a scan of every open block.
 */

export interface OpenBlock {
  start: number;
  startRec: number;
  flags: number;
  inside: number;
  lo: number;
  hi: number;
  /** Opening order: overlapping blocks are closed in the order they were opened. */
  seq: number;
}

export class OpenBlocks {
  private blocks: OpenBlock[] = [];
  private widest = 0;
  private seq = 0;
  /** Latest end of a closed block per range (`lo << 16 | hi`), to bound an inferred start. */
  private readonly closedEnds = new Map<number, number>();

  /** Notes that a block on `[lo, hi]` ended at `t`. */
  closed(lo: number, hi: number, t: number): void {
    const range = (lo << 16) | hi;
    const prev = this.closedEnds.get(range);
    if (prev === undefined || t > prev) this.closedEnds.set(range, t);
  }

  /** The latest end of a closed block overlapping `[lo, hi]`, not before `floor`. */
  lastEndOverlapping(lo: number, hi: number, floor: number): number {
    let t = floor;
    for (const [range, end] of this.closedEnds) {
      if (range >>> 16 <= hi && (range & 0xffff) >= lo) t = Math.max(t, end);
    }
    return t;
  }

  get size(): number {
    return this.blocks.length;
  }

  /** First index whose `lo` is greater than `port`. */
  private after(port: number): number {
    const b = this.blocks;
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((b[mid]?.lo ?? 0) <= port) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The open block with exactly this range and holder. */
  find(lo: number, hi: number, inside: number): OpenBlock | undefined {
    for (let i = this.after(lo) - 1; i >= 0; i--) {
      const b = this.blocks[i];
      if (b === undefined || b.lo !== lo) break;
      if (b.hi === hi && b.inside === inside) return b;
    }
    return undefined;
  }

  add(block: Omit<OpenBlock, 'seq'>): void {
    const b: OpenBlock = { ...block, seq: this.seq++ };
    this.blocks.splice(this.after(b.lo), 0, b);
    this.widest = Math.max(this.widest, b.hi - b.lo);
  }

  remove(block: OpenBlock): void {
    const i = this.blocks.indexOf(block, Math.max(0, this.after(block.lo - 1)));
    if (i >= 0) this.blocks.splice(i, 1);
  }

  /** Removes and returns the open blocks overlapping `[lo, hi]`, in opening order. */
  takeOverlapping(lo: number, hi: number): OpenBlock[] {
    const found: number[] = [];
    for (let i = this.after(hi) - 1; i >= 0; i--) {
      const b = this.blocks[i];
      if (b === undefined || b.lo < lo - this.widest) break;
      if (b.hi >= lo) found.push(i);
    }
    if (found.length === 0) return [];
    const taken = found.map((i) => this.blocks[i] as OpenBlock);
    for (const i of found) this.blocks.splice(i, 1); // descending indices
    return taken.sort((a, b) => a.seq - b.seq);
  }

  /** Removes and returns every open block, in opening order. */
  takeAll(): OpenBlock[] {
    const all = this.blocks.sort((a, b) => a.seq - b.seq);
    this.blocks = [];
    return all;
  }
}

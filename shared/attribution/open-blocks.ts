/**
 * The port blocks held open on one outside address while its records are replayed in time order.
 *
 * Blocks live in range slots: one slot per distinct port range `[lo, hi]` ever seen on the
 * address (a CGN's ranges repeat: a few dozen per address), kept sorted by `lo` so the slot a
 * record names, and the slots overlapping its range, are found by binary search. Open blocks
 * never overlap (a new block first closes every open block overlapping its range), so a slot holds
 * at most one, stored in the slot's columns: no object per block, no array splicing per record.
 * A slot also keeps the latest end of a block closed on its range, to bound an inferred start.
 */

/** First index in `order` whose slot's `lo` is greater than `x`. */
function upperBound(order: readonly number[], slotLo: readonly number[], x: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((slotLo[order[mid] ?? 0] ?? 0) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class OpenBlocks {
  /** Slot columns, by slot id (ids in order of first sight). */
  readonly lo: number[] = [];
  readonly hi: number[] = [];
  readonly start: number[] = [];
  readonly startRec: number[] = [];
  readonly flags: number[] = [];
  /** Holder (inside endpoint id) of the open block; −1: the slot has none open. */
  readonly inside: number[] = [];
  /** Opening order of the open block: overlapping blocks are closed in the order they were opened. */
  private readonly seq: number[] = [];
  private readonly closedEnd: number[] = [];
  /** Slot ids sorted by `lo` (ties by first sight). */
  private readonly byLo: number[] = [];
  private widest = 0;
  private nextSeq = 0;
  private openCount = 0;

  get size(): number {
    return this.openCount;
  }

  /** The slot of exactly `[lo, hi]`, or −1. */
  slotOf(lo: number, hi: number): number {
    const byLo = this.byLo;
    for (let i = upperBound(byLo, this.lo, lo) - 1; i >= 0; i--) {
      const s = byLo[i] ?? 0;
      if (this.lo[s] !== lo) break;
      if (this.hi[s] === hi) return s;
    }
    return -1;
  }

  /** The slot of `[lo, hi]`, made on first sight. */
  slot(lo: number, hi: number): number {
    const found = this.slotOf(lo, hi);
    if (found >= 0) return found;
    const s = this.lo.length;
    this.lo.push(lo);
    this.hi.push(hi);
    this.start.push(0);
    this.startRec.push(-1);
    this.flags.push(0);
    this.inside.push(-1);
    this.seq.push(-1);
    this.closedEnd.push(-Infinity);
    this.byLo.splice(upperBound(this.byLo, this.lo, lo), 0, s);
    this.widest = Math.max(this.widest, hi - lo);
    return s;
  }

  /** The slot whose open block is exactly `[lo, hi]` held by `inside`, or −1. */
  find(lo: number, hi: number, inside: number): number {
    const s = this.slotOf(lo, hi);
    return s >= 0 && this.inside[s] === inside ? s : -1;
  }

  /** Opens a block on slot `s` (which has none open). */
  open(s: number, start: number, startRec: number, flags: number, inside: number): void {
    this.start[s] = start;
    this.startRec[s] = startRec;
    this.flags[s] = flags;
    this.inside[s] = inside;
    this.seq[s] = this.nextSeq++;
    this.openCount++;
  }

  /** Closes the open block of slot `s` at `t`. */
  close(s: number, t: number): void {
    if (this.inside[s] === -1) return;
    this.inside[s] = -1;
    this.openCount--;
    if (t > (this.closedEnd[s] ?? -Infinity)) this.closedEnd[s] = t;
  }

  /** Notes that a block on `[lo, hi]` ended at `t` (one that was never held open here). */
  closed(lo: number, hi: number, t: number): void {
    const s = this.slot(lo, hi);
    if (t > (this.closedEnd[s] ?? -Infinity)) this.closedEnd[s] = t;
  }

  /** The latest end of a closed block overlapping `[lo, hi]`, not before `floor`. */
  lastEndOverlapping(lo: number, hi: number, floor: number): number {
    let t = floor;
    const byLo = this.byLo;
    for (let i = upperBound(byLo, this.lo, hi) - 1; i >= 0; i--) {
      const s = byLo[i] ?? 0;
      if ((this.hi[s] ?? -1) >= lo) t = Math.max(t, this.closedEnd[s] ?? -Infinity);
    }
    return t;
  }

  /** The slots with an open block overlapping `[lo, hi]`, in opening order. */
  openOverlapping(lo: number, hi: number): number[] {
    if (this.openCount === 0) return NONE;
    let found: number[] = NONE;
    const byLo = this.byLo;
    for (let i = upperBound(byLo, this.lo, hi) - 1; i >= 0; i--) {
      const s = byLo[i] ?? 0;
      if ((this.lo[s] ?? 0) < lo - this.widest) break;
      if ((this.inside[s] ?? -1) === -1 || (this.hi[s] ?? -1) < lo) continue;
      if (found === NONE) found = [s];
      else found.push(s);
    }
    if (found.length > 1) found.sort((a, b) => (this.seq[a] ?? 0) - (this.seq[b] ?? 0));
    return found;
  }

  /** Every slot with an open block, in opening order. */
  allOpen(): number[] {
    const found: number[] = [];
    for (let s = 0; s < this.inside.length; s++) if ((this.inside[s] ?? -1) !== -1) found.push(s);
    return found.sort((a, b) => (this.seq[a] ?? 0) - (this.seq[b] ?? 0));
  }
}

/** The empty result (most calls): never written to. */
const NONE: number[] = [];

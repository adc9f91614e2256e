/**
 * The port blocks held open on every outside address while the port-block records are replayed
 * in time order.
 *
 * Blocks live in range slots: one slot per (address, port range `[lo, hi]`) ever seen. Open blocks
 * on one address never overlap (a new block first closes every open block overlapping its range),
 * so a slot holds at most one, kept in the slot's fields with the latest end of a block closed on
 * its range (to bound an inferred start). The slots are the entries of one open-addressing hash
 * table over all addresses, eight float64 fields each — key, block and latest end in one cache
 * line: tens of millions of records touching thousands of addresses in turn would otherwise miss
 * the cache at every step. A slot id is its entry's index (it changes when the table grows); a
 * range slot number names the slot for good (the per-address lists hold those).
 *
 * Overlap questions ("which open blocks overlap this range?") need the address's slots sorted by
 * `lo` — but on an address whose distinct ranges never overlap one another (the usual CGN layout:
 * a fixed grid of blocks), the only slot overlapping a range is the range's own, and the answer
 * is read from it directly.
 */

import { hashTriple } from './triples';

/** Entry fields. `ADDR`: address id + 1 (0: the entry is empty). */
const ADDR = 0;
const LO = 1;
const HI = 2;
const START = 3;
const START_REC = 4;
/** Opening order × 64 + interval flags (< 64) of the open block. */
const SEQ_FLAGS = 5;
/** Holder (inside endpoint id) of the open block; −1: none open. */
const INSIDE = 6;
const CLOSED_END = 7;
const STRIDE = 8;
const FLAG_SPAN = 64;

const NONE: number[] = [];

export class OpenBlockTable {
  private e = new Float64Array(STRIDE * 4096);
  /** Per entry: its range slot's number, 0, 1, … in order of creation (kept when the table grows). */
  private ids = new Int32Array(4096);
  /** Per range slot number: its entry (changes when the table grows). */
  private entryOf = new Int32Array(2048);
  private mask = 4095;
  private count = 0;
  /** Per address: its range slot numbers sorted by `lo` (numbers do not change as the table grows). */
  private readonly byLo: Array<number[] | undefined> = [];
  /** Per address: whether two of its distinct ranges overlap; the widest range. */
  private readonly overlapping: boolean[] = [];
  private readonly widest: number[] = [];
  private nextSeq = 0;

  lo(s: number): number {
    return this.e[s * STRIDE + LO] ?? 0;
  }
  hi(s: number): number {
    return this.e[s * STRIDE + HI] ?? 0;
  }
  start(s: number): number {
    return this.e[s * STRIDE + START] ?? 0;
  }
  startRec(s: number): number {
    return this.e[s * STRIDE + START_REC] ?? -1;
  }
  flags(s: number): number {
    return (this.e[s * STRIDE + SEQ_FLAGS] ?? 0) % FLAG_SPAN;
  }
  inside(s: number): number {
    return this.e[s * STRIDE + INSIDE] ?? -1;
  }
  addressOf(s: number): number {
    return (this.e[s * STRIDE + ADDR] ?? 1) - 1;
  }
  private seq(s: number): number {
    return Math.floor((this.e[s * STRIDE + SEQ_FLAGS] ?? 0) / FLAG_SPAN);
  }

  /**
   * Reads the first table entry the slot of (address, `[lo, hi]`) would be looked for in, and
   * returns its tag: called for the records just ahead, so that their cache misses overlap instead
   * of coming one after another (the caller keeps the result so the read is not optimised away).
   */
  touch(address: number, lo: number, hi: number): number {
    return this.e[(hashTriple(address, lo, hi) & this.mask) * STRIDE + ADDR] ?? 0;
  }

  /** The slot of (address, `[lo, hi]`), made on first sight. */
  slot(address: number, lo: number, hi: number): number {
    const e = this.e;
    const tag = address + 1;
    let s = hashTriple(address, lo, hi) & this.mask;
    for (;;) {
      const at = s * STRIDE;
      const a = e[at + ADDR] ?? 0;
      if (a === 0) break;
      if (a === tag && e[at + LO] === lo && e[at + HI] === hi) return s;
      s = (s + 1) & this.mask;
    }
    if (2 * (this.count + 1) > this.mask + 1) {
      this.grow();
      return this.slot(address, lo, hi);
    }
    if (this.count === this.entryOf.length) {
      const grown = new Int32Array(2 * this.count);
      grown.set(this.entryOf);
      this.entryOf = grown;
    }
    this.entryOf[this.count] = s;
    this.ids[s] = this.count++;
    const at = s * STRIDE;
    e[at + ADDR] = tag;
    e[at + LO] = lo;
    e[at + HI] = hi;
    e[at + START_REC] = -1;
    e[at + INSIDE] = -1;
    e[at + CLOSED_END] = -Infinity;
    this.listed(address, s);
    return s;
  }

  /** Adds new slot `s` to its address's sorted list, noting overlaps and the widest range. */
  private listed(address: number, s: number): void {
    let list = this.byLo[address];
    if (list === undefined) {
      this.byLo[address] = list = [];
      this.overlapping[address] = false;
      this.widest[address] = 0;
    }
    const lo = this.lo(s);
    const hi = this.hi(s);
    const k = this.upperBound(list, lo);
    const floor = Math.min(lo, hi) - (this.widest[address] ?? 0);
    for (let i = this.upperBound(list, hi) - 1; i >= 0; i--) {
      const o = this.entryOf[list[i] ?? 0] ?? 0;
      if (this.lo(o) < floor) break;
      if (this.hi(o) >= lo) this.overlapping[address] = true;
    }
    list.splice(k, 0, this.ids[s] ?? 0);
    this.widest[address] = Math.max(this.widest[address] ?? 0, hi - lo);
  }

  /** Doubles the table; entries move, range slot numbers stay. */
  private grow(): void {
    const old = this.e;
    const size = 2 * (this.mask + 1);
    const e = new Float64Array(STRIDE * size);
    const ids = new Int32Array(size);
    const mask = size - 1;
    for (let s = 0; s <= this.mask; s++) {
      const from = s * STRIDE;
      const tag = old[from + ADDR] ?? 0;
      if (tag === 0) continue;
      let t = hashTriple(tag - 1, old[from + LO] ?? 0, old[from + HI] ?? 0) & mask;
      while ((e[t * STRIDE + ADDR] ?? 0) !== 0) t = (t + 1) & mask;
      const to = t * STRIDE;
      for (let f = 0; f < STRIDE; f++) e[to + f] = old[from + f] ?? 0;
      const id = this.ids[s] ?? 0;
      ids[t] = id;
      this.entryOf[id] = t;
    }
    this.e = e;
    this.ids = ids;
    this.mask = mask;
  }

  /** First index in `list` (range slot numbers) whose slot's `lo` is greater than `x`. */
  private upperBound(list: readonly number[], x: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.lo(this.entryOf[list[mid] ?? 0] ?? 0) <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Opens a block on slot `s` (which has none open). */
  open(s: number, start: number, startRec: number, flags: number, inside: number): void {
    const at = s * STRIDE;
    this.e[at + START] = start;
    this.e[at + START_REC] = startRec;
    this.e[at + SEQ_FLAGS] = this.nextSeq++ * FLAG_SPAN + flags;
    this.e[at + INSIDE] = inside;
  }

  /** Closes the open block of slot `s` (if any) at `t`; notes `t` as its range's latest end. */
  close(s: number, t: number): void {
    const at = s * STRIDE;
    this.e[at + INSIDE] = -1;
    if (t > (this.e[at + CLOSED_END] ?? -Infinity)) this.e[at + CLOSED_END] = t;
  }

  /** The latest end of a closed block overlapping slot `s`'s range, not before `floor`. */
  lastEndOverlapping(s: number, floor: number): number {
    const address = this.addressOf(s);
    if (this.overlapping[address] !== true) {
      return Math.max(floor, this.e[s * STRIDE + CLOSED_END] ?? -Infinity);
    }
    const lo = this.lo(s);
    const list = this.byLo[address] ?? NONE;
    let t = floor;
    for (let i = this.upperBound(list, this.hi(s)) - 1; i >= 0; i--) {
      const o = this.entryOf[list[i] ?? 0] ?? 0;
      if (this.hi(o) >= lo) t = Math.max(t, this.e[o * STRIDE + CLOSED_END] ?? -Infinity);
    }
    return t;
  }

  /** The slots with an open block overlapping slot `s`'s range, in opening order. */
  openOverlapping(s: number): number[] {
    const address = this.addressOf(s);
    if (this.overlapping[address] !== true) return this.inside(s) === -1 ? NONE : [s];
    const lo = this.lo(s);
    const hi = this.hi(s);
    const list = this.byLo[address] ?? NONE;
    const floor = lo - (this.widest[address] ?? 0);
    let found: number[] = NONE;
    for (let i = this.upperBound(list, hi) - 1; i >= 0; i--) {
      const o = this.entryOf[list[i] ?? 0] ?? 0;
      if (this.lo(o) < floor) break;
      if (this.inside(o) === -1 || this.hi(o) < lo) continue;
      if (found === NONE) found = [o];
      else found.push(o);
    }
    if (found.length > 1) found.sort((a, b) => this.seq(a) - this.seq(b));
    return found;
  }

  /** Every slot with an open block, by address, then in opening order. */
  allOpen(): number[] {
    const found: number[] = [];
    for (let s = 0; s <= this.mask; s++) {
      if ((this.e[s * STRIDE + ADDR] ?? 0) !== 0 && this.inside(s) !== -1) found.push(s);
    }
    return found.sort((a, b) => this.addressOf(a) - this.addressOf(b) || this.seq(a) - this.seq(b));
  }
}

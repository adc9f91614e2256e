// The port-block replay as it was before the slot-based rewrite (commit 2be3074,
// shared/attribution/open-blocks.ts and portblock-index.ts), kept verbatim as a test oracle: the
// rewrite must emit the same intervals in the same order for any record stream.
import {
  END_INFERRED,
  KIND_NAT_PORTBLOCK,
  START_INFERRED,
  type IntervalIndexBuilder,
} from '../../../../../shared/attribution/intervals';
import { coverageEnd, coverageStart, emit } from '../../../../../shared/attribution/nat-index';
import { orderByKey, orderByTime } from '../../../../../shared/attribution/sort-order';
import type { EngineState } from '../../../../../shared/attribution/state';

const EV_ALLOCATE = 0;
const EV_RELEASE = 1;

interface OpenBlock {
  start: number;
  startRec: number;
  flags: number;
  inside: number;
  lo: number;
  hi: number;
  /** Opening order: overlapping blocks are closed in the order they were opened. */
  seq: number;
}

class OpenBlocks {
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

/**
 * Replays the records of each outside address in time order (address by address: the open
 * blocks of one address die young, which keeps the garbage collector's work small).
 */
export function referenceBuildPortblocks(state: EngineState, out: IntervalIndexBuilder): void {
  const s = state.portblocks;
  const { ts, rec, ev, outside, lo: loCol, hi: hiCol, inside } = s.columns(state.records);
  const order = orderByKey(outside, state.addresses.size, orderByTime(ts, s.length));
  const end = coverageEnd(state);
  const begin = coverageStart(state);
  let k = 0;
  while (k < order.length) {
    const o = outside[order[k] ?? 0] ?? -1;
    const open = new OpenBlocks();
    const close = (b: OpenBlock, t: number, endRec: number, flags: number): void => {
      emit(out, state, KIND_NAT_PORTBLOCK, o, b, t, endRec, flags);
      open.closed(b.lo, b.hi, t);
    };
    for (; k < order.length; k++) {
      const i = order[k] ?? 0;
      if ((outside[i] ?? -1) !== o) break;
      const t = ts[i] ?? 0;
      const lo = loCol[i] ?? -1;
      const hi = hiCol[i] ?? -1;
      const who = inside[i] ?? -1;
      const e = ev[i] ?? -1;
      const r = rec[i] ?? -1;
      const same = open.find(lo, hi, who);
      if (e === EV_RELEASE) {
        if (same !== undefined) {
          open.remove(same);
          close(same, t, r, 0);
        } else {
          // A release with no allocation seen: held from some unknown time up to now.
          for (const b of open.takeOverlapping(lo, hi)) close(b, t, -1, END_INFERRED);
          const start = Math.min(open.lastEndOverlapping(lo, hi, begin), t);
          close(
            { start, startRec: r, flags: START_INFERRED, inside: who, lo, hi, seq: -1 },
            t,
            r,
            0,
          );
        }
        continue;
      }
      if (same !== undefined) continue; // a repeated allocate or an interim: the block is still held
      // Another holder on an overlapping range: its release was lost; it ended by now at the latest.
      for (const b of open.takeOverlapping(lo, hi)) close(b, t, -1, END_INFERRED);
      if (e === EV_ALLOCATE) {
        open.add({ start: t, startRec: r, flags: 0, inside: who, lo, hi });
      } else {
        // An interim with no allocation seen: held since some unknown time before this record.
        const start = Math.min(open.lastEndOverlapping(lo, hi, begin), t);
        open.add({ start, startRec: r, flags: START_INFERRED, inside: who, lo, hi });
      }
    }
    for (const b of open.takeAll()) close(b, end, -1, END_INFERRED);
  }
}

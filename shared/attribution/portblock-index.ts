import type { NatPortblockEvent } from '../model/event';
import {
  END_INFERRED,
  KIND_NAT_PORTBLOCK,
  START_INFERRED,
  type IntervalIndexBuilder,
} from './intervals';
import { coverageEnd, coverageStart, emit, insideOf, noteCoverage } from './nat-index';
import { OpenBlocks, type OpenBlock } from './open-blocks';
import { orderByKey, orderByTime } from './sort-order';
import type { EngineState } from './state';

/**
 * CGN port blocks → intervals on the outside address, paired allocate/release per (range,
 * inside address); an interim record confirms a block is held. A missing release is closed at
 * the next allocation of an overlapping range, else at the end of the NAT records' coverage
 * (inferred); a release or interim without an allocation starts at the last end of an
 * overlapping block (or the start of coverage), inferred.
 */

const EV_ALLOCATE = 0;
const EV_RELEASE = 1;
const EV_INTERIM = 2;

export function stagePortblock(
  state: EngineState,
  e: NatPortblockEvent,
  ts: number,
  rec: number,
): void {
  const outside = state.addressId(e.outsideIp);
  const ev = e.event === 'allocate' ? EV_ALLOCATE : e.event === 'release' ? EV_RELEASE : EV_INTERIM;
  state.portblocks.push(rec, ev, outside, e.portStart, e.portEnd, insideOf(state, e));
  noteCoverage(state, outside, rec, ts);
}

/**
 * Replays the records of each outside address in time order (address by address: the open
 * blocks of one address die young, which keeps the garbage collector's work small).
 */
export function buildPortblocks(state: EngineState, out: IntervalIndexBuilder): void {
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

import type { NatPortblockEvent } from '../model/event';
import {
  END_INFERRED,
  KIND_NAT_PORTBLOCK,
  START_INFERRED,
  type IntervalIndexBuilder,
} from './intervals';
import { coverageEnd, coverageStart, insideOf, noteCoverage } from './nat-index';
import { OpenBlockTable } from './open-blocks';
import { orderByTime } from './sort-order';
import type { EngineState } from './state';
import { keep } from './touch';

/**
 * CGN port blocks → intervals on the outside address, paired allocate/release per (range,
 * inside address); an interim record confirms a block is held. A missing release is closed at
 * the next allocation of an overlapping range, else at the end of the NAT records' coverage
 * (inferred); a release or interim without an allocation starts at the last end of an
 * overlapping block (or the start of coverage), inferred.
 */

/** Records whose slots are touched ahead at a time. */
const AHEAD = 16;
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
 * Replays the records in time order (ties in staging order), each outside address with its own
 * open blocks. The columns are read in their staged order — records arrive in time order, so this
 * is a sequential pass — rather than address by address, whose random reads of six columns cost
 * a cache miss each on tens of millions of rows. Within one address the sequence of operations,
 * and so the order intervals are emitted in, is the same as an address-by-address replay.
 */
export function buildPortblocks(state: EngineState, out: IntervalIndexBuilder): void {
  const s = state.portblocks;
  const { ts, rec, ev, outside, lo: loCol, hi: hiCol, inside } = s.columns(state.records);
  const order = orderByTime(ts, s.length);
  const end = coverageEnd(state);
  const begin = coverageStart(state);
  /** Without VRFs there is no holder's VRF to look up (a random read per interval saved). */
  const anyVrf = state.vrfs.size > 0;
  const add = (
    o: number,
    lo: number,
    hi: number,
    start: number,
    startRec: number,
    flags: number,
    holder: number,
    t: number,
    endRec: number,
    slot: number,
  ): void => {
    const vrf = anyVrf ? state.insideVrf.get(holder) : -1;
    const until = Math.max(t, start);
    // The last field, the triple hint (see groupByTriple), is the slot's entry. It is stable once
    // the table has stopped growing; a row emitted before a growth may carry an entry another range
    // took since, which groupByTriple's check catches (a stable range number would cost one more
    // read per row).
    out.addRow(
      o,
      start,
      until,
      lo,
      hi,
      flags,
      startRec,
      endRec,
      holder,
      KIND_NAT_PORTBLOCK,
      vrf,
      slot,
    );
  };
  const open = new OpenBlockTable();
  /**
   * Emits the open block of slot `b` as ended at `t` by record `endRec` (whose zone bits `flags`
   * carries; a slot keeps its start record's) and closes it.
   */
  const close = (b: number, t: number, endRec: number, flags: number): void => {
    const o = open.addressOf(b);
    add(
      o,
      open.lo(b),
      open.hi(b),
      open.start(b),
      open.startRec(b),
      open.flags(b) | flags,
      open.inside(b),
      t,
      endRec,
      b,
    );
    open.close(b, t);
  };
  let touched = 0;
  for (let k = 0; k < order.length; k++) {
    if ((k & (AHEAD - 1)) === 0) {
      // Touch the slots of the next AHEAD records first: their cache misses then overlap.
      const stop = Math.min(order.length, k + AHEAD);
      for (let j = k; j < stop; j++) {
        const x = order[j] ?? 0;
        touched += open.touch(outside[x] ?? -1, loCol[x] ?? -1, hiCol[x] ?? -1);
      }
    }
    const i = order[k] ?? 0;
    const o = outside[i] ?? -1;
    const t = ts[i] ?? 0;
    const lo = loCol[i] ?? -1;
    const hi = hiCol[i] ?? -1;
    const who = inside[i] ?? -1;
    const e = ev[i] ?? -1;
    const r = rec[i] ?? -1;
    // Zone bits of this record (read in record order here, not at random when an interval ends).
    const zone = state.records.zoneOf(r);
    const slot = open.slot(o, lo, hi);
    const same = open.inside(slot) === who;
    if (e === EV_RELEASE) {
      if (same) {
        close(slot, t, r, zone);
      } else {
        // A release with no allocation seen: held from some unknown time up to now.
        for (const b of open.openOverlapping(slot)) close(b, t, -1, END_INFERRED);
        const start = Math.min(open.lastEndOverlapping(slot, begin), t);
        add(o, lo, hi, start, r, START_INFERRED | zone, who, t, r, slot);
        open.close(slot, t);
      }
      continue;
    }
    if (same) continue; // a repeated allocate or an interim: the block is still held
    // Another holder on an overlapping range: its release was lost; it ended by now at the latest.
    for (const b of open.openOverlapping(slot)) close(b, t, -1, END_INFERRED);
    if (e === EV_ALLOCATE) {
      open.open(slot, t, r, zone, who);
    } else {
      // An interim with no allocation seen: held since some unknown time before this record.
      const start = Math.min(open.lastEndOverlapping(slot, begin), t);
      open.open(slot, start, r, START_INFERRED | zone, who);
    }
  }
  // Blocks still open at the end of coverage, address by address.
  for (const b of open.allOpen()) close(b, end, -1, END_INFERRED);
  keep(touched);
}

import type { AaaSessionEvent } from '../model/event';
import { addressKeyText, prefixTextKey } from './address-keys';
import { END_INFERRED, KIND_AAA, START_INFERRED, type IntervalIndexBuilder } from './intervals';
import { OpenSessionTable } from './open-sessions';
import { orderByTime } from './sort-order';
import type { EngineState } from './state';
import { keep } from './touch';

/**
 * RADIUS accounting → intervals on the framed address (IPv4 address or IPv6 prefix): paired by
 * (NAS, Acct-Session-Id); Accounting-On/Off closes every open session of that NAS; a missing Stop
 * is closed at the next Start of the same session or of another session on the same address, else
 * at the end of the AAA records' coverage (inferred). A Stop or Interim without a Start starts at
 * `ts − Acct-Session-Time` when that is given, else at the previous end on that address (inferred).
 */

const EV = { start: 0, stop: 1, interim: 2, on: 3, off: 4 } as const;
const NO_HOLDER = -0x80000000;

function vrfOf(e: AaaSessionEvent): string | undefined {
  const v = e.extra?.['vrf'];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function stageAaa(state: EngineState, e: AaaSessionEvent, ts: number, rec: number): void {
  const nas = state.nases.intern(e.nas ?? '');
  const pair = e.sessionId === undefined ? -1 : state.sessionPair(nas, e.sessionId);
  const addr4 = e.framedIp === undefined ? -1 : state.addressKey(e.framedIp, addressKeyText);
  let addr6 = -1;
  if (e.framedIpv6Prefix !== undefined) {
    const p = prefixTextKey(e.framedIpv6Prefix);
    if (p !== null) {
      addr6 = state.addresses.intern(p.key);
      state.prefixLengths.add(p.length);
    }
  }
  let account = -1;
  if (e.user !== undefined && e.user !== '') account = state.account(e.user, 'user');
  else if (e.callingStationId !== undefined && e.callingStationId !== '') {
    account = state.account(e.callingStationId, 'callingStationId');
  }
  state.aaa.push({
    ts,
    sessionTime: e.sessionTime ?? -1,
    rec,
    ev: EV[e.event],
    pair,
    nas,
    addr4,
    addr6,
    account,
    vrf: state.vrfId(vrfOf(e)),
  });
  const span = state.coverage.artefactSpanId('aaa', state.records.artefactIdOf(rec));
  state.coverage.extend(span, ts);
  if (addr4 >= 0) state.coverage.note(addr4, span);
  if (addr6 >= 0) state.coverage.note(addr6, span);
  state.noteTime('aaa', ts);
}

/** Records whose rows are touched ahead at a time. */
const AHEAD = 16;

/**
 * Replays the records in time order (ties in staging order). The open sessions are rows of an
 * `OpenSessionTable`; per address id, the pair holding it and the last end of a session on it
 * share one entry of `byAddr` (two float64s), so looking an address up costs one cache miss.
 */
export function buildAaa(state: EngineState, out: IntervalIndexBuilder): void {
  const s = state.aaa;
  const ts = s.f('ts').data;
  const st = s.f('sessionTime').data;
  const evCol = s.i('ev').data;
  const recCol = s.i('rec').data;
  const nasCol = s.i('nas').data;
  const pairCol = s.i('pair').data;
  const addr4Col = s.i('addr4').data;
  const addr6Col = s.i('addr6').data;
  const accountCol = s.i('account').data;
  const vrfCol = s.i('vrf').data;
  const order = orderByTime(ts, s.length);
  const coverageEnd = (state.familyMax.get('aaa') ?? 0) + 1;
  const coverageStart = state.familyMin.get('aaa') ?? 0;
  let anonymousCount = 0;
  /**
   * Per NAS: the position in `order` of its last Accounting-On/Off (−1: none). Only a session
   * opened before it is listed for one to close: the others never are, by an Accounting-On/Off.
   */
  const lastRestart = new Int32Array(state.nases.size).fill(-1);
  for (let k = 0; k < order.length; k++) {
    const i = order[k] ?? 0;
    const ev = evCol[i] ?? -1;
    if (ev === EV.on || ev === EV.off) lastRestart[nasCol[i] ?? 0] = k;
    // A row for each record without a session id that can open a session (a Stop never does).
    if ((pairCol[i] ?? -1) < 0 && ev !== EV.stop && ev !== EV.on && ev !== EV.off) anonymousCount++;
  }
  /** Sessions without a session id get a private pair id after the dense ones. */
  let anonymous = state.sessionPairCount;
  const o = new OpenSessionTable(state.sessionPairCount + anonymousCount, state.nases.size);
  /** Per address id `a`: [2a] the pair holding it (NO_HOLDER: none), [2a + 1] its last end. */
  const byAddr = new Float64Array(2 * state.addresses.size);
  for (let a = 0; a < byAddr.length; a += 2) {
    byAddr[a] = NO_HOLDER;
    byAddr[a + 1] = -Infinity;
  }

  const emitKey = (
    key: number,
    start: number,
    end: number,
    startRec: number,
    endRec: number,
    flags: number,
    account: number,
    vrf: number,
  ): void => {
    if (key < 0) return;
    const stop = Math.max(end, start);
    out.addRow(key, start, stop, 0, 65535, flags, startRec, endRec, account, KIND_AAA, vrf);
    byAddr[2 * key + 1] = Math.max(byAddr[2 * key + 1] ?? -Infinity, end);
  };
  /** Emits open session `p` as ended at `end` and closes it. */
  const close = (p: number, end: number, endRec: number, flags: number): void => {
    const a4 = o.addr4(p);
    const a6 = o.addr6(p);
    const start = o.start(p);
    const startRec = o.startRec(p);
    // The session keeps its start record's zone bits; the end record is the one at hand (or none).
    const f = o.flags(p) | flags | state.records.zoneOf(endRec);
    const account = o.account(p);
    const vrf = o.vrf(p);
    emitKey(a4, start, end, startRec, endRec, f, account, vrf);
    emitKey(a6, start, end, startRec, endRec, f, account, vrf);
    o.close(p);
    if (a4 >= 0 && byAddr[2 * a4] === p) byAddr[2 * a4] = NO_HOLDER;
    if (a6 >= 0 && byAddr[2 * a6] === p) byAddr[2 * a6] = NO_HOLDER;
  };
  const inferredStart = (addr4: number, addr6: number, t: number): number => {
    let start = coverageStart;
    if (addr4 >= 0) start = Math.max(start, byAddr[2 * addr4 + 1] ?? -Infinity);
    if (addr6 >= 0) start = Math.max(start, byAddr[2 * addr6 + 1] ?? -Infinity);
    return Math.min(start, t);
  };
  /** Takes address `key` for pair `p`, closing the session that held it. */
  const take = (key: number, p: number, start: number): void => {
    if (key < 0) return;
    const holder = byAddr[2 * key] ?? NO_HOLDER;
    if (holder !== NO_HOLDER && holder !== p && o.isOpen(holder)) {
      close(holder, start, -1, END_INFERRED);
    }
    byAddr[2 * key] = p;
  };
  /** Takes the addresses of a session about to open for pair `p` at `start`. */
  const takeAddresses = (p: number, addr4: number, addr6: number, start: number): void => {
    take(addr4, p, start);
    take(addr6, p, start);
  };

  let touched = 0;
  for (let k = 0; k < order.length; k++) {
    if ((k & (AHEAD - 1)) === 0) {
      // Touch the rows of the next AHEAD records first: their cache misses then overlap.
      const stop = Math.min(order.length, k + AHEAD);
      for (let j = k; j < stop; j++) {
        const x = order[j] ?? 0;
        const p = pairCol[x] ?? -1;
        const a4 = addr4Col[x] ?? -1;
        const a6 = addr6Col[x] ?? -1;
        // A Start's row is written, not read (a first write to a fresh page costs a page fault;
        // a read before it would cost a second one, mapping the zero page first).
        if (p >= 0 && evCol[x] !== EV.start) touched += o.touch(p);
        if (a4 >= 0) touched += byAddr[2 * a4] ?? 0;
        if (a6 >= 0) touched += byAddr[2 * a6] ?? 0;
      }
    }
    const i = order[k] ?? 0;
    const t = ts[i] ?? 0;
    const ev = evCol[i] ?? -1;
    const rec = recCol[i] ?? -1;
    const nas = nasCol[i] ?? -1;
    if (ev === EV.on || ev === EV.off) {
      // The NAS restarted: every session it had open ended by now.
      for (const p of o.takeNas(nas)) close(p, t, rec, END_INFERRED);
      continue;
    }
    let pair = pairCol[i] ?? -1;
    if (pair < 0 && ev !== EV.stop) pair = anonymous++;
    const addr4 = addr4Col[i] ?? -1;
    const addr6 = addr6Col[i] ?? -1;
    const account = accountCol[i] ?? -1;
    const vrf = vrfCol[i] ?? -1;
    const sessionTime = st[i] ?? -1;
    const current = pair >= 0 && o.isOpen(pair);
    if (ev === EV.start) {
      if (current) close(pair, t, -1, END_INFERRED);
      takeAddresses(pair, addr4, addr6, t);
      o.open(pair, nas, t, rec, state.records.zoneOf(rec), addr4, addr6, account, vrf);
      if (k < (lastRestart[nas] ?? -1)) o.list(pair);
      continue;
    }
    if (current) {
      o.learn(pair, account, addr4, addr6);
      if (ev === EV.stop) close(pair, t, rec, 0);
      continue;
    }
    const known = sessionTime >= 0;
    const start = known ? t - sessionTime * 1000 : inferredStart(addr4, addr6, t);
    const flags = known ? 0 : START_INFERRED;
    if (ev === EV.stop) {
      const f = flags | state.records.zoneOf(rec);
      emitKey(addr4, start, t, rec, rec, f, account, vrf);
      emitKey(addr6, start, t, rec, rec, f, account, vrf);
    } else {
      takeAddresses(pair, addr4, addr6, start);
      const f = flags | state.records.zoneOf(rec);
      o.open(pair, nas, start, rec, f, addr4, addr6, account, vrf);
      if (k < (lastRestart[nas] ?? -1)) o.list(pair);
    }
  }
  // Sessions still open at the end of coverage: dense ids, then private ones, in id order.
  for (let p = 0; p < o.pairs && o.openTotal > 0; p++) {
    if (o.isOpen(p)) close(p, coverageEnd, -1, END_INFERRED);
  }
  keep(touched);
}

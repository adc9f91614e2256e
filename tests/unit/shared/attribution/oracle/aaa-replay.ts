// The AAA replay as it was before the columnar rewrite (commit 54c045f,
// shared/attribution/aaa-index.ts and open-sessions.ts), kept verbatim as a test oracle: the
// rewrite must emit the same intervals in the same order for any record stream.
import {
  END_INFERRED,
  KIND_AAA,
  START_INFERRED,
  type IntervalIndexBuilder,
} from '../../../../../shared/attribution/intervals';
import { orderByTime } from '../../../../../shared/attribution/sort-order';
import type { EngineState } from '../../../../../shared/attribution/state';

const EV = { start: 0, stop: 1, interim: 2, on: 3, off: 4 } as const;
const NO_HOLDER = -0x80000000;

class OpenSessions<T> {
  private readonly dense: Array<T | undefined>;
  private readonly other = new Map<number, T>();

  constructor(pairCount: number) {
    this.dense = new Array<T | undefined>(pairCount).fill(undefined);
  }

  get(pair: number): T | undefined {
    return pair >= 0 ? this.dense[pair] : this.other.get(pair);
  }

  set(pair: number, value: T): void {
    if (pair >= 0) this.dense[pair] = value;
    else this.other.set(pair, value);
  }

  delete(pair: number): void {
    if (pair >= 0) this.dense[pair] = undefined;
    else this.other.delete(pair);
  }

  values(): T[] {
    const out: T[] = [];
    for (const v of this.dense) if (v !== undefined) out.push(v);
    for (const v of this.other.values()) out.push(v);
    return out;
  }
}

interface Open {
  pair: number;
  nas: number;
  start: number;
  startRec: number;
  flags: number;
  addr4: number;
  addr6: number;
  account: number;
  vrf: number;
}

export function referenceBuildAaa(state: EngineState, out: IntervalIndexBuilder): void {
  const s = state.aaa;
  const ts = s.f('ts').data;
  const st = s.f('sessionTime').data;
  const cols = {
    ev: s.i('ev').data,
    rec: s.i('rec').data,
    nas: s.i('nas').data,
    pair: s.i('pair').data,
    addr4: s.i('addr4').data,
    addr6: s.i('addr6').data,
    account: s.i('account').data,
    vrf: s.i('vrf').data,
  };
  const g = (name: keyof typeof cols, i: number): number => cols[name][i] ?? -1;
  const order = orderByTime(ts, s.length);
  const coverageEnd = (state.familyMax.get('aaa') ?? 0) + 1;
  const coverageStart = state.familyMin.get('aaa') ?? 0;
  const open = new OpenSessions<Open>(state.sessionPairCount);
  const byNas = new Map<number, Set<number>>();
  /** Per address id: the pair holding it (NO_HOLDER: none), the last end of a session on it. */
  const byAddr = new Int32Array(state.addresses.size).fill(NO_HOLDER);
  const lastEnd = new Float64Array(state.addresses.size).fill(-Infinity);
  /** Sessions without a session id get a private pair number (negative, below −1). */
  let anonymous = -2;

  const emitOne = (o: Open, end: number, endRec: number, flags: number): void => {
    const zone = state.records.zoneOf(o.startRec) | state.records.zoneOf(endRec);
    for (const key of [o.addr4, o.addr6]) {
      if (key < 0) continue;
      out.add({
        key,
        start: o.start,
        end: Math.max(end, o.start),
        portLo: 0,
        portHi: 65535,
        flags: o.flags | flags | zone,
        startRec: o.startRec,
        endRec,
        target: o.account,
        kind: KIND_AAA,
        vrf: o.vrf,
      });
      lastEnd[key] = Math.max(lastEnd[key] ?? -Infinity, end);
    }
  };
  const close = (o: Open, end: number, endRec: number, flags: number): void => {
    emitOne(o, end, endRec, flags);
    open.delete(o.pair);
    byNas.get(o.nas)?.delete(o.pair);
    for (const key of [o.addr4, o.addr6])
      if (key >= 0 && byAddr[key] === o.pair) byAddr[key] = NO_HOLDER;
  };
  const inferredStart = (addr4: number, addr6: number, t: number): number => {
    let start = coverageStart;
    for (const key of [addr4, addr6])
      if (key >= 0) start = Math.max(start, lastEnd[key] ?? -Infinity);
    return Math.min(start, t);
  };
  const openSession = (o: Open): void => {
    for (const key of [o.addr4, o.addr6]) {
      if (key < 0) continue;
      const holder = byAddr[key] ?? NO_HOLDER;
      const other = holder === NO_HOLDER ? undefined : open.get(holder);
      if (other !== undefined && other.pair !== o.pair) close(other, o.start, -1, END_INFERRED);
      byAddr[key] = o.pair;
    }
    open.set(o.pair, o);
    let set = byNas.get(o.nas);
    if (set === undefined) byNas.set(o.nas, (set = new Set()));
    set.add(o.pair);
  };

  for (const i of order) {
    const t = ts[i] ?? 0;
    const ev = g('ev', i);
    const rec = g('rec', i);
    const nas = g('nas', i);
    if (ev === EV.on || ev === EV.off) {
      // The NAS restarted: every session it had open ended by now.
      for (const pair of [...(byNas.get(nas) ?? [])]) {
        const o = open.get(pair);
        if (o !== undefined) close(o, t, rec, END_INFERRED);
      }
      continue;
    }
    let pair = g('pair', i);
    if (pair < 0) pair = anonymous--;
    const addr4 = g('addr4', i);
    const addr6 = g('addr6', i);
    const account = g('account', i);
    const vrf = g('vrf', i);
    const sessionTime = st[i] ?? -1;
    const current = open.get(pair);
    if (ev === EV.start) {
      if (current !== undefined) close(current, t, -1, END_INFERRED);
      openSession({ pair, nas, start: t, startRec: rec, flags: 0, addr4, addr6, account, vrf });
      continue;
    }
    if (current !== undefined) {
      if (current.account < 0 && account >= 0) current.account = account;
      if (current.addr4 < 0 && addr4 >= 0) current.addr4 = addr4;
      if (current.addr6 < 0 && addr6 >= 0) current.addr6 = addr6;
      if (ev === EV.stop) close(current, t, rec, 0);
      continue;
    }
    const known = sessionTime >= 0;
    const start = known ? t - sessionTime * 1000 : inferredStart(addr4, addr6, t);
    const o: Open = {
      pair,
      nas,
      start,
      startRec: rec,
      flags: known ? 0 : START_INFERRED,
      addr4,
      addr6,
      account,
      vrf,
    };
    if (ev === EV.stop) emitOne(o, t, rec, 0);
    else openSession(o);
  }
  for (const o of open.values()) close(o, coverageEnd, -1, END_INFERRED);
}

import type { AaaSessionEvent } from '../model/event';
import { addressKeyText, prefixTextKey } from './address-keys';
import { END_INFERRED, KIND_AAA, START_INFERRED, type IntervalIndexBuilder } from './intervals';
import { orderByTime } from './sort-order';
import type { EngineState } from './state';

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

/**
 * The sessions held open during the replay, as columns by pair id (sessions without an id get a
 * private id after the dense (NAS, Acct-Session-Id) ids), and each NAS's open sessions as a
 * linked list in opening order (an Accounting-On/Off closes them in that order).
 */
class OpenAaa {
  readonly open: Uint8Array;
  readonly nas: Int32Array;
  readonly start: Float64Array;
  readonly startRec: Int32Array;
  readonly flags: Int32Array;
  readonly addr4: Int32Array;
  readonly addr6: Int32Array;
  readonly account: Int32Array;
  readonly vrf: Int32Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly head: Int32Array;
  private readonly tail: Int32Array;

  constructor(pairs: number, nases: number) {
    this.open = new Uint8Array(pairs);
    this.nas = new Int32Array(pairs);
    this.start = new Float64Array(pairs);
    this.startRec = new Int32Array(pairs);
    this.flags = new Int32Array(pairs);
    this.addr4 = new Int32Array(pairs);
    this.addr6 = new Int32Array(pairs);
    this.account = new Int32Array(pairs);
    this.vrf = new Int32Array(pairs);
    this.next = new Int32Array(pairs).fill(-1);
    this.prev = new Int32Array(pairs).fill(-1);
    this.head = new Int32Array(nases).fill(-1);
    this.tail = new Int32Array(nases).fill(-1);
  }

  /** Marks `pair` open (its fields set by the caller) at the end of its NAS's list. */
  link(pair: number): void {
    const nas = this.nas[pair] ?? 0;
    this.open[pair] = 1;
    const last = this.tail[nas] ?? -1;
    this.prev[pair] = last;
    this.next[pair] = -1;
    if (last >= 0) this.next[last] = pair;
    else this.head[nas] = pair;
    this.tail[nas] = pair;
  }

  unlink(pair: number): void {
    const nas = this.nas[pair] ?? 0;
    this.open[pair] = 0;
    const p = this.prev[pair] ?? -1;
    const n = this.next[pair] ?? -1;
    if (p >= 0) this.next[p] = n;
    else this.head[nas] = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail[nas] = p;
  }

  /** The open sessions of `nas`, in opening order. */
  ofNas(nas: number): number[] {
    const out: number[] = [];
    for (let p = this.head[nas] ?? -1; p >= 0; p = this.next[p] ?? -1) out.push(p);
    return out;
  }
}

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
  for (let i = 0; i < s.length; i++) if ((pairCol[i] ?? -1) < 0) anonymousCount++;
  /** Sessions without a session id get a private pair id after the dense ones. */
  let anonymous = state.sessionPairCount;
  const o = new OpenAaa(state.sessionPairCount + anonymousCount, state.nases.size);
  /** Per address id: the pair holding it (NO_HOLDER: none), the last end of a session on it. */
  const byAddr = new Int32Array(state.addresses.size).fill(NO_HOLDER);
  const lastEnd = new Float64Array(state.addresses.size).fill(-Infinity);

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
    lastEnd[key] = Math.max(lastEnd[key] ?? -Infinity, end);
  };
  /** Emits open session `p` as ended at `end` and closes it. */
  const close = (p: number, end: number, endRec: number, flags: number): void => {
    const a4 = o.addr4[p] ?? -1;
    const a6 = o.addr6[p] ?? -1;
    const start = o.start[p] ?? 0;
    const startRec = o.startRec[p] ?? -1;
    // The session keeps its start record's zone bits; the end record is the one at hand (or none).
    const f = (o.flags[p] ?? 0) | flags | state.records.zoneOf(endRec);
    const account = o.account[p] ?? -1;
    const vrf = o.vrf[p] ?? -1;
    emitKey(a4, start, end, startRec, endRec, f, account, vrf);
    emitKey(a6, start, end, startRec, endRec, f, account, vrf);
    o.unlink(p);
    if (a4 >= 0 && byAddr[a4] === p) byAddr[a4] = NO_HOLDER;
    if (a6 >= 0 && byAddr[a6] === p) byAddr[a6] = NO_HOLDER;
  };
  const inferredStart = (addr4: number, addr6: number, t: number): number => {
    let start = coverageStart;
    if (addr4 >= 0) start = Math.max(start, lastEnd[addr4] ?? -Infinity);
    if (addr6 >= 0) start = Math.max(start, lastEnd[addr6] ?? -Infinity);
    return Math.min(start, t);
  };
  /** Takes address `key` for pair `p`, closing the session that held it. */
  const take = (key: number, p: number, start: number): void => {
    if (key < 0) return;
    const holder = byAddr[key] ?? NO_HOLDER;
    if (holder !== NO_HOLDER && holder !== p && o.open[holder] === 1) {
      close(holder, start, -1, END_INFERRED);
    }
    byAddr[key] = p;
  };
  const openSession = (
    p: number,
    nas: number,
    start: number,
    startRec: number,
    flags: number,
    addr4: number,
    addr6: number,
    account: number,
    vrf: number,
  ): void => {
    take(addr4, p, start);
    take(addr6, p, start);
    o.nas[p] = nas;
    o.start[p] = start;
    o.startRec[p] = startRec;
    o.flags[p] = flags | state.records.zoneOf(startRec);
    o.addr4[p] = addr4;
    o.addr6[p] = addr6;
    o.account[p] = account;
    o.vrf[p] = vrf;
    o.link(p);
  };

  for (let k = 0; k < order.length; k++) {
    const i = order[k] ?? 0;
    const t = ts[i] ?? 0;
    const ev = evCol[i] ?? -1;
    const rec = recCol[i] ?? -1;
    const nas = nasCol[i] ?? -1;
    if (ev === EV.on || ev === EV.off) {
      // The NAS restarted: every session it had open ended by now.
      for (const p of o.ofNas(nas)) close(p, t, rec, END_INFERRED);
      continue;
    }
    let pair = pairCol[i] ?? -1;
    if (pair < 0) pair = anonymous++;
    const addr4 = addr4Col[i] ?? -1;
    const addr6 = addr6Col[i] ?? -1;
    const account = accountCol[i] ?? -1;
    const vrf = vrfCol[i] ?? -1;
    const sessionTime = st[i] ?? -1;
    const current = o.open[pair] === 1;
    if (ev === EV.start) {
      if (current) close(pair, t, -1, END_INFERRED);
      openSession(pair, nas, t, rec, 0, addr4, addr6, account, vrf);
      continue;
    }
    if (current) {
      if ((o.account[pair] ?? -1) < 0 && account >= 0) o.account[pair] = account;
      if ((o.addr4[pair] ?? -1) < 0 && addr4 >= 0) o.addr4[pair] = addr4;
      if ((o.addr6[pair] ?? -1) < 0 && addr6 >= 0) o.addr6[pair] = addr6;
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
    } else openSession(pair, nas, start, rec, flags, addr4, addr6, account, vrf);
  }
  // Sessions still open at the end of coverage: dense ids, then private ones, in id order.
  for (let p = 0; p < o.open.length; p++)
    if (o.open[p] === 1) close(p, coverageEnd, -1, END_INFERRED);
}

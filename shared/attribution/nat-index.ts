import type { NatPortblockEvent, NatSessionEvent } from '../model/event';
import { sortedOrder } from './columns';
import { addressKeyText } from './address-keys';
import {
  END_INFERRED,
  KIND_NAT_SESSION,
  START_INFERRED,
  type IntervalIndexBuilder,
} from './intervals';
import type { EngineState } from './state';

/**
 * CGN records → intervals on the outside (public) address: sessions paired create/delete by
 * tuple, port blocks paired allocate/release (interim records confirm a block is held). A
 * missing end is closed at the next allocation of the same outside resource, else at the end of
 * the NAT records' coverage, and flagged inferred; a missing start goes back to the previous
 * event on that resource (or the start of coverage), flagged inferred.
 */

const EV_CREATE = 0;
const EV_DELETE = 1;

/** The DS-Lite B4 IPv6 address some parsers carry in `extra.insideIpv6`. */
function b4Of(e: NatSessionEvent | NatPortblockEvent): string | undefined {
  const v = e.extra?.['insideIpv6'];
  return typeof v === 'string' && v !== '' ? addressKeyText(v) : undefined;
}

export function insideOf(state: EngineState, e: NatSessionEvent | NatPortblockEvent): number {
  const b4 = b4Of(e);
  return state.inside(
    state.addressId(e.insideIp),
    state.vrfId(e.vrf),
    b4 === undefined ? -1 : state.addresses.intern(b4),
  );
}

export function noteCoverage(state: EngineState, outside: number, rec: number, ts: number): void {
  const span = state.coverage.artefactSpanId('nat', state.records.artefactIdOf(rec));
  state.coverage.extend(span, ts);
  state.coverage.note(outside, span);
  state.noteTime('nat', ts);
}

export function stageNatSession(
  state: EngineState,
  e: NatSessionEvent,
  ts: number,
  rec: number,
): void {
  const outside = state.addressId(e.outsideIp);
  state.natSessions.push({
    ts,
    rec,
    ev: e.event === 'create' ? EV_CREATE : EV_DELETE,
    outside,
    proto: state.strings.intern(e.protocol ?? ''),
    port: e.outsidePort ?? -1,
    inside: insideOf(state, e),
    inPort: e.insidePort ?? -1,
    dest: e.destIp === undefined ? -1 : state.addresses.intern(e.destIp),
    dPort: e.destPort ?? -1,
  });
  noteCoverage(state, outside, rec, ts);
}

interface Open {
  start: number;
  startRec: number;
  flags: number;
  inside: number;
  lo: number;
  hi: number;
  key: string;
}

export function coverageEnd(state: EngineState): number {
  return (state.familyMax.get('nat') ?? 0) + 1;
}

export function coverageStart(state: EngineState): number {
  return state.familyMin.get('nat') ?? 0;
}

/** The fields of an open interval `emit` reads. */
export type OpenInterval = Pick<Open, 'start' | 'startRec' | 'flags' | 'inside' | 'lo' | 'hi'>;

export function emit(
  out: IntervalIndexBuilder,
  state: EngineState,
  kind: number,
  outside: number,
  o: OpenInterval,
  end: number,
  endRec: number,
  extraFlags: number,
): void {
  out.add({
    key: outside,
    start: o.start,
    end: Math.max(end, o.start),
    portLo: o.lo,
    portHi: o.hi,
    flags: o.flags | extraFlags | state.records.zoneOf(o.startRec) | state.records.zoneOf(endRec),
    startRec: o.startRec,
    endRec,
    target: o.inside,
    kind,
    vrf: state.insideVrf.get(o.inside),
  });
}

export function buildNatSessions(state: EngineState, out: IntervalIndexBuilder): void {
  const s = state.natSessions;
  const ts = s.f('ts').data;
  const rec = s.i('rec').data;
  const ev = s.i('ev').data;
  const outside = s.i('outside').data;
  const proto = s.i('proto').data;
  const port = s.i('port').data;
  const inside = s.i('inside').data;
  const inPort = s.i('inPort').data;
  const dest = s.i('dest').data;
  const dPort = s.i('dPort').data;
  const g = (a: Int32Array, i: number): number => a[i] ?? -1;
  const order = sortedOrder(
    s.length,
    (a, b) =>
      g(outside, a) - g(outside, b) ||
      g(proto, a) - g(proto, b) ||
      g(port, a) - g(port, b) ||
      (ts[a] ?? 0) - (ts[b] ?? 0) ||
      g(rec, a) - g(rec, b),
  );
  const end = coverageEnd(state);
  let k = 0;
  while (k < order.length) {
    const first = order[k] ?? 0;
    const o = g(outside, first);
    const pr = g(proto, first);
    const p = g(port, first);
    const open = new Map<string, Open>();
    let lastTouch = coverageStart(state);
    for (; k < order.length; k++) {
      const i = order[k] ?? 0;
      if (g(outside, i) !== o || g(proto, i) !== pr || g(port, i) !== p) break;
      const t = ts[i] ?? 0;
      const key = `${g(inside, i)}|${g(inPort, i)}|${g(dest, i)}|${g(dPort, i)}`;
      const lo = p < 0 ? 0 : p;
      const hi = p < 0 ? 65535 : p;
      if (g(ev, i) === EV_CREATE) {
        // The same outside port now maps another inside endpoint (or the same tuple again): any
        // open session of another endpoint, and a duplicate of this tuple, ended by now.
        const endpoint = `${g(inside, i)}|${g(inPort, i)}|`;
        for (const [ok, ov] of open) {
          if (ok === key || !ok.startsWith(endpoint)) {
            emit(out, state, KIND_NAT_SESSION, o, ov, t, -1, END_INFERRED);
            open.delete(ok);
          }
        }
        open.set(key, {
          start: t,
          startRec: g(rec, i),
          flags: 0,
          inside: g(inside, i),
          lo,
          hi,
          key,
        });
      } else {
        const ov = open.get(key);
        if (ov !== undefined) {
          emit(out, state, KIND_NAT_SESSION, o, ov, t, g(rec, i), 0);
          open.delete(key);
        } else {
          const orphan: Open = {
            start: Math.min(lastTouch, t),
            startRec: g(rec, i),
            flags: START_INFERRED,
            inside: g(inside, i),
            lo,
            hi,
            key,
          };
          emit(out, state, KIND_NAT_SESSION, o, orphan, t, g(rec, i), 0);
        }
      }
      lastTouch = t;
    }
    for (const ov of open.values())
      emit(out, state, KIND_NAT_SESSION, o, ov, end, -1, END_INFERRED);
  }
}

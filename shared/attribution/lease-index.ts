import type { DhcpLeaseEvent, IspAssignmentEvent } from '../model/event';
import { sortedOrder } from './columns';
import { addressKeyText, prefixTextKey } from './address-keys';
import { END_INFERRED, KIND_DHCP, KIND_ISP, type IntervalIndexBuilder } from './intervals';
import type { EngineState } from './state';

/**
 * DHCP leases and ISP assignment rows → intervals on the address. Leases are taken in journal
 * order (the order they were added): a later lease of the same address to another client ends the
 * earlier one at its start (inferred); a lease with no end lasts until then or the end of the DHCP
 * records' coverage (inferred). ISP rows are intervals as stated; a single time is a point.
 */

/** Lease states that mean the address was not bound to a client. */
const NOT_HELD = new Set([
  'free',
  'backup',
  'abandoned',
  'declined',
  'reset',
  'released',
  'expired',
]);

export function stageDhcp(
  state: EngineState,
  e: DhcpLeaseEvent,
  start: number,
  end: number,
  rec: number,
): void {
  const prefixLength = e.extra?.['prefixLength'];
  let key = addressKeyText(e.ip);
  if (typeof prefixLength === 'number') {
    const p = prefixTextKey(`${e.ip}/${prefixLength}`);
    if (p !== null) {
      key = p.key;
      state.prefixLengths.add(p.length);
    }
  }
  const addr = state.addresses.intern(key);
  let account = -1;
  if (e.mac !== undefined && e.mac !== '') account = state.account(e.mac, 'mac');
  else if (e.hostname !== undefined && e.hostname !== '')
    account = state.account(e.hostname, 'hostname');
  const held = e.state === undefined || !NOT_HELD.has(e.state.toLowerCase()) ? 1 : 0;
  state.dhcp.push({ start, end, rec, addr, account, held, open: Number.isFinite(end) ? 0 : 1 });
  const span = state.coverage.artefactSpanId('dhcp', state.records.artefactIdOf(rec));
  state.coverage.extend(span, start);
  if (Number.isFinite(end)) state.coverage.extend(span, end);
  state.coverage.note(addr, span);
  state.noteTime('dhcp', start);
  state.noteTime('dhcp', end);
}

export function buildDhcp(state: EngineState, out: IntervalIndexBuilder): void {
  const s = state.dhcp;
  const startCol = s.f('start').data;
  const endCol = s.f('end').data;
  const g = (name: string, i: number): number => s.i(name).data[i] ?? -1;
  const order = sortedOrder(s.length, (a, b) => g('addr', a) - g('addr', b));
  const coverageEnd = (state.familyMax.get('dhcp') ?? 0) + 1;
  let k = 0;
  while (k < order.length) {
    const addr = g('addr', order[k] ?? 0);
    const list: Array<{ i: number; start: number; end: number; flags: number }> = [];
    for (; k < order.length && g('addr', order[k] ?? 0) === addr; k++) {
      const i = order[k] ?? 0;
      const start = startCol[i] ?? 0;
      const stated = endCol[i] ?? Infinity;
      const cur = { i, start, end: Number.isFinite(stated) ? stated : Infinity, flags: 0 };
      if (!Number.isFinite(stated)) cur.flags |= END_INFERRED;
      for (const prev of list) {
        if (prev.end > start && prev.start <= start) {
          // A later declaration of the same address: the earlier binding ended when this began.
          if (g('account', prev.i) !== g('account', i) || g('held', prev.i) !== g('held', i)) {
            prev.flags |= END_INFERRED;
          }
          prev.end = start;
        }
      }
      list.push(cur);
    }
    for (const l of list) {
      const end = Number.isFinite(l.end) ? l.end : Math.max(coverageEnd, l.start + 1);
      const rec = g('rec', l.i);
      out.add({
        key: addr,
        start: l.start,
        end: end === l.start ? l.start + 1 : end,
        portLo: 0,
        portHi: 65535,
        flags: l.flags | state.records.zoneOf(rec),
        startRec: rec,
        endRec: -1,
        target: g('held', l.i) === 1 ? g('account', l.i) : -1,
        kind: KIND_DHCP,
        vrf: -1,
      });
    }
  }
}

export function stageIsp(
  state: EngineState,
  e: IspAssignmentEvent,
  start: number,
  end: number,
  rec: number,
): void {
  const addr = state.addresses.intern(addressKeyText(e.ip));
  let account = -1;
  if (e.subscriber !== undefined && e.subscriber !== '')
    account = state.account(e.subscriber, 'subscriber');
  const lo = e.portStart ?? 0;
  const hi = e.portEnd ?? (e.portStart === undefined ? 65535 : e.portStart);
  state.isp.push({ start, end, rec, addr, lo, hi, account, open: Number.isFinite(end) ? 0 : 1 });
  // A reply row speaks only for its own window (an open row: for its start).
  const last = Number.isFinite(end) && end > start ? end - 1 : start;
  state.coverage.note(addr, state.coverage.newSpan(start, last));
  state.noteTime('isp', start);
  state.noteTime('isp', end);
}

export function buildIsp(state: EngineState, out: IntervalIndexBuilder): void {
  const s = state.isp;
  const startCol = s.f('start').data;
  const endCol = s.f('end').data;
  const g = (name: string, i: number): number => s.i(name).data[i] ?? -1;
  const order = sortedOrder(
    s.length,
    (a, b) =>
      g('addr', a) - g('addr', b) ||
      g('lo', a) - g('lo', b) ||
      (startCol[a] ?? 0) - (startCol[b] ?? 0),
  );
  const coverageEnd = (state.familyMax.get('isp') ?? 0) + 1;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] ?? 0;
    const start = startCol[i] ?? 0;
    let end = endCol[i] ?? Infinity;
    let flags = 0;
    if (!Number.isFinite(end)) {
      // No end stated: until the next row for the same address and ports, else end of coverage.
      const next = order[k + 1];
      const sameNext =
        next !== undefined && g('addr', next) === g('addr', i) && g('lo', next) === g('lo', i);
      end = sameNext
        ? Math.max(startCol[next] ?? coverageEnd, start)
        : Math.max(coverageEnd, start + 1);
      flags |= END_INFERRED;
    }
    if (end <= start) end = start + 1; // a single instant ("requested time")
    const rec = g('rec', i);
    const addr = g('addr', i);
    out.add({
      key: addr,
      start,
      end,
      portLo: g('lo', i),
      portHi: g('hi', i),
      flags: flags | state.records.zoneOf(rec),
      startRec: rec,
      endRec: -1,
      target: g('account', i),
      kind: KIND_ISP,
      vrf: -1,
    });
  }
}

import type {
  AaaSessionEvent,
  DhcpLeaseEvent,
  EventZone,
  IspAssignmentEvent,
  NatPortblockEvent,
  NatSessionEvent,
} from '../../../../shared/model/event';
import { expect } from 'vitest';
import { IntervalIndexBuilder } from '../../../../shared/attribution/intervals';
import type { EngineState } from '../../../../shared/attribution/state';
import {
  createAttributionEngine,
  type AttributionEngine,
  type AttributionOptions,
  type AttributionResult,
  type Observation,
} from '../../../../shared/attribution';

export const NAT_SHA = 'a'.repeat(64);
export const AAA_SHA = 'b'.repeat(64);
export const DHCP_SHA = 'c'.repeat(64);
export const ISP_SHA = 'd'.repeat(64);
export const WEB_SHA = 'e'.repeat(64);

export const IN_BAND: EventZone = { source: 'in-band', offset: '+00:00', name: null };
export const EPOCH: EventZone = { source: 'epoch', offset: null, name: null };

let line = 0;
const nextLine = (): number => ++line;

export function pb(
  event: NatPortblockEvent['event'],
  ts: string | null,
  insideIp: string,
  outsideIp: string,
  portStart: number,
  portEnd: number,
  more: Partial<NatPortblockEvent> = {},
): NatPortblockEvent {
  return {
    type: 'nat:portblock',
    ts,
    tsRaw: ts ?? '',
    zone: EPOCH,
    artefact: NAT_SHA,
    locator: { line: nextLine() },
    event,
    insideIp,
    outsideIp,
    portStart,
    portEnd,
    ...more,
  };
}

export function sess(
  event: NatSessionEvent['event'],
  ts: string,
  inside: string,
  insidePort: number,
  outside: string,
  outsidePort: number,
  more: Partial<NatSessionEvent> = {},
): NatSessionEvent {
  return {
    type: 'nat:session',
    ts,
    tsRaw: ts,
    zone: EPOCH,
    artefact: NAT_SHA,
    locator: { line: nextLine() },
    event,
    protocol: 'tcp',
    insideIp: inside,
    insidePort,
    outsideIp: outside,
    outsidePort,
    destIp: '192.0.2.80',
    destPort: 443,
    ...more,
  };
}

export function aaa(
  event: AaaSessionEvent['event'],
  ts: string,
  more: Partial<AaaSessionEvent> = {},
): AaaSessionEvent {
  return {
    type: 'aaa:session',
    ts,
    tsRaw: ts,
    zone: EPOCH,
    artefact: AAA_SHA,
    locator: { line: nextLine() },
    event,
    nas: 'bng1',
    ...more,
  };
}

export function lease(
  ip: string,
  start: string,
  end: string | undefined,
  mac: string,
  more: Partial<DhcpLeaseEvent> = {},
): DhcpLeaseEvent {
  return {
    type: 'dhcp:lease',
    ts: start,
    tsRaw: start,
    zone: IN_BAND,
    artefact: DHCP_SHA,
    locator: { line: nextLine() },
    ip,
    mac,
    start,
    ...(end === undefined ? {} : { end }),
    ...more,
  };
}

export function isp(
  ip: string,
  start: string,
  end: string,
  subscriber: string | undefined,
  more: Partial<IspAssignmentEvent> = {},
): IspAssignmentEvent {
  return {
    type: 'isp:assignment',
    ts: start,
    tsRaw: start,
    zone: { source: 'declared', offset: '+01:00', name: 'Europe/Berlin' },
    artefact: ISP_SHA,
    locator: { row: nextLine() },
    ip,
    start,
    end,
    ...(subscriber === undefined ? {} : { subscriber }),
    ...more,
  };
}

export function obs(ip: string, port: number | undefined, ts: string): Observation {
  return {
    ip,
    ...(port === undefined ? {} : { port }),
    ts,
    source: 'csv',
    artefact: WEB_SHA,
    locator: { line: 1 },
  };
}

export function codes(r: { reasons: readonly { code: string }[] }): string[] {
  return r.reasons.map((x) => x.code).sort();
}

/**
 * An engine whose `attribute(o)` also checks the columnar result set against it: the join's
 * status and subscribers, and the set's full result, must equal the resolver's for every
 * observation a test attributes.
 */
export function createCheckedEngine(options?: AttributionOptions): AttributionEngine {
  const engine = createAttributionEngine(options);
  return {
    ...engine,
    attribute(o: Observation): AttributionResult {
      const r = engine.attribute(o);
      const set = engine.attributeSet([o]);
      expect(set.length).toBe(1);
      expect(set.status(0)).toBe(r.status);
      expect(set.subscribers(0)).toEqual(r.subscribers);
      expect(set.result(0)).toEqual(r);
      return r;
    },
  };
}

/**
 * Replays staged records with `build` into a fresh builder of `capacity` rows and returns the
 * intervals as plain arrays per column (the address index of them: key, then start, ties in
 * emission order), for comparing a replay with its oracle.
 */
export function replayed(
  state: EngineState,
  capacity: number,
  build: (state: EngineState, out: IntervalIndexBuilder) => void,
): Record<string, number[]> {
  const out = new IntervalIndexBuilder(capacity);
  build(state, out);
  const cols = out.build(state.addresses.size).cols;
  return Object.fromEntries(
    Object.entries(cols).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)]),
  );
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAaa, stageAaa } from '../../../../shared/attribution/aaa-index';
import type { IntervalIndexBuilder } from '../../../../shared/attribution/intervals';
import { zoneBits } from '../../../../shared/attribution/records';
import { EngineState } from '../../../../shared/attribution/state';
import type { AaaSessionEvent, EventZone } from '../../../../shared/model/event';
import { AAA_SHA, EPOCH, replayed } from './helpers';
import { referenceBuildAaa } from './oracle/aaa-replay';

/**
 * The columnar AAA replay against the previous implementation (kept as an oracle): for any record
 * stream — Start/Stop/Interim with and without session ids, Accounting-On/Off on two NASes,
 * restarts of the same session, Stops without a Start (with and without Acct-Session-Time), two
 * sessions on one address, IPv6 prefixes, VRFs, equal times — both must emit the same intervals
 * in the same order.
 */

const T0 = Date.UTC(2024, 2, 5);
const EVENTS: Array<AaaSessionEvent['event']> = [
  'start',
  'stop',
  'interim',
  'start',
  'stop',
  'on',
  'off',
];
const ADDRS = ['100.64.0.1', '100.64.0.2', undefined];
const PREFIXES = [undefined, '2001:db8:1::/56', '2001:db8:2::/56'];

/** Records whose event is drawn from `events` (indices into EVENTS) and session id from `sessions`. */
const recordOf = (events: fc.Arbitrary<number>, sessions: string[]) =>
  fc.record({
    dt: fc.constantFrom(0, 0, 1, 30),
    ev: events,
    nas: fc.constantFrom('bng1', 'bng2'),
    session: fc.option(fc.constantFrom(...sessions), { nil: undefined }),
    user: fc.option(fc.constantFrom('u1', 'u2', 'u3'), { nil: undefined }),
    addr: fc.integer({ min: 0, max: ADDRS.length - 1 }),
    prefix: fc.integer({ min: 0, max: PREFIXES.length - 1 }),
    sessionTime: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    vrf: fc.option(fc.constantFrom('red', 'blue'), { nil: undefined }),
    zone: fc.constantFrom<EventZone>(
      EPOCH,
      { source: 'declared', offset: '+01:00', name: 'Europe/Berlin' },
      { source: 'declared', offset: '+01:00', name: 'Europe/Berlin', ambiguous: true },
    ),
  });
const record = recordOf(fc.integer({ min: 0, max: EVENTS.length - 1 }), ['a', 'b', 'c', 'd']);
/**
 * Long runs of mostly Starts and Stops over many session ids, with a rare Accounting-On/Off: a
 * NAS's list of openings grows past twice its open sessions and is compacted, and sessions are
 * closed and re-opened (or re-started while open) between two Accounting-On/Off.
 */
const busyRecord = recordOf(
  fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(0, 1, 2, 3, 4) },
    { weight: 1, arbitrary: fc.constantFrom(5, 6) },
  ),
  ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'],
);
type Rec = typeof record extends fc.Arbitrary<infer T> ? T : never;
type Build = (state: EngineState, out: IntervalIndexBuilder) => void;

function run(records: Rec[], build: Build) {
  const state = new EngineState();
  let t = T0;
  records.forEach((x, line) => {
    t += x.dt * 1000;
    const framedIp = ADDRS[x.addr];
    const framedIpv6Prefix = PREFIXES[x.prefix];
    const e: AaaSessionEvent = {
      type: 'aaa:session',
      ts: new Date(t).toISOString(),
      tsRaw: '',
      zone: x.zone,
      artefact: AAA_SHA,
      locator: { line: line + 1 },
      event: EVENTS[x.ev] ?? 'start',
      nas: x.nas,
      ...(x.session === undefined ? {} : { sessionId: x.session }),
      ...(x.user === undefined ? {} : { user: x.user }),
      ...(framedIp === undefined ? {} : { framedIp }),
      ...(framedIpv6Prefix === undefined ? {} : { framedIpv6Prefix }),
      ...(x.sessionTime === undefined ? {} : { sessionTime: x.sessionTime }),
      ...(x.vrf === undefined ? {} : { extra: { vrf: x.vrf } }),
    };
    stageAaa(state, e, t, state.records.add(e.artefact, e.locator, t, zoneBits(e.zone)));
  });
  return replayed(state, 2 * records.length, build);
}

describe('AAA replay', () => {
  it('emits the same intervals, in the same order, as the previous implementation', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), (records) => {
        expect(run(records, buildAaa)).toEqual(run(records, referenceBuildAaa));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps Accounting-On/Off order over long runs of openings and closings', () => {
    fc.assert(
      fc.property(fc.array(busyRecord, { minLength: 100, maxLength: 400 }), (records) => {
        expect(run(records, buildAaa)).toEqual(run(records, referenceBuildAaa));
      }),
      { numRuns: 300 },
    );
  });
});

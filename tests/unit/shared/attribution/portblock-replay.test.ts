import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPortblocks, stagePortblock } from '../../../../shared/attribution/portblock-index';
import type { IntervalIndexBuilder } from '../../../../shared/attribution/intervals';
import { zoneBits } from '../../../../shared/attribution/records';
import { EngineState } from '../../../../shared/attribution/state';
import type { NatPortblockEvent } from '../../../../shared/model/event';
import { EPOCH, IN_BAND, NAT_SHA, replayed } from './helpers';
import { referenceBuildPortblocks } from './oracle/portblock-replay';

/**
 * The slot-based port-block replay against the previous implementation (kept as an oracle): for
 * any record stream — lost releases, interims without an allocation, releases without one,
 * repeated allocations, overlapping ranges of different widths, equal times, several outside
 * addresses interleaved — both must emit the same intervals in the same order.
 */

const T0 = Date.UTC(2024, 2, 5);
const OUTSIDE = ['81.2.69.1', '81.2.69.2', '2001:db8::1'];
/** Enough addresses × ranges that the slot table grows several times. */
const MANY = Array.from({ length: 4000 }, (_, i) => `81.2.${64 + (i >> 8)}.${i & 255}`);
const RANGES: Array<[number, number]> = [
  [1024, 1535],
  [1536, 2047],
  [1024, 2047],
  [1500, 1600],
  [2048, 2048],
];
const INSIDE = ['100.64.0.1', '100.64.0.2', '100.64.0.3'];
const EVENTS: Array<NatPortblockEvent['event']> = ['allocate', 'release', 'interim'];

const record = fc.record({
  dt: fc.constantFrom(0, 0, 1, 5, 60),
  ev: fc.integer({ min: 0, max: 2 }),
  outside: fc.integer({ min: 0, max: OUTSIDE.length - 1 }),
  range: fc.integer({ min: 0, max: RANGES.length - 1 }),
  inside: fc.integer({ min: 0, max: INSIDE.length - 1 }),
  declared: fc.boolean(),
});

type Build = (state: EngineState, out: IntervalIndexBuilder) => void;

type Rec = typeof record extends fc.Arbitrary<infer T> ? T : never;

function run(records: Rec[], build: Build, outsides: readonly string[] = OUTSIDE) {
  const state = new EngineState();
  let t = T0;
  records.forEach((x, line) => {
    t += x.dt * 1000;
    const [lo, hi] = RANGES[x.range] ?? [0, 0];
    const zone = x.declared
      ? { source: 'declared' as const, offset: '+01:00', name: 'Europe/Berlin' }
      : EPOCH;
    const e: NatPortblockEvent = {
      type: 'nat:portblock',
      ts: new Date(t).toISOString(),
      tsRaw: '',
      zone: x.declared ? zone : line % 2 === 0 ? EPOCH : IN_BAND,
      artefact: NAT_SHA,
      locator: { line: line + 1 },
      event: EVENTS[x.ev] ?? 'allocate',
      insideIp: INSIDE[x.inside] ?? '',
      outsideIp: outsides[x.outside % outsides.length] ?? '',
      portStart: lo,
      portEnd: hi,
    };
    stagePortblock(state, e, t, state.records.add(e.artefact, e.locator, t, zoneBits(e.zone)));
  });
  return replayed(state, records.length, build);
}

describe('port-block replay', () => {
  it('emits the same intervals, in the same order, as the previous implementation', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), (records) => {
        expect(run(records, buildPortblocks)).toEqual(run(records, referenceBuildPortblocks));
      }),
      { numRuns: 1000 },
    );
  });

  it('stays the same while the slot table grows (thousands of addresses and ranges)', () => {
    const wide = record.map((x) => x);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(wide, fc.integer({ min: 0, max: MANY.length - 1 })), {
          minLength: 3000,
          maxLength: 6000,
        }),
        (pairs) => {
          const records = pairs.map(([x, outside]) => ({ ...x, outside }));
          expect(run(records, buildPortblocks, MANY)).toEqual(
            run(records, referenceBuildPortblocks, MANY),
          );
        },
      ),
      { numRuns: 5 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntervalIndexBuilder } from '../../../../shared/attribution/intervals';
import { PortIndex } from '../../../../shared/attribution/port-index';

/** The port view visits exactly the rows the main index visits for a query with a port. */

const RANGES: Array<[number, number]> = [
  [1024, 1535],
  [1536, 2047],
  [1024, 2047],
  [1500, 1600],
  [0, 65535],
  [2048, 2048],
];

const interval = fc.record({
  key: fc.integer({ min: 0, max: 3 }),
  start: fc.integer({ min: 0, max: 100 }),
  len: fc.integer({ min: 0, max: 40 }),
  range: fc.integer({ min: 0, max: RANGES.length - 1 }),
});
const query = fc.record({
  key: fc.integer({ min: -1, max: 4 }),
  a: fc.integer({ min: -5, max: 150 }),
  width: fc.integer({ min: 0, max: 20 }),
  port: fc.constantFrom(0, 1023, 1024, 1535, 1536, 1550, 2047, 2048, 3000, 65535),
});

describe('PortIndex', () => {
  it('visits the same rows as IntervalIndex.query with a port', () => {
    fc.assert(
      fc.property(
        fc.array(interval, { maxLength: 80 }),
        fc.array(query, { maxLength: 20 }),
        (rows, queries) => {
          const builder = new IntervalIndexBuilder(rows.length);
          for (const [i, x] of rows.entries()) {
            const [lo, hi] = RANGES[x.range] ?? [0, 0];
            builder.add({
              key: x.key,
              start: x.start,
              end: x.start + x.len,
              portLo: lo,
              portHi: hi,
              flags: 0,
              startRec: i,
              endRec: -1,
              target: i,
              kind: 1,
              vrf: -1,
            });
          }
          const index = builder.build(5);
          const ports = PortIndex.of(index, 5);
          expect(ports).not.toBeNull();
          for (const q of queries) {
            const want: number[] = [];
            const got: number[] = [];
            index.query(q.key, q.a, q.a + q.width, q.port, (row) => want.push(row));
            ports?.query(q.key, q.a, q.a + q.width, q.port, (row) => got.push(row));
            expect(got.sort((x, y) => x - y)).toEqual(want.sort((x, y) => x - y));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is not made when a port range is out of bounds', () => {
    const builder = new IntervalIndexBuilder(1);
    builder.add({
      key: 0,
      start: 0,
      end: 1,
      portLo: -1,
      portHi: 70000,
      flags: 0,
      startRec: 0,
      endRec: -1,
      target: 0,
      kind: 1,
      vrf: -1,
    });
    expect(PortIndex.of(builder.build(1), 1)).toBeNull();
  });
});

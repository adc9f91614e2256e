import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntervalIndexBuilder } from '../../../../shared/attribution/intervals';
import type { PortIntervalIndex } from '../../../../shared/attribution/port-index';

/**
 * The outside index (by key, port range, start) against the plain (key, start) index of the same
 * intervals: for any query it finds the same intervals, and sorted by `compareRows` they come in
 * the order the plain index walked backwards gives once stably sorted by start — the order the
 * resolver's evidence path has always had.
 */

const RANGES: Array<[number, number]> = [
  [1024, 1535],
  [1536, 2047],
  [1024, 2047],
  [1500, 1600],
  [0, 65535],
  [2048, 2048],
];
/** Hostile ranges: outside 0–65535, or reversed. */
const ODD: Array<[number, number]> = [
  [-5, 10],
  [70_000, 80_000],
  [3000, 2000],
];

const interval = (ranges: Array<[number, number]>) =>
  fc.record({
    key: fc.integer({ min: 0, max: 3 }),
    start: fc.integer({ min: 0, max: 100 }),
    len: fc.integer({ min: 0, max: 40 }),
    range: fc.integer({ min: 0, max: ranges.length - 1 }),
  });
const query = fc.record({
  key: fc.integer({ min: -1, max: 4 }),
  a: fc.integer({ min: -5, max: 150 }),
  width: fc.integer({ min: 0, max: 20 }),
  port: fc.constantFrom(-1, 0, 5, 1023, 1024, 1535, 1536, 1550, 2047, 2048, 2500, 65535, 75_000),
});

function check(
  ranges: Array<[number, number]>,
  rows: Array<{ key: number; start: number; len: number; range: number }>,
  queries: Array<{ key: number; a: number; width: number; port: number }>,
): void {
  const builder = new IntervalIndexBuilder(rows.length);
  for (const [i, x] of rows.entries()) {
    const [lo, hi] = ranges[x.range] ?? [0, 0];
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
  const plain = builder.build(5);
  const byPort = builder.buildByPort(5);
  for (const q of queries) {
    const b = q.a + q.width;
    const want: number[] = [];
    plain.query(q.key, q.a, b, q.port, (row) => want.push(row));
    want.sort((x, y) => (plain.cols.start[x] ?? 0) - (plain.cols.start[y] ?? 0));
    const got: number[] = [];
    byPort.query(q.key, q.a, b, q.port, (row) => got.push(row));
    got.sort(byPort.compareRows);
    expect(got.map((row) => byPort.startRec(row))).toEqual(
      want.map((row) => plain.cols.startRec[row]),
    );
    if (q.port >= 0) checkTouchAhead(byPort, q.key, q.port, b);
  }
}

/**
 * The join's read-ahead helpers (join-ahead.ts) name the group and row `query` scans first: the
 * last range group of the key starting at or below the port, and its last row starting by `b`.
 */
function checkTouchAhead(index: PortIntervalIndex, key: number, port: number, b: number): void {
  const n = index.size;
  const rows = [...Array(n).keys()];
  const lows = rows
    .filter((i) => index.key(i) === key && index.portLo(i) <= port)
    .map((i) => index.portLo(i));
  const g = index.groupAt(key, port);
  if (lows.length === 0) {
    expect(g).toBe(-1);
    return;
  }
  expect(g).toBeGreaterThanOrEqual(0);
  const row = index.lastStart(g, b);
  const lo = Math.max(...lows);
  // Rows of that group (the key's ranges with the greatest lo; the last of them in index order).
  const group = rows.filter((i) => index.key(i) === key && index.portLo(i) === lo);
  const hi = index.portHi(group[group.length - 1] ?? 0);
  const inGroup = group.filter((i) => index.portHi(i) === hi);
  const starting = inGroup.filter((i) => (index.starts[i] ?? 0) <= b);
  expect(row).toBe(starting.length === 0 ? -1 : Math.max(...starting));
  if (row >= 0) expect(index.stagedTarget(index.touchRow(row))).toBe(index.target(row));
}

describe('PortIntervalIndex', () => {
  it('finds what the plain index finds, in the same order once sorted', () => {
    fc.assert(
      fc.property(
        fc.array(interval(RANGES), { maxLength: 80 }),
        fc.array(query, { maxLength: 20 }),
        (rows, queries) => check(RANGES, rows, queries),
      ),
      { numRuns: 500 },
    );
  });

  it('does so with port ranges out of bounds or reversed too', () => {
    const ranges = [...RANGES, ...ODD];
    fc.assert(
      fc.property(
        fc.array(interval(ranges), { maxLength: 60 }),
        fc.array(query, { maxLength: 20 }),
        (rows, queries) => check(ranges, rows, queries),
      ),
      { numRuns: 300 },
    );
  });
});

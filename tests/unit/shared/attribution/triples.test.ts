import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupByTriple } from '../../../../shared/attribution/triples';

/** groupByTriple's order against a comparator sort of row indices by (key, lo, hi, row). */
function reference(key: number[], lo: number[], hi: number[]): number[] {
  return key
    .map((_, i) => i)
    .sort(
      (a, b) =>
        (key[a] ?? 0) - (key[b] ?? 0) ||
        (lo[a] ?? 0) - (lo[b] ?? 0) ||
        (hi[a] ?? 0) - (hi[b] ?? 0) ||
        a - b,
    );
}

const row = (ports: fc.Arbitrary<number>) =>
  fc.tuple(fc.integer({ min: -1, max: 40 }), ports, ports);

function check(rows: Array<[number, number, number]>, hint?: number[]): void {
  const key = rows.map((r) => r[0]);
  const lo = rows.map((r) => r[1]);
  const hi = rows.map((r) => r[2]);
  const g = groupByTriple(
    Int32Array.from(key),
    Int32Array.from(lo),
    Int32Array.from(hi),
    rows.length,
    41,
    hint === undefined ? undefined : Int32Array.from(hint),
  );
  expect(Array.from(g.order)).toEqual(reference(key, lo, hi));
  // The groups: each a run of rows of one triple, triples ascending, every row's rank its group.
  expect(g.from[0]).toBe(0);
  expect(g.from[g.key.length]).toBe(rows.length);
  for (let r = 0; r < g.key.length; r++) {
    const triple = [g.key[r], g.lo[r], g.hi[r]];
    if (r > 0) {
      const before = [g.key[r - 1] ?? 0, g.lo[r - 1] ?? 0, g.hi[r - 1] ?? 0];
      const cmp = before[0]! - triple[0]! || before[1]! - triple[1]! || before[2]! - triple[2]!;
      expect(cmp).toBeLessThan(0);
    }
    expect((g.from[r + 1] ?? 0) - (g.from[r] ?? 0)).toBeGreaterThan(0);
    for (let k = g.from[r] ?? 0; k < (g.from[r + 1] ?? 0); k++) {
      const row = g.order[k] ?? 0;
      expect([key[row], lo[row], hi[row]]).toEqual(triple);
      expect(g.rank[row]).toBe(r);
    }
  }
}

/** Hints as the port-block replay gives them: one number per distinct triple, some rows none. */
function replayHints(rows: Array<[number, number, number]>, none: boolean[]): number[] {
  const ids = new Map<string, number>();
  return rows.map((r, i) => {
    const name = r.join();
    if (!ids.has(name)) ids.set(name, ids.size);
    return none[i] === true ? -1 : (ids.get(name) ?? -1);
  });
}

describe('groupByTriple', () => {
  it('orders rows by (key, lo, hi), equal triples in row order', () => {
    fc.assert(
      fc.property(
        fc.array(row(fc.constantFrom(0, 1, 1024, 2047, 65535)), { maxLength: 300 }),
        (rows) => check(rows),
      ),
      { numRuns: 300 },
    );
  });

  it('with ports out of 0–65535 (hostile input) too', () => {
    fc.assert(
      fc.property(
        fc.array(row(fc.integer({ min: -70_000, max: 70_000 })), { maxLength: 200 }),
        (rows) => check(rows),
      ),
      { numRuns: 200 },
    );
  });

  it('takes hints: one number per triple (some rows without), or numbers naming several', () => {
    const rows = fc.array(row(fc.constantFrom(0, 1, 1024, 2047, 65535)), { maxLength: 300 });
    fc.assert(
      fc.property(rows, fc.array(fc.boolean(), { maxLength: 300 }), (r, none) =>
        check(r, replayHints(r, none)),
      ),
      { numRuns: 300 },
    );
    // Wrong hints (the same number for different triples, beyond the first table) change nothing.
    fc.assert(
      fc.property(rows, fc.array(fc.integer({ min: -1, max: 5000 }), { maxLength: 300 }), (r, h) =>
        check(
          r,
          r.map((_, i) => h[i] ?? -1),
        ),
      ),
      { numRuns: 300 },
    );
  });

  it('with more distinct triples than the first table holds', () => {
    const rows: Array<[number, number, number]> = [];
    for (let i = 0; i < 20_000; i++)
      rows.push([((i * 7919) % 41) - 1, (i * 104729) % 65536, i % 3]);
    check(rows);
    check(rows, replayHints(rows, []));
  });
});

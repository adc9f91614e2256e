import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderByTriple } from '../../../../shared/attribution/triples';

/** orderByTriple against a comparator sort of row indices by (key, lo, hi, row). */
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
  const got = orderByTriple(
    Int32Array.from(key),
    Int32Array.from(lo),
    Int32Array.from(hi),
    rows.length,
    41,
    hint === undefined ? undefined : Int32Array.from(hint),
  );
  expect(Array.from(got)).toEqual(reference(key, lo, hi));
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

describe('orderByTriple', () => {
  it('orders rows by (key, lo, hi), equal triples in row order', () => {
    fc.assert(
      fc.property(
        fc.array(row(fc.constantFrom(0, 1, 1024, 2047, 65535)), { maxLength: 300 }),
        check,
      ),
      { numRuns: 300 },
    );
  });

  it('with ports out of 0–65535 (hostile input) too', () => {
    fc.assert(
      fc.property(
        fc.array(row(fc.integer({ min: -70_000, max: 70_000 })), { maxLength: 200 }),
        check,
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

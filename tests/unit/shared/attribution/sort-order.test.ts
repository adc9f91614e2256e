import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderByKey, orderByTime } from '../../../../shared/attribution/sort-order';

/** The reference: a comparator sort of row indices by (key, value, row). */
function reference(values: number[], keys: number[] | null): number[] {
  return values
    .map((_, i) => i)
    .sort((a, b) => {
      const k = keys === null ? 0 : (keys[a] ?? 0) - (keys[b] ?? 0);
      if (k !== 0) return k;
      const x = values[a] ?? 0;
      const y = values[b] ?? 0;
      if (Number.isNaN(x) || Number.isNaN(y))
        return Number.isNaN(x) ? (Number.isNaN(y) ? a - b : 1) : -1;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
}

const millis = fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_000 + 2 ** 33 });
const anyTime = fc.oneof(
  millis,
  fc.double({ noNaN: false, noDefaultInfinity: false }).map((x) => (Object.is(x, -0) ? 0 : x)),
);

describe('sort orders', () => {
  it('orderByTime: stable ascending order of whole milliseconds, close and far apart', () => {
    fc.assert(
      fc.property(fc.array(millis, { maxLength: 300 }), (values) => {
        const order = orderByTime(Float64Array.from(values), values.length);
        expect([...order]).toEqual(reference(values, null));
      }),
    );
  });

  it('orderByTime: any float64 (fractions, negatives, infinities, NaN last)', () => {
    fc.assert(
      fc.property(fc.array(anyTime, { maxLength: 300 }), (values) => {
        const order = orderByTime(Float64Array.from(values), values.length);
        expect([...order]).toEqual(reference(values, null));
      }),
    );
  });

  it('orderByKey after orderByTime: order by (key, time, row), keys from −1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -1, max: 5 }), fc.integer({ min: 0, max: 20 })), {
          maxLength: 300,
        }),
        (rows) => {
          const keys = rows.map(([k]) => k);
          const values = rows.map(([, v]) => v);
          const order = orderByKey(
            Int32Array.from(keys),
            6,
            orderByTime(Float64Array.from(values), values.length),
          );
          expect([...order]).toEqual(reference(values, keys));
        },
      ),
    );
  });

  it('puts NaN last whatever its sign bit', () => {
    const negativeNaN = new Float64Array(new Uint32Array([0, 0xfff80000]).buffer)[0] ?? NaN;
    const values = Float64Array.from([NaN, 1, negativeNaN, -Infinity, 0.5]);
    expect([...orderByTime(values, values.length)]).toEqual([3, 4, 1, 0, 2]);
  });

  it('leaves sorted input as it is', () => {
    const order = orderByTime(Float64Array.from([1, 2, 2, 3]), 4);
    expect([...order]).toEqual([0, 1, 2, 3]);
  });
});

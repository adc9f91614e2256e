/**
 * Stable sort orders over typed-array columns without comparator callbacks (a comparator sort of
 * ten million rows takes tens of seconds; these take a few linear passes):
 *
 * - `orderByTime`: an LSD radix sort of float64 values (times in ms), 16-bit digits, passes whose
 *   digit is the same for every row skipped; already sorted input costs one check.
 * - `orderByKey`: a counting sort by a small integer key (an interned id, a port).
 *
 * Both keep equal rows in their incoming order, so `orderByKey(key, orderByTime(ts))` is the order
 * by (key, time, row) — rows are staged in record order, so that is (key, time, record).
 */

const DIGIT_BITS = 16;
const DIGITS = 1 << DIGIT_BITS;
const DIGIT_MASK = DIGITS - 1;

function identity(n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

function isSortedBy(values: Float64Array, order: Uint32Array): boolean {
  for (let k = 1; k < order.length; k++) {
    const prev = values[order[k - 1] ?? 0] ?? 0;
    const next = values[order[k] ?? 0] ?? 0;
    if (prev > next || (Number.isNaN(prev) && !Number.isNaN(next))) return false;
  }
  return true;
}

/**
 * One stable counting pass: `src` reordered into `dst` by the 16-bit digit `(key[row] >>> shift)`.
 * Returns false (and leaves `dst` untouched) when every row has the same digit.
 */
function digitPass(
  key: Uint32Array,
  shift: number,
  src: Uint32Array,
  dst: Uint32Array,
  count: Uint32Array,
): boolean {
  count.fill(0);
  const n = src.length;
  for (let k = 0; k < n; k++) {
    const d = ((key[src[k] ?? 0] ?? 0) >>> shift) & DIGIT_MASK;
    count[d] = (count[d] ?? 0) + 1;
  }
  let sum = 0;
  for (let d = 0; d < DIGITS; d++) {
    const c = count[d] ?? 0;
    if (c === n) return false;
    count[d] = sum;
    sum += c;
  }
  for (let k = 0; k < n; k++) {
    const row = src[k] ?? 0;
    const d = ((key[row] ?? 0) >>> shift) & DIGIT_MASK;
    const at = count[d] ?? 0;
    dst[at] = row;
    count[d] = at + 1;
  }
  return true;
}

/** Runs the digit passes of every word (least significant first); returns the final order. */
function radix(words: readonly Uint32Array[], order: Uint32Array): Uint32Array {
  let src = order;
  let dst: Uint32Array = new Uint32Array(order.length);
  const count = new Uint32Array(DIGITS);
  for (const word of words) {
    for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
      if (digitPass(word, shift, src, dst, count)) [src, dst] = [dst, src];
    }
  }
  return src;
}

/**
 * Rows `0..n-1` (or `order`, reordered in place of a copy) sorted by `values` ascending, stable.
 * NaN sorts after +Infinity.
 */
export function orderByTime(values: Float64Array, n: number, order = identity(n)): Uint32Array {
  if (isSortedBy(values, order)) return order;
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? 0;
    if (!Number.isInteger(v)) {
      integral = false;
      break;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (integral && max - min < 2 ** 32) {
    // Whole milliseconds within ~49 days of each other: one 32-bit word.
    const key = new Uint32Array(values.length);
    for (let i = 0; i < n; i++) key[i] = (values[i] ?? 0) - min;
    return radix([key], order);
  }
  // Any float64: its bits as an unsigned 64-bit number that sorts like the value.
  const lo = new Uint32Array(values.length);
  const hi = new Uint32Array(values.length);
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer);
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? 0;
    f[0] = v;
    let l = u[little ? 0 : 1] ?? 0;
    let h = u[little ? 1 : 0] ?? 0;
    if (Number.isNaN(v)) {
      // Any NaN (its sign bit may be set) after +Infinity.
      l = 0xffffffff;
      h = 0xffffffff;
    } else if (h >>> 31 === 1) {
      l = ~l >>> 0;
      h = ~h >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    lo[i] = l;
    hi[i] = h;
  }
  return radix([lo, hi], order);
}

/** `order` stably reordered by `key[row]` (integers ≥ −1, below `keyCount`). */
export function orderByKey(key: Int32Array, keyCount: number, order: Uint32Array): Uint32Array {
  const n = order.length;
  const count = new Uint32Array(keyCount + 2);
  for (let k = 0; k < n; k++) {
    const c = (key[order[k] ?? 0] ?? -1) + 2;
    count[c] = (count[c] ?? 0) + 1;
  }
  let sorted = true;
  for (let k = 1; k < n && sorted; k++) {
    if ((key[order[k - 1] ?? 0] ?? 0) > (key[order[k] ?? 0] ?? 0)) sorted = false;
  }
  if (sorted) return order;
  for (let c = 1; c < count.length; c++) count[c] = (count[c] ?? 0) + (count[c - 1] ?? 0);
  const out = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const row = order[k] ?? 0;
    const c = (key[row] ?? -1) + 1;
    const at = count[c] ?? 0;
    out[at] = row;
    count[c] = at + 1;
  }
  return out;
}

/**
 * `order` stably reordered by port range (`lo`, then `hi`). Ports within 0–65535: two counting
 * passes; any other values (hostile input): ranked through the sorted distinct ranges.
 */
export function orderByRange(lo: Int32Array, hi: Int32Array, order: Uint32Array): Uint32Array {
  let bounded = true;
  for (let i = 0; i < lo.length && bounded; i++) {
    const l = lo[i] ?? -1;
    const h = hi[i] ?? -1;
    if (l < 0 || l > 65_535 || h < 0 || h > 65_535) bounded = false;
  }
  if (bounded) return orderByKey(lo, 65_536, orderByKey(hi, 65_536, order));
  const ids = new Map<string, number>();
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < lo.length; i++) {
    const name = `${lo[i]},${hi[i]}`;
    if (!ids.has(name)) {
      ids.set(name, ranges.length);
      ranges.push([lo[i] ?? 0, hi[i] ?? 0]);
    }
  }
  const sorted = ranges.map((_, i) => i);
  sorted.sort((x, y) => {
    const [a1, b1] = ranges[x] ?? [0, 0];
    const [a2, b2] = ranges[y] ?? [0, 0];
    return a1 - a2 || b1 - b2;
  });
  const rankOf = new Int32Array(ranges.length);
  sorted.forEach((id, rank) => (rankOf[id] = rank));
  const rank = new Int32Array(lo.length);
  for (let i = 0; i < lo.length; i++) rank[i] = rankOf[ids.get(`${lo[i]},${hi[i]}`) ?? 0] ?? 0;
  return orderByKey(rank, ranges.length, order);
}

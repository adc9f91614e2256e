import { GrowableInt32 } from './columns';
import { orderByKey, orderByRange } from './sort-order';

/** A well-mixed 32-bit hash of three integers (an address id and a port range). */
export function hashTriple(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/**
 * Rows `0..n-1` stably ordered by (key, lo, hi) in one counting pass: each row's triple is
 * numbered through a hash table (a CGN's rows share a few hundred thousand distinct (address,
 * range) triples), the distinct triples are sorted (few), and the rows are counted out by their
 * triple's rank. Equal triples keep their row order.
 */
export function orderByTriple(
  key: Int32Array,
  lo: Int32Array,
  hi: Int32Array,
  n: number,
  keyCount: number,
): Uint32Array {
  // Distinct triples, 4 ints each (the fourth unused: one triple per 16 bytes).
  const triples = new GrowableInt32(1024);
  let table = new Int32Array(4096);
  let mask = table.length - 1;
  let count = 0;
  const id = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = key[i] ?? 0;
    const l = lo[i] ?? 0;
    const h = hi[i] ?? 0;
    let s = hashTriple(k, l, h) & mask;
    let found = -1;
    for (;;) {
      const e = table[s] ?? 0;
      if (e === 0) break;
      const at = (e - 1) * 4;
      const d = triples.data;
      if (d[at] === k && d[at + 1] === l && d[at + 2] === h) {
        found = e - 1;
        break;
      }
      s = (s + 1) & mask;
    }
    if (found < 0) {
      found = count++;
      triples.push(k);
      triples.push(l);
      triples.push(h);
      triples.push(0);
      table[s] = found + 1;
      if (2 * count > table.length) {
        table = new Int32Array(table.length * 2);
        mask = table.length - 1;
        const d = triples.data;
        for (let t = 0; t < count; t++) {
          let u = hashTriple(d[4 * t] ?? 0, d[4 * t + 1] ?? 0, d[4 * t + 2] ?? 0) & mask;
          while ((table[u] ?? 0) !== 0) u = (u + 1) & mask;
          table[u] = t + 1;
        }
      }
    }
    id[i] = found;
  }
  // Rank the distinct triples by (key, lo, hi).
  const d = triples.data;
  const tKey = new Int32Array(count);
  const tLo = new Int32Array(count);
  const tHi = new Int32Array(count);
  const identity = new Uint32Array(count);
  for (let t = 0; t < count; t++) {
    tKey[t] = d[4 * t] ?? 0;
    tLo[t] = d[4 * t + 1] ?? 0;
    tHi[t] = d[4 * t + 2] ?? 0;
    identity[t] = t;
  }
  const sorted = orderByKey(tKey, keyCount, orderByRange(tLo, tHi, identity));
  const rankOf = new Int32Array(count);
  for (let r = 0; r < count; r++) rankOf[sorted[r] ?? 0] = r;
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[i] = rankOf[id[i] ?? 0] ?? 0;
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return orderByKey(rank, count, rows);
}

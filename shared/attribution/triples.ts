import { GrowableInt32 } from './columns';
import { orderByKey, orderByRange } from './sort-order';

/** A well-mixed 32-bit hash of three integers (an address id and a port range). */
export function hashTriple(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/** Rows grouped by their (key, lo, hi) triple, groups in (key, lo, hi) order. */
export interface TripleGroups {
  /** Rows, group after group; within a group in row order. */
  readonly order: Uint32Array;
  /** Group g is `order[from[g] .. from[g + 1])`; `from` has one entry more than there are groups. */
  readonly from: Int32Array;
  readonly key: Int32Array;
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  /** Per row: its group. */
  readonly rank: Int32Array;
}

/**
 * Rows `0..n-1` grouped and stably ordered by (key, lo, hi) in one counting pass: each row's triple is
 * numbered through a hash table (a CGN's rows share a few hundred thousand distinct (address,
 * range) triples), the distinct triples are sorted (few), and the rows are counted out by their
 * triple's rank. Equal triples keep their row order.
 *
 * `hint` (optional): per row, a number the caller already gave its triple (the port-block
 * replay's range slot), or −1. A hinted row is looked up in the hash table only the first time its
 * hint is seen; later rows with that hint take the same triple after a check that it is theirs
 * (a hint that names two triples just costs the lookup).
 */
export function groupByTriple(
  key: Int32Array,
  lo: Int32Array,
  hi: Int32Array,
  n: number,
  keyCount: number,
  hint?: Int32Array,
): TripleGroups {
  const ids = new TripleIds();
  let hintId = new Int32Array(0);
  const id = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = key[i] ?? 0;
    const l = lo[i] ?? 0;
    const h = hi[i] ?? 0;
    const x = hint === undefined ? -1 : (hint[i] ?? -1);
    if (x < 0) {
      id[i] = ids.idOf(k, l, h);
      continue;
    }
    if (x >= hintId.length) {
      const grown = new Int32Array(Math.max(1024, 2 * x + 2)).fill(-1);
      grown.set(hintId);
      hintId = grown;
    }
    const known = hintId[x] ?? -1;
    if (known >= 0 && ids.is(known, k, l, h)) {
      id[i] = known;
      continue;
    }
    id[i] = hintId[x] = ids.idOf(k, l, h);
  }
  const count = ids.count;
  // Rank the distinct triples by (key, lo, hi).
  const d = ids.triples.data;
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
  const gKey = new Int32Array(count);
  const gLo = new Int32Array(count);
  const gHi = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    const t = sorted[r] ?? 0;
    rankOf[t] = r;
    gKey[r] = tKey[t] ?? 0;
    gLo[r] = tLo[t] ?? 0;
    gHi[r] = tHi[t] ?? 0;
  }
  const rank = new Int32Array(n);
  const from = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) {
    const r = rankOf[id[i] ?? 0] ?? 0;
    rank[i] = r;
    from[r + 1] = (from[r + 1] ?? 0) + 1;
  }
  for (let r = 0; r < count; r++) from[r + 1] = (from[r + 1] ?? 0) + (from[r] ?? 0);
  const next = from.slice(0, count);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rank[i] ?? 0;
    order[next[r] ?? 0] = i;
    next[r] = (next[r] ?? 0) + 1;
  }
  return { order, from, key: gKey, lo: gLo, hi: gHi, rank };
}

/** Distinct (key, lo, hi) triples numbered 0, 1, … in order of first sight (open addressing). */
class TripleIds {
  /** 4 ints per triple (the fourth unused: one triple per 16 bytes). */
  readonly triples = new GrowableInt32(1024);
  private table = new Int32Array(4096);
  private mask = 4095;
  count = 0;

  is(t: number, k: number, l: number, h: number): boolean {
    const d = this.triples.data;
    return d[4 * t] === k && d[4 * t + 1] === l && d[4 * t + 2] === h;
  }

  idOf(k: number, l: number, h: number): number {
    let s = hashTriple(k, l, h) & this.mask;
    for (;;) {
      const e = this.table[s] ?? 0;
      if (e === 0) break;
      if (this.is(e - 1, k, l, h)) return e - 1;
      s = (s + 1) & this.mask;
    }
    const found = this.count++;
    this.triples.push(k);
    this.triples.push(l);
    this.triples.push(h);
    this.triples.push(0);
    this.table[s] = found + 1;
    if (2 * this.count > this.table.length) this.grow();
    return found;
  }

  private grow(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    const d = this.triples.data;
    for (let t = 0; t < this.count; t++) {
      let u = hashTriple(d[4 * t] ?? 0, d[4 * t + 1] ?? 0, d[4 * t + 2] ?? 0) & mask;
      while ((table[u] ?? 0) !== 0) u = (u + 1) & mask;
      table[u] = t + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}

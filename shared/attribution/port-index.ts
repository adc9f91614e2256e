import type { IntervalIndex } from './intervals';
import { orderByKey } from './sort-order';

/**
 * A second view of an interval index for queries with a port: the rows of each key grouped by
 * port range (`[portLo, portHi]`, one group per distinct range), each group sorted by start with
 * its own running maximum of `end`. Behind a CGN one address carries dozens of port blocks held at
 * once; in the main index (by key, then start) a window query walks back over the intervals of
 * every block, here only over those of the ranges that contain the port.
 *
 * Visits the same rows as `IntervalIndex.query` with that port, in another order: the join, which
 * only collects accounts, uses it; the resolver, whose evidence path follows the main index's
 * order, does not.
 */
export class PortIndex {
  /** Row ids of the main index, by (key, portLo, portHi, start). */
  private readonly row: Int32Array;
  private readonly start: Float64Array;
  private readonly end: Float64Array;
  private readonly maxEnd: Float64Array;
  /** Range groups: positions `[groupFrom, groupTo)` in `row`, and the range. */
  private readonly groupFrom: Int32Array;
  private readonly groupTo: Int32Array;
  private readonly groupLo: Int32Array;
  private readonly groupHi: Int32Array;
  /** Per key: its range groups `[keyFrom, keyTo)`, sorted by `lo`, and the widest range. */
  private readonly keyFrom: Int32Array;
  private readonly keyTo: Int32Array;
  private readonly widest: Int32Array;

  /** The port view of `index`, or null when a port range is not within 0–65535 (hostile input). */
  static of(index: IntervalIndex, keyCount: number): PortIndex | null {
    const { portLo, portHi } = index.cols;
    for (let i = 0; i < portLo.length; i++) {
      const lo = portLo[i] ?? -1;
      const hi = portHi[i] ?? -1;
      if (lo < 0 || hi > 65_535 || lo > hi) return null;
    }
    return new PortIndex(index, keyCount);
  }

  private constructor(index: IntervalIndex, keyCount: number) {
    const { key, start, end, portLo, portHi } = index.cols;
    const n = key.length;
    const identity = new Uint32Array(n);
    for (let i = 0; i < n; i++) identity[i] = i;
    // Rows are by (key, start): stable passes by portHi, portLo, key keep start order inside.
    const order = orderByKey(
      key,
      keyCount,
      orderByKey(portLo, 65_536, orderByKey(portHi, 65_536, identity)),
    );
    this.row = new Int32Array(n);
    this.start = new Float64Array(n);
    this.end = new Float64Array(n);
    this.maxEnd = new Float64Array(n);
    let groups = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k] ?? 0;
      const j = order[k - 1] ?? 0;
      if (k === 0 || key[i] !== key[j] || portLo[i] !== portLo[j] || portHi[i] !== portHi[j]) {
        groups++;
      }
    }
    this.groupFrom = new Int32Array(groups);
    this.groupTo = new Int32Array(groups);
    this.groupLo = new Int32Array(groups);
    this.groupHi = new Int32Array(groups);
    this.keyFrom = new Int32Array(keyCount);
    this.keyTo = new Int32Array(keyCount);
    this.widest = new Int32Array(keyCount);
    let g = -1;
    let running = -Infinity;
    for (let k = 0; k < n; k++) {
      const i = order[k] ?? 0;
      const j = order[k - 1] ?? 0;
      const kk = key[i] ?? 0;
      if (k === 0 || kk !== key[j] || portLo[i] !== portLo[j] || portHi[i] !== portHi[j]) {
        if (g >= 0) this.groupTo[g] = k;
        g++;
        this.groupFrom[g] = k;
        this.groupLo[g] = portLo[i] ?? 0;
        this.groupHi[g] = portHi[i] ?? 0;
        if (k === 0 || kk !== key[j]) this.keyFrom[kk] = g;
        this.keyTo[kk] = g + 1;
        this.widest[kk] = Math.max(this.widest[kk] ?? 0, (portHi[i] ?? 0) - (portLo[i] ?? 0));
        running = -Infinity;
      }
      const e = end[i] ?? 0;
      running = Math.max(running, e);
      this.row[k] = i;
      this.start[k] = start[i] ?? 0;
      this.end[k] = e;
      this.maxEnd[k] = running;
    }
    if (g >= 0) this.groupTo[g] = n;
  }

  /**
   * Calls `visit(row)` (a row of the main index) for every interval of `key` whose port range
   * contains `port` (≥ 0), with `start <= b` and `end > a`.
   */
  query(key: number, a: number, b: number, port: number, visit: (row: number) => void): void {
    if (key < 0 || key >= this.keyFrom.length) return;
    const first = this.keyFrom[key] ?? 0;
    const last = this.keyTo[key] ?? 0;
    if (last <= first) return;
    // Last range group with lo <= port; earlier ones may still reach it, up to the widest range.
    let lo = first;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.groupLo[mid] ?? 0) <= port) lo = mid + 1;
      else hi = mid;
    }
    const floor = port - (this.widest[key] ?? 0);
    for (let g = lo - 1; g >= first; g--) {
      if ((this.groupLo[g] ?? 0) < floor) break;
      if ((this.groupHi[g] ?? 0) < port) continue;
      this.scan(this.groupFrom[g] ?? 0, this.groupTo[g] ?? 0, a, b, visit);
    }
  }

  private scan(from: number, to: number, a: number, b: number, visit: (row: number) => void): void {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.start[mid] ?? 0) <= b) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= from; k--) {
      if ((this.maxEnd[k] ?? -Infinity) <= a) break;
      if ((this.end[k] ?? 0) > a) visit(this.row[k] ?? 0);
    }
  }
}

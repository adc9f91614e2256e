import type { IntervalRows } from './interval-rows';
import type { TripleGroups } from './triples';

/**
 * The interval index of outside addresses: rows grouped by key, then by port range (one group per
 * distinct `[portLo, portHi]`, groups in `lo` order), each group sorted by start with its own
 * running maximum of `end`. Behind a CGN one address carries dozens of port blocks held at once;
 * in a plain (key, start) order a window query would walk back over the intervals of every block,
 * here only over those of the ranges that contain the port.
 *
 * Only start and end are kept as columns in index order (what a query searches); a row's other
 * fields are read from the staged row it came from (`emitted`), all in one cache line — putting
 * eleven columns in index order would read millions of staged rows at random once more.
 *
 * Rows are visited group by group, not in start order: a caller that needs an order sorts the rows
 * it got by `compareRows` (start, then latest emitted first — the order of a (key, start) index
 * walked backwards, in which ties keep the order the intervals were emitted in).
 */
export class PortIntervalIndex {
  /** Per row: its position among the intervals as emitted (the staged row). */
  readonly emitted: Int32Array;
  /** Per row: start and end (ms). */
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  private readonly maxEnd: Float64Array;
  /** Range groups: rows `[groupFrom, groupTo)`, and the range. */
  private readonly groupFrom: Int32Array;
  private readonly groupTo: Int32Array;
  private readonly groupLo: Int32Array;
  private readonly groupHi: Int32Array;
  /** Per key: its range groups `[keyFrom, keyTo)` and the widest range. */
  private readonly keyFrom: Int32Array;
  private readonly keyTo: Int32Array;
  private readonly widest: Float64Array;

  /**
   * `groups`: the staged rows grouped by (key, portLo, portHi), in start order within each group
   * (`groups.order`: the staged row of each index row); `starts`/`ends` in that same order.
   */
  constructor(
    private readonly rows: IntervalRows,
    groups: TripleGroups,
    starts: Float64Array,
    ends: Float64Array,
    keyCount: number,
  ) {
    const n = starts.length;
    const { order, from, key, lo, hi } = groups;
    this.emitted = new Int32Array(order.buffer, order.byteOffset, n);
    this.starts = starts;
    this.ends = ends;
    this.maxEnd = new Float64Array(n);
    const count = key.length;
    this.groupFrom = from.subarray(0, count);
    this.groupTo = from.subarray(1, count + 1);
    this.groupLo = lo;
    this.groupHi = hi;
    this.keyFrom = new Int32Array(keyCount);
    this.keyTo = new Int32Array(keyCount);
    this.widest = new Float64Array(keyCount);
    for (let g = 0; g < count; g++) {
      const k = key[g] ?? 0;
      if (g === 0 || k !== key[g - 1]) this.keyFrom[k] = g;
      this.keyTo[k] = g + 1;
      this.widest[k] = Math.max(this.widest[k] ?? 0, (hi[g] ?? 0) - (lo[g] ?? 0));
      let running = -Infinity;
      const to = from[g + 1] ?? 0;
      for (let i = from[g] ?? 0; i < to; i++) {
        running = Math.max(running, ends[i] ?? -Infinity);
        this.maxEnd[i] = running;
      }
    }
  }

  /** Row i's fields, read from its staged row. */
  target(i: number): number {
    return this.rows.target(this.emitted[i] ?? 0);
  }
  flags(i: number): number {
    return this.rows.flags(this.emitted[i] ?? 0);
  }
  portLo(i: number): number {
    return this.rows.portLo(this.emitted[i] ?? 0);
  }
  portHi(i: number): number {
    return this.rows.portHi(this.emitted[i] ?? 0);
  }
  kind(i: number): number {
    return this.rows.kind(this.emitted[i] ?? 0);
  }
  startRec(i: number): number {
    return this.rows.startRec(this.emitted[i] ?? 0);
  }
  endRec(i: number): number {
    return this.rows.endRec(this.emitted[i] ?? 0);
  }
  /** (The index itself finds rows by key through its groups; this is for checking them.) */
  key(i: number): number {
    return this.rows.key(this.emitted[i] ?? 0);
  }

  get size(): number {
    return this.starts.length;
  }

  /**
   * Calls `visit(row)` for every interval of `key` with `start <= b` and `end > a` (half-open
   * interval against the closed window `[a, b]`) whose port range contains `port` (any port when
   * `port` is −1).
   */
  query(key: number, a: number, b: number, port: number, visit: (row: number) => void): void {
    if (key < 0 || key >= this.keyFrom.length) return;
    const first = this.keyFrom[key] ?? 0;
    const last = this.keyTo[key] ?? 0;
    if (last <= first) return;
    if (port < 0) {
      for (let g = first; g < last; g++) this.scan(g, a, b, visit);
      return;
    }
    // From the last range group with lo <= port back: earlier ones may reach the port, up to the
    // widest range.
    const floor = port - (this.widest[key] ?? 0);
    for (let g = this.groupAt(key, port); g >= first; g--) {
      if ((this.groupLo[g] ?? 0) < floor) break;
      if ((this.groupHi[g] ?? 0) >= port) this.scan(g, a, b, visit);
    }
  }

  /** Visits the rows of group `g` with `start <= b` and `end > a`. */
  private scan(g: number, a: number, b: number, visit: (row: number) => void): void {
    const from = this.groupFrom[g] ?? 0;
    const end = this.ends;
    for (let i = this.lastStart(g, b); i >= from; i--) {
      if ((this.maxEnd[i] ?? -Infinity) <= a) break;
      if ((end[i] ?? 0) > a) visit(i);
    }
  }

  /**
   * The last range group of `key` whose range starts at or below `port` (the first one `query`
   * scans; `join-ahead.ts` touches it ahead), or −1.
   */
  groupAt(key: number, port: number): number {
    if (key < 0 || key >= this.keyFrom.length) return -1;
    const first = this.keyFrom[key] ?? 0;
    let lo = first;
    let hi = this.keyTo[key] ?? 0;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.groupLo[mid] ?? 0) <= port) lo = mid + 1;
      else hi = mid;
    }
    return lo > first ? lo - 1 : -1;
  }

  /** For touching ahead: reads group `g`'s bounds and the first and last start of its rows. */
  touchGroup(g: number): number {
    const from = this.groupFrom[g] ?? 0;
    const to = this.groupTo[g] ?? 0;
    return (this.starts[from] ?? 0) + (this.starts[to - 1] ?? 0);
  }

  /** The last row of group `g` starting at or before `b` (−1 none): where `scan` starts. */
  lastStart(g: number, b: number): number {
    const from = this.groupFrom[g] ?? 0;
    const start = this.starts;
    let lo = from;
    let hi = this.groupTo[g] ?? 0;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((start[mid] ?? 0) <= b) lo = mid + 1;
      else hi = mid;
    }
    return lo > from ? lo - 1 : -1;
  }

  /** For touching ahead: reads what `scan` reads of row `i`; returns its staged row. */
  touchRow(i: number): number {
    const read = (this.maxEnd[i] ?? 0) + (this.ends[i] ?? 0); // never NaN: keeps the reads
    return Number.isNaN(read) ? -1 : (this.emitted[i] ?? -1);
  }

  /** For touching ahead: the target of staged row `staged` (`touchRow`'s answer). */
  stagedTarget(staged: number): number {
    return this.rows.target(staged);
  }

  /** Orders rows by start, then the latest emitted first. */
  compareRows = (x: number, y: number): number =>
    (this.starts[x] ?? 0) - (this.starts[y] ?? 0) ||
    (this.emitted[y] ?? 0) - (this.emitted[x] ?? 0);
}

import type { IntervalColumns } from './intervals';

/**
 * The interval index of outside addresses: rows grouped by key, then by port range (one group per
 * distinct `[portLo, portHi]`, groups in `lo` order), each group sorted by start with its own
 * running maximum of `end`. Behind a CGN one address carries dozens of port blocks held at once;
 * in a plain (key, start) order a window query would walk back over the intervals of every block,
 * here only over those of the ranges that contain the port.
 *
 * Rows are visited group by group, not in start order: a caller that needs an order sorts the rows
 * it got by `compareRows` (start, then latest emitted first — the order of a (key, start) index
 * walked backwards, in which ties keep the order the intervals were emitted in).
 */
export class PortIntervalIndex {
  /** Per row: its position among the intervals as emitted (the builder's row). */
  readonly emitted: Int32Array;
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

  /** `cols` in (key, portLo, portHi, start) order; `emitted[i]`: the builder row of row i. */
  constructor(
    readonly cols: IntervalColumns,
    emitted: Uint32Array,
    keyCount: number,
  ) {
    const { key, end, portLo, portHi } = cols;
    const n = key.length;
    this.emitted = new Int32Array(emitted.buffer, emitted.byteOffset, n);
    this.maxEnd = new Float64Array(n);
    let groups = 0;
    for (let i = 0; i < n; i++) {
      if (
        i === 0 ||
        key[i] !== key[i - 1] ||
        portLo[i] !== portLo[i - 1] ||
        portHi[i] !== portHi[i - 1]
      ) {
        groups++;
      }
    }
    this.groupFrom = new Int32Array(groups);
    this.groupTo = new Int32Array(groups);
    this.groupLo = new Int32Array(groups);
    this.groupHi = new Int32Array(groups);
    this.keyFrom = new Int32Array(keyCount);
    this.keyTo = new Int32Array(keyCount);
    this.widest = new Float64Array(keyCount);
    let g = -1;
    let running = -Infinity;
    for (let i = 0; i < n; i++) {
      const k = key[i] ?? 0;
      const newKey = i === 0 || k !== key[i - 1];
      if (newKey || portLo[i] !== portLo[i - 1] || portHi[i] !== portHi[i - 1]) {
        if (g >= 0) this.groupTo[g] = i;
        g++;
        this.groupFrom[g] = i;
        this.groupLo[g] = portLo[i] ?? 0;
        this.groupHi[g] = portHi[i] ?? 0;
        if (newKey) this.keyFrom[k] = g;
        this.keyTo[k] = g + 1;
        this.widest[k] = Math.max(this.widest[k] ?? 0, (portHi[i] ?? 0) - (portLo[i] ?? 0));
        running = -Infinity;
      }
      running = Math.max(running, end[i] ?? -Infinity);
      this.maxEnd[i] = running;
    }
    if (g >= 0) this.groupTo[g] = n;
  }

  get size(): number {
    return this.cols.key.length;
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
    // The last range group with lo <= port; earlier ones may reach it, up to the widest range.
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
      if ((this.groupHi[g] ?? 0) >= port) this.scan(g, a, b, visit);
    }
  }

  /** Visits the rows of group `g` with `start <= b` and `end > a`. */
  private scan(g: number, a: number, b: number, visit: (row: number) => void): void {
    const from = this.groupFrom[g] ?? 0;
    const start = this.cols.start;
    let lo = from;
    let hi = this.groupTo[g] ?? 0;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((start[mid] ?? 0) <= b) lo = mid + 1;
      else hi = mid;
    }
    const end = this.cols.end;
    for (let i = lo - 1; i >= from; i--) {
      if ((this.maxEnd[i] ?? -Infinity) <= a) break;
      if ((end[i] ?? 0) > a) visit(i);
    }
  }

  /**
   * For touching ahead only (see `join-ahead.ts`): the last range group of `key` whose range starts
   * at or below `port` (the first one `query` scans), or −1.
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
    return (this.cols.start[from] ?? 0) + (this.cols.start[to - 1] ?? 0);
  }

  /** For touching ahead: the last row of group `g` starting at or before `b` (−1 none). */
  lastStart(g: number, b: number): number {
    const from = this.groupFrom[g] ?? 0;
    const start = this.cols.start;
    let lo = from;
    let hi = this.groupTo[g] ?? 0;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((start[mid] ?? 0) <= b) lo = mid + 1;
      else hi = mid;
    }
    return lo > from ? lo - 1 : -1;
  }

  /** For touching ahead: reads what `scan` and the caller read of row `i`; returns its target. */
  touchRow(i: number): number {
    const read = (this.maxEnd[i] ?? 0) + (this.cols.end[i] ?? 0); // never NaN: keeps the reads
    return Number.isNaN(read) ? -1 : (this.cols.target[i] ?? -1);
  }

  /** Orders rows by start, then the latest emitted first. */
  compareRows = (x: number, y: number): number =>
    (this.cols.start[x] ?? 0) - (this.cols.start[y] ?? 0) ||
    (this.emitted[y] ?? 0) - (this.emitted[x] ?? 0);
}

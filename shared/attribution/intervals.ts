import { GrowableFloat64, GrowableInt32 } from './columns';
import {
  F_END,
  F_ROW,
  F_START,
  I_END_REC,
  I_FLAGS,
  I_KEY,
  I_KIND,
  I_PORT_HI,
  I_PORT_LO,
  I_ROW,
  I_START_REC,
  I_TARGET,
  I_TRIPLE,
  I_VRF,
  IntervalRows,
  ROW_BYTES,
} from './interval-rows';
import { PortIntervalIndex } from './port-index';
import { orderByKey, orderByTime } from './sort-order';
import { keep } from './touch';
import { groupByTriple } from './triples';

/** Interval flag bits (the low bits hold zone bits of the records, see records.ts). */
export const START_INFERRED = 8;
export const END_INFERRED = 16;

/** Step kinds as small integers (column `kind`). */
export const KIND_NAT_SESSION = 0;
export const KIND_NAT_PORTBLOCK = 1;
export const KIND_AAA = 2;
export const KIND_DHCP = 3;
export const KIND_ISP = 4;

export interface IntervalInput {
  key: number;
  start: number;
  end: number;
  portLo: number;
  portHi: number;
  flags: number;
  startRec: number;
  endRec: number;
  /** NAT: inside endpoint id; address records: account id (−1: the address was not held). */
  target: number;
  kind: number;
  vrf: number;
}

/**
 * Builds a columnar interval index: half-open `[start, end)` in ms with a port range, grouped by
 * key (an interned address) and sorted by start, with a running maximum of `end` per group so a
 * window query is a binary search plus a short backward scan.
 *
 * Intervals are staged row by row (all fields of one interval in one cache line): putting millions
 * of rows in (key, start) order reads them in an order unrelated to the one they were written in,
 * and a row costs one cache miss where eleven columns would cost eleven. The sort keys are read
 * from the rows in one sequential pass when the index is built.
 */
export class IntervalIndexBuilder {
  private rowF: Float64Array;
  private rowI: Int32Array;
  private count = 0;

  /**
   * `capacity`: the expected number of intervals, at most (an upper bound costs little: pages
   * never written are never touched, while growing copies every row).
   */
  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    const buffer = new ArrayBuffer(ROW_BYTES * c);
    this.rowF = new Float64Array(buffer);
    this.rowI = new Int32Array(buffer);
  }

  get size(): number {
    return this.count;
  }

  add(i: IntervalInput): void {
    this.addRow(
      i.key,
      i.start,
      i.end,
      i.portLo,
      i.portHi,
      i.flags,
      i.startRec,
      i.endRec,
      i.target,
      i.kind,
      i.vrf,
    );
  }

  /**
   * `add` with the fields as arguments, for the replays that emit millions of intervals (an
   * `IntervalInput` literal per interval is not optimised away there: hundreds of MB of garbage).
   */
  addRow(
    key: number,
    start: number,
    end: number,
    portLo: number,
    portHi: number,
    flags: number,
    startRec: number,
    endRec: number,
    target: number,
    kind: number,
    vrf: number,
    triple = -1,
  ): void {
    if ((this.count + 1) * F_ROW > this.rowF.length) {
      const buffer = new ArrayBuffer(2 * this.rowF.byteLength);
      new Uint8Array(buffer).set(new Uint8Array(this.rowF.buffer));
      this.rowF = new Float64Array(buffer);
      this.rowI = new Int32Array(buffer);
    }
    const f = this.count * F_ROW;
    this.rowF[f + F_START] = start;
    this.rowF[f + F_END] = end;
    const at = this.count * I_ROW;
    const r = this.rowI;
    r[at + I_KEY] = key;
    r[at + I_PORT_LO] = portLo;
    r[at + I_PORT_HI] = portHi;
    r[at + I_FLAGS] = flags;
    r[at + I_START_REC] = startRec;
    r[at + I_END_REC] = endRec;
    r[at + I_TARGET] = target;
    r[at + I_KIND] = kind;
    r[at + I_VRF] = vrf;
    r[at + I_TRIPLE] = triple;
    this.count++;
  }

  /** The index by (key, start): for address records, whose keys hold few intervals each. */
  build(keyCount: number): IntervalIndex {
    const n = this.count;
    const key = new Int32Array(n);
    const start = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      key[i] = this.rowI[i * I_ROW + I_KEY] ?? 0;
      start[i] = this.rowF[i * F_ROW + F_START] ?? 0;
    }
    const order = orderByKey(key, keyCount, orderByTime(start, n));
    return new IntervalIndex(this.gather(order), keyCount);
  }

  /**
   * The index by (key, port range, start): for outside addresses, each carrying dozens of port
   * blocks held at once (see `PortIntervalIndex`). It keeps the staged rows.
   */
  buildByPort(keyCount: number): PortIntervalIndex {
    const n = this.count;
    const key = new Int32Array(n);
    const portLo = new Int32Array(n);
    const portHi = new Int32Array(n);
    const triple = new Int32Array(n);
    const r = this.rowI;
    for (let i = 0; i < n; i++) {
      key[i] = r[i * I_ROW + I_KEY] ?? 0;
      portLo[i] = r[i * I_ROW + I_PORT_LO] ?? 0;
      portHi[i] = r[i * I_ROW + I_PORT_HI] ?? 0;
      triple[i] = r[i * I_ROW + I_TRIPLE] ?? -1;
    }
    // Intervals of one range on one address mostly come out of the replay in start order already
    // (a range holds one block at a time): group them as emitted, and sort by time first only if
    // some group turns out not to be in start order.
    let groups = groupByTriple(key, portLo, portHi, n, keyCount, triple);
    let times = this.gatherTimes(groups.order);
    if (!groupsInStartOrder(times.starts, groups.from)) {
      const order = orderByKey(groups.rank, groups.key.length, orderByTime(this.starts(), n));
      groups = { ...groups, order };
      times = this.gatherTimes(order);
    }
    const { starts, ends } = times;
    const rows = new IntervalRows(
      new Float64Array(this.rowF.buffer, 0, n * F_ROW),
      new Int32Array(this.rowI.buffer, 0, n * I_ROW),
    );
    return new PortIntervalIndex(rows, groups, starts, ends, keyCount);
  }

  /** The starts of the staged rows, in staged order. */
  private starts(): Float64Array {
    const n = this.count;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.rowF[i * F_ROW + F_START] ?? 0;
    return out;
  }

  /** Start and end of the staged rows in `order` (one cache line a row; the next rows read ahead). */
  private gatherTimes(order: Uint32Array): { starts: Float64Array; ends: Float64Array } {
    const n = order.length;
    const starts = new Float64Array(n);
    const ends = new Float64Array(n);
    const f = this.rowF;
    let touched = 0;
    for (let i = 0; i < n; i++) {
      if ((i & (GATHER_AHEAD - 1)) === 0) {
        const stop = Math.min(n, i + GATHER_AHEAD);
        for (let j = i; j < stop; j++) touched += f[(order[j] ?? 0) * F_ROW + F_START] ?? 0;
      }
      const at = (order[i] ?? 0) * F_ROW;
      starts[i] = f[at + F_START] ?? 0;
      ends[i] = f[at + F_END] ?? 0;
    }
    keep(touched);
    return { starts, ends };
  }

  /** The staged rows in `order`, as columns. */
  private gather(order: Uint32Array): IntervalColumns {
    const n = this.count;
    const cols: IntervalColumns = {
      key: new Int32Array(n),
      start: new Float64Array(n),
      end: new Float64Array(n),
      portLo: new Int32Array(n),
      portHi: new Int32Array(n),
      flags: new Int32Array(n),
      startRec: new Int32Array(n),
      endRec: new Int32Array(n),
      target: new Int32Array(n),
      kind: new Int32Array(n),
      vrf: new Int32Array(n),
    };
    const f = this.rowF;
    const r = this.rowI;
    let touched = 0;
    for (let i = 0; i < n; i++) {
      if ((i & (GATHER_AHEAD - 1)) === 0) {
        // Read the next rows' first word first: their cache misses overlap instead of queueing.
        const stop = Math.min(n, i + GATHER_AHEAD);
        for (let j = i; j < stop; j++) touched += r[(order[j] ?? 0) * I_ROW + I_KEY] ?? 0;
      }
      const row = order[i] ?? 0;
      const at = row * I_ROW;
      cols.start[i] = f[row * F_ROW + F_START] ?? 0;
      cols.end[i] = f[row * F_ROW + F_END] ?? 0;
      cols.key[i] = r[at + I_KEY] ?? 0;
      cols.portLo[i] = r[at + I_PORT_LO] ?? 0;
      cols.portHi[i] = r[at + I_PORT_HI] ?? 0;
      cols.flags[i] = r[at + I_FLAGS] ?? 0;
      cols.startRec[i] = r[at + I_START_REC] ?? 0;
      cols.endRec[i] = r[at + I_END_REC] ?? 0;
      cols.target[i] = r[at + I_TARGET] ?? 0;
      cols.kind[i] = r[at + I_KIND] ?? 0;
      cols.vrf[i] = r[at + I_VRF] ?? 0;
    }
    keep(touched);
    return cols;
  }
}

/** Rows read ahead by `gather` (see touch.ts). */
const GATHER_AHEAD = 64;

/** True when within each group `[from[g], from[g + 1])` the starts never decrease. */
function groupsInStartOrder(starts: Float64Array, from: Int32Array): boolean {
  for (let g = 0; g + 1 < from.length; g++) {
    const to = from[g + 1] ?? 0;
    for (let i = (from[g] ?? 0) + 1; i < to; i++) {
      if ((starts[i] ?? 0) < (starts[i - 1] ?? 0)) return false;
    }
  }
  return true;
}

export interface IntervalColumns {
  readonly key: Int32Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly portLo: Int32Array;
  readonly portHi: Int32Array;
  readonly flags: Int32Array;
  readonly startRec: Int32Array;
  readonly endRec: Int32Array;
  readonly target: Int32Array;
  readonly kind: Int32Array;
  readonly vrf: Int32Array;
}

export class IntervalIndex {
  /** Per key id: first row and one past the last row (equal when the key has none). */
  private readonly groupFrom: Int32Array;
  private readonly groupTo: Int32Array;
  /** Running maximum of `end` within the group, up to and including the row. */
  private readonly maxEnd: Float64Array;

  constructor(
    readonly cols: IntervalColumns,
    keyCount: number,
  ) {
    const n = cols.key.length;
    this.groupFrom = new Int32Array(keyCount);
    this.groupTo = new Int32Array(keyCount);
    this.maxEnd = new Float64Array(n);
    let i = 0;
    while (i < n) {
      const k = cols.key[i] ?? 0;
      this.groupFrom[k] = i;
      let running = -Infinity;
      while (i < n && cols.key[i] === k) {
        running = Math.max(running, cols.end[i] ?? -Infinity);
        this.maxEnd[i] = running;
        i++;
      }
      this.groupTo[k] = i;
    }
  }

  get size(): number {
    return this.cols.key.length;
  }

  /**
   * Calls `visit(row)` for every interval of `key` with `start <= b` and `end > a` (half-open
   * interval against the closed window `[a, b]`) whose port range contains `port` (any port when
   * `port` is −1). Rows are visited from the latest start backwards.
   */
  query(key: number, a: number, b: number, port: number, visit: (row: number) => void): void {
    if (key < 0 || key >= this.groupFrom.length) return;
    const from = this.groupFrom[key] ?? 0;
    const to = this.groupTo[key] ?? 0;
    if (to <= from) return;
    const { start, end, portLo, portHi } = this.cols;
    // Last row with start <= b.
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((start[mid] ?? 0) <= b) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= from; i--) {
      if ((this.maxEnd[i] ?? -Infinity) <= a) break;
      if ((end[i] ?? 0) <= a) continue;
      if (port >= 0 && (port < (portLo[i] ?? 0) || port > (portHi[i] ?? 0))) continue;
      visit(i);
    }
  }

  /**
   * For touching ahead only (see `join-ahead.ts`): reads the bounds of `key`'s rows (the sum
   * keeps the read of `groupTo`) and returns its first row, or −1.
   */
  touchKey(key: number): number {
    if (key < 0 || key >= this.groupFrom.length) return -1;
    const from = this.groupFrom[key] ?? 0;
    return from + (this.groupTo[key] ?? 0) >= 0 ? from : -1;
  }

  /**
   * For touching ahead: reads the fields `query` reads of row `row` (`touchKey`'s answer: the
   * key's first row — an address's few sessions usually share its cache line or the next).
   */
  touchRows(row: number): number {
    if (row < 0 || row >= this.maxEnd.length) return 0;
    const c = this.cols;
    return (c.start[row] ?? 0) + (c.end[row] ?? 0) + (this.maxEnd[row] ?? 0) + (c.target[row] ?? 0);
  }
}

/**
 * Coverage: which time spans the records speak for, per address. A log artefact speaks for every
 * address it mentions from its first to its last record; an ISP reply row only for its own window.
 */
export class CoverageBuilder {
  readonly spanStart = new GrowableFloat64();
  readonly spanEnd = new GrowableFloat64();
  /** Per key: its first span (−1 none) and, rarely, more in a map. */
  private readonly firstSpan = new GrowableInt32();
  private readonly moreSpans = new Map<number, number[]>();
  private readonly artefactSpan = new Map<string, number>();

  private last = { family: '', artefact: NaN, span: -1 };

  /** The span id of a log artefact (family + artefact id), created empty on first use. */
  artefactSpanId(family: string, artefact: number): number {
    const last = this.last;
    if (last.family === family && last.artefact === artefact) return last.span;
    const name = `${family}\u0000${artefact}`;
    let id = this.artefactSpan.get(name);
    if (id === undefined) {
      id = this.spanStart.push(Infinity);
      this.spanEnd.push(-Infinity);
      this.artefactSpan.set(name, id);
    }
    this.last = { family, artefact, span: id };
    return id;
  }

  newSpan(start: number, end: number): number {
    const id = this.spanStart.push(start);
    this.spanEnd.push(end);
    return id;
  }

  extend(span: number, t: number): void {
    if (!Number.isFinite(t)) return;
    if (t < this.spanStart.get(span)) this.spanStart.set(span, t);
    if (t > this.spanEnd.get(span)) this.spanEnd.set(span, t);
  }

  note(key: number, span: number): void {
    while (this.firstSpan.length <= key) this.firstSpan.push(-1);
    const first = this.firstSpan.get(key);
    if (first === span) return;
    if (first < 0) {
      this.firstSpan.set(key, span);
      return;
    }
    const more = this.moreSpans.get(key);
    if (more === undefined) this.moreSpans.set(key, [span]);
    else if (!more.includes(span)) more.push(span);
  }

  spanEndOf(span: number): number {
    return this.spanEnd.get(span);
  }
  spanStartOf(span: number): number {
    return this.spanStart.get(span);
  }

  /** True when some span noted for `key` meets the closed window `[a, b]`. */
  covers(key: number, a: number, b: number): boolean {
    const meets = (s: number): boolean => this.spanStart.get(s) <= b && this.spanEnd.get(s) >= a;
    const first = key >= 0 && key < this.firstSpan.length ? this.firstSpan.get(key) : -1;
    if (first < 0) return false;
    if (meets(first)) return true;
    for (const s of this.moreSpans.get(key) ?? []) if (meets(s)) return true;
    return false;
  }
}

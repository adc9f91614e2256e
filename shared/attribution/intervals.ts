import { GrowableFloat64, GrowableInt32 } from './columns';
import { orderByKey, orderByTime } from './sort-order';

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
 */
export class IntervalIndexBuilder {
  private readonly key: GrowableInt32;
  private readonly start: GrowableFloat64;
  private readonly end: GrowableFloat64;
  private readonly portLo: GrowableInt32;
  private readonly portHi: GrowableInt32;
  private readonly flags: GrowableInt32;
  private readonly startRec: GrowableInt32;
  private readonly endRec: GrowableInt32;
  private readonly target: GrowableInt32;
  private readonly kind: GrowableInt32;
  private readonly vrf: GrowableInt32;

  /**
   * `capacity`: the expected number of intervals, at most (an upper bound costs little: pages
   * never written are never touched, while growing copies every column).
   */
  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.key = new GrowableInt32(c);
    this.start = new GrowableFloat64(c);
    this.end = new GrowableFloat64(c);
    this.portLo = new GrowableInt32(c);
    this.portHi = new GrowableInt32(c);
    this.flags = new GrowableInt32(c);
    this.startRec = new GrowableInt32(c);
    this.endRec = new GrowableInt32(c);
    this.target = new GrowableInt32(c);
    this.kind = new GrowableInt32(c);
    this.vrf = new GrowableInt32(c);
  }

  get size(): number {
    return this.key.length;
  }

  add(i: IntervalInput): void {
    this.key.push(i.key);
    this.start.push(i.start);
    this.end.push(i.end);
    this.portLo.push(i.portLo);
    this.portHi.push(i.portHi);
    this.flags.push(i.flags);
    this.startRec.push(i.startRec);
    this.endRec.push(i.endRec);
    this.target.push(i.target);
    this.kind.push(i.kind);
    this.vrf.push(i.vrf);
  }

  build(keyCount: number): IntervalIndex {
    const n = this.key.length;
    const key = this.key.data;
    const start = this.start.data;
    const order = orderByKey(key, keyCount, orderByTime(start, n));
    const pickF = (src: Float64Array): Float64Array => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = src[order[i] ?? 0] ?? 0;
      return out;
    };
    const pickI = (src: Int32Array): Int32Array => {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = src[order[i] ?? 0] ?? 0;
      return out;
    };
    const cols: IntervalColumns = {
      key: pickI(this.key.data),
      start: pickF(this.start.data),
      end: pickF(this.end.data),
      portLo: pickI(this.portLo.data),
      portHi: pickI(this.portHi.data),
      flags: pickI(this.flags.data),
      startRec: pickI(this.startRec.data),
      endRec: pickI(this.endRec.data),
      target: pickI(this.target.data),
      kind: pickI(this.kind.data),
      vrf: pickI(this.vrf.data),
    };
    return new IntervalIndex(cols, keyCount);
  }
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

  hasKey(key: number): boolean {
    return (
      key >= 0 &&
      key < this.groupFrom.length &&
      (this.groupTo[key] ?? 0) > (this.groupFrom[key] ?? 0)
    );
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

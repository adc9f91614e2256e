/**
 * Growable typed-array columns and a string interner: the engine keeps record and interval
 * fields in columns (one typed array per field) instead of one object per record.
 */

export class GrowableFloat64 {
  data: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }
  push(value: number): number {
    if (this.length === this.data.length) {
      const next = new Float64Array(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = value;
    return this.length++;
  }
  get(i: number): number {
    return this.data[i] ?? NaN;
  }
  set(i: number, value: number): void {
    this.data[i] = value;
  }
}

export class GrowableInt32 {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): number {
    if (this.length === this.data.length) {
      const next = new Int32Array(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = value;
    return this.length++;
  }
  get(i: number): number {
    return this.data[i] ?? -1;
  }
  set(i: number, value: number): void {
    this.data[i] = value;
  }
}

/** String ↔ dense integer id. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
  find(value: string): number {
    return this.ids.get(value) ?? -1;
  }
  value(id: number): string {
    return this.values[id] ?? '';
  }
  get size(): number {
    return this.values.length;
  }
}

/** Indices `0..n-1` sorted by the comparator (stable). */
export function sortedOrder(n: number, compare: (a: number, b: number) => number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => compare(a, b) || a - b);
  return order;
}

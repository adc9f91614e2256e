/**
 * AAA sessions held open while the records are replayed, by pair id: the dense ids of
 * (NAS, Acct-Session-Id) in an array, the private negative ids of sessions without an id in a map.
 */
export class OpenSessions<T> {
  private readonly dense: Array<T | undefined>;
  private readonly other = new Map<number, T>();

  constructor(pairCount: number) {
    this.dense = new Array<T | undefined>(pairCount).fill(undefined);
  }

  get(pair: number): T | undefined {
    return pair >= 0 ? this.dense[pair] : this.other.get(pair);
  }

  set(pair: number, value: T): void {
    if (pair >= 0) this.dense[pair] = value;
    else this.other.set(pair, value);
  }

  delete(pair: number): void {
    if (pair >= 0) this.dense[pair] = undefined;
    else this.other.delete(pair);
  }

  values(): T[] {
    const out: T[] = [];
    for (const v of this.dense) if (v !== undefined) out.push(v);
    for (const v of this.other.values()) out.push(v);
    return out;
  }
}

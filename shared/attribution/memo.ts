/**
 * A memo of a computation by text key, emptied when it reaches `limit` entries: observations
 * repeat the same few thousand public addresses, and parsing one costs more than a lookup.
 */
export class BoundedMemo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit = 65_536) {}

  get(key: string, make: (key: string) => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined || this.map.has(key)) return hit as V;
    if (this.map.size >= this.limit) this.map.clear();
    const value = make(key);
    this.map.set(key, value);
    return value;
  }
}

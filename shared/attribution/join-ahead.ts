import { correctedTime, seenIp, type ObservedIp, type ResolverInput } from './resolve';
import { isoUtcToMs } from './time';
import { keep } from './touch';
import type { Observation } from './types';

/** Observations read and touched ahead at once. */
export const AHEAD = 32;

/**
 * Reads a batch of observations (time and address, as `joinAccounts` takes them) and touches, stage
 * by stage, the memory their join will read first: range group, rows, inside address, account
 * rows. The join of one observation is a chain of about a dozen dependent cache misses; touched a
 * stage at a time for the whole batch, the misses of different observations overlap instead of
 * following one another. Nothing here decides anything: `joinAccounts` then does the join itself
 * (and reads whatever was not touched, e.g. a second candidate row).
 */
export class JoinAhead {
  private readonly raw: Array<number | null> = new Array<number | null>(AHEAD).fill(null);
  private readonly seen: Array<ObservedIp | null> = new Array<ObservedIp | null>(AHEAD).fill(null);
  private readonly until = new Float64Array(AHEAD);
  private readonly group = new Int32Array(AHEAD);
  private readonly row = new Int32Array(AHEAD);
  private readonly first = new Int32Array(AHEAD);

  constructor(private readonly r: ResolverInput) {}

  /** Reads observations `[from, from + count)` (count ≤ AHEAD) and touches their join's rows. */
  prepare(observations: readonly Observation[], from: number, count: number): void {
    const r = this.r;
    if (r.det.length > 0 || r.map.length > 0) {
      // The join cannot decide alone (joinAccounts returns false): the full resolver reads these.
      this.raw.fill(null);
      this.seen.fill(null);
      return;
    }
    for (let j = 0; j < count; j++) {
      const o = observations[from + j] as Observation;
      const raw = isoUtcToMs(o.ts);
      const seen = raw === null ? null : seenIp(r, o);
      this.raw[j] = raw;
      this.seen[j] = seen;
      this.group[j] = -1;
      if (raw === null || seen === null || seen.key < 0 || o.port === undefined) continue;
      this.until[j] = correctedTime(r, o, raw) + r.toleranceMs;
      this.group[j] = r.outside.groupAt(seen.key, o.port);
    }
    const { outside, address, insideJoinKeys } = r;
    let sink = 0;
    for (let j = 0; j < count; j++) {
      const g = this.group[j] ?? -1;
      if (g >= 0) sink += outside.touchGroup(g);
    }
    for (let j = 0; j < count; j++) {
      const g = this.group[j] ?? -1;
      this.row[j] = g >= 0 ? outside.lastStart(g, this.until[j] ?? 0) : -1;
    }
    for (let j = 0; j < count; j++) {
      const row = this.row[j] ?? -1;
      this.row[j] = row >= 0 ? outside.touchRow(row) : -1;
    }
    for (let j = 0; j < count; j++) {
      const staged = this.row[j] ?? -1;
      const inside = staged >= 0 ? outside.stagedTarget(staged) : -1;
      this.first[j] = inside >= 0 ? (insideJoinKeys[inside] ?? -1) : -1;
    }
    for (let j = 0; j < count; j++) this.first[j] = address.touchKey(this.first[j] ?? -1);
    for (let j = 0; j < count; j++) sink += address.touchRows(this.first[j] ?? -1);
    keep(sink);
  }

  /** The time of the batch's observation `j` (`isoUtcToMs` of its `ts`). */
  rawAt(j: number): number | null {
    return this.raw[j] ?? null;
  }

  /** The address of the batch's observation `j` (`seenIp`), null when its time is unreadable. */
  seenAt(j: number): ObservedIp | null {
    return this.seen[j] ?? null;
  }
}

import { GrowableInt32 } from './columns';
import { joinAccounts } from './join';
import { AHEAD, JoinAhead } from './join-ahead';
import { resolveObservation, type ResolverInput } from './resolve';
import type {
  AttributionResult,
  AttributionResultSet,
  AttributionStatus,
  Observation,
} from './types';

const STATUSES: readonly AttributionStatus[] = ['unique', 'ambiguous', 'none', 'no-coverage'];
const NO_SUBSCRIBERS: readonly string[] = Object.freeze([]);

/**
 * Runs the join for every observation and keeps status and subscribers as columns (account ids,
 * or the full resolver's subscribers for the few observations the join alone cannot decide);
 * full results are resolved again from the same index when asked for.
 */
export function attributeSet(
  r: ResolverInput,
  observations: readonly Observation[],
): AttributionResultSet {
  const n = observations.length;
  const status = new Uint8Array(n);
  const from = new Int32Array(n + 1);
  const ids = new GrowableInt32(n + 16);
  const decided = new Map<number, readonly string[]>();
  const accounts = r.state.accounts;
  const found: number[] = [];
  const ahead = new JoinAhead(r);
  for (let i = 0; i < n; i++) {
    from[i] = ids.length;
    const j = i % AHEAD;
    if (j === 0) ahead.prepare(observations, i, Math.min(AHEAD, n - i));
    const o = observations[i] as Observation;
    if (joinAccounts(r, o, ahead.rawAt(j), ahead.seenAt(j), found)) {
      status[i] = found.length === 1 ? 0 : 1;
      if (found.length > 1) {
        found.sort((x, y) => {
          const p = accounts.value(x);
          const q = accounts.value(y);
          return p < q ? -1 : p > q ? 1 : 0;
        });
      }
      for (const id of found) ids.push(id);
    } else {
      const full = resolveObservation(r, o);
      status[i] = STATUSES.indexOf(full.status);
      if (full.subscribers.length > 0) decided.set(i, full.subscribers);
    }
  }
  from[n] = ids.length;
  const accountIds = ids.data;
  const check = (i: number): void => {
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new RangeError(`observation index ${i} is outside 0..${n - 1}`);
    }
  };
  return {
    length: n,
    status(i: number): AttributionStatus {
      check(i);
      return STATUSES[status[i] ?? 3] ?? 'no-coverage';
    },
    subscribers(i: number): readonly string[] {
      check(i);
      const other = decided.get(i);
      if (other !== undefined) return other;
      const lo = from[i] ?? 0;
      const hi = from[i + 1] ?? 0;
      if (lo === hi) return NO_SUBSCRIBERS;
      const out: string[] = [];
      for (let k = lo; k < hi; k++) out.push(accounts.value(accountIds[k] ?? -1));
      return out;
    },
    result(i: number): AttributionResult {
      check(i);
      return resolveObservation(r, observations[i] as Observation);
    },
  };
}

import type { EventFilters } from '../../../shared/workspace';
import { storeState, withRetry } from './page-cache';
import { compileFilters, pageMayMatch } from './page-match';
import { ensureTimes, isUntimedPage, pageWindows, timeAt } from './page-window';
import type { WorkspaceDb } from './workspace-db';

export interface HistogramQuery {
  /** Inclusive epoch ms; default: the earliest matching page's time. */
  from?: number | null | undefined;
  /** Exclusive epoch ms; default: just after the latest matching page's time. */
  to?: number | null | undefined;
  buckets: number;
  filters?: EventFilters | undefined;
}

export interface Histogram {
  from: number;
  to: number;
  /** `(to - from) / buckets`. */
  bucketMs: number;
  /** Matching events per bucket; bucket `i` holds times in `[from + i·w, from + (i+1)·w)`. */
  counts: number[];
  /** Matching events without a UTC time (shown apart from the axis). */
  untimed: number;
  /** Matching timed events inside `[from, to)` (the sum of `counts`). */
  total: number;
}

/** The bucket of time `t` (the same formula everywhere, so counts are exact and reproducible). */
export function bucketOf(t: number, from: number, to: number, buckets: number): number {
  const b = Math.floor(((t - from) * buckets) / (to - from));
  return b < 0 ? 0 : b >= buckets ? buckets - 1 : b;
}

/** Counts of matching events per time bucket, for the Timeline's histogram and brushing. */
export async function histogram(db: WorkspaceDb, query: HistogramQuery): Promise<Histogram> {
  return withRetry(db, () => histogramOnce(db, query));
}

async function histogramOnce(db: WorkspaceDb, query: HistogramQuery): Promise<Histogram> {
  const buckets = Math.floor(query.buckets);
  if (!(buckets >= 1 && buckets <= 100_000)) {
    throw new RangeError(`buckets must be 1..100000, not ${query.buckets}`);
  }
  const filters = query.filters ?? {};
  let from = query.from ?? null;
  let to = query.to ?? null;
  if (from === null || to === null) {
    const f = compileFilters(filters);
    let min = Infinity;
    let max = -Infinity;
    for (const meta of (await storeState(db)).pages) {
      if (isUntimedPage(meta) || !pageMayMatch(meta, f)) continue;
      min = Math.min(min, meta.minTs);
      max = Math.max(max, meta.maxTs);
    }
    if (min === Infinity) {
      min = 0;
      max = 0;
    }
    from ??= min;
    to ??= Math.max(from, max) + 1;
  }
  const counts = new Float64Array(buckets);
  let untimed = 0;
  let total = 0;
  if (!(to > from)) return { from, to, bucketMs: 0, counts: Array.from(counts), untimed, total };

  const pws = await pageWindows(db, filters, { from, to, untimed: true });
  // A page wholly inside one bucket with every event matching needs no times.
  const read = pws.filter(
    (pw) =>
      !isUntimedPage(pw.meta) &&
      !(
        pw.list === null &&
        pw.lo === 0 &&
        pw.hi === pw.meta.count &&
        bucketOf(pw.meta.minTs, from, to, buckets) === bucketOf(pw.meta.maxTs, from, to, buckets)
      ),
  );
  await ensureTimes(db, read);
  for (const pw of pws) {
    const n = pw.hi - pw.lo;
    if (isUntimedPage(pw.meta)) {
      untimed += n;
      continue;
    }
    total += n;
    if (pw.ts === null) {
      const b = bucketOf(pw.meta.minTs, from, to, buckets);
      counts[b] = (counts[b] ?? 0) + n;
      continue;
    }
    for (let k = pw.lo; k < pw.hi; k++) {
      const b = bucketOf(timeAt(pw, k), from, to, buckets);
      counts[b] = (counts[b] ?? 0) + 1;
    }
  }
  return { from, to, bucketMs: (to - from) / buckets, counts: Array.from(counts), untimed, total };
}

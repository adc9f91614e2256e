import type { EventType, SealcaseEvent } from '../../../shared/model';
import { eventTimeMs, type EventFilters } from '../../../shared/workspace';
import { loadBodies, storeState, withRetry } from './page-cache';
import { bodyEvent } from '../../../shared/workspace';
import {
  ensureTimes,
  eventIndex,
  isUntimedPage,
  pageWindows,
  positionOf,
  timeAt,
  type PageWindow,
  type TimeWindow,
} from './page-window';
import type { WorkspaceDb } from './workspace-db';

/** Where an event lives in the store: stable until its artefact is imported again. */
export interface EventRef {
  artefact: string;
  seq: number;
  index: number;
}

export interface EventRow {
  ref: EventRef;
  /** Epoch ms (UTC); null for an event without a UTC time. */
  ts: number | null;
  type: EventType;
  event: SealcaseEvent;
}

export interface WindowQuery extends EventFilters, TimeWindow {
  /** Rows to skip in timeline order (default 0). */
  offset?: number | undefined;
  /** Rows to return (default 200). */
  limit?: number | undefined;
}

export interface WindowResult {
  /** Rows `offset .. offset + limit` of the filtered timeline. */
  rows: EventRow[];
  /** How many events pass the filters in the window (for the scrollbar). */
  total: number;
  /** How many of them have no UTC time (they are the last `untimed` of `total`). */
  untimed: number;
  offset: number;
}

/**
 * Timeline order: UTC time, then artefact id, then the order within the artefact's import; events
 * without a UTC time come last (by artefact, then arrival).
 */
const compareKey = (ta: number, ra: number, tb: number, rb: number): number => ta - tb || ra - rb;

function count(pws: readonly PageWindow[]): number {
  let n = 0;
  for (const pw of pws) n += pw.hi - pw.lo;
  return n;
}

/** How many elements of the page windows have a time before `t` (untimed ones never do). */
async function countBefore(
  db: WorkspaceDb,
  pws: readonly PageWindow[],
  t: number,
): Promise<number> {
  const timed = pws.filter((pw) => !isUntimedPage(pw.meta));
  // Index rows answer for the pages `t` does not cut.
  await ensureTimes(
    db,
    timed.filter((pw) => pw.meta.minTs < t && t <= pw.meta.maxTs),
  );
  let n = 0;
  for (const pw of timed) {
    if (t <= pw.meta.minTs) continue;
    n += t > pw.meta.maxTs ? pw.hi - pw.lo : positionOf(pw, t) - pw.lo;
  }
  return n;
}

/** The time of the element at timeline rank `r` (0-based) among the page windows. */
async function timeAtRank(db: WorkspaceDb, pws: readonly PageWindow[], r: number): Promise<number> {
  const timed = pws.filter((pw) => !isUntimedPage(pw.meta));
  if (r >= count(timed)) return Infinity;
  const below = (t: number): Promise<number> => countBefore(db, timed, t);
  // Times are whole milliseconds: bisect on integers for the least t with below(t + 1) > r.
  let lo = Infinity;
  let hi = -Infinity;
  for (const pw of timed) {
    lo = Math.min(lo, pw.meta.minTs);
    hi = Math.max(hi, pw.meta.maxTs);
  }
  lo = Math.floor(lo);
  hi = Math.ceil(hi);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if ((await below(mid + 1)) > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Rows `offset .. offset + limit` in timeline order, as (page window, position) pairs. */
async function select(
  db: WorkspaceDb,
  pws: readonly PageWindow[],
  offset: number,
  limit: number,
): Promise<Array<[PageWindow, number]>> {
  const total = count(pws);
  if (offset >= total || limit <= 0) return [];
  const last = Math.min(offset + limit, total) - 1;
  const first = await timeAtRank(db, pws, offset);
  const end = await timeAtRank(db, pws, last);
  // Only pages holding times in [first, end] can contribute.
  const parts = pws.filter((pw) =>
    isUntimedPage(pw.meta) ? end === Infinity : pw.meta.minTs <= end && pw.meta.maxTs >= first,
  );
  await ensureTimes(
    db,
    parts.filter((pw) => !isUntimedPage(pw.meta)),
  );
  // Skip the `offset - before(first)` elements at time `first`, page by page in rank order.
  // (A page that `first` cuts is one of `parts`, so its times are loaded.)
  let before = 0;
  for (const pw of pws) {
    if (isUntimedPage(pw.meta) || pw.meta.minTs >= first) continue;
    before += pw.meta.maxTs < first ? pw.hi - pw.lo : positionOf(pw, first) - pw.lo;
  }
  let skip = offset - before;
  const pos = new Map<PageWindow, number>();
  for (const pw of parts) {
    const start = positionOf(pw, first);
    const tieEnd = first === Infinity ? pw.hi : positionOf(pw, first, true);
    const tie = tieEnd - start;
    if (skip >= tie) {
      pos.set(pw, tieEnd);
      skip -= tie;
    } else {
      pos.set(pw, start + skip);
      skip = 0;
    }
  }
  const out: Array<[PageWindow, number]> = [];
  const want = last - offset + 1;
  while (out.length < want) {
    let best: PageWindow | null = null;
    let bestT = 0;
    for (const pw of parts) {
      const k = pos.get(pw) as number;
      if (k >= pw.hi) continue;
      const t = timeAt(pw, k);
      if (best === null || compareKey(t, pw.rank, bestT, best.rank) < 0) {
        best = pw;
        bestT = t;
      }
    }
    if (best === null) break;
    const k = pos.get(best) as number;
    out.push([best, k]);
    pos.set(best, k + 1);
  }
  return out;
}

async function rowsOf(
  db: WorkspaceDb,
  picks: ReadonlyArray<readonly [Pick<PageWindow['meta'], 'artefact' | 'seq'>, number]>,
): Promise<EventRow[]> {
  const pages = [...new Set(picks.map(([m]) => m))];
  const bodies = await loadBodies(db, pages);
  const byPage = new Map(pages.map((m, i) => [m, bodies[i]]));
  return picks.map(([meta, index]) => {
    const cached = byPage.get(meta);
    if (cached === undefined) throw new Error('page body missing');
    const event = bodyEvent(cached.body, index);
    const ms = eventTimeMs(event);
    return {
      ref: { artefact: meta.artefact, seq: meta.seq, index },
      ts: ms === Infinity ? null : ms,
      type: event.type,
      event,
    };
  });
}

/**
 * The rows `offset .. offset + limit` of the filtered timeline inside a time window, in UTC order
 * across every artefact, and how many there are in all. Throws a RangeError for an unreadable
 * CIDR or port filter.
 */
export async function queryWindow(db: WorkspaceDb, query: WindowQuery): Promise<WindowResult> {
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const limit = Math.max(0, Math.floor(query.limit ?? 200));
  return withRetry(db, async () => {
    const pws = await pageWindows(db, query, query);
    const total = count(pws);
    const untimed = count(pws.filter((pw) => isUntimedPage(pw.meta)));
    const picks = await select(db, pws, offset, limit);
    const rows = await rowsOf(
      db,
      picks.map(([pw, k]) => [pw.meta, eventIndex(pw, k)] as const),
    );
    return { rows, total, untimed, offset };
  });
}

/**
 * The row number (0-based) in the filtered timeline of the first event at or after time `t`: where
 * the list scrolls when the user picks a time on the histogram. `t = Infinity` gives the first
 * untimed row.
 */
export async function positionAtTime(
  db: WorkspaceDb,
  query: EventFilters & TimeWindow,
  t: number,
): Promise<number> {
  return withRetry(db, async () => countBefore(db, await pageWindows(db, query, query), t));
}

/** One event by its reference (for the detail panel); undefined when no longer stored. */
export async function getEvent(db: WorkspaceDb, ref: EventRef): Promise<EventRow | undefined> {
  return withRetry(db, async () => {
    const { pages } = await storeState(db);
    const meta = pages.find((m) => m.artefact === ref.artefact && m.seq === ref.seq);
    if (meta === undefined || ref.index < 0 || ref.index >= meta.count) return undefined;
    const [row] = await rowsOf(db, [[meta, ref.index]]);
    return row;
  });
}

import type { EventFilters } from '../../../shared/workspace';
import { gramsMayContain } from '../../../shared/workspace';
import {
  loadBodies,
  loadColumns,
  loadTimes,
  matchCache,
  pageKey,
  storeState,
  type PageMatchList,
} from './page-cache';
import { compileFilters, matchPage, needsBody, pageAllMatch, pageMayMatch } from './page-match';
import type { EventPageColumns, EventPageMeta, EventPageTimes } from './schema';
import type { WorkspaceDb } from './workspace-db';

/**
 * The matching events of each page inside a time window, found with as little reading as
 * possible: a page whose index row proves that all its events match needs no columns unless the
 * window cuts through it.
 */

const TEXT_PAGES_PER_READ = 16;

/** A time window on the UTC axis: `[from, to)` in epoch ms; untimed events are separate. */
export interface TimeWindow {
  /** Inclusive; null or absent for "from the start". */
  from?: number | null | undefined;
  /** Exclusive; null or absent for "to the end". */
  to?: number | null | undefined;
  /**
   * Whether events without a UTC time (`ts: null`, listed after every timed event) count as
   * inside. Default: only when `to` is open, i.e. the window runs to the end of the timeline.
   */
  untimed?: boolean | undefined;
}

/** One page's matches inside the window: positions `[lo, hi)` of its match list. */
export interface PageWindow {
  meta: EventPageMeta;
  /** The page's position in (artefact, seq) order: the tie-break after time. */
  rank: number;
  /** Matching event indices, or null when every event of the page matches. */
  list: PageMatchList;
  /** The page's times, once read. */
  ts: Float64Array | null;
  lo: number;
  hi: number;
}

export interface Bounds {
  from: number;
  to: number;
  untimed: boolean;
}

export function windowBounds(w: TimeWindow): Bounds {
  const from = w.from ?? -Infinity;
  const to = w.to ?? Infinity;
  return { from, to, untimed: w.untimed ?? (w.to === undefined || w.to === null) };
}

export function isUntimedPage(meta: EventPageMeta): boolean {
  return meta.minTs === Infinity;
}

/** Event index of position `k` of a page window's match list. */
export function eventIndex(pw: PageWindow, k: number): number {
  return pw.list === null ? k : (pw.list[k] as number);
}

/** Time of position `k` (the page's times must be loaded unless the page is untimed). */
export function timeAt(pw: PageWindow, k: number): number {
  if (isUntimedPage(pw.meta)) return Infinity;
  const ts = pw.ts;
  if (ts === null) throw new Error('page times not loaded');
  return ts[eventIndex(pw, k)] as number;
}

/** First position in `[pw.lo, pw.hi)` whose time is ≥ `t` (or > `t` when `after`). */
export function positionOf(pw: PageWindow, t: number, after = false): number {
  let lo = pw.lo;
  let hi = pw.hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = timeAt(pw, mid);
    if (v < t || (after && v === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Loads the times of the timed page windows that lack them (one batch). */
export async function ensureTimes(db: WorkspaceDb, pws: readonly PageWindow[]): Promise<void> {
  const missing = pws.filter((pw) => pw.ts === null && !isUntimedPage(pw.meta));
  if (missing.length === 0) return;
  const times = await loadTimes(
    db,
    missing.map((pw) => pw.meta),
  );
  missing.forEach((pw, i) => {
    pw.ts = (times[i] as EventPageTimes).ts;
  });
}

/**
 * The pages (in rank order) with their matches in the window. Pages with no match in the window
 * are left out.
 */
export async function pageWindows(
  db: WorkspaceDb,
  filters: EventFilters,
  window: TimeWindow,
): Promise<PageWindow[]> {
  const f = compileFilters(filters);
  const b = windowBounds(window);
  const { pages } = await storeState(db);
  const lists = matchCache(db, f.signature);
  const out: PageWindow[] = [];
  pages.forEach((meta, rank) => {
    if (!pageMayMatch(meta, f)) return;
    if (isUntimedPage(meta)) {
      if (!b.untimed) return;
    } else if (meta.maxTs < b.from || meta.minTs >= b.to) {
      return;
    }
    out.push({ meta, rank, list: null, ts: null, lo: 0, hi: meta.count });
  });

  // Match lists not cached yet need the columns (and, for free text, the bodies).
  let unmatched = out.filter(
    (pw) => !pageAllMatch(pw.meta, f) && !lists.has(pageKey(pw.meta.artefact, pw.meta.seq)),
  );
  // Free text: the trigram filters rule most pages out without reading them.
  const needle = f.textInJson;
  if (needle !== null && needle.length >= 3 && unmatched.length > 0) {
    const filters = await db.pageText.bulkGet(
      unmatched.map((pw) => [pw.meta.artefact, pw.meta.seq] as [string, number]),
    );
    const maybe: PageWindow[] = [];
    unmatched.forEach((pw, i) => {
      const grams = filters[i]?.grams ?? null;
      if (grams === null || gramsMayContain(grams, needle)) maybe.push(pw);
      else lists.set(pageKey(pw.meta.artefact, pw.meta.seq), new Uint32Array(0));
    });
    unmatched = maybe;
  }
  const cut = out.filter(
    (pw) => !isUntimedPage(pw.meta) && (pw.meta.minTs < b.from || pw.meta.maxTs >= b.to),
  );
  await ensureTimes(db, cut);
  // Free text reads the bodies a few pages at a time, so memory stays bounded.
  const step = needsBody(f) ? TEXT_PAGES_PER_READ : Math.max(1, unmatched.length);
  for (let start = 0; start < unmatched.length; start += step) {
    const chunk = unmatched.slice(start, start + step);
    const metas = chunk.map((pw) => pw.meta);
    const [cols, bodies] = await Promise.all([
      loadColumns(db, metas),
      needsBody(f) ? loadBodies(db, metas) : null,
    ]);
    chunk.forEach((pw, i) => {
      const list = matchPage(pw.meta, cols[i] as EventPageColumns, bodies?.[i] ?? null, f);
      lists.set(pageKey(pw.meta.artefact, pw.meta.seq), list);
    });
  }

  const kept: PageWindow[] = [];
  for (const pw of out) {
    pw.list = pageAllMatch(pw.meta, f)
      ? null
      : (lists.get(pageKey(pw.meta.artefact, pw.meta.seq)) as PageMatchList);
    pw.lo = 0;
    pw.hi = pw.list === null ? pw.meta.count : pw.list.length;
    if (!isUntimedPage(pw.meta) && (pw.meta.minTs < b.from || pw.meta.maxTs >= b.to)) {
      const lo = positionOf(pw, b.from);
      const hi = positionOf(pw, b.to);
      pw.lo = lo;
      pw.hi = hi;
    }
    if (pw.hi > pw.lo) kept.push(pw);
  }
  return kept;
}

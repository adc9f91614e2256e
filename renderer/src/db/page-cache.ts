import type Dexie from 'dexie';
import type {
  ArtefactImport,
  EventPageBody,
  EventPageColumns,
  EventPageMeta,
  EventPageTimes,
} from './schema';
import type { WorkspaceDb } from './workspace-db';

/**
 * In-memory copies of what queries read repeatedly: the page index (small, read whole), decoded
 * page columns and page bodies (LRU by bytes), and per-filter match lists. The cache belongs to
 * one `WorkspaceDb` instance; every write through this module's API drops it (`invalidate`).
 */

export type PageKey = string;

export function pageKey(artefact: string, seq: number): PageKey {
  return `${seq}\u0000${artefact}`;
}

class Lru<V> {
  private readonly map = new Map<PageKey, { value: V; bytes: number }>();
  private bytes = 0;

  constructor(private readonly budget: number) {}

  get(key: PageKey): V | undefined {
    const hit = this.map.get(key);
    if (hit === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  set(key: PageKey, value: V, bytes: number): void {
    const old = this.map.get(key);
    if (old !== undefined) {
      this.bytes -= old.bytes;
      this.map.delete(key);
    }
    this.map.set(key, { value, bytes });
    this.bytes += bytes;
    for (const [k, entry] of this.map) {
      if (this.bytes <= this.budget || this.map.size <= 1) break;
      this.map.delete(k);
      this.bytes -= entry.bytes;
    }
  }

  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }
}

/** A page body with its lowercased JSON, computed on the first free-text search. */
export interface CachedBody {
  body: EventPageBody;
  lower?: string;
}

/** `Uint32Array` of matching event indices, or `null` when every event of the page matches. */
export type PageMatchList = Uint32Array | null;

export interface StoreState {
  /** Complete, non-deleted artefacts by id. */
  artefacts: Map<string, ArtefactImport>;
  /** Pages of complete artefacts, sorted by (artefact, seq): the position is the page's rank. */
  pages: EventPageMeta[];
}

const TIME_BUDGET = 128 * 1024 * 1024;
const COLUMN_BUDGET = 192 * 1024 * 1024;
const BODY_BUDGET = 96 * 1024 * 1024;
const MATCH_FILTERS = 8;

class StoreCache {
  /** Bumped by every invalidation: a read that started before it must not fill the cache. */
  generation = 0;
  state: StoreState | null = null;
  readonly times = new Lru<EventPageTimes>(TIME_BUDGET);
  readonly columns = new Lru<EventPageColumns>(COLUMN_BUDGET);
  readonly bodies = new Lru<CachedBody>(BODY_BUDGET);
  readonly matches = new Map<string, Map<PageKey, PageMatchList>>();

  clear(): void {
    this.generation++;
    this.state = null;
    this.times.clear();
    this.columns.clear();
    this.bodies.clear();
    this.matches.clear();
  }
}

const caches = new WeakMap<WorkspaceDb, StoreCache>();

function cacheOf(db: WorkspaceDb): StoreCache {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new StoreCache();
    caches.set(db, cache);
  }
  return cache;
}

/** A page the cached index named was gone when read: the store changed under the query. */
export class PageGoneError extends Error {
  override name = 'PageGoneError';
}

/**
 * Runs a read; if the store changed under it (an import or clear replaced pages it had picked),
 * drops the cache and runs it once more on the new state.
 */
export async function withRetry<T>(db: WorkspaceDb, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (!(err instanceof PageGoneError)) throw err;
    invalidate(db);
    return read();
  }
}

/** Drops everything cached for `db` (after any write to the event stores). */
export function invalidate(db: WorkspaceDb): void {
  caches.get(db)?.clear();
}

function columnBytes(c: EventPageColumns): number {
  let bytes =
    c.types.byteLength +
    c.ip4.byteLength +
    c.ip6.byteLength +
    c.ipStart.byteLength +
    c.ipRefs.byteLength +
    c.portStart.byteLength +
    c.portLo.byteLength +
    c.portHi.byteLength +
    c.accStart.byteLength +
    c.accRefs.byteLength;
  for (const a of c.accounts) bytes += 16 + a.length * 2;
  return bytes;
}

/** A JSON body counts twice: its lowercased copy for free text may join it. */
function bodyBytes(b: EventPageBody): number {
  if (b.json !== undefined) return b.json.length * 4 + (b.offsets?.byteLength ?? 0);
  return (b.events?.length ?? 0) * 1024;
}

/** The complete artefacts and their pages, read once and cached. */
export async function storeState(db: WorkspaceDb): Promise<StoreState> {
  const cache = cacheOf(db);
  if (cache.state !== null) return cache.state;
  const generation = cache.generation;
  const [artefactRows, metas] = await db.transaction('r', db.artefacts, db.pageIndex, () =>
    Promise.all([db.artefacts.toArray(), db.pageIndex.toArray()]),
  );
  const artefacts = new Map<string, ArtefactImport>();
  for (const a of artefactRows) if (a.state === 'complete') artefacts.set(a.artefact, a);
  const pages = metas
    .filter((m) => artefacts.has(m.artefact))
    .sort((a, b) => (a.artefact < b.artefact ? -1 : a.artefact > b.artefact ? 1 : a.seq - b.seq));
  const state = { artefacts, pages };
  if (cache.generation === generation) cache.state = state;
  return state;
}

type PageRecord = { artefact: string; seq: number };

/** Records of `metas` from `table` (in order), through `lru`; missing ones read in one batch. */
async function loadThrough<R extends PageRecord, V>(
  db: WorkspaceDb,
  table: Dexie.Table<R, [string, number]>,
  lru: Lru<V>,
  wrap: (row: R) => V,
  bytes: (row: R) => number,
  metas: readonly PageRecord[],
): Promise<V[]> {
  const cache = cacheOf(db);
  const out: Array<V | undefined> = metas.map((m) => lru.get(pageKey(m.artefact, m.seq)));
  const missing: number[] = [];
  out.forEach((v, i) => {
    if (v === undefined) missing.push(i);
  });
  if (missing.length > 0) {
    const keys = missing.map((i) => {
      const m = metas[i] as PageRecord;
      return [m.artefact, m.seq] as [string, number];
    });
    const generation = cache.generation;
    const rows = await table.bulkGet(keys);
    rows.forEach((row, j) => {
      const i = missing[j] as number;
      const m = metas[i] as PageRecord;
      if (row === undefined) {
        throw new PageGoneError(`${table.name} of page ${m.seq} of ${m.artefact} is gone`);
      }
      const value = wrap(row);
      out[i] = value;
      if (cache.generation === generation) lru.set(pageKey(m.artefact, m.seq), value, bytes(row));
    });
  }
  return out as V[];
}

/** Times of the pages `metas`, in order. */
export function loadTimes(
  db: WorkspaceDb,
  metas: readonly PageRecord[],
): Promise<EventPageTimes[]> {
  return loadThrough(
    db,
    db.pageTimes,
    cacheOf(db).times,
    (r) => r,
    (r) => r.ts.byteLength,
    metas,
  );
}

/** Filter columns of the pages `metas`, in order. */
export function loadColumns(
  db: WorkspaceDb,
  metas: readonly PageRecord[],
): Promise<EventPageColumns[]> {
  return loadThrough(db, db.pages, cacheOf(db).columns, (r) => r, columnBytes, metas);
}

/** Bodies (full events) of the pages `metas`, in order. */
export function loadBodies(db: WorkspaceDb, metas: readonly PageRecord[]): Promise<CachedBody[]> {
  return loadThrough(db, db.pageEvents, cacheOf(db).bodies, (body) => ({ body }), bodyBytes, metas);
}

/** The per-page match lists cached for one filter signature (most recent signatures kept). */
export function matchCache(db: WorkspaceDb, signature: string): Map<PageKey, PageMatchList> {
  const cache = cacheOf(db);
  let lists = cache.matches.get(signature);
  if (lists !== undefined) {
    cache.matches.delete(signature);
    cache.matches.set(signature, lists);
    return lists;
  }
  lists = new Map();
  cache.matches.set(signature, lists);
  while (cache.matches.size > MATCH_FILTERS) {
    const oldest = cache.matches.keys().next().value as string;
    cache.matches.delete(oldest);
  }
  return lists;
}

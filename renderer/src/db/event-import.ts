import Dexie from 'dexie';
import type { SealcaseEvent } from '../../../shared/model';
import { eventTimeMs } from './event-fields';
import { invalidate } from './page-cache';
import { encodePage, type EncodedPage, type EventsEncoding, type PageEntry } from './page-codec';
import type { ArtefactImport, ParserRef } from './schema';
import type { WorkspaceDb } from './workspace-db';

/** Events per page: big enough that a page is one cheap IndexedDB record, small enough to sort. */
export const PAGE_SIZE = 4000;

export interface ImportProgress {
  artefact: string;
  /** Events received so far. */
  events: number;
  /** Pages written so far. */
  pages: number;
}

export interface ImportOptions {
  /** Events per page (tests use small pages); default `PAGE_SIZE`, at most 8192. */
  pageSize?: number;
  /** How full events are stored; default `json` (see the workspace bench). */
  eventsEncoding?: EventsEncoding;
  /** The clock for `importedAt` (epoch ms). */
  now?: () => number;
  /** Page writes allowed in flight while the next page is encoded; default 3. */
  inFlight?: number;
}

export type ImportSummary = Omit<ArtefactImport, 'stale' | 'staleReason' | 'state'>;

interface Pending extends PageEntry {
  ord: number;
}

const byTime = (a: Pending, b: Pending): number => a.ts - b.ts || a.ord - b.ord;

/** Deletes an artefact's pages and its import row. */
export async function clearArtefact(db: WorkspaceDb, artefact: string): Promise<void> {
  const range: [unknown, unknown] = [
    [artefact, Dexie.minKey],
    [artefact, Dexie.maxKey],
  ];
  const stores = [db.artefacts, db.pageIndex, db.pageTimes, db.pages, db.pageText, db.pageEvents];
  await db.transaction('rw', stores, async () => {
    await db.pageIndex.where('[artefact+seq]').between(range[0], range[1], true, true).delete();
    await db.pageTimes.where('[artefact+seq]').between(range[0], range[1], true, true).delete();
    await db.pageText.where('[artefact+seq]').between(range[0], range[1], true, true).delete();
    await db.pages.where('[artefact+seq]').between(range[0], range[1], true, true).delete();
    await db.pageEvents.where('[artefact+seq]').between(range[0], range[1], true, true).delete();
    await db.artefacts.delete(artefact);
  });
  invalidate(db);
}

/** Deletes every artefact's events (the other stores are kept). */
export async function clearAllEvents(db: WorkspaceDb): Promise<void> {
  const stores = [db.artefacts, db.pageIndex, db.pageTimes, db.pages, db.pageText, db.pageEvents];
  await db.transaction('rw', stores, async () => {
    await Promise.all([
      db.artefacts.clear(),
      db.pageIndex.clear(),
      db.pageTimes.clear(),
      db.pageText.clear(),
      db.pages.clear(),
      db.pageEvents.clear(),
    ]);
  });
  invalidate(db);
}

/**
 * Stores the events of one artefact (replacing an earlier import of it), as they arrive in
 * batches. Events are sorted by time within a sliding buffer of two pages, so a log that is in
 * order, or out of order by less than a page, gives pages whose time ranges do not overlap;
 * anything else is still correct (queries merge pages by time), only slower to query. Untimed
 * events (`ts: null`) go to their own pages, in arrival order. The artefact becomes queryable when
 * the last page is written; until then it is `importing` and queries ignore it.
 */
export async function importEvents(
  db: WorkspaceDb,
  artefact: string,
  parser: ParserRef,
  batches: AsyncIterable<readonly SealcaseEvent[]> | Iterable<readonly SealcaseEvent[]>,
  onProgress?: (progress: ImportProgress) => void,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 8192) {
    throw new RangeError(`page size must be 1..8192, not ${pageSize}`);
  }
  const encoding = options.eventsEncoding ?? 'json';
  const now = options.now ?? Date.now;
  const inFlightMax = options.inFlight ?? 3;

  await clearArtefact(db, artefact);
  const row: ArtefactImport = {
    artefact,
    parser: { ...parser },
    state: 'importing',
    eventCount: 0,
    untimedCount: 0,
    pageCount: 0,
    minTs: null,
    maxTs: null,
    typeMask: 0,
    importedAt: now(),
    stale: 0,
    staleReason: null,
  };
  await db.artefacts.put(row);

  let seq = 0;
  let received = 0;
  let written = 0;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;

  const write = async (page: EncodedPage): Promise<void> => {
    const stores = [db.pageIndex, db.pageTimes, db.pages, db.pageText, db.pageEvents];
    await db.transaction('rw', stores, async () => {
      await Promise.all([
        db.pageTimes.add(page.times),
        db.pageText.add(page.text),
        db.pages.add(page.columns),
        db.pageEvents.add(page.body),
        db.pageIndex.add(page.meta),
      ]);
    });
    written++;
    onProgress?.({ artefact, events: received, pages: written });
  };

  const emit = async (entries: Pending[]): Promise<void> => {
    const page = encodePage(artefact, seq++, entries, encoding);
    row.pageCount++;
    row.typeMask |= page.meta.typeMask;
    if (page.meta.minTs !== Infinity) {
      row.minTs = row.minTs === null ? page.meta.minTs : Math.min(row.minTs, page.meta.minTs);
      const maxTimed = page.meta.maxTs;
      row.maxTs = row.maxTs === null ? maxTimed : Math.max(row.maxTs, maxTimed);
    }
    const p: Promise<void> = write(page).then(
      () => {
        inFlight.delete(p);
      },
      (err: unknown) => {
        inFlight.delete(p);
        failure ??= err;
      },
    );
    inFlight.add(p);
    while (inFlight.size >= inFlightMax) await Promise.race(inFlight);
    if (failure !== null) throw failure;
  };

  let timed: Pending[] = [];
  let untimed: Pending[] = [];
  let ord = 0;
  try {
    for await (const batch of batches) {
      for (const event of batch) {
        const ts = eventTimeMs(event);
        const entry: Pending = { event, ts, ord: ord++ };
        received++;
        if (ts === Infinity) {
          untimed.push(entry);
          row.untimedCount++;
          if (untimed.length >= pageSize) {
            await emit(untimed);
            untimed = [];
          }
        } else {
          timed.push(entry);
          if (timed.length >= 2 * pageSize) {
            timed.sort(byTime);
            await emit(timed.slice(0, pageSize));
            timed = timed.slice(pageSize);
          }
        }
      }
    }
    timed.sort(byTime);
    for (let i = 0; i < timed.length; i += pageSize) await emit(timed.slice(i, i + pageSize));
    timed = [];
    for (let i = 0; i < untimed.length; i += pageSize) await emit(untimed.slice(i, i + pageSize));
    untimed = [];
    await Promise.all(inFlight);
    if (failure !== null) throw failure;
  } catch (err) {
    await Promise.allSettled(inFlight);
    invalidate(db);
    throw err;
  }

  row.eventCount = received;
  row.state = 'complete';
  await db.artefacts.put(row);
  invalidate(db);
  const { stale: _s, staleReason: _r, state: _t, ...summary } = row;
  return summary;
}

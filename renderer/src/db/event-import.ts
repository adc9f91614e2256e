import Dexie from 'dexie';
import { IpcError } from '../../../shared/errors';
import type { SealcaseEvent } from '../../../shared/model';
import {
  PAGE_SIZE,
  PageBuilder,
  fromWirePage,
  type EncodedPage,
  type EventsEncoding,
  type WirePage,
} from '../../../shared/workspace';
import { invalidate } from './page-cache';
import type { ArtefactImport, ParserRef } from './schema';
import type { WorkspaceDb } from './workspace-db';

export { PAGE_SIZE };

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
 * batches: pages are built here (`PageBuilder`: time-sorted within a sliding two-page buffer,
 * untimed events last). The artefact becomes queryable when the last page is written; until then
 * it is `importing` and queries ignore it.
 */
export async function importEvents(
  db: WorkspaceDb,
  artefact: string,
  parser: ParserRef,
  batches: AsyncIterable<readonly SealcaseEvent[]> | Iterable<readonly SealcaseEvent[]>,
  onProgress?: (progress: ImportProgress) => void,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const builder = new PageBuilder(artefact, options.pageSize ?? PAGE_SIZE, options.eventsEncoding);
  async function* pages(): AsyncGenerator<EncodedPage[]> {
    for await (const batch of batches) yield builder.push(batch);
    yield builder.finish();
  }
  return storePages(db, artefact, parser, pages(), () => builder.received, onProgress, options);
}

/**
 * Stores pages built by main's parse worker (`workspace:next`, already checked there page by page)
 * as they are: nothing is re-encoded. Pages must come numbered 0, 1, 2, … (`INVALID_RESPONSE`
 * otherwise, and the artefact stays unqueryable).
 */
export async function importPages(
  db: WorkspaceDb,
  artefact: string,
  parser: ParserRef,
  batches: AsyncIterable<readonly WirePage[]> | Iterable<readonly WirePage[]>,
  onProgress?: (progress: ImportProgress) => void,
  options: Pick<ImportOptions, 'now' | 'inFlight'> = {},
): Promise<ImportSummary> {
  let events = 0;
  let seq = 0;
  async function* pages(): AsyncGenerator<EncodedPage[]> {
    for await (const batch of batches) {
      const out: EncodedPage[] = [];
      for (const wire of batch) {
        if (wire.seq !== seq) {
          throw new IpcError(
            'INVALID_RESPONSE',
            `page ${wire.seq} arrived where page ${seq} was due`,
            {
              where: `${artefact} page ${seq}`,
            },
          );
        }
        seq++;
        events += wire.count;
        out.push(fromWirePage(artefact, wire));
      }
      yield out;
    }
  }
  return storePages(db, artefact, parser, pages(), () => events, onProgress, options);
}

async function storePages(
  db: WorkspaceDb,
  artefact: string,
  parser: ParserRef,
  batches: AsyncIterable<readonly EncodedPage[]>,
  received: () => number,
  onProgress: ((progress: ImportProgress) => void) | undefined,
  options: Pick<ImportOptions, 'now' | 'inFlight'>,
): Promise<ImportSummary> {
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

  let written = 0;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;

  // One transaction per arriving batch of pages (a few pages from main, 0–2 from importEvents).
  const write = async (pages: readonly EncodedPage[]): Promise<void> => {
    const stores = [db.pageIndex, db.pageTimes, db.pages, db.pageText, db.pageEvents];
    await db.transaction('rw', stores, async () => {
      await Promise.all([
        db.pageTimes.bulkAdd(pages.map((p) => p.times)),
        db.pageText.bulkAdd(pages.map((p) => p.text)),
        db.pages.bulkAdd(pages.map((p) => p.columns)),
        db.pageEvents.bulkAdd(pages.map((p) => p.body)),
        db.pageIndex.bulkAdd(pages.map((p) => p.meta)),
      ]);
    });
    written += pages.length;
    onProgress?.({ artefact, events: received(), pages: written });
  };

  const emit = async (pages: readonly EncodedPage[]): Promise<void> => {
    if (pages.length === 0) return;
    for (const { meta } of pages) {
      row.pageCount++;
      row.eventCount += meta.count;
      row.typeMask |= meta.typeMask;
      if (meta.minTs === Infinity) {
        row.untimedCount += meta.count;
      } else {
        row.minTs = row.minTs === null ? meta.minTs : Math.min(row.minTs, meta.minTs);
        row.maxTs = row.maxTs === null ? meta.maxTs : Math.max(row.maxTs, meta.maxTs);
      }
    }
    const p: Promise<void> = write(pages).then(
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

  try {
    for await (const pages of batches) await emit(pages);
    await Promise.all(inFlight);
    if (failure !== null) throw failure;
  } catch (err) {
    await Promise.allSettled(inFlight);
    invalidate(db);
    throw err;
  }

  row.state = 'complete';
  await db.artefacts.put(row);
  invalidate(db);
  const { stale: _s, staleReason: _r, state: _t, ...summary } = row;
  return summary;
}

/**
 * The in-page half of `tests/bench/workspace.mjs`: bundled with the workspace store by Vite and
 * loaded into headless Chromium, where it writes real IndexedDB. Exposes `window.sealcaseBench`.
 */
import Dexie from 'dexie';
import {
  WorkspaceDb,
  dropQueryCache,
  getEvent,
  histogram,
  importEvents,
  queryWindow,
  type EventRow,
  type EventsEncoding,
} from '../../../renderer/src/db';
import type { SealcaseEvent } from '../../../shared/model';
import { SPAN, START, generate, plan, rng } from './generate';

const PARSER = { name: 'bench', version: '1', optionsHash: '-' };

async function freshDb(name: string): Promise<WorkspaceDb> {
  await Dexie.delete(name);
  const db = new WorkspaceDb(name);
  await db.open();
  return db;
}

let db: WorkspaceDb | null = null;

/** Generates the events first (not timed), then times their import into the store. */
async function ingest(total: number, encoding: EventsEncoding = 'json', name = 'bench-ws') {
  db?.close();
  db = await freshDb(name);
  const sets = plan(total).map((p) => ({ ...p, batches: [...generate(p.kind, p.count, p.seed)] }));
  const t0 = performance.now();
  for (const s of sets) {
    await importEvents(db, s.artefact, PARSER, s.batches, undefined, { eventsEncoding: encoding });
  }
  // Queryable: the first page of the timeline comes back.
  const first = await queryWindow(db, { limit: 200 });
  const seconds = (performance.now() - t0) / 1000;
  if (first.total !== total) throw new Error(`stored ${first.total} of ${total} events`);
  const estimate = await navigator.storage.estimate();
  return {
    seconds,
    pages: await db.pageIndex.count(),
    storageMiB: Math.round((estimate.usage ?? 0) / 1048576),
  };
}

/** The plain design: one row per event, bulkAdd in chunks of 10,000 (stack.md §5). */
async function plainBulkAdd(total: number) {
  const name = 'bench-plain';
  await Dexie.delete(name);
  const plain = new Dexie(name, { chromeTransactionDurability: 'relaxed' });
  plain.version(1).stores({ events: '++id, ts, type, artefact' });
  await plain.open();
  const rows = [...generate('http', total, 9)].flat().map((e) => ({
    ...e,
    ts: Date.parse(e.ts ?? ''),
    artefact: 'x',
  }));
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += 10_000) {
    await plain.table('events').bulkAdd(rows.slice(i, i + 10_000));
  }
  const seconds = (performance.now() - t0) / 1000;
  plain.close();
  await Dexie.delete(name);
  return { seconds, rowsPerSecond: total / seconds };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}

/** Renders rows as a simple table body, then forces layout: the "render of the visible rows". */
function render(rows: readonly EventRow[]): number {
  const t0 = performance.now();
  const host = document.getElementById('rows') as HTMLElement;
  const body = document.createElement('tbody');
  for (const row of rows) {
    const tr = document.createElement('tr');
    const e = row.event as Record<string, unknown>;
    for (const text of [
      row.ts === null ? 'no UTC time' : new Date(row.ts).toISOString(),
      row.type,
      String(e.clientIp ?? e.insideIp ?? e.framedIp ?? ''),
      String(e.clientPort ?? e.insidePort ?? ''),
      String(e.user ?? ''),
      String(e.path ?? e.outsideIp ?? e.sessionId ?? ''),
    ]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
  host.replaceChildren(body);
  void host.offsetHeight;
  return performance.now() - t0;
}

/**
 * Filtered time-window queries at random windows (1 hour to 2 days wide): 200 rows at a random
 * offset in the window, with an IP prefix and a type filter. The first query runs on a cold cache.
 */
async function queries(count: number, seed: number) {
  if (db === null) throw new Error('ingest first');
  const r = rng(seed);
  dropQueryCache(db);
  const times: number[] = [];
  const renders: number[] = [];
  const totals: number[] = [];
  let cold = 0;
  for (let i = 0; i < count; i++) {
    const width = 3600_000 + r() * 47 * 3600_000;
    const from = START + r() * (SPAN - width);
    const base = {
      from,
      to: from + width,
      cidr: '100.64.0.0/16',
      types: ['nat:session', 'aaa:session'] as const,
    };
    // A new window (rows from the top, with the total for the scrollbar), then a scroll to a
    // random offset inside it: two queries, each timed.
    const t0 = performance.now();
    const head = await queryWindow(db, { ...base, types: [...base.types], limit: 200 });
    const ms0 = performance.now() - t0;
    const offset = Math.floor(r() * Math.max(0, head.total - 200));
    const t1 = performance.now();
    const res = await queryWindow(db, { ...base, types: [...base.types], offset, limit: 200 });
    const ms1 = performance.now() - t1;
    if (i === 0) {
      cold = ms0;
    } else {
      times.push(ms0, ms1);
    }
    totals.push(res.total);
    renders.push(render(res.rows.slice(0, 50)));
  }
  // The same queries with nothing cached before each (a new filter every time).
  const coldTimes: number[] = [];
  for (let i = 0; i < Math.max(5, Math.floor(count / 5)); i++) {
    const width = 3600_000 + r() * 47 * 3600_000;
    const from = START + r() * (SPAN - width);
    dropQueryCache(db);
    const t0 = performance.now();
    await queryWindow(db, {
      from,
      to: from + width,
      cidr: '100.64.0.0/16',
      types: ['nat:session', 'aaa:session'],
      limit: 200,
    });
    coldTimes.push(performance.now() - t0);
  }
  // The detail panel: one event by reference, nothing cached.
  const some = await queryWindow(db, { limit: 1, offset: 12345 });
  dropQueryCache(db);
  const t1 = performance.now();
  await getEvent(db, some.rows[0]?.ref ?? { artefact: '', seq: 0, index: 0 });
  const detailMs = performance.now() - t1;
  dropQueryCache(db);
  const t2 = performance.now();
  const h = await histogram(db, {
    buckets: 400,
    filters: { cidr: '100.64.0.0/16', types: ['nat:session', 'aaa:session'] },
  });
  const histogramMs = performance.now() - t2;
  dropQueryCache(db);
  const t4 = performance.now();
  await histogram(db, { buckets: 400 });
  const histogramAllMs = performance.now() - t4;
  dropQueryCache(db);
  const t3 = performance.now();
  const text = await queryWindow(db, { text: 'user42', limit: 200 });
  const textMs = performance.now() - t3;
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: Math.max(...times),
    cold,
    coldP95: percentile(coldTimes, 95),
    coldCount: coldTimes.length,
    renderP95: percentile(renders, 95),
    medianTotal: percentile(totals, 50),
    detailMs,
    histogramMs,
    histogramAllMs,
    histogramTotal: h.total,
    textMs,
    textTotal: text.total,
  };
}

/** Reads 200 random events one page body at a time, to compare the two encodings. */
async function readRandom(count: number, seed: number) {
  if (db === null) throw new Error('ingest first');
  const r = rng(seed);
  const pages = await db.pageIndex.toArray();
  dropQueryCache(db);
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const p = pages[Math.floor(r() * pages.length)];
    if (p === undefined) break;
    dropQueryCache(db);
    await getEvent(db, { artefact: p.artefact, seq: p.seq, index: Math.floor(r() * p.count) });
  }
  return { msPerRead: (performance.now() - t0) / count };
}

async function cleanup() {
  db?.close();
  db = null;
  await Dexie.delete('bench-ws');
  await Dexie.delete('bench-ws-clone');
}

/** A batch as the `workspace:next` channel returns it (checked on the Node side). */
interface FeedBatch {
  events: SealcaseEvent[];
  done: boolean;
}

/**
 * From main into the store: batches are pulled through `window.__wsNext` (a Playwright binding to
 * the Node side, which runs main's EventStreams and the channel's response check), imported as
 * they arrive, timed until the timeline is queryable.
 */
async function ingestFromMain(artefact: string, expected: number) {
  db?.close();
  db = await freshDb('bench-ws-feed');
  const next = (window as unknown as { __wsNext: () => Promise<string> }).__wsNext;
  async function* batches(): AsyncGenerator<SealcaseEvent[]> {
    // One batch read ahead, as the Timeline screen does: the next pull overlaps the import.
    let pending = next();
    for (;;) {
      const b = JSON.parse(await pending) as FeedBatch;
      if (!b.done) pending = next();
      if (b.events.length > 0) yield b.events;
      if (b.done) return;
    }
  }
  const t0 = performance.now();
  await importEvents(db, artefact, PARSER, batches());
  const first = await queryWindow(db, { limit: 200 });
  const seconds = (performance.now() - t0) / 1000;
  if (first.total !== expected) throw new Error(`stored ${first.total} of ${expected} events`);
  return { seconds, pages: await db.pageIndex.count() };
}

declare global {
  interface Window {
    sealcaseBench: {
      ingestFromMain: typeof ingestFromMain;
      ingest: typeof ingest;
      plainBulkAdd: typeof plainBulkAdd;
      queries: typeof queries;
      readRandom: typeof readRandom;
      cleanup: typeof cleanup;
    };
  }
}

window.sealcaseBench = { ingest, ingestFromMain, plainBulkAdd, queries, readRandom, cleanup };

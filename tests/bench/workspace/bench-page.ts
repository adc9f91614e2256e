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
  importPages,
  queryWindow,
  type EventRow,
  type EventsEncoding,
} from '../../../renderer/src/db';
import type { WirePage } from '../../../shared/workspace';
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

const CTORS = { Float64Array, Uint8Array, Uint16Array, Uint32Array } as const;

interface FrameHeader {
  done: boolean;
  pages: Array<
    Pick<WirePage, 'seq' | 'count' | 'typeMask' | 'accounts'> & {
      minTs: number | null;
      maxTs: number | null;
      /** In frame order: name, constructor, length. */
      arrays: Array<[string, keyof typeof CTORS, number]>;
      jsonBytes: number;
    }
  >;
}

const align8 = (n: number) => n + ((8 - (n % 8)) % 8);
const utf8 = new TextDecoder();

/** A `workspace:next` value from its frame (`frame.mjs`): each array copied out of the frame. */
function decodeFrame(buf: ArrayBuffer): { done: boolean; pages: WirePage[] } {
  const headerLength = new DataView(buf).getUint32(0, true);
  const header = JSON.parse(utf8.decode(new Uint8Array(buf, 4, headerLength))) as FrameHeader;
  let at = align8(4 + headerLength);
  const pages = header.pages.map((h) => {
    const arrays: Record<string, unknown> = {};
    for (const [name, kind, length] of h.arrays) {
      const Ctor = CTORS[kind];
      arrays[name] = new Ctor(buf, at, length).slice();
      at = align8(at + length * Ctor.BYTES_PER_ELEMENT);
    }
    const json = utf8.decode(new Uint8Array(buf, at, h.jsonBytes));
    at = align8(at + h.jsonBytes);
    const { arrays: _a, jsonBytes: _j, ...rest } = h;
    return {
      ...rest,
      minTs: h.minTs ?? Infinity,
      maxTs: h.maxTs ?? Infinity,
      ...arrays,
      json,
    } as WirePage;
  });
  return { done: header.done, pages };
}

type Hop = 'http' | 'binding';

/**
 * From main into the store: pages are pulled from the Node side, which runs main's EventStreams
 * (parse worker building the store's pages) and the channel's response check, then stored with
 * `importPages`, timed until the timeline is queryable. `http`: a binary frame over loopback plus
 * Chromium's structured clone of the value (the stand-in for Electron's IPC, see `frame.mjs`);
 * `binding`: the value through a Playwright binding (CDP; base64 typed arrays, escaped strings).
 */
async function ingestFromMain(artefact: string, expected: number, hop: Hop = 'http') {
  db?.close();
  db = await freshDb('bench-ws-feed');
  const binding = (
    window as unknown as { __wsNext: () => Promise<{ done: boolean; pages: WirePage[] }> }
  ).__wsNext;
  const next = async (): Promise<{ done: boolean; pages: WirePage[] }> => {
    if (hop === 'binding') return binding();
    const res = await fetch('/__ws/next', { method: 'POST' });
    if (!res.ok) throw new Error(`workspace:next: ${res.status} ${await res.text()}`);
    const buf = await res.arrayBuffer();
    const h0 = performance.now();
    const value = decodeFrame(buf);
    hopMs += performance.now() - h0;
    return value;
  };
  let waited = 0;
  let hopMs = 0;
  async function* batches(): AsyncGenerator<WirePage[]> {
    // One call in flight ahead, as the Timeline's feed does: the next pull overlaps the writes.
    let pending = next();
    for (;;) {
      const w0 = performance.now();
      const b = await pending;
      waited += performance.now() - w0;
      if (!b.done) pending = next();
      if (b.pages.length > 0) yield b.pages;
      if (b.done) return;
    }
  }
  const t0 = performance.now();
  await importPages(db, artefact, PARSER, batches());
  const first = await queryWindow(db, { limit: 200 });
  const seconds = (performance.now() - t0) / 1000;
  if (first.total !== expected) throw new Error(`stored ${first.total} of ${expected} events`);
  return {
    seconds,
    waitedSeconds: waited / 1000,
    decodeSeconds: hopMs / 1000,
    pages: await db.pageIndex.count(),
  };
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

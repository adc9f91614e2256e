import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { SealcaseEvent } from '../../../../shared/model';
import {
  DB_NAME,
  WorkspaceDb,
  bucketOf,
  eventMatches,
  eventTimeMs,
  type EventFilters,
  type Histogram,
  type ParserRef,
  type TimeWindow,
} from '../../../../renderer/src/db';

/** A fresh, private IndexedDB per call: nothing leaks between tests. */
export function backend() {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export async function openFresh(): Promise<WorkspaceDb> {
  const db = new WorkspaceDb(DB_NAME, backend());
  await db.open();
  return db;
}

export const PARSER: ParserRef = { name: 'combined', version: '1.0.0', optionsHash: 'h1' };
export const A = 'a'.repeat(64);
export const B = 'b'.repeat(64);
export const C = 'c'.repeat(64);

const BASE = Date.UTC(2026, 10, 20, 10, 0, 0);

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

const zone = { source: 'in-band', offset: '+00:00', name: null } as const;

/** An `http:access` line at `BASE + sec` seconds (null: no UTC time). */
export function http(
  sec: number | null,
  line: number,
  more: Partial<Extract<SealcaseEvent, { type: 'http:access' }>> = {},
): SealcaseEvent {
  return {
    type: 'http:access',
    ts: sec === null ? null : iso(BASE + sec * 1000),
    tsRaw: sec === null ? '20/Nov/2026:10:00:00' : `t+${sec}`,
    zone: sec === null ? { source: 'unknown', offset: null, name: null } : zone,
    locator: { line },
    clientIp: '203.0.113.7',
    method: 'GET',
    path: '/index.html',
    status: 200,
    ...more,
  };
}

export function nat(
  sec: number,
  line: number,
  more: Partial<Extract<SealcaseEvent, { type: 'nat:session' }>> = {},
): SealcaseEvent {
  return {
    type: 'nat:session',
    ts: iso(BASE + sec * 1000),
    tsRaw: `t+${sec}`,
    zone,
    locator: { line },
    event: 'create',
    protocol: 'tcp',
    insideIp: '100.64.1.2',
    insidePort: 40000,
    outsideIp: '198.51.100.9',
    outsidePort: 1024,
    destIp: '2001:db8::1',
    destPort: 443,
    ...more,
  };
}

export function aaa(
  sec: number | null,
  line: number,
  more: Partial<Extract<SealcaseEvent, { type: 'aaa:session' }>> = {},
): SealcaseEvent {
  return {
    type: 'aaa:session',
    ts: sec === null ? null : iso(BASE + sec * 1000),
    tsRaw: `t+${sec ?? '?'}`,
    zone,
    locator: { line },
    event: 'start',
    user: 'Alice',
    framedIp: '100.64.1.2',
    ...more,
  };
}

export function block(
  sec: number,
  line: number,
  more: Partial<Extract<SealcaseEvent, { type: 'nat:portblock' }>> = {},
): SealcaseEvent {
  return {
    type: 'nat:portblock',
    ts: iso(BASE + sec * 1000),
    tsRaw: `t+${sec}`,
    zone,
    locator: { line },
    event: 'allocate',
    insideIp: '100.64.9.9',
    outsideIp: '198.51.100.20',
    portStart: 2000,
    portEnd: 2999,
    ...more,
  };
}

export function mail(sec: number, line: number, from: string, to: string[]): SealcaseEvent {
  return {
    type: 'email:message',
    ts: iso(BASE + sec * 1000),
    tsRaw: `t+${sec}`,
    zone,
    locator: { line },
    from,
    to,
    subject: 'Invoice "Q4"',
    originatingIp: '192.0.2.44',
  };
}

/** `BASE + sec` seconds in epoch ms. */
export function at(sec: number): number {
  return BASE + sec * 1000;
}

export async function* batches(
  events: readonly SealcaseEvent[],
  size = 3,
): AsyncIterable<SealcaseEvent[]> {
  for (let i = 0; i < events.length; i += size) {
    await Promise.resolve();
    yield events.slice(i, i + size);
  }
}

/** An event as the reference sees it: its artefact and arrival order within the artefact. */
export interface Stored {
  artefact: string;
  ord: number;
  ts: number;
  event: SealcaseEvent;
}

export function stored(artefact: string, events: readonly SealcaseEvent[]): Stored[] {
  return events.map((event, ord) => ({ artefact, ord, ts: eventTimeMs(event), event }));
}

/** The timeline order, written plainly: time, then artefact id (code units), then arrival. */
export function timelineOrder(all: readonly Stored[]): Stored[] {
  return [...all].sort(
    (a, b) =>
      a.ts - b.ts ||
      (a.artefact < b.artefact ? -1 : a.artefact > b.artefact ? 1 : 0) ||
      a.ord - b.ord,
  );
}

/** The brute-force answer: filter every event, keep the window, in timeline order. */
export function bruteWindow(
  all: readonly Stored[],
  q: EventFilters & TimeWindow,
): { matched: Stored[]; untimed: number } {
  const from = q.from ?? -Infinity;
  const to = q.to ?? Infinity;
  const withUntimed = q.untimed ?? (q.to === undefined || q.to === null);
  const matched = timelineOrder(all).filter((s) => {
    if (s.ts === Infinity ? !withUntimed : s.ts < from || s.ts >= to) return false;
    return eventMatches(s.event, s.artefact, q);
  });
  return { matched, untimed: matched.filter((s) => s.ts === Infinity).length };
}

export function bruteHistogram(
  all: readonly Stored[],
  from: number,
  to: number,
  buckets: number,
  filters: EventFilters,
): Pick<Histogram, 'counts' | 'untimed' | 'total'> {
  const counts = new Array<number>(buckets).fill(0);
  let untimed = 0;
  let total = 0;
  for (const s of all) {
    if (!eventMatches(s.event, s.artefact, filters)) continue;
    if (s.ts === Infinity) {
      untimed++;
    } else if (s.ts >= from && s.ts < to) {
      const b = bucketOf(s.ts, from, to, buckets);
      counts[b] = (counts[b] ?? 0) + 1;
      total++;
    }
  }
  return { counts, untimed, total };
}

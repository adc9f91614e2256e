import { afterEach, describe, expect, it } from 'vitest';
import { IpcError } from '../../../../shared/errors';
import type { SealcaseEvent } from '../../../../shared/model';
import { PageBuilder, toWirePage, type WirePage } from '../../../../shared/workspace';
import {
  DB_NAME,
  WorkspaceDb,
  checkAgainstCase,
  clearArtefact,
  getEvent,
  histogram,
  importEvents,
  importPages,
  isStale,
  listArtefacts,
  markStale,
  positionAtTime,
  queryWindow,
  rebuildWorkspace,
  type EventRow,
  type WindowQuery,
} from '../../../../renderer/src/db';
import {
  A,
  B,
  C,
  PARSER,
  aaa,
  at,
  backend,
  batches,
  block,
  bruteHistogram,
  bruteWindow,
  http,
  mail,
  nat,
  openFresh,
  stored,
  type Stored,
} from './event-fixtures';

const open: WorkspaceDb[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

async function fresh(): Promise<WorkspaceDb> {
  const db = await openFresh();
  open.push(db);
  return db;
}

const lines = (rows: readonly EventRow[]) => rows.map((r) => [r.ref.artefact[0], r.event.locator]);

/** Checks rows against the reference: same events, same order, same total. */
async function expectLikeBrute(db: WorkspaceDb, all: readonly Stored[], q: WindowQuery) {
  const got = await queryWindow(db, q);
  const { matched, untimed } = bruteWindow(all, q);
  const offset = q.offset ?? 0;
  const want = matched.slice(offset, offset + (q.limit ?? 200));
  expect(got.total).toBe(matched.length);
  expect(got.untimed).toBe(untimed);
  expect(got.rows.map((r) => [r.ref.artefact, r.event])).toStrictEqual(
    want.map((s) => [s.artefact, s.event]),
  );
  return got;
}

describe('importEvents', () => {
  it('stores an artefact in time-sorted pages and records its import', async () => {
    const db = await fresh();
    const events = [http(5, 1), http(1, 2), http(3, 3), http(null, 4), http(2, 5), http(4, 6)];
    const progress: number[] = [];
    const summary = await importEvents(
      db,
      A,
      PARSER,
      batches(events, 2),
      (p) => progress.push(p.pages),
      { pageSize: 2, now: () => 1234 },
    );
    expect(summary).toStrictEqual({
      artefact: A,
      parser: PARSER,
      eventCount: 6,
      untimedCount: 1,
      pageCount: 4,
      minTs: at(1),
      maxTs: at(5),
      typeMask: 1,
      importedAt: 1234,
    });
    expect(progress.at(-1)).toBe(4);
    const pages = await db.pageIndex.toArray();
    expect(pages.map((p) => [p.seq, p.count, p.minTs, p.maxTs])).toEqual([
      [0, 2, at(1), at(2)],
      [1, 2, at(3), at(4)],
      [2, 1, at(5), at(5)],
      [3, 1, Infinity, Infinity],
    ]);
    const { rows, total } = await queryWindow(db, {});
    expect(total).toBe(6);
    expect(rows.map((r) => r.event.locator)).toEqual([2, 5, 3, 6, 1, 4].map((line) => ({ line })));
    expect(rows.at(-1)?.ts).toBeNull();
    expect(rows[0]?.ts).toBe(at(1));
    expect((await listArtefacts(db))[0]?.state).toBe('complete');
  });

  it('keeps arrival order among events of the same millisecond, across page boundaries', async () => {
    const db = await fresh();
    const events = Array.from({ length: 23 }, (_, i) => http(i % 3 === 0 ? 7 : 7 + (i % 2), i + 1));
    const all = stored(A, events);
    await importEvents(db, A, PARSER, batches(events, 4), undefined, { pageSize: 3 });
    for (let offset = 0; offset < 23; offset += 2) {
      await expectLikeBrute(db, all, { offset, limit: 5 });
    }
  });

  it('replaces an earlier import of the same artefact', async () => {
    const db = await fresh();
    await importEvents(db, A, PARSER, batches([http(1, 1), http(2, 2)]));
    await importEvents(db, A, { ...PARSER, version: '1.1.0' }, batches([http(9, 9)]));
    const { rows, total } = await queryWindow(db, {});
    expect(total).toBe(1);
    expect(rows[0]?.event.locator).toEqual({ line: 9 });
    expect((await listArtefacts(db)).map((a) => a.parser.version)).toEqual(['1.1.0']);
  });

  it('stores events as a structured-clone array when asked, and reads them alike', async () => {
    const db = await fresh();
    const events = [http(3, 1), nat(1, 2), http(null, 3)];
    await importEvents(db, A, PARSER, batches(events), undefined, { eventsEncoding: 'clone' });
    await expectLikeBrute(db, stored(A, events), {});
    await expectLikeBrute(db, stored(A, events), { text: 'index.HTML' });
    expect((await db.pageEvents.toArray())[0]?.events).toHaveLength(2);
  });

  it('an import that fails half-way leaves the artefact out of queries and the store stale', async () => {
    const db = await fresh();
    await importEvents(db, B, PARSER, batches([nat(1, 1)]));
    async function* broken(): AsyncIterable<SealcaseEvent[]> {
      yield [http(1, 1), http(2, 2), http(3, 3)];
      throw new Error('worker died');
    }
    await expect(importEvents(db, A, PARSER, broken(), undefined, { pageSize: 1 })).rejects.toThrow(
      'worker died',
    );
    const { rows, total } = await queryWindow(db, {});
    expect(total).toBe(1);
    expect(rows[0]?.ref.artefact).toBe(B);
    expect(await isStale(db)).toStrictEqual({
      stale: true,
      entries: [{ artefact: A, reason: 'import did not finish' }],
    });
  });

  it('refuses a page size it cannot index', async () => {
    const db = await fresh();
    await expect(
      importEvents(db, A, PARSER, batches([]), undefined, { pageSize: 0 }),
    ).rejects.toThrow(RangeError);
  });
});

/** The wire pages main's parse worker would send for these events (as an artefact other than A). */
function wirePages(events: readonly SealcaseEvent[], pageSize = 3): WirePage[] {
  const builder = new PageBuilder('f'.repeat(64), pageSize, 'json', false);
  return [...builder.push(events), ...builder.finish()].map(toWirePage);
}

describe('importPages (pages built by main)', () => {
  const events = [
    http(5, 1),
    nat(1, 2),
    aaa(3, 3),
    http(null, 4),
    http(2, 5),
    block(4, 6),
    http(6, 7),
  ];

  it('stores the pages as they are, under the artefact being imported, and answers like importEvents', async () => {
    const viaPages = await fresh();
    const viaEvents = await fresh();
    const progress: number[] = [];
    const summary = await importPages(
      viaPages,
      A,
      PARSER,
      [wirePages(events).slice(0, 2), wirePages(events).slice(2)],
      (p) => progress.push(p.events),
      { now: () => 1 },
    );
    const reference = await importEvents(viaEvents, A, PARSER, batches(events), undefined, {
      pageSize: 3,
      now: () => 1,
    });
    expect(summary).toStrictEqual(reference);
    expect(progress.at(-1)).toBe(events.length);
    expect(await viaPages.pageEvents.toArray()).toEqual(await viaEvents.pageEvents.toArray());
    expect(await viaPages.pages.toArray()).toEqual(await viaEvents.pages.toArray());
    // The trigram filters, left out by main, are made on arrival from the stored JSON.
    expect(await viaPages.pageText.toArray()).toEqual(await viaEvents.pageText.toArray());
    for (const q of [
      {},
      { text: 'index' },
      { cidr: '100.64.0.0/10' },
      { from: at(2), to: at(5) },
    ]) {
      await expectLikeBrute(viaPages, stored(A, events), q);
    }
  });

  it('refuses a page out of sequence (INVALID_RESPONSE) and leaves the artefact unqueryable', async () => {
    const db = await fresh();
    const pages = wirePages(events);
    const err = await importPages(db, A, PARSER, [
      [pages[0] as WirePage, pages[2] as WirePage],
    ]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect((err as IpcError).code).toBe('INVALID_RESPONSE');
    expect((await queryWindow(db, {})).total).toBe(0);
    expect((await isStale(db)).stale).toBe(true);
  });

  it('rebuilds from sources that give pages', async () => {
    const db = await fresh();
    await rebuildWorkspace(db, [{ artefact: A, parser: PARSER, pages: () => [wirePages(events)] }]);
    await expectLikeBrute(db, stored(A, events), {});
  });
});

describe('queryWindow', () => {
  const artA = [http(10, 1), http(30, 2), http(50, 3), http(null, 4), http(70, 5)];
  const artB = [nat(20, 1), nat(30, 2), nat(60, 3), nat(80, 4)];
  const artC = [aaa(null, 1), aaa(30, 2), aaa(5, 3)];

  async function threeArtefacts(pageSize = 2) {
    const db = await fresh();
    await importEvents(db, B, PARSER, batches(artB), undefined, { pageSize });
    await importEvents(db, C, PARSER, batches(artC), undefined, { pageSize });
    await importEvents(db, A, PARSER, batches(artA), undefined, { pageSize });
    const all = [...stored(A, artA), ...stored(B, artB), ...stored(C, artC)];
    return { db, all };
  }

  it('merges every artefact into one UTC timeline, ties by artefact, untimed last', async () => {
    const { db } = await threeArtefacts();
    const { rows, total, untimed } = await queryWindow(db, {});
    expect(total).toBe(12);
    expect(untimed).toBe(2);
    expect(lines(rows)).toEqual([
      ['c', { line: 3 }],
      ['a', { line: 1 }],
      ['b', { line: 1 }],
      ['a', { line: 2 }],
      ['b', { line: 2 }],
      ['c', { line: 2 }],
      ['a', { line: 3 }],
      ['b', { line: 3 }],
      ['a', { line: 5 }],
      ['b', { line: 4 }],
      ['a', { line: 4 }],
      ['c', { line: 1 }],
    ]);
  });

  it('pages through the timeline with offset and limit', async () => {
    const { db, all } = await threeArtefacts();
    for (let offset = 0; offset <= 13; offset++) {
      for (const limit of [1, 2, 5]) await expectLikeBrute(db, all, { offset, limit });
    }
  });

  it('finds the row of a time, for jumping the list to a point of the histogram', async () => {
    const { db } = await threeArtefacts();
    expect(await positionAtTime(db, {}, at(0))).toBe(0);
    expect(await positionAtTime(db, {}, at(30))).toBe(3);
    expect(await positionAtTime(db, {}, at(31))).toBe(6);
    expect(await positionAtTime(db, {}, Infinity)).toBe(10);
    expect(await positionAtTime(db, { types: ['nat:session'] }, at(61))).toBe(3);
    expect(await positionAtTime(db, { from: at(30) }, at(61))).toBe(5);
  });

  it('a bounded window leaves untimed events out unless asked', async () => {
    const { db, all } = await threeArtefacts();
    const inWindow = await expectLikeBrute(db, all, { from: at(30), to: at(61) });
    expect(inWindow.total).toBe(5);
    expect(inWindow.untimed).toBe(0);
    const withUntimed = await expectLikeBrute(db, all, { from: at(30), to: at(61), untimed: true });
    expect(withUntimed.total).toBe(7);
    expect(withUntimed.rows.slice(-2).map((r) => r.ts)).toEqual([null, null]);
    const openEnd = await expectLikeBrute(db, all, { from: at(75) });
    expect(openEnd.rows.map((r) => r.ts)).toEqual([at(80), null, null]);
    const onlyTimed = await expectLikeBrute(db, all, { from: at(75), untimed: false });
    expect(onlyTimed.total).toBe(1);
  });

  it('filters by type and by artefact', async () => {
    const { db, all } = await threeArtefacts();
    const natOnly = await expectLikeBrute(db, all, { types: ['nat:session'] });
    expect(natOnly.total).toBe(4);
    await expectLikeBrute(db, all, { types: ['nat:session', 'aaa:session'], offset: 2, limit: 3 });
    expect((await queryWindow(db, { types: [] })).total).toBe(0);
    const cOnly = await expectLikeBrute(db, all, { artefacts: [C] });
    expect(cOnly.total).toBe(3);
    await expectLikeBrute(db, all, { artefacts: [A, C], from: at(10), to: at(31) });
  });

  it('filters by IP address or prefix, IPv4 and IPv6', async () => {
    const db = await fresh();
    const events = [
      http(1, 1, { clientIp: '203.0.113.7' }),
      http(2, 2, { clientIp: '203.0.113.200' }),
      http(3, 3, { clientIp: '198.51.100.1' }),
      nat(4, 4),
      aaa(5, 5, { framedIp: '100.127.255.255' }),
      http(6, 6, { clientIp: '2001:db8::7' }),
      http(7, 7, { clientIp: 'not-an-ip' }),
      http(8, 8, { clientIp: '0.0.0.0' }),
      http(9, 9, { clientIp: '255.255.255.255' }),
    ];
    await importEvents(db, A, PARSER, batches(events), undefined, { pageSize: 4 });
    const all = stored(A, events);
    const count = async (cidr: string) => (await expectLikeBrute(db, all, { cidr })).total;
    expect(await count('203.0.113.7')).toBe(1);
    expect(await count('203.0.113.0/24')).toBe(2);
    expect(await count(' 203.0.113.0/24 ')).toBe(2);
    expect(await count('100.64.0.0/10')).toBe(2);
    expect(await count('198.51.100.0/24')).toBe(2);
    expect(await count('2001:db8::/32')).toBe(2);
    expect(await count('2001:db8::7')).toBe(1);
    expect(await count('0.0.0.0/0')).toBe(7);
    expect(await count('::/0')).toBe(2);
    expect(await count('255.255.255.255/32')).toBe(1);
    expect(await count('10.0.0.0/8')).toBe(0);
    await expect(queryWindow(db, { cidr: '10.0.0.0/33' })).rejects.toThrow(/not an IP address/);
    await expect(queryWindow(db, { cidr: 'evil.example' })).rejects.toThrow(RangeError);
  });

  it('filters by port: any port field, or inside a port block', async () => {
    const db = await fresh();
    const events = [
      http(1, 1, { clientPort: 51000 }),
      http(2, 2),
      nat(3, 3),
      block(4, 4),
      block(5, 5, { portStart: 443, portEnd: 443 }),
    ];
    await importEvents(db, A, PARSER, batches(events));
    const all = stored(A, events);
    expect((await expectLikeBrute(db, all, { port: 443 })).total).toBe(2);
    expect((await expectLikeBrute(db, all, { port: 2500 })).total).toBe(1);
    expect((await expectLikeBrute(db, all, { port: 2999 })).total).toBe(1);
    expect((await expectLikeBrute(db, all, { port: 3000 })).total).toBe(0);
    expect((await expectLikeBrute(db, all, { port: 51000 })).total).toBe(1);
    await expect(queryWindow(db, { port: 70000 })).rejects.toThrow(RangeError);
  });

  it('filters by account, ignoring case, matching a mailbox by its address', async () => {
    const db = await fresh();
    const events = [
      aaa(1, 1, { user: 'Alice' }),
      aaa(2, 2, { user: 'bob' }),
      http(3, 3, { user: 'ALICE' }),
      mail(4, 4, 'Alice Example <alice@example.com>', ['bob@example.com']),
      mail(5, 5, 'carol@example.com', ['Dave <dave@example.com>', 'alice@example.com']),
    ];
    await importEvents(db, A, PARSER, batches(events), undefined, { pageSize: 2 });
    const all = stored(A, events);
    expect((await expectLikeBrute(db, all, { account: 'alice' })).total).toBe(2);
    expect((await expectLikeBrute(db, all, { account: ' Alice@Example.com ' })).total).toBe(2);
    expect((await expectLikeBrute(db, all, { account: 'bob@example.com' })).total).toBe(1);
    expect((await expectLikeBrute(db, all, { account: 'dave@example.com' })).total).toBe(1);
    expect((await expectLikeBrute(db, all, { account: 'ali' })).total).toBe(0);
  });

  it('free text matches values at any depth, ignoring case, never field names', async () => {
    const db = await fresh();
    const events = [
      http(1, 1, { userAgent: 'Mozilla/5.0 (X11)' }),
      http(2, 2, { path: '/Login?next=%2F' }),
      mail(3, 3, 'x@example.com', ['Ünïcode <u@example.com>']),
      http(4, 4, { extra: { vhost: 'shop.example' } }),
      http(5, 5, { outcome: 'said "hi" \\ bye' }),
    ];
    await importEvents(db, A, PARSER, batches(events));
    const all = stored(A, events);
    const count = async (text: string) => (await expectLikeBrute(db, all, { text })).total;
    expect(await count('mozilla')).toBe(1);
    expect(await count('LOGIN')).toBe(1);
    expect(await count('ünïcode')).toBe(1);
    expect(await count('SHOP.example')).toBe(1);
    expect(await count('"hi" \\')).toBe(1);
    expect(await count('"q4"')).toBe(1);
    expect(await count('clientIp')).toBe(0);
    expect(await count('useragent')).toBe(0);
    expect(await count('200')).toBe(4);
    expect(await count('')).toBe(5);
    expect(await count('203.0.113.7')).toBe(4);
  });

  it('combines filters with a time window and paging', async () => {
    const { db, all } = await threeArtefacts(1);
    await expectLikeBrute(db, all, {
      cidr: '100.64.0.0/10',
      types: ['nat:session', 'aaa:session'],
      from: at(0),
      to: at(70),
      offset: 1,
      limit: 2,
    });
    await expectLikeBrute(db, all, { port: 443, text: 'tcp', untimed: true, to: at(65) });
  });

  it('gives the same answers when the input is out of order', async () => {
    const db = await fresh();
    const events = Array.from({ length: 60 }, (_, i) =>
      i % 7 === 0 ? http(null, i + 1) : http((i * 37) % 23, i + 1, { status: 200 + (i % 3) }),
    );
    await importEvents(db, A, PARSER, batches(events, 5), undefined, { pageSize: 4 });
    await importEvents(db, B, PARSER, batches([...events].reverse(), 7), undefined, {
      pageSize: 3,
    });
    const all = [...stored(A, events), ...stored(B, [...events].reverse())];
    for (let offset = 0; offset < 125; offset += 9) {
      await expectLikeBrute(db, all, { offset, limit: 11 });
      await expectLikeBrute(db, all, { offset, limit: 7, text: '201', from: at(3) });
    }
  });
});

describe('getEvent', () => {
  it('returns the full event of a row, and undefined once it is gone', async () => {
    const db = await fresh();
    const events = [nat(2, 1), nat(1, 2, { vrf: 'blue' })];
    await importEvents(db, A, PARSER, batches(events));
    const { rows } = await queryWindow(db, {});
    const first = rows[0] as EventRow;
    expect(first.event).toStrictEqual(events[1]);
    expect(await getEvent(db, first.ref)).toStrictEqual(first);
    expect(await getEvent(db, { ...first.ref, index: 99 })).toBeUndefined();
    await clearArtefact(db, A);
    expect(await getEvent(db, first.ref)).toBeUndefined();
    expect((await queryWindow(db, {})).total).toBe(0);
  });
});

describe('histogram', () => {
  it('counts matching events per time bucket, untimed apart', async () => {
    const db = await fresh();
    const events = [http(0, 1), http(9, 2), http(10, 3), http(55, 4), http(null, 5), nat(59, 6)];
    await importEvents(db, A, PARSER, batches(events), undefined, { pageSize: 2 });
    const h = await histogram(db, { from: at(0), to: at(60), buckets: 6 });
    expect(h.counts).toEqual([2, 1, 0, 0, 0, 2]);
    expect(h.untimed).toBe(1);
    expect(h.total).toBe(5);
    expect(h.bucketMs).toBe(10_000);
    const httpOnly = await histogram(db, {
      from: at(0),
      to: at(60),
      buckets: 3,
      filters: { types: ['http:access'] },
    });
    expect(httpOnly.counts).toEqual([3, 0, 1]);
  });

  it('spans the data when no range is given', async () => {
    const db = await fresh();
    await importEvents(db, A, PARSER, batches([http(10, 1), http(20, 2), http(30, 3)]));
    const h = await histogram(db, { buckets: 2 });
    expect(h.from).toBe(at(10));
    expect(h.to).toBe(at(30) + 1);
    expect(h.counts).toEqual([2, 1]);
    const empty = await histogram(await fresh(), { buckets: 4 });
    expect(empty.counts).toEqual([0, 0, 0, 0]);
    expect(empty.total).toBe(0);
    await expect(histogram(db, { buckets: 0 })).rejects.toThrow(RangeError);
  });

  it('agrees with a brute-force count across artefacts and filters', async () => {
    const db = await fresh();
    const a = Array.from({ length: 50 }, (_, i) => http((i * 13) % 97, i + 1, { status: i % 5 }));
    const b = Array.from({ length: 40 }, (_, i) => nat((i * 7) % 90, i + 1, { destPort: i % 3 }));
    await importEvents(db, A, PARSER, batches(a), undefined, { pageSize: 6 });
    await importEvents(db, B, PARSER, batches(b), undefined, { pageSize: 5 });
    const all = [...stored(A, a), ...stored(B, b)];
    for (const filters of [{}, { port: 1 }, { text: '4' }, { artefacts: [B] }]) {
      for (const buckets of [1, 7, 50]) {
        const h = await histogram(db, { from: at(5), to: at(80), buckets, filters });
        expect({ counts: h.counts, untimed: h.untimed, total: h.total }).toStrictEqual(
          bruteHistogram(all, at(5), at(80), buckets, filters),
        );
      }
    }
  });
});

describe('staleness and rebuild', () => {
  it('marks artefacts stale and says so', async () => {
    const db = await fresh();
    await importEvents(db, A, PARSER, batches([http(1, 1)]));
    await importEvents(db, B, PARSER, batches([http(2, 1)]));
    expect(await isStale(db)).toStrictEqual({ stale: false, entries: [] });
    await markStale(db, A, 'parse decision revised');
    expect(await isStale(db)).toStrictEqual({
      stale: true,
      entries: [{ artefact: A, reason: 'parse decision revised' }],
    });
    await markStale(db, null, 'case reopened elsewhere');
    expect((await isStale(db)).entries.map((e) => e.reason)).toEqual([
      'case reopened elsewhere',
      'case reopened elsewhere',
    ]);
    // Stale data stays visible until rebuilt.
    expect((await queryWindow(db, {})).total).toBe(2);
  });

  it('compares itself with the case parse decisions', async () => {
    const db = await fresh();
    await importEvents(db, A, PARSER, batches([http(1, 1)]));
    await importEvents(db, B, PARSER, batches([http(2, 1)]));
    expect(
      await checkAgainstCase(db, [
        { artefact: A, parser: PARSER },
        { artefact: B, parser: PARSER },
      ]),
    ).toStrictEqual({ stale: false, entries: [] });
    const report = await checkAgainstCase(db, [
      { artefact: A, parser: { ...PARSER, optionsHash: 'h2' } },
      { artefact: C, parser: PARSER },
    ]);
    expect(report.stale).toBe(true);
    expect(report.entries).toStrictEqual([
      {
        artefact: A,
        reason:
          'parsed here with combined 1.0.0, the case now records combined 1.0.0 with other options',
      },
      { artefact: B, reason: 'no longer parsed in the case' },
      { artefact: C, reason: 'parsed in the case but not in the workspace' },
    ]);
  });

  it('rebuilds from the case in one action', async () => {
    const db = await fresh();
    await importEvents(db, A, PARSER, batches([http(1, 1)]));
    await importEvents(db, C, PARSER, batches([http(1, 1)]));
    await markStale(db, A, 'revised');
    const seen: Array<[number, number]> = [];
    const summaries = await rebuildWorkspace(
      db,
      [
        { artefact: A, parser: PARSER, events: () => batches([http(5, 1), http(4, 2)]) },
        { artefact: B, parser: PARSER, events: () => [[nat(3, 1)]] },
      ],
      (p) => seen.push([p.index, p.artefacts]),
    );
    expect(summaries.map((s) => s.eventCount)).toEqual([2, 1]);
    expect(seen).toContainEqual([1, 2]);
    expect(await isStale(db)).toStrictEqual({ stale: false, entries: [] });
    expect((await listArtefacts(db)).map((a) => a.artefact)).toEqual([A, B]);
    expect(lines((await queryWindow(db, {})).rows)).toEqual([
      ['b', { line: 1 }],
      ['a', { line: 2 }],
      ['a', { line: 1 }],
    ]);
  });
});

describe('reads racing writes', () => {
  it('a query whose cached index names a page that is gone reads the new state once more', async () => {
    const db = await fresh();
    const events = [http(1, 1), http(2, 2), http(3, 3), http(4, 4)];
    await importEvents(db, A, PARSER, batches(events), undefined, { pageSize: 2 });
    // Caches the page index without reading any page.
    expect((await queryWindow(db, { limit: 0 })).total).toBe(4);
    // Another writer (not through this module) removes the first page.
    await db.transaction('rw', [db.pageIndex, db.pages, db.pageEvents], async () => {
      await db.pageIndex.delete([A, 0]);
      await db.pages.delete([A, 0]);
      await db.pageEvents.delete([A, 0]);
    });
    const { rows, total } = await queryWindow(db, {});
    expect(total).toBe(2);
    expect(rows.map((r) => r.event.locator)).toEqual([{ line: 3 }, { line: 4 }]);
  });
});

describe('persistence', () => {
  it('a reopened database answers the same (nothing lives only in memory)', async () => {
    const options = backend();
    const db = new WorkspaceDb(DB_NAME, options);
    open.push(db);
    const events = [http(3, 1), nat(1, 2), http(null, 3), aaa(2, 4)];
    await importEvents(db, A, PARSER, batches(events), undefined, { pageSize: 2 });
    const before = await queryWindow(db, { cidr: '100.64.0.0/10' });
    db.close();
    const again = new WorkspaceDb(DB_NAME, options);
    open.push(again);
    expect(await queryWindow(again, { cidr: '100.64.0.0/10' })).toStrictEqual(before);
    expect(before.total).toBe(2);
  });
});

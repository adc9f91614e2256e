import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DB_NAME,
  DB_VERSION,
  SCHEMA_V1,
  SCHEMA_V2,
  WorkspaceDb,
  listArtefacts,
  queryWindow,
  migrateRecentCaseV1,
  recentCases,
  rememberOpened,
  type RecentCase,
  type RecentCaseV1,
} from '../../../../renderer/src/db';

/** A fresh, private IndexedDB per test: nothing leaks between tests. */
function backend() {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

const open: Dexie[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A database exactly as the version-1 app left it, written with raw Dexie. */
async function createV1(options: ReturnType<typeof backend>, rows: unknown[]): Promise<void> {
  const v1 = new Dexie(DB_NAME, options);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  await v1.table('recentCases').bulkAdd(rows);
  expect(await v1.table('recentCases').count()).toBe(rows.length);
  v1.close();
}

async function openWorkspace(options: ReturnType<typeof backend>): Promise<WorkspaceDb> {
  const db = new WorkspaceDb(DB_NAME, options);
  open.push(db);
  await db.open();
  return db;
}

/** A database exactly as the version-2 app left it (v1 then v2, written with raw Dexie). */
async function createV2(
  options: ReturnType<typeof backend>,
  recent: RecentCase[],
  preferences: Array<{ key: string; value: unknown }>,
): Promise<void> {
  const v2 = new Dexie(DB_NAME, options);
  v2.version(1).stores(SCHEMA_V1);
  v2.version(2).stores(SCHEMA_V2);
  await v2.open();
  await v2.table('recentCasesV2').bulkAdd(recent);
  await v2.table('preferences').bulkAdd(preferences);
  v2.close();
}

const CURRENT_STORES = [
  'artefacts',
  'pageEvents',
  'pageIndex',
  'pageText',
  'pageTimes',
  'pages',
  'preferences',
  'recentCasesV2',
];

function storeNames(db: Dexie): string[] {
  return [...db.backendDB().objectStoreNames].sort();
}

const V1_ROWS: RecentCaseV1[] = [
  {
    id: '2026-0417.sealcase',
    number: '2026/0417',
    title: 'Takeover',
    openedAt: '2026-11-20T10:00:00.000Z',
  },
  { id: 'CR-11.sealcase', number: 'CR-11', title: 'Phishing', openedAt: '2026-11-22T08:30:00Z' },
  {
    id: 'old.sealcase',
    number: 'OLD-1',
    title: 'Zoned',
    openedAt: '2026-11-21T12:00:00.000+02:00',
  },
];

describe('migrateRecentCaseV1', () => {
  it('keys the row by the folder name and turns openedAt into epoch milliseconds', () => {
    expect(migrateRecentCaseV1(V1_ROWS[0]!)).toStrictEqual({
      uuid: 'folder:2026-0417.sealcase',
      folder: '2026-0417.sealcase',
      number: '2026/0417',
      title: 'Takeover',
      lastOpened: Date.UTC(2026, 10, 20, 10, 0, 0, 0),
    });
  });

  it('honours the offset of openedAt', () => {
    expect(migrateRecentCaseV1(V1_ROWS[2]!).lastOpened).toBe(Date.UTC(2026, 10, 21, 10, 0, 0, 0));
  });

  it.each([
    ['unparseable', 'yesterday'],
    ['empty', ''],
    ['missing', undefined],
  ])('falls back to 0 (oldest) when openedAt is %s', (_label, openedAt) => {
    const row = { id: 'x.sealcase', number: '1', title: 't', openedAt } as RecentCaseV1;
    const migrated = migrateRecentCaseV1(row);
    expect(migrated.lastOpened).toBe(0);
    expect(migrated.uuid).toBe('folder:x.sealcase');
  });

  it('does not change its input', () => {
    const row = { ...V1_ROWS[1]! };
    migrateRecentCaseV1(row);
    expect(row).toStrictEqual(V1_ROWS[1]);
  });
});

describe('WorkspaceDb migration', () => {
  it('a fresh database opens at the current version with the current stores', async () => {
    const db = await openWorkspace(backend());
    expect(db.verno).toBe(DB_VERSION);
    expect(storeNames(db)).toEqual(CURRENT_STORES);
    expect(await db.recentCasesV2.count()).toBe(0);
    expect(await recentCases(db)).toEqual([]);
  });

  it('migrates every version-1 row into recentCasesV2 in the v2 shape and drops the old store', async () => {
    const options = backend();
    await createV1(options, V1_ROWS);
    const db = await openWorkspace(options);
    expect(db.verno).toBe(DB_VERSION);
    expect(storeNames(db)).toEqual(CURRENT_STORES);
    const rows = await db.recentCasesV2.toArray();
    expect(rows).toHaveLength(V1_ROWS.length);
    const byUuid = (a: RecentCase, b: RecentCase) => a.uuid.localeCompare(b.uuid);
    expect(rows.sort(byUuid)).toStrictEqual(V1_ROWS.map(migrateRecentCaseV1).sort(byUuid));
    // The new index sorts numerically: most recent first.
    expect((await recentCases(db)).map((r) => r.folder)).toEqual([
      'CR-11.sealcase',
      'old.sealcase',
      '2026-0417.sealcase',
    ]);
  });

  it('keeps version-1 rows whose openedAt cannot be read, as the oldest entries', async () => {
    const options = backend();
    await createV1(options, [
      ...V1_ROWS,
      { id: 'bad-date.sealcase', number: 'B-1', title: 'Bad date', openedAt: 'not a date' },
      { id: 'no-date.sealcase', number: 'B-2', title: 'No date' },
    ]);
    const db = await openWorkspace(options);
    expect(await db.recentCasesV2.count()).toBe(V1_ROWS.length + 2);
    expect(await db.recentCasesV2.get('folder:bad-date.sealcase')).toStrictEqual({
      uuid: 'folder:bad-date.sealcase',
      folder: 'bad-date.sealcase',
      number: 'B-1',
      title: 'Bad date',
      lastOpened: 0,
    });
    expect((await db.recentCasesV2.get('folder:no-date.sealcase'))?.lastOpened).toBe(0);
    const all = await recentCases(db, 100);
    expect(all.slice(-2).map((r) => r.lastOpened)).toEqual([0, 0]);
  });

  it('migrates an empty version-1 database', async () => {
    const options = backend();
    await createV1(options, []);
    const db = await openWorkspace(options);
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.recentCasesV2.count()).toBe(0);
  });

  it('migrates many rows without losing one', async () => {
    const options = backend();
    const rows = Array.from({ length: 500 }, (_, i) => ({
      id: `c${i}.sealcase`,
      number: `N-${i}`,
      title: `Case ${i}`,
      openedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    }));
    await createV1(options, rows);
    const db = await openWorkspace(options);
    expect(await db.recentCasesV2.count()).toBe(500);
    expect((await recentCases(db, 1))[0]?.folder).toBe('c499.sealcase');
  });

  it('migrates a version-2 database to v3: recent cases and preferences kept, event stores empty', async () => {
    const options = backend();
    const recent = V1_ROWS.map(migrateRecentCaseV1);
    const preferences = [
      { key: 'theme', value: 'dark' },
      { key: 'timeline.columns', value: ['ts', 'type', 'clientIp'] },
    ];
    await createV2(options, recent, preferences);
    const db = await openWorkspace(options);
    expect(db.verno).toBe(DB_VERSION);
    expect(storeNames(db)).toEqual(CURRENT_STORES);
    const byUuid = (a: RecentCase, b: RecentCase) => a.uuid.localeCompare(b.uuid);
    expect((await db.recentCasesV2.toArray()).sort(byUuid)).toStrictEqual(recent.sort(byUuid));
    expect(await db.preferences.toArray()).toStrictEqual(
      [...preferences].sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(await listArtefacts(db)).toEqual([]);
    expect(await queryWindow(db, {})).toStrictEqual({ rows: [], total: 0, untimed: 0, offset: 0 });
  });

  it('migrates an empty version-2 database', async () => {
    const options = backend();
    await createV2(options, [], []);
    const db = await openWorkspace(options);
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.recentCasesV2.count()).toBe(0);
    expect(await db.pageIndex.count()).toBe(0);
  });

  it('reopening a migrated database changes nothing', async () => {
    const options = backend();
    await createV1(options, V1_ROWS);
    const first = await openWorkspace(options);
    const before = await first.recentCasesV2.toArray();
    first.close();
    const second = await openWorkspace(options);
    expect(second.verno).toBe(DB_VERSION);
    expect(await second.recentCasesV2.toArray()).toStrictEqual(before);
  });
});

describe('rememberOpened / recentCases', () => {
  const entry = (n: number) => ({
    uuid: `00000000-0000-4000-8000-00000000000${n}`,
    folder: `c${n}.sealcase`,
    number: `N-${n}`,
    title: `Case ${n}`,
  });

  it('lists the most recently opened first, limited to 5 by default', async () => {
    const db = await openWorkspace(backend());
    for (let n = 1; n <= 7; n++) await rememberOpened(db, entry(n), 1000 + n);
    expect((await recentCases(db)).map((r) => r.folder)).toEqual([
      'c7.sealcase',
      'c6.sealcase',
      'c5.sealcase',
      'c4.sealcase',
      'c3.sealcase',
    ]);
    expect(await recentCases(db, 2)).toHaveLength(2);
    expect(await recentCases(db, 100)).toHaveLength(7);
  });

  it('orders by time, not by insertion', async () => {
    const db = await openWorkspace(backend());
    await rememberOpened(db, entry(1), 3000);
    await rememberOpened(db, entry(2), 1000);
    await rememberOpened(db, entry(3), 2000);
    expect((await recentCases(db)).map((r) => r.lastOpened)).toEqual([3000, 2000, 1000]);
  });

  it('keeps one entry per case: reopening moves it to the top with fresh details', async () => {
    const db = await openWorkspace(backend());
    await rememberOpened(db, entry(1), 1000);
    await rememberOpened(db, entry(2), 2000);
    await rememberOpened(db, { ...entry(1), folder: 'renamed.sealcase', title: 'New title' }, 3000);
    const list = await recentCases(db);
    expect(list).toHaveLength(2);
    expect(list[0]).toStrictEqual({
      ...entry(1),
      folder: 'renamed.sealcase',
      title: 'New title',
      lastOpened: 3000,
    });
    expect(list[1]?.uuid).toBe(entry(2).uuid);
  });

  it('replaces the migrated stand-in when the case is opened again under its real UUID', async () => {
    const options = backend();
    await createV1(options, V1_ROWS);
    const db = await openWorkspace(options);
    const real = {
      uuid: '5f0c6f0e-7d3b-4b8e-9a53-1c2d3e4f5a6b',
      folder: 'CR-11.sealcase',
      number: 'CR-11',
      title: 'Phishing',
    };
    await rememberOpened(db, real, Date.UTC(2026, 11, 1));
    const list = await recentCases(db, 100);
    expect(list.filter((r) => r.folder === 'CR-11.sealcase')).toStrictEqual([
      { ...real, lastOpened: Date.UTC(2026, 11, 1) },
    ]);
    expect(list).toHaveLength(V1_ROWS.length);
    expect(await db.recentCasesV2.get('folder:CR-11.sealcase')).toBeUndefined();
  });
});

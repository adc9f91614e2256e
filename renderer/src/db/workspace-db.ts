import Dexie, { type EntityTable } from 'dexie';
import {
  DB_NAME,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  migrateRecentCaseV1,
  type ArtefactImport,
  type EventPageBody,
  type EventPageColumns,
  type EventPageMeta,
  type EventPageText,
  type EventPageTimes,
  type Preference,
  type RecentCase,
  type RecentCaseV1,
} from './schema';

/** The renderer's working store (not the record of truth: that lives in the case folder). */
export class WorkspaceDb extends Dexie {
  recentCasesV2!: EntityTable<RecentCase, 'uuid'>;
  preferences!: EntityTable<Preference, 'key'>;
  artefacts!: EntityTable<ArtefactImport, 'artefact'>;
  pageIndex!: Dexie.Table<EventPageMeta, [string, number]>;
  pageTimes!: Dexie.Table<EventPageTimes, [string, number]>;
  pages!: Dexie.Table<EventPageColumns, [string, number]>;
  pageText!: Dexie.Table<EventPageText, [string, number]>;
  pageEvents!: Dexie.Table<EventPageBody, [string, number]>;

  /**
   * The store is a working copy that can be rebuilt from the case, so Chromium may commit without
   * flushing to disk (`relaxed`): several times faster for large imports.
   */
  constructor(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, { chromeTransactionDurability: 'relaxed', ...options });
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        const old = (await tx.table('recentCases').toArray()) as RecentCaseV1[];
        await tx.table('recentCasesV2').bulkAdd(old.map(migrateRecentCaseV1));
      });
    // v3 only adds the event stores (created empty); earlier stores and their rows stay as they are.
    this.version(3).stores(SCHEMA_V3);
  }
}

/**
 * Remembers that a case was opened (for the sidebar's "Recent" list). A row migrated from v1 is
 * keyed `folder:<name>` until the case's real UUID is known; opening the case replaces it, so the
 * list does not show the same case twice.
 */
export async function rememberOpened(
  db: WorkspaceDb,
  entry: Omit<RecentCase, 'lastOpened'>,
  now: number,
): Promise<void> {
  const standIn = `folder:${entry.folder}`;
  await db.transaction('rw', db.recentCasesV2, async () => {
    if (entry.uuid !== standIn) await db.recentCasesV2.delete(standIn);
    await db.recentCasesV2.put({ ...entry, lastOpened: now });
  });
}

export async function recentCases(db: WorkspaceDb, limit = 5): Promise<RecentCase[]> {
  return db.recentCasesV2.orderBy('lastOpened').reverse().limit(limit).toArray();
}

/**
 * The workspace database's schema history. Each entry is one Dexie version: its stores and, where
 * data must change shape, an upgrade. Never edit a published entry; add a new one.
 *
 * - v1: `recentCases` keyed by the case folder name, `openedAt` as an ISO string.
 * - v2: keyed by the case's UUID (a copied or renamed case folder is still the same case), and
 *   `lastOpened` as epoch milliseconds so the index sorts numerically; `preferences` added.
 */
export interface RecentCaseV1 {
  id: string;
  number: string;
  title: string;
  openedAt: string;
}

export interface RecentCase {
  uuid: string;
  folder: string;
  number: string;
  title: string;
  lastOpened: number;
}

export interface Preference {
  key: string;
  value: unknown;
}

export const DB_NAME = 'sealcase-workspace';

export const SCHEMA_V1 = { recentCases: 'id, openedAt' } as const;
export const SCHEMA_V2 = {
  recentCases: null,
  recentCasesV2: '&uuid, lastOpened',
  preferences: 'key',
} as const;
/** The current version number (the highest in the history). */
export const DB_VERSION = 2;

/** Turns a v1 row into a v2 row. The v1 store had no UUID, so the folder name stands in. */
export function migrateRecentCaseV1(row: RecentCaseV1): RecentCase {
  const parsed = Date.parse(row.openedAt);
  return {
    uuid: `folder:${row.id}`,
    folder: row.id,
    number: row.number,
    title: row.title,
    lastOpened: Number.isFinite(parsed) ? parsed : 0,
  };
}

/**
 * The workspace database's schema history. Each entry is one Dexie version: its stores and, where
 * data must change shape, an upgrade. Never edit a published entry; add a new one.
 *
 * - v1: `recentCases` keyed by the case folder name, `openedAt` as an ISO string.
 * - v2: keyed by the case's UUID (a copied or renamed case folder is still the same case), and
 *   `lastOpened` as epoch milliseconds so the index sorts numerically; `preferences` added.
 * - v3: the event store for the Timeline (`artefacts`, `pageIndex`, `pages`, `pageEvents`), see
 *   `EventPageColumns`. Only adds stores: rows of v1/v2 stores are untouched.
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
/**
 * v3: parsed events, stored as time-sorted pages of a few thousand events per artefact import.
 * Pages are keyed `[artefact+seq]` in all four page stores; `pageIndex` rows are small and read
 * whole, `pageTimes` hold each page's times (all an unfiltered window or histogram needs), `pages`
 * the filter columns, `pageText` a trigram filter that lets free text skip pages, `pageEvents` the
 * full events (read only for visible rows, the detail panel and free-text search).
 */
export const SCHEMA_V3 = {
  artefacts: '&artefact, state, stale',
  pageIndex: '[artefact+seq], artefact',
  pageTimes: '[artefact+seq]',
  pages: '[artefact+seq]',
  pageText: '[artefact+seq]',
  pageEvents: '[artefact+seq]',
} as const;
/** The current version number (the highest in the history). */
export const DB_VERSION = 3;

/** Whether an artefact's import finished; an `importing` artefact is never queried. */
export type ArtefactImportState = 'importing' | 'complete';

/** The parser run that produced an artefact's events (as recorded in the case's parse decision). */
export interface ParserRef {
  name: string;
  version: string;
  /** A hash of the parse options (zone, year, log format…), as the case's parse decision holds it. */
  optionsHash: string;
}

/** v3 `artefacts`: one row per imported artefact (keyed by its SHA-256 or another stable id). */
export interface ArtefactImport {
  artefact: string;
  parser: ParserRef;
  state: ArtefactImportState;
  eventCount: number;
  /** Events with `ts: null` (listed after every timed event, "no UTC time"). */
  untimedCount: number;
  pageCount: number;
  /** Epoch ms of the earliest and latest timed event; null when none is timed. */
  minTs: number | null;
  maxTs: number | null;
  /** Bit `EVENT_TYPES.indexOf(type)` set for every type present. */
  typeMask: number;
  importedAt: number;
  /** 1 when the working copy no longer reflects the case (indexable, hence not a boolean). */
  stale: 0 | 1;
  staleReason: string | null;
}

/** The page records (v3 `pageIndex`, `pageTimes`, `pages`, `pageText`, `pageEvents`). */
export type {
  EventPageBody,
  EventPageColumns,
  EventPageMeta,
  EventPageText,
  EventPageTimes,
} from '../../../shared/workspace';

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

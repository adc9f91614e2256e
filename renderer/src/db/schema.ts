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

/** v3 `pageIndex`: what a query needs to pick pages without reading them. */
export interface EventPageMeta {
  artefact: string;
  seq: number;
  count: number;
  /** Epoch ms; both `Infinity` for a page of untimed events. */
  minTs: number;
  maxTs: number;
  typeMask: number;
}

/** v3 `pageTimes`: the times of one page's events, in page order. */
export interface EventPageTimes {
  artefact: string;
  seq: number;
  /** Epoch ms, ascending; `Infinity` for `ts: null`. */
  ts: Float64Array;
}

/**
 * v3 `pages`: the filter columns of one page, event `i` at index `i` (sorted by time, then arrival).
 * Multi-valued columns are CSR lists: event `i` owns `xRefs[xStart[i] .. xStart[i+1])`.
 */
export interface EventPageColumns {
  artefact: string;
  seq: number;
  /** Index into `EVENT_TYPES`. */
  types: Uint8Array;
  /** The page's distinct IPv4 addresses as numbers, ascending. */
  ip4: Uint32Array;
  /** The page's distinct IPv6 addresses, 16 bytes each, ascending bytewise. */
  ip6: Uint8Array;
  /** Refs into the address dictionary `[...ip4, ...ip6]`. */
  ipStart: Uint32Array;
  ipRefs: Uint32Array;
  /** Port ranges (a single port is `lo = hi`). */
  portStart: Uint32Array;
  portLo: Uint16Array;
  portHi: Uint16Array;
  /** Normalised account names (lowercase) and refs into them. */
  accounts: string[];
  accStart: Uint32Array;
  accRefs: Uint32Array;
}

/**
 * v3 `pageText`: a one-hash Bloom filter (65,536 bits) of the trigrams of the page's lowercased
 * JSON: a needle with a trigram whose bit is clear is not in the page. `null` when the page was
 * stored without JSON (the `clone` encoding): the page must be read.
 */
export interface EventPageText {
  artefact: string;
  seq: number;
  grams: Uint32Array | null;
}

/**
 * v3 `pageEvents`: the full events of one page, in column order. `json` holds each event's JSON
 * followed by `\n`; event `i` is `json.slice(offsets[i], offsets[i + 1] - 1)`. (`events`, a plain
 * structured-clone array, is the alternative encoding; readers accept both.)
 */
export interface EventPageBody {
  artefact: string;
  seq: number;
  json?: string;
  offsets?: Uint32Array;
  events?: unknown[];
}

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

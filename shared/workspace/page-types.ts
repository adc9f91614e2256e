/**
 * The records of one stored page of events, as the renderer's workspace store keeps them (Dexie
 * v3, `renderer/src/db/schema.ts`) and as main's parse worker builds them. Changing a field is a
 * store schema change: add a Dexie version with a migration.
 */

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

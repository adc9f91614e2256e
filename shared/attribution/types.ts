import type { EventType, Locator, ParseWarning } from '../model/event';

/** Bump when the results for the same records, observations and options change. */
export const ATTRIBUTION_ENGINE_VERSION = '1.0.0';

/** Where an observation came from: an event type, or a row of an `ip,port,time` CSV. */
export type ObservationSource =
  Extract<EventType, 'http:access' | 'ssh:auth' | 'email:received'> | 'csv';

/** One thing seen on the internet side: a public address (and port) at an instant. */
export interface Observation {
  /** Normalised address text (shared/net `normalizeIp`). */
  readonly ip: string;
  /** Source port as the server logged it; absent when the log has none. */
  readonly port?: number;
  /** ISO 8601 UTC with milliseconds (`formatInstant`), before any clock correction. */
  readonly ts: string;
  readonly source: ObservationSource;
  readonly artefact?: string;
  readonly locator?: Locator;
  /** How the observation's own time was known (copied from the event), when known. */
  readonly zoneSource?: 'in-band' | 'declared' | 'epoch' | 'unknown';
  readonly zoneAmbiguous?: boolean;
}

/**
 * A deterministic NAT configuration (RFC 7422 §3: the configuration valid at the event time is
 * evidence). IPv4 only.
 */
export interface DeterministicNatConfig {
  /** A label for the path (`"cgn1 det 2024-03-01"`). */
  readonly id: string;
  /**
   * `rfc7422-sequential` (RFC 7422 §2.2 algorithm 0), `vpp-det44` (FD.io VPP det44),
   * `juniper` (Juniper MX deterministic NAPT), `vyos` (VyOS CGNAT).
   */
  readonly algorithm: DeterministicAlgorithm;
  /** Inside range: CIDR (`198.51.100.0/28`) or `first-last`. */
  readonly insideRange: string;
  /** Outside range: CIDR or `first-last`. */
  readonly outsideRange: string;
  /** Ports per inside address (Juniper block size, VyOS per-user limit); computed when absent. */
  readonly portsPerUser?: number;
  /** Number of reserved low ports (`0..reservedPorts-1`); default 1024 (RFC 7422 R = 0–1023). */
  readonly reservedPorts?: number;
  /** RFC 7422 D (dynamic pool factor); default 0. */
  readonly dynamicPoolFactor?: number;
  /** RFC 7422 M (maximum ports per user); informational. */
  readonly maxPortsPerUser?: number;
  /**
   * Whether the network and broadcast addresses of a CIDR inside range are translated. Defaults:
   * false for `rfc7422-sequential` and `juniper`, true for `vpp-det44` and `vyos`.
   */
  readonly includeBoundaryAddresses?: boolean;
  /** The inside VRF / routing instance the configuration applies to. */
  readonly vrf?: string;
  /** Validity `[validFrom, validTo)` (ISO UTC); absent = unbounded on that side. */
  readonly validFrom?: string;
  readonly validTo?: string;
  /** Where the configuration was read from. */
  readonly artefact?: string;
  readonly locator?: Locator;
}

export type DeterministicAlgorithm = 'rfc7422-sequential' | 'vpp-det44' | 'juniper' | 'vyos';

/** A MAP-E / MAP-T Basic Mapping Rule (RFC 7597 §5), valid over a period. */
export interface MapRule {
  readonly id: string;
  /** Rule IPv6 prefix, e.g. `2001:db8::/40`. */
  readonly ipv6Prefix: string;
  /** Rule IPv4 prefix, e.g. `192.0.2.0/24`. */
  readonly ipv4Prefix: string;
  /** EA-bits length. */
  readonly eaBitsLength: number;
  /** PSID offset `a` (RFC 7597 §5.1); default 6. */
  readonly psidOffset?: number;
  readonly validFrom?: string;
  readonly validTo?: string;
  readonly artefact?: string;
  readonly locator?: Locator;
}

export interface AttributionOptions {
  /** Seconds either side of the observed instant; default 0. */
  readonly toleranceSeconds?: number;
  /**
   * Clock corrections: artefact SHA-256 → seconds to add to every timestamp read from that
   * artefact (positive when its clock ran behind). Applied before anything else.
   */
  readonly clockCorrections?: Readonly<Record<string, number>>;
  /** RFC 6888 REQ-8 guard: a port re-allocated within this many seconds is flagged; default 120. */
  readonly reuseGuardSeconds?: number;
  readonly deterministicNat?: readonly DeterministicNatConfig[];
  readonly mapRules?: readonly MapRule[];
}

export const REASON_CODES = [
  'PORT_MISSING_SHARED_IP',
  'PORT_REUSED',
  'TIME_TOLERANCE',
  'ZONE_DECLARED',
  'ZONE_AMBIGUOUS',
  'ZONE_UNKNOWN',
  'END_INFERRED',
  'START_INFERRED',
  'SHARED_ADDRESS_SPACE',
  'NO_RECORDS',
  'NOT_ALLOCATED',
  'CHAIN_INCOMPLETE',
  'DYNAMIC_PORT_NO_BLOCK',
  'OBSERVATION_INVALID',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  readonly code: ReasonCode;
  readonly message: string;
}

export type AttributionStatus = 'unique' | 'ambiguous' | 'none' | 'no-coverage';

export type StepKind =
  | 'nat-session'
  | 'nat-portblock'
  | 'deterministic-nat'
  | 'map-port-set'
  | 'aaa-session'
  | 'dhcp-lease'
  | 'isp-assignment';

/** A record behind a step. */
export interface RecordRef {
  readonly role: 'start' | 'end' | 'interim' | 'config' | 'row';
  readonly artefact?: string;
  readonly locator: Locator;
  /** The record's time after clock correction (ISO UTC); null for a configuration. */
  readonly ts: string | null;
}

/** One piece of evidence on the path from the observed address to an account. */
export interface PathStep {
  readonly kind: StepKind;
  /** 0: applies to the observed address; 1: to an inside address found at depth 0. */
  readonly depth: 0 | 1;
  /** Index (in `path`) of the step this one continues; null at depth 0. */
  readonly parent: number | null;
  /** The address (and port) this step was looked up with. */
  readonly from: { readonly ip: string; readonly port?: number; readonly vrf?: string };
  /** What it maps to: an inside address (NAT) or an account (AAA, DHCP, ISP); nothing if not held. */
  readonly to: {
    readonly ip?: string;
    readonly vrf?: string;
    readonly portStart?: number;
    readonly portEnd?: number;
    readonly account?: string;
    /** The record field the account was taken from (`user`, `subscriber`, `mac`, …). */
    readonly accountField?: string;
  };
  /** Artefact and locator of the main record (the start, row or configuration). */
  readonly artefact?: string;
  readonly locator: Locator;
  readonly records: readonly RecordRef[];
  /** `[start, end)` (ISO UTC, corrected); `end` null when unbounded (a configuration). */
  readonly interval: {
    readonly start: string | null;
    readonly end: string | null;
    readonly startInferred: boolean;
    readonly endInferred: boolean;
  };
  /** Plain-language note (e.g. the deterministic computation). */
  readonly note?: string;
}

export interface AttributionResult {
  readonly observation: Observation;
  readonly status: AttributionStatus;
  /** Sorted account ids. */
  readonly subscribers: readonly string[];
  readonly path: readonly PathStep[];
  /** When the port is missing: distinct accounts that held the address in the window; else null. */
  readonly sharedBy: number | null;
  readonly reasons: readonly Reason[];
  readonly caveat: string;
  /** The window searched, after clock correction (ISO UTC). */
  readonly window: { readonly start: string; readonly end: string };
}

/** A counted engine warning (records skipped and why). */
export interface EngineWarning {
  readonly code: string;
  readonly message: string;
  readonly count: number;
  /** The first few locators concerned. */
  readonly examples: ReadonlyArray<{ readonly artefact?: string; readonly locator: Locator }>;
}

export interface BuildSummary {
  readonly records: number;
  readonly intervals: { readonly outside: number; readonly address: number };
  readonly skipped: number;
  readonly warnings: readonly EngineWarning[];
}

/**
 * The results of a run as columns: each observation's status and subscribers are known at once
 * (the two-step join); its full result (evidence path, reasons, window) is computed when asked
 * for, from the same index, so a million observations do not hold a million result objects.
 */
export interface AttributionResultSet {
  readonly length: number;
  status(index: number): AttributionStatus;
  /** Sorted account ids, as `result(index).subscribers`. */
  subscribers(index: number): readonly string[];
  /** The full result of observation `index`, equal to `attribute(observations[index])`. */
  result(index: number): AttributionResult;
}

export interface AttributionEngine {
  readonly version: string;
  /** Add a batch of events; types the engine does not use are counted and ignored. */
  addRecords(events: Iterable<import('../model/event').SealcaseEvent>): void;
  /** Pair records into intervals and index them; call once after the last `addRecords`. */
  build(): BuildSummary;
  attribute(observation: Observation): AttributionResult;
  attributeAll(observations: Iterable<Observation>): AttributionResult[];
  /** Every observation's status and subscribers now, full results on demand (see the type). */
  attributeSet(observations: readonly Observation[]): AttributionResultSet;
  warnings(): readonly EngineWarning[];
}

export type { ParseWarning };

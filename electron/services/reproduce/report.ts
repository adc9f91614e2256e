/**
 * What `sealcase reproduce` reports (the `--json` object is this, with `v: 1`): one outcome per
 * original with a parse decision and per recorded attribution run, and a finding with a code
 * and the file for everything that is not identical. Exit 0 when `findings` is empty, else 1.
 */
export const REPRODUCE_REPORT_VERSION = 1;

export const REPRODUCE_FINDING_CODES = [
  /** Re-derived events differ from `data/events.jsonl` for an original. */
  'REPRODUCE_EVENTS_DIFFER',
  /** `data/events.jsonl` holds lines no decided original gives. */
  'REPRODUCE_EVENTS_EXTRA',
  /** A re-run attribution differs from `data/attribution.jsonl` or from its `resultsSha256`. */
  'REPRODUCE_ATTRIBUTION_DIFFERS',
  /** `data/attribution.jsonl` holds lines of no recorded run. */
  'REPRODUCE_ATTRIBUTION_EXTRA',
  /** Cannot reproduce: the decision's parser version is not this Sealcase's. */
  'REPRODUCE_PARSER_VERSION',
  /** Cannot reproduce: this Sealcase has no parser of the decision's format. */
  'REPRODUCE_FORMAT_UNKNOWN',
  /** Cannot reproduce: the run's attribution engine version is not this Sealcase's. */
  'REPRODUCE_ENGINE_VERSION',
  /** Cannot reproduce: an original the decision needs is not in the package. */
  'REPRODUCE_ORIGINAL_MISSING',
  /** Cannot reproduce: the ledger names a decision file the package does not hold. */
  'REPRODUCE_DECISION_MISSING',
  /** Cannot reproduce: the parser stopped on the original (its error is quoted). */
  'REPRODUCE_PARSE_FAILED',
] as const;
export type ReproduceFindingCode = (typeof REPRODUCE_FINDING_CODES)[number];

export type OutcomeStatus = 'identical' | 'differs' | 'cannot-reproduce';

/**
 * Where and how a block of lines differs. `line` is the package file's 1-based line. Counts are
 * positional (line n against line n, no resynchronising): a line removed from the middle makes
 * every later line of the block differ and one missing.
 */
export interface LineDifference {
  readonly file: string;
  readonly first: {
    readonly line: number;
    /** The re-derived line (null: the package has a line more). */
    readonly expected: string | null;
    /** The package's line (null: the package lacks it). */
    readonly actual: string | null;
  } | null;
  /** Lines present on both sides that differ. */
  readonly differing: number;
  /** Re-derived lines the package lacks. */
  readonly missing: number;
  /** Package lines beyond the re-derived ones. */
  readonly extra: number;
}

export interface ArtefactOutcome {
  readonly artefact: string;
  readonly name: string;
  /** The original's bag path (null when the package lacks it). */
  readonly file: string | null;
  /** The parse decision followed: its SHA-256, format, parser version. */
  readonly decision: string;
  readonly format: string;
  readonly parserVersion: string;
  readonly status: OutcomeStatus;
  /** Events re-derived (0 when it could not be reproduced). */
  readonly events: number;
  readonly difference: LineDifference | null;
  readonly code: ReproduceFindingCode | null;
  readonly reason: string | null;
}

export interface RunOutcome {
  readonly decision: string;
  readonly file: string;
  readonly status: OutcomeStatus;
  readonly results: number;
  readonly resultsSha256: { readonly recorded: string; readonly reproduced: string | null };
  readonly difference: LineDifference | null;
  readonly code: ReproduceFindingCode | null;
  readonly reason: string | null;
}

export interface ReproduceFinding {
  readonly code: ReproduceFindingCode;
  readonly file: string;
  readonly message: string;
}

export interface ReproduceReport {
  readonly v: typeof REPRODUCE_REPORT_VERSION;
  /** True when every outcome is identical and nothing is left over. */
  readonly ok: boolean;
  readonly package: { readonly label: string; readonly form: 'folder' | 'zip' };
  readonly tool: { readonly version: string; readonly engineVersion: string };
  readonly artefacts: readonly ArtefactOutcome[];
  readonly runs: readonly RunOutcome[];
  readonly findings: readonly ReproduceFinding[];
}

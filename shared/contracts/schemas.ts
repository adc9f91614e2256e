import { z } from 'zod';
import {
  ArtefactRecordV1,
  CaseAuthority,
  CaseNumber,
  CaseTitle,
  Examiner,
  EventType,
  Locator,
  ParseDecisionOptions,
  ParseWarning,
  SealcaseEvent,
} from '../model';
import { TableProfile } from '../parsers/table/profile';
import type { Channel } from './channels';
import { CaseId, CustodyRecordView, Hex64, TaskId } from './primitives';
import { EXPORT_CONTRACT } from './export-schemas';
import { PACKAGE_CONTRACT } from './package-schemas';
import { WorkspaceBatch } from './workspace-batch';

export { CaseId, CustodyRecordView } from './primitives';

const Empty = z.object({}).strict();

export const AppInfo = z
  .object({
    name: z.string(),
    version: z.string(),
    electron: z.string().nullable(),
    node: z.string(),
    chromium: z.string().nullable(),
    casesRoot: z.string(),
  })
  .strict();

export const CaseSummary = z
  .object({
    id: CaseId,
    uuid: z.uuid(),
    number: z.string(),
    title: z.string(),
    authority: z.string().nullable(),
    created: z.string(),
    path: z.string(),
  })
  .strict();

/** A folder under the cases root that looked like a case but could not be read. */
export const CaseProblem = z
  .object({ id: z.string(), path: z.string(), code: z.string(), message: z.string() })
  .strict();

export const CaseListing = z
  .object({ cases: z.array(CaseSummary), problems: z.array(CaseProblem) })
  .strict();

export const CaseCreateRequest = z
  .object({ number: CaseNumber, title: CaseTitle, authority: CaseAuthority.optional() })
  .strict();

/** `case:createDemo`: the caller names the task so it can match progress events before the end. */
export const CaseDemoRequest = z.object({ task: TaskId }).strict();

/** The demo case built, and how to sign in as its examiner (a file path and a public passphrase). */
export const CaseDemoResponse = z
  .object({
    case: CaseSummary,
    identityFile: z.string().min(1).max(4096),
    passphrase: z.string().min(1).max(100),
    /** The workspace's earlier demo identity signed it (nothing new written). */
    reusedIdentity: z.boolean(),
  })
  .strict();

export const CaseDetail = CaseSummary.extend({
  examiners: z.array(Examiner),
  formatVersion: z.number().int(),
  tool: z.object({ name: z.string(), version: z.string() }).strict(),
}).strict();

export const ProgressEvent = z
  .object({
    task: z.string(),
    label: z.string(),
    /** `running` while work goes on; one final event says how it ended. */
    state: z.enum(['running', 'done', 'failed', 'cancelled']),
    phase: z.string().nullable(),
    done: z.number().nonnegative(),
    total: z.number().nonnegative().nullable(),
    unit: z.enum(['bytes', 'items']),
    ratePerSecond: z.number().nonnegative().nullable(),
    etaSeconds: z.number().nonnegative().nullable(),
    /** The item in progress (a file of an intake), with its own count. */
    item: z
      .object({ name: z.string(), done: z.number().nonnegative(), total: z.number().nonnegative() })
      .strict()
      .nullable(),
    /** How it ended, in words (failed: what and where). */
    message: z.string().nullable(),
    code: z.string().nullable(),
  })
  .strict();

const CustodyFinding = z
  .object({ seq: z.number().int().nonnegative().nullable(), code: z.string(), message: z.string() })
  .strict();

/** The result of verifying a case's ledger (shared/custody verifyLedger, summarised). */
export const CustodyReport = z
  .object({
    status: z.enum(['valid', 'invalid', 'no-ledger']),
    /** The records that verified, newest last; at most `RECORDS_SHOWN`, the newest kept. */
    records: z.array(CustodyRecordView),
    totalVerified: z.number().int().nonnegative(),
    firstBad: CustodyFinding.nullable(),
    warnings: z.array(CustodyFinding),
    root: Hex64.nullable(),
    checkpoints: z.number().int().nonnegative(),
    verifiedAt: z.string(),
  })
  .strict();

/** A case's artefacts (the index `artefacts.jsonl`), with lines that could not be read. */
export const ArtefactListing = z
  .object({
    artefacts: z.array(ArtefactRecordV1),
    problems: z.array(z.object({ line: z.number().int(), message: z.string() }).strict()),
  })
  .strict();

/** Who is signed in to the app (never key material). */
export const SessionStatus = z
  .object({
    unlocked: z.boolean(),
    name: z.string().nullable(),
    certSha256: Hex64.nullable(),
    notAfter: z.string().nullable(),
  })
  .strict();

export const IdentityUnlockRequest = z
  .object({ path: z.string().min(1).max(4096), passphrase: z.string().min(1).max(1024) })
  .strict();

export const IntakeStartRequest = z
  .object({
    id: CaseId,
    paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
    receivedFrom: z.string().max(4000).optional(),
    source: z.string().max(4000).optional(),
    note: z.string().max(4000).optional(),
  })
  .strict();

const FormatName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'not a format name');

export const ParserInfo = z
  .object({
    name: FormatName,
    version: z.string(),
    description: z.string(),
    kinds: z.array(z.string()),
    eventTypes: z.array(z.string()),
  })
  .strict();

export const ParsePreviewRequest = z
  .object({
    id: CaseId,
    artefact: Hex64,
    /** Absent: detect from the artefact's head. */
    format: FormatName.optional(),
    options: ParseDecisionOptions,
  })
  .strict();

export const ParsePreviewResponse = z
  .object({
    parser: z.object({ name: z.string(), version: z.string() }).strict(),
    detected: z.array(
      z.object({ name: z.string(), version: z.string(), confidence: z.number() }).strict(),
    ),
    events: z.array(SealcaseEvent).max(1000),
    warnings: z.array(ParseWarning).max(1000),
    complete: z.boolean(),
  })
  .strict();

export const ParseRecordRequest = z
  .object({
    id: CaseId,
    artefact: Hex64,
    format: FormatName,
    options: ParseDecisionOptions,
    note: z.string().max(4000).optional(),
  })
  .strict();

export const ParseDecisionView = z
  .object({
    artefact: Hex64,
    format: z.string(),
    parserVersion: z.string(),
    options: ParseDecisionOptions,
    note: z.string().nullable(),
    sha256: Hex64,
    seq: z.number().int().min(0),
    at: z.string(),
    by: z.string(),
  })
  .strict();

export const ParseDecisionListing = z
  .object({
    decisions: z.array(ParseDecisionView),
    problems: z.array(z.object({ seq: z.number().int(), message: z.string() }).strict()),
  })
  .strict();

export const AttributionRunRequest = z
  .object({
    id: CaseId,
    /** Chosen by the caller so progress events can be matched before the call returns. */
    task: TaskId,
    observationsCsv: z
      .string()
      .max(16 * 1024 * 1024)
      .nullable(),
    observationArtefacts: z.array(Hex64).max(1000),
    records: z.array(Hex64).min(1).max(1000),
    toleranceSeconds: z.number().min(0).max(86_400),
  })
  .strict();

const IsoText = z.string().max(40);
const ObservationView = z
  .object({
    ip: z.string().max(64),
    port: z.number().int().min(0).max(65535).optional(),
    ts: IsoText,
    source: z.enum(['http:access', 'ssh:auth', 'email:received', 'csv']),
    artefact: Hex64.optional(),
    locator: Locator.optional(),
    zoneSource: z.enum(['in-band', 'declared', 'epoch', 'unknown']).optional(),
    zoneAmbiguous: z.boolean().optional(),
  })
  .strict();

const PathStepView = z
  .object({
    kind: z.enum([
      'nat-session',
      'nat-portblock',
      'deterministic-nat',
      'map-port-set',
      'aaa-session',
      'dhcp-lease',
      'isp-assignment',
    ]),
    depth: z.union([z.literal(0), z.literal(1)]),
    parent: z.number().int().nullable(),
    from: z
      .object({
        ip: z.string().max(64),
        port: z.number().int().optional(),
        vrf: z.string().max(200).optional(),
      })
      .strict(),
    to: z
      .object({
        ip: z.string().max(64).optional(),
        vrf: z.string().max(200).optional(),
        portStart: z.number().int().optional(),
        portEnd: z.number().int().optional(),
        account: z.string().max(65536).optional(),
        accountField: z.string().max(64).optional(),
      })
      .strict(),
    artefact: Hex64.optional(),
    locator: Locator,
    records: z.array(
      z
        .object({
          role: z.enum(['start', 'end', 'interim', 'config', 'row']),
          artefact: Hex64.optional(),
          locator: Locator,
          ts: IsoText.nullable(),
        })
        .strict(),
    ),
    interval: z
      .object({
        start: IsoText.nullable(),
        end: IsoText.nullable(),
        startInferred: z.boolean(),
        endInferred: z.boolean(),
      })
      .strict(),
    note: z.string().max(4000).optional(),
  })
  .strict();

export const AttributionResultView = z
  .object({
    observation: ObservationView,
    status: z.enum(['unique', 'ambiguous', 'none', 'no-coverage']),
    subscribers: z.array(z.string().max(65536)),
    path: z.array(PathStepView),
    sharedBy: z.number().int().min(0).nullable(),
    reasons: z.array(z.object({ code: z.string(), message: z.string() }).strict()),
    caveat: z.string(),
    window: z.object({ start: IsoText, end: IsoText }).strict(),
  })
  .strict();

export const AttributionRunResponse = z
  .object({
    results: z.array(AttributionResultView).max(200_000),
    statusCounts: z.record(z.string(), z.number().int()),
    resultsSha256: Hex64,
    engineVersion: z.string(),
    inputs: z.array(
      z
        .object({
          artefact: Hex64,
          role: z.enum(['observations', 'records']),
          format: z.string(),
          parserVersion: z.string(),
          decided: z.boolean(),
        })
        .strict(),
    ),
    warnings: z.array(
      z.object({ artefact: z.string(), code: z.string(), message: z.string() }).strict(),
    ),
  })
  .strict();

export const WorkspaceSource = z
  .object({
    artefact: Hex64,
    name: z.string(),
    format: z.string(),
    parserVersion: z.string(),
    /** The parse decision file: a store built from another decision is stale. */
    decision: Hex64,
  })
  .strict();

const Recorded = z.object({ sha256: Hex64, seq: z.number().int().min(0) }).strict();

export const BookmarkView = z
  .object({
    artefact: Hex64,
    locator: Locator,
    eventType: EventType,
    ts: z.string().nullable(),
    label: z.string(),
    by: z.string(),
    at: z.string(),
    seq: z.number().int(),
  })
  .strict();

export const ClockCorrectionView = z
  .object({
    artefact: Hex64,
    offsetSeconds: z.number(),
    reason: z.string(),
    by: z.string(),
    at: z.string(),
    seq: z.number().int(),
  })
  .strict();

/** Request and response validators for every channel. `satisfies` keeps it complete. */
export const CONTRACT = {
  'app:info': { request: Empty, response: AppInfo },
  'case:list': { request: Empty, response: CaseListing },
  'case:create': { request: CaseCreateRequest, response: CaseSummary },
  'case:createDemo': { request: CaseDemoRequest, response: CaseDemoResponse },
  'case:open': { request: z.object({ id: CaseId }).strict(), response: CaseDetail },
  'custody:verify': { request: z.object({ id: CaseId }).strict(), response: CustodyReport },
  'artefacts:list': { request: z.object({ id: CaseId }).strict(), response: ArtefactListing },
  'identity:status': { request: Empty, response: SessionStatus },
  'identity:unlock': { request: IdentityUnlockRequest, response: SessionStatus },
  'identity:lock': { request: Empty, response: SessionStatus },
  'intake:pick': {
    request: Empty,
    response: z.object({ paths: z.array(z.string()) }).strict(),
  },
  'intake:start': {
    request: IntakeStartRequest,
    response: z.object({ task: z.string() }).strict(),
  },
  'intake:cancel': {
    request: z.object({ task: z.string().min(1).max(100) }).strict(),
    response: z.object({ cancelled: z.boolean() }).strict(),
  },
  'identity:pick': { request: Empty, response: z.object({ path: z.string().nullable() }).strict() },
  'parse:formats': {
    request: Empty,
    response: z.object({ formats: z.array(ParserInfo) }).strict(),
  },
  'parse:preview': { request: ParsePreviewRequest, response: ParsePreviewResponse },
  'parse:record': {
    request: ParseRecordRequest,
    response: z.object({ sha256: Hex64, seq: z.number().int().min(0) }).strict(),
  },
  'parse:decisions': { request: z.object({ id: CaseId }).strict(), response: ParseDecisionListing },
  'attribution:run': { request: AttributionRunRequest, response: AttributionRunResponse },
  'attribution:cancel': {
    request: z.object({ task: TaskId }).strict(),
    response: z.object({ cancelled: z.boolean() }).strict(),
  },
  'attribution:record': {
    request: z.object({ id: CaseId, task: TaskId, note: z.string().max(4000).optional() }).strict(),
    response: z.object({ sha256: Hex64, seq: z.number().int().min(0) }).strict(),
  },
  'workspace:sources': {
    request: z.object({ id: CaseId }).strict(),
    response: z.object({ sources: z.array(WorkspaceSource) }).strict(),
  },
  'workspace:open': {
    request: z.object({ id: CaseId, artefact: Hex64 }).strict(),
    response: z.object({ stream: TaskId }).strict(),
  },
  'workspace:next': {
    request: z.object({ stream: TaskId, max: z.number().int().min(1).max(100_000) }).strict(),
    response: WorkspaceBatch,
  },
  'workspace:close': {
    request: z.object({ stream: TaskId }).strict(),
    response: z.object({ closed: z.boolean() }).strict(),
  },
  'workspace:excerpt': {
    request: z
      .object({
        id: CaseId,
        artefact: Hex64,
        line: z
          .number()
          .int()
          .min(1)
          .max(2 ** 40),
      })
      .strict(),
    response: z.object({ text: z.string(), truncated: z.boolean(), found: z.boolean() }).strict(),
  },
  'analysis:list': {
    request: z.object({ id: CaseId }).strict(),
    response: z
      .object({
        bookmarks: z.array(BookmarkView),
        /** The latest correction per artefact (earlier ones stay in the ledger). */
        corrections: z.array(ClockCorrectionView),
      })
      .strict(),
  },
  'analysis:bookmark': {
    request: z
      .object({
        id: CaseId,
        artefact: Hex64,
        locator: Locator,
        eventType: EventType,
        ts: z.string().max(40).nullable(),
        label: z.string().trim().min(1).max(4000),
      })
      .strict(),
    response: Recorded,
  },
  'analysis:correctClock': {
    request: z
      .object({
        id: CaseId,
        artefact: Hex64,
        offsetSeconds: z.number().min(-31_622_400).max(31_622_400),
        reason: z.string().trim().min(1).max(4000),
      })
      .strict(),
    response: Recorded,
  },
  'profiles:list': {
    request: Empty,
    response: z
      .object({
        profiles: z.array(TableProfile),
        problems: z.array(z.object({ file: z.string(), message: z.string() }).strict()),
      })
      .strict(),
  },
  'profiles:save': {
    request: z.object({ profile: TableProfile }).strict(),
    response: z.object({ file: z.string() }).strict(),
  },
  ...EXPORT_CONTRACT,
  ...PACKAGE_CONTRACT,
} as const satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof CONTRACT;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;

export type AppInfoValue = z.output<typeof AppInfo>;
export type CaseSummaryValue = z.output<typeof CaseSummary>;
export type CaseDemoValue = z.output<typeof CaseDemoResponse>;
export type CaseDetailValue = z.output<typeof CaseDetail>;
export type CaseListingValue = z.output<typeof CaseListing>;
export type ProgressEventValue = z.output<typeof ProgressEvent>;
export type CustodyReportValue = z.output<typeof CustodyReport>;
export type CustodyRecordViewValue = z.output<typeof CustodyRecordView>;
export type ArtefactListingValue = z.output<typeof ArtefactListing>;
export type SessionStatusValue = z.output<typeof SessionStatus>;
export type ParserInfoValue = z.output<typeof ParserInfo>;
export type ParsePreviewValue = z.output<typeof ParsePreviewResponse>;
export type ParseDecisionViewValue = z.output<typeof ParseDecisionView>;
export type ParseDecisionListingValue = z.output<typeof ParseDecisionListing>;
export type TableProfileValue = z.output<typeof TableProfile>;
export type AttributionRunValue = z.output<typeof AttributionRunResponse>;
export type AttributionResultValue = z.output<typeof AttributionResultView>;
export type WorkspaceSourceValue = z.output<typeof WorkspaceSource>;
export type WorkspaceBatchValue = z.output<typeof WorkspaceBatch>;
export type BookmarkViewValue = z.output<typeof BookmarkView>;
export type ClockCorrectionViewValue = z.output<typeof ClockCorrectionView>;

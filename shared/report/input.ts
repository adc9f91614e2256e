import { z } from 'zod';
import { AttributionResultView } from '../contracts/schemas';
import { LedgerRecordV1, Sha256Hex, UtcMs } from '../custody/record';
import { SealcaseEvent, ParseDecisionOptions } from '../model';
import { DEFAULT_DECLARATION, DEFAULT_GLOSSARY } from './defaults';

/**
 * What the court report lays out (issue 8). Main assembles it from the case folder (re-derived
 * events, the ledger, the checkpoint, recorded decisions) and hands it to `buildReport`. Bump the
 * version whenever a field changes meaning; `buildReport` refuses versions it does not know.
 */
export const REPORT_INPUT_VERSION = 1;

function hasControl(s: string, allowBreaks: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (allowBreaks && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
/** One line of text: no control characters. */
const Line = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !hasControl(s, false), 'contains control characters');
/** Free text that may span lines: TAB, LF and CR allowed, no other control characters. */
const Text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !hasControl(s, true), 'contains control characters');
const Hex = (n: number) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`), `expected ${n} lower-case hex digits`);

export const ReportCase = z
  .object({
    number: Line(64).min(1),
    title: Line(200).min(1),
    /** Legal authority (warrant, production order…); null when none was recorded. */
    authority: Text(2000).nullable(),
    created: UtcMs,
    /** The case's UUID from case.json. */
    caseId: Line(100).min(1),
  })
  .strict();

export const ReportExaminer = z
  .object({
    name: Line(200).min(1),
    org: Line(200).nullable(),
    /** Subject DN of the examiner's certificate, as text. */
    subject: Line(1000).min(1),
    /** SHA-256 (hex) of the examiner's DER certificate. */
    certSha256: Sha256Hex,
  })
  .strict();

export const ReportArtefact = z
  .object({
    name: Line(1000).min(1),
    /** Content kind (`email`, `access-log`, …) or `symlink`. */
    kind: Line(64).min(1),
    size: z.number().int().min(0),
    md5: Hex(32),
    sha1: Hex(40),
    sha256: Sha256Hex,
    acquiredAt: UtcMs,
    acquiredBy: Line(400),
    receivedFrom: Text(4000).nullable(),
    source: Text(4000).nullable(),
    /** Acquisition method (`logical-file-copy`, …). */
    method: Line(64).min(1),
    note: Text(4000).nullable(),
  })
  .strict();

export const ReportCheckpoint = z
  .object({
    size: z.number().int().min(1),
    root: Sha256Hex,
    signedAt: UtcMs,
    /** Signer name (and organisation) as shown. */
    signer: Line(400).min(1),
    /** SHA-256 of the signer's certificate. */
    signerCert: Sha256Hex,
  })
  .strict();

export const ReportCustody = z
  .object({
    records: z.array(LedgerRecordV1).min(1).max(1_000_000),
    checkpoint: ReportCheckpoint,
  })
  .strict();

export const TIMELINE_SELECTIONS = ['bookmarks', 'filter', 'all'] as const;

export const ReportTimeline = z
  .object({
    selection: z
      .object({
        mode: z.enum(TIMELINE_SELECTIONS),
        /** In words: "bookmarked events", "filter: type nat:session, IP 100.64.0.0/10", "all events". */
        statement: Text(4000).min(1),
      })
      .strict(),
    events: z.array(SealcaseEvent).max(1_000_000),
    /** Analyst's notes on events (bookmark labels): index into `events`. */
    notes: z
      .array(z.object({ event: z.number().int().min(0), text: Text(4000).min(1) }).strict())
      .max(1_000_000)
      .default([]),
  })
  .strict()
  .superRefine((t, ctx) => {
    t.notes.forEach((n, i) => {
      if (n.event >= t.events.length) {
        ctx.addIssue({ code: 'custom', path: ['notes', i, 'event'], message: 'no such event' });
      }
    });
  });

export const ReportHop = z
  .object({
    hop: z.number().int().min(1),
    helo: Line(1000).nullable(),
    rdns: Line(1000).nullable(),
    ip: Line(64).nullable(),
    by: Line(1000).nullable(),
    with: Line(200).nullable(),
    /** The hop's time in UTC, null when its zone could not be known. */
    time: UtcMs.nullable(),
    /** The date text exactly as in the header. */
    timeRaw: Line(4096),
    delaySeconds: z.number().nullable(),
    flags: z.array(Line(64)).max(64),
  })
  .strict();

export const ReportEmail = z
  .object({
    subject: Line(2000).nullable(),
    messageId: Line(2000).nullable(),
    artefact: Sha256Hex.nullable(),
    /** Earliest hop first. */
    hops: z.array(ReportHop).max(1000),
  })
  .strict();

export const ReportToolVersion = z
  .object({ name: Line(200).min(1), version: Line(100).min(1) })
  .strict();

export const ReportParseRun = z
  .object({
    artefact: Sha256Hex,
    artefactName: Line(1000).min(1),
    format: Line(64).min(1),
    parserVersion: Line(32).min(1),
    options: ParseDecisionOptions,
    /** How the options were fixed: the decision file's SHA-256, or null when detected for this export. */
    decision: Sha256Hex.nullable(),
  })
  .strict();

export const ReportClockCorrection = z
  .object({
    artefact: Sha256Hex,
    artefactName: Line(1000).min(1),
    offsetSeconds: z.number().min(-31_622_400).max(31_622_400),
    reason: Text(4000).min(1),
    decidedAt: UtcMs,
    decidedBy: Line(500).min(1),
  })
  .strict();

export const ReportMethod = z
  .object({
    /** Sealcase version that built the report; the PDF creator says "Sealcase <version>". */
    sealcaseVersion: Line(100).min(1),
    /** Runtime and libraries (Node, pdf-lib, …) with versions. */
    tools: z.array(ReportToolVersion).max(200),
    parseRuns: z.array(ReportParseRun).max(100_000),
    clockCorrections: z.array(ReportClockCorrection).max(100_000),
    toleranceSeconds: z.number().min(0).max(86_400),
    attributionEngineVersion: Line(32).min(1),
    /** Further steps in words, one paragraph each. */
    notes: z.array(Text(8000)).max(200).default([]),
  })
  .strict();

export const ReportGlossaryEntry = z
  .object({ term: Line(200).min(1), definition: Text(4000).min(1) })
  .strict();

export const ReportInput = z
  .object({
    v: z.literal(REPORT_INPUT_VERSION),
    case: ReportCase,
    examiner: ReportExaminer,
    /** The package this report belongs to (bag identifier). */
    packageId: Line(200).min(1),
    /** When the report was generated (ISO UTC, milliseconds); also the PDF creation date. */
    generatedAt: UtcMs,
    declaration: Text(20_000).min(1).default(DEFAULT_DECLARATION),
    artefacts: z.array(ReportArtefact).max(100_000),
    custody: ReportCustody,
    timeline: ReportTimeline,
    emails: z.array(ReportEmail).max(10_000),
    attribution: z.array(AttributionResultView).max(200_000),
    method: ReportMethod,
    glossary: z
      .array(ReportGlossaryEntry)
      .max(1000)
      .default(() => DEFAULT_GLOSSARY.map((g) => ({ ...g }))),
  })
  .strict();

/** The input as callers write it (defaults may be left out). */
export type ReportInputData = z.input<typeof ReportInput>;
/** The input after validation (defaults filled in). */
export type ReportInput = z.output<typeof ReportInput>;
export type ReportArtefact = z.output<typeof ReportArtefact>;
export type ReportEmail = z.output<typeof ReportEmail>;
export type ReportHop = z.output<typeof ReportHop>;
export type ReportMethod = z.output<typeof ReportMethod>;
export type ReportTimeline = z.output<typeof ReportTimeline>;
export type ReportGlossaryEntry = z.output<typeof ReportGlossaryEntry>;
export type ReportAttributionFinding = z.output<typeof AttributionResultView>;

export const PAGE_SIZES = ['A4', 'Letter'] as const;
export type PageSizeName = (typeof PAGE_SIZES)[number];

export interface ReportAttachment {
  /** File name shown by PDF readers; unique within the report. */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly mimeType: string;
  readonly description: string;
}

export interface ReportOptions {
  readonly pageSize: PageSizeName;
  /** Originals to embed as PDF attachments (sorted by name before attaching). */
  readonly attachments?: readonly ReportAttachment[];
}

/** Raw TrueType bytes; the caller reads them (electron/services/export/report-fonts.ts). */
export interface ReportFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
  readonly mono: Uint8Array;
}

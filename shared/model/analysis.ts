import { z } from 'zod';
import { TableProfile } from '../parsers/table/profile';
import { EventType, Locator } from './event';

/**
 * Analysis decision files (CASE-FORMAT.md "analysis/"): what the analyst decided, saved whole as
 * `analysis/<sha256>.json` (the SHA-256 of the file's bytes, which are the RFC 8785 canonical
 * JSON of the decision) and named in a signed `analysis.recorded` ledger record by that hash.
 * Exports and `reproduce` read them back to run the same parse with the same options.
 */
export const ANALYSIS_FORMAT_VERSION = 1;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase SHA-256 hex digest');

/** The parse options a decision fixes (ParseOptions without the per-run `artefact`). */
export const ParseDecisionOptions = z
  .object({
    assumeZone: z.string().min(1).max(64).optional(),
    year: z.number().int().min(1).max(9998).optional(),
    logFormat: z.string().min(1).max(8192).optional(),
    ambiguousTime: z.enum(['earlier', 'later']).optional(),
    profile: TableProfile.optional(),
  })
  .strict();
export type ParseDecisionOptions = z.infer<typeof ParseDecisionOptions>;

/** "Parse artefact X as format F (parser version V) with these options." */
export const ParseDecisionV1 = z
  .object({
    v: z.literal(ANALYSIS_FORMAT_VERSION),
    kind: z.literal('parse'),
    artefact: Sha256,
    format: z.string().min(1).max(64),
    parserVersion: z.string().regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}$/),
    options: ParseDecisionOptions,
    /** ISO 8601 UTC. */
    decidedAt: z.string().min(20).max(40),
    decidedBy: z.object({ name: z.string().min(1).max(500), cert: Sha256 }).strict(),
    note: z.string().max(4000).optional(),
  })
  .strict();
export type ParseDecisionV1 = z.infer<typeof ParseDecisionV1>;

/** One record artefact an attribution run read, and how it was parsed. */
export const AttributionInputV1 = z
  .object({
    artefact: Sha256,
    format: z.string().min(1).max(64),
    parserVersion: z.string().regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}$/),
    options: ParseDecisionOptions,
    /** The parse decision file it followed; null when the format was detected for this run. */
    decision: Sha256.nullable(),
  })
  .strict();

/**
 * "Attribute these observations through these records with these options": the inputs, the
 * engine version and the hash of the results, so `reproduce` can run it again and compare.
 */
export const AttributionDecisionV1 = z
  .object({
    v: z.literal(ANALYSIS_FORMAT_VERSION),
    kind: z.literal('attribution'),
    /** Observations typed or pasted by the analyst (CSV `ip,port,time`), kept whole. */
    observationsCsv: z
      .string()
      .max(16 * 1024 * 1024)
      .nullable(),
    /** Artefacts whose events were used as observations. */
    observationArtefacts: z.array(AttributionInputV1).max(10_000),
    records: z.array(AttributionInputV1).max(10_000),
    toleranceSeconds: z.number().min(0).max(86_400),
    /** Clock corrections applied (artefact → seconds), from the case's recorded decisions. */
    clockCorrections: z.record(Sha256, z.number()).optional(),
    engineVersion: z.string().min(1).max(32),
    /** SHA-256 of the results as JSON lines (one result per observation, in order). */
    resultsSha256: Sha256,
    results: z.number().int().min(0),
    statusCounts: z.record(z.string().max(32), z.number().int().min(0)),
    decidedAt: z.string().min(20).max(40),
    decidedBy: z.object({ name: z.string().min(1).max(500), cert: Sha256 }).strict(),
    note: z.string().max(4000).optional(),
  })
  .strict();
export type AttributionDecisionV1 = z.infer<typeof AttributionDecisionV1>;
export type AttributionInputV1 = z.infer<typeof AttributionInputV1>;

const DecidedBy = z.object({ name: z.string().min(1).max(500), cert: Sha256 }).strict();

/** A bookmark on one event, with the analyst's annotation. */
export const BookmarkDecisionV1 = z
  .object({
    v: z.literal(ANALYSIS_FORMAT_VERSION),
    kind: z.literal('bookmark'),
    artefact: Sha256,
    locator: Locator,
    eventType: EventType,
    /** The event's UTC time as parsed (null when it has none). */
    ts: z.string().max(40).nullable(),
    label: z.string().min(1).max(4000),
    decidedAt: z.string().min(20).max(40),
    decidedBy: DecidedBy,
  })
  .strict();
export type BookmarkDecisionV1 = z.infer<typeof BookmarkDecisionV1>;

/**
 * A clock correction for one artefact: seconds to add to every time read from it (positive when
 * its clock ran behind), and why. Stored times never change; views and attribution apply it.
 */
export const ClockCorrectionV1 = z
  .object({
    v: z.literal(ANALYSIS_FORMAT_VERSION),
    kind: z.literal('clock-correction'),
    artefact: Sha256,
    offsetSeconds: z.number().min(-31_622_400).max(31_622_400),
    reason: z.string().min(1).max(4000),
    decidedAt: z.string().min(20).max(40),
    decidedBy: DecidedBy,
  })
  .strict();
export type ClockCorrectionV1 = z.infer<typeof ClockCorrectionV1>;

export const AnalysisDecision = z.discriminatedUnion('kind', [
  ParseDecisionV1,
  AttributionDecisionV1,
  BookmarkDecisionV1,
  ClockCorrectionV1,
]);
export type AnalysisDecision = z.infer<typeof AnalysisDecision>;

/** Where a decision file lives inside the case folder. */
export function analysisPathFor(sha256: string): string {
  return `analysis/${sha256}.json`;
}

/**
 * An attribution run in main for the app: the record artefacts are parsed from the vault with
 * their recorded parse decisions (or the detected format when none was recorded), the
 * observations come from a pasted CSV and/or observation artefacts, and the pure engine
 * (shared/attribution) joins them. Progress is reported per artefact; a cancel stops between
 * chunks. The inputs are returned with the results so the run can be saved as a decision.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  ATTRIBUTION_ENGINE_VERSION,
  createAttributionEngine,
  observationsFromEvents,
  readObservationsCsv,
  type AttributionResult,
  type EngineWarning,
  type Observation,
} from '../../../shared/attribution';
import { ParseError } from '../../../shared/errors';
import {
  blobPathFor,
  type ArtefactRecord,
  type ParseWarning,
  type SealcaseEvent,
} from '../../../shared/model';
import type {
  AttributionDecisionV1,
  AttributionInputV1,
  ParseDecisionOptions as ParseDecisionOptionsV1,
} from '../../../shared/model/analysis';
import {
  createDefaultRegistry,
  validateParseOptions,
  type ParseOutput,
} from '../../../shared/parsers';
import { readArtefacts } from '../intake';
import { parseFile } from '../parse';
import { currentDecisions } from './decision-store';

export interface AttributionRunRequest {
  readonly caseDir: string;
  readonly observationsCsv: string | null;
  readonly observationArtefacts: readonly string[];
  readonly records: readonly string[];
  readonly toleranceSeconds: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number, item: string) => void;
}

export interface AttributionRun {
  readonly results: AttributionResult[];
  readonly observationArtefacts: AttributionInputV1[];
  readonly records: AttributionInputV1[];
  readonly engineVersion: string;
  /** SHA-256 of the results as JSON lines. */
  readonly resultsSha256: string;
  readonly statusCounts: Record<string, number>;
  /** Parse warnings (first 200) and the engine's counted warnings. */
  readonly warnings: Array<{ artefact: string; warning: ParseWarning }>;
  readonly engineWarnings: EngineWarning[];
  /** The clock corrections applied (artefact → seconds), from the case's recorded decisions. */
  readonly clockCorrections: Record<string, number>;
}

const MAX_WARNINGS = 200;

type FileArtefact = Extract<ArtefactRecord, { entry: 'file' }>;

/**
 * Where a run's artefacts come from: the case folder's vault (`runAttribution`), or a package's
 * originals with the inputs a decision recorded (`sealcase reproduce`).
 */
export interface AttributionArtefacts {
  /** The name progress shows for an artefact. */
  name(sha256: string): string;
  /** Parses one artefact, handing on its output in batches; says how it was parsed. */
  parse(
    sha256: string,
    onOutput: (out: ParseOutput) => void,
    signal?: AbortSignal,
  ): Promise<AttributionInputV1>;
}

export interface AttributionJoinRequest {
  readonly observationsCsv: string | null;
  readonly observationArtefacts: readonly string[];
  readonly records: readonly string[];
  readonly toleranceSeconds: number;
  /** Artefact → seconds, applied to its records' times. */
  readonly clockCorrections: Record<string, number>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number, item: string) => void;
}

/** How one artefact is parsed for a run: its format (detected when absent) and options. */
interface ParsePlan {
  readonly format?: string;
  readonly options: ParseDecisionOptionsV1;
  /** The parse decision file followed, or null. */
  readonly decision: string | null;
}

/** The case's vault as a source of artefacts for `joinAttribution`, each parsed as `plan` says. */
async function caseVault(
  caseDir: string,
  plan: (sha256: string) => ParsePlan,
): Promise<AttributionArtefacts> {
  const { records: listing } = await readArtefacts(caseDir);
  const files = new Map<string, FileArtefact>();
  for (const r of listing) if (r.entry === 'file') files.set(r.digests.sha256, r);
  const registry = createDefaultRegistry();
  return {
    name: (sha256) => files.get(sha256)?.original.name ?? sha256,
    parse: async (sha256, onOutput, signal) => {
      const artefact = files.get(sha256);
      if (artefact === undefined) {
        throw new ParseError('PARSE_ARTEFACT_NOT_FOUND', `this case holds no artefact ${sha256}`, {
          where: sha256,
        });
      }
      const how = plan(sha256);
      const result = await parseFile(
        {
          path: join(caseDir, blobPathFor(sha256)),
          fileName: artefact.original.name,
          options: validateParseOptions({ ...how.options, artefact: sha256 }),
          registry,
          ...(how.format === undefined ? {} : { format: how.format }),
          ...(signal === undefined ? {} : { signal }),
        },
        onOutput,
      );
      return {
        artefact: sha256,
        format: result.parser.name,
        parserVersion: result.parser.version,
        options: how.options,
        decision: how.decision,
      };
    },
  };
}

/** A new run with the case's current parse decisions and clock corrections. */
export async function runAttribution(req: AttributionRunRequest): Promise<AttributionRun> {
  const { parse: decisions, clockCorrections } = await currentDecisions(req.caseDir);
  const vault = await caseVault(req.caseDir, (sha256) => {
    const current = decisions.get(sha256);
    const decision = current?.decision;
    return {
      ...(decision === undefined ? {} : { format: decision.format }),
      options: decision?.options ?? {},
      decision: current?.sha256 ?? null,
    };
  });
  return joinAttribution(vault, { ...req, clockCorrections });
}

/**
 * A recorded run again, from the case's vault, with exactly the inputs its decision recorded
 * (each artefact's format and options, the tolerance, the clock corrections) — not with the
 * decisions made since, so a later correction does not change what an export replays.
 */
export async function replayAttribution(
  caseDir: string,
  decision: AttributionDecisionV1,
): Promise<AttributionRun> {
  const recorded = new Map<string, AttributionInputV1>();
  for (const input of [...decision.observationArtefacts, ...decision.records]) {
    if (!recorded.has(input.artefact)) recorded.set(input.artefact, input);
  }
  const vault = await caseVault(caseDir, (sha256) => {
    const input = recorded.get(sha256);
    return input === undefined
      ? { options: {}, decision: null }
      : { format: input.format, options: input.options, decision: input.decision };
  });
  return joinAttribution(vault, {
    observationsCsv: decision.observationsCsv,
    observationArtefacts: decision.observationArtefacts.map((a) => a.artefact),
    records: decision.records.map((a) => a.artefact),
    toleranceSeconds: decision.toleranceSeconds,
    clockCorrections: decision.clockCorrections ?? {},
  });
}

/** Parses the observation and record artefacts from `source` and joins them with the engine. */
export async function joinAttribution(
  source: AttributionArtefacts,
  req: AttributionJoinRequest,
): Promise<AttributionRun> {
  const warnings: AttributionRun['warnings'] = [];
  const all = [...req.observationArtefacts, ...req.records];
  let done = 0;

  const parseArtefact = async (
    sha256: string,
    onEvents: (events: SealcaseEvent[]) => void,
  ): Promise<AttributionInputV1> => {
    req.onProgress?.(done, all.length, source.name(sha256));
    const input = await source.parse(
      sha256,
      (out) => {
        onEvents(out.events);
        for (const w of out.warnings) {
          if (warnings.length < MAX_WARNINGS) warnings.push({ artefact: sha256, warning: w });
        }
      },
      req.signal,
    );
    done++;
    return input;
  };

  const observations: Observation[] = [];
  if (req.observationsCsv !== null && req.observationsCsv.trim() !== '') {
    const read = readObservationsCsv(req.observationsCsv);
    observations.push(...read.observations);
    for (const w of read.warnings.slice(0, MAX_WARNINGS))
      warnings.push({ artefact: 'pasted', warning: w });
  }
  const observationInputs: AttributionInputV1[] = [];
  for (const sha256 of req.observationArtefacts) {
    const events: SealcaseEvent[] = [];
    observationInputs.push(await parseArtefact(sha256, (batch) => events.push(...batch)));
    observations.push(...observationsFromEvents(events).observations);
  }
  const engine = createAttributionEngine({
    toleranceSeconds: req.toleranceSeconds,
    clockCorrections: req.clockCorrections,
  });
  const recordInputs: AttributionInputV1[] = [];
  for (const sha256 of req.records) {
    recordInputs.push(await parseArtefact(sha256, (batch) => engine.addRecords(batch)));
  }
  if (req.signal?.aborted === true)
    throw new ParseError('PARSE_CANCELLED', 'the run was cancelled');
  req.onProgress?.(all.length, all.length, 'joining');
  engine.build();
  const results = engine.attributeAll(observations);
  const hash = createHash('sha256');
  const statusCounts: Record<string, number> = {};
  for (const r of results) {
    hash.update(`${JSON.stringify(r)}\n`);
    statusCounts[r.status] = (statusCounts[r.status] ?? 0) + 1;
  }
  return {
    results,
    observationArtefacts: observationInputs,
    records: recordInputs,
    engineVersion: ATTRIBUTION_ENGINE_VERSION,
    resultsSha256: hash.digest('hex'),
    statusCounts,
    warnings,
    engineWarnings: [...engine.warnings()],
    clockCorrections: req.clockCorrections,
  };
}

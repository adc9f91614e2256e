import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ATTRIBUTION_ENGINE_VERSION, type AttributionResult } from '../../../shared/attribution';
import type { CaseSummaryValue } from '../../../shared/contracts';
import { CustodyError } from '../../../shared/errors';
import type { ArtefactRecord } from '../../../shared/model';
import { createDefaultRegistry, validateParseOptions } from '../../../shared/parsers';
import { recordDecision, runAttribution } from '../analysis';
import { CaseService } from '../cases';
import {
  CustodyLedger,
  LedgerAcquisitionRecorder,
  startCaseLedger,
  verifyCaseLedger,
} from '../custody';
import type { UnlockedIdentity } from '../identity';
import { IntakeService, JsonlAcquisitionRecorder } from '../intake';
import { parseFile } from '../parse';
import { DEMO_SAMPLES } from './samples';

/** Clock tolerance of the demo's attribution run, seconds. */
export const DEMO_TOLERANCE_SECONDS = 2;

export type DemoFileArtefact = Extract<ArtefactRecord, { entry: 'file' }>;

/** What each stage of `buildDemoCase` reports when it is done (the CLI prints, the app meters). */
export type DemoStep =
  | { readonly step: 'case'; readonly summary: CaseSummaryValue }
  | { readonly step: 'intake'; readonly artefacts: readonly DemoFileArtefact[] }
  | { readonly step: 'parsing'; readonly total: number }
  | {
      readonly step: 'parsed';
      readonly name: string;
      readonly parser: { readonly name: string; readonly version: string };
      readonly events: number;
      readonly warnings: number;
    }
  | { readonly step: 'attribution'; readonly results: readonly AttributionResult[] }
  | { readonly step: 'ledger'; readonly records: number; readonly root: string };

export interface DemoCaseOptions {
  /** The case folder to create; it must not exist (`CASE_EXISTS`). */
  readonly caseDir: string;
  /** Where the samples are written before intake (created if need be). */
  readonly samplesDir: string;
  /** Signs everything: the demo examiner (see `createDemoIdentity`). Stays unlocked. */
  readonly identity: UnlockedIdentity;
  readonly toolVersion: string;
  /** `DEMO-0001` unless given (the app numbers later demos on). */
  readonly number?: string;
  readonly now?: () => Date;
  readonly onStep?: (step: DemoStep) => void;
}

export interface BuiltDemoCase {
  readonly summary: CaseSummaryValue;
  readonly artefacts: readonly DemoFileArtefact[];
  readonly ledgerRecords: number;
}

/** What the stages after intake work with. */
interface SampleStage {
  readonly caseDir: string;
  readonly artefacts: ReadonlyMap<string, DemoFileArtefact>;
  readonly identity: UnlockedIdentity;
  readonly toolVersion: string;
  readonly now: () => Date;
  readonly report: (step: DemoStep) => void;
}

/**
 * The demo case on the built-in samples: the case with a signed ledger, the samples acquired, one
 * parse decision per sample and a recorded attribution run, all signed by `identity`; the ledger
 * verified at the end (`CUSTODY_LEDGER_INVALID` if it does not). Used by `sealcase demo` and by
 * the app's `case:createDemo`.
 */
export async function buildDemoCase(options: DemoCaseOptions): Promise<BuiltDemoCase> {
  const { identity, toolVersion } = options;
  const now = options.now ?? (() => new Date());
  const report = options.onStep ?? (() => undefined);
  const service = new CaseService({
    casesRoot: dirname(options.caseDir),
    now,
    uuid: randomUUID,
    toolVersion,
  });
  const summary = await service.createAt(
    options.caseDir,
    {
      number: options.number ?? 'DEMO-0001',
      title: 'Sealcase demonstration case',
      authority: 'Demonstration on built-in sample data; no legal authority needed',
    },
    {
      examiners: [
        { name: identity.name, org: 'Sealcase Demo Lab', certificateSha256: identity.certSha256 },
      ],
      initialize: async (staging, file) => {
        await startCaseLedger(staging, file, identity, { now, toolVersion });
      },
    },
  );
  report({ step: 'case', summary });
  const caseDir = summary.path;
  const artefacts = await acquireSamples(caseDir, options.samplesDir, identity, toolVersion, now);
  report({ step: 'intake', artefacts: [...artefacts.values()] });
  const stage = { caseDir, artefacts, identity, toolVersion, now, report };
  await parseSamples(stage);
  await attributeSamples(stage);
  const verification = await verifyCaseLedger(caseDir);
  if (!verification.ok) {
    throw new CustodyError(
      'CUSTODY_LEDGER_INVALID',
      `the demo ledger does not verify: ${verification.firstBad?.code ?? ''} ${verification.firstBad?.message ?? ''}`,
      { where: join(caseDir, 'ledger.jsonl') },
    );
  }
  report({ step: 'ledger', records: verification.records.length, root: verification.root ?? '' });
  return {
    summary,
    artefacts: [...artefacts.values()],
    ledgerRecords: verification.records.length,
  };
}

/** The samples written to SAMPLES and acquired into the vault, each signed; a checkpoint after. */
async function acquireSamples(
  caseDir: string,
  samplesDir: string,
  identity: UnlockedIdentity,
  toolVersion: string,
  now: () => Date,
): Promise<Map<string, DemoFileArtefact>> {
  await mkdir(samplesDir, { recursive: true });
  const paths: string[] = [];
  for (const sample of DEMO_SAMPLES) {
    const path = join(samplesDir, sample.name);
    await writeFile(path, sample.text);
    paths.push(path);
  }
  const { ledger } = await CustodyLedger.open(caseDir, { now, toolVersion }, identity);
  const intake = await new IntakeService({
    caseDir,
    recorder: new LedgerAcquisitionRecorder(
      ledger,
      identity,
      new JsonlAcquisitionRecorder(caseDir, now),
    ),
    now,
    uuid: randomUUID,
    toolVersion,
    acquiredBy: identity.name,
  }).ingest({
    inputs: paths,
    cwd: dirname(samplesDir),
    receivedFrom: 'Sealcase built-in sample data (synthetic, documentation addresses only)',
  });
  await ledger.checkpoint(identity, 'demo intake completed');
  const byName = new Map<string, DemoFileArtefact>();
  for (const a of intake.artefacts) {
    if (a.entry === 'file') byName.set(a.original.name, a);
  }
  return byName;
}

/** Each sample parsed with its format and options; each decision a signed analysis record. */
async function parseSamples(stage: SampleStage): Promise<void> {
  const { caseDir, artefacts, identity, toolVersion, now, report } = stage;
  const registry = createDefaultRegistry();
  report({ step: 'parsing', total: DEMO_SAMPLES.length });
  for (const sample of DEMO_SAMPLES) {
    const a = artefactOf(artefacts, sample.name);
    const result = await parseFile(
      {
        path: join(caseDir, a.blob),
        fileName: a.original.name,
        ...(sample.format === undefined ? {} : { format: sample.format }),
        options: validateParseOptions({ ...sample.options, artefact: a.digests.sha256 }),
        registry,
      },
      () => undefined,
    );
    await recordDecision(
      caseDir,
      identity,
      {
        v: 1,
        kind: 'parse',
        artefact: a.digests.sha256,
        format: result.parser.name,
        parserVersion: result.parser.version,
        options: sample.options,
        decidedAt: now().toISOString(),
        decidedBy: { name: identity.name, cert: identity.certSha256 },
      },
      `demo: parse ${a.original.name} as ${result.parser.name}`,
      { toolVersion, now },
    );
    report({
      step: 'parsed',
      name: a.original.name,
      parser: { name: result.parser.name, version: result.parser.version },
      events: result.summary.events,
      warnings: result.summary.warnings,
    });
  }
}

/** The email and webmail log as observations through the CGN, RADIUS and ISP records. */
async function attributeSamples(stage: SampleStage): Promise<void> {
  const { caseDir, artefacts, identity, toolVersion, now, report } = stage;
  const of = (role: 'observation' | 'record') =>
    DEMO_SAMPLES.filter((s) => s.role === role).map(
      (s) => artefactOf(artefacts, s.name).digests.sha256,
    );
  const run = await runAttribution({
    caseDir,
    observationsCsv: null,
    observationArtefacts: of('observation'),
    records: of('record'),
    toleranceSeconds: DEMO_TOLERANCE_SECONDS,
  });
  await recordDecision(
    caseDir,
    identity,
    {
      v: 1,
      kind: 'attribution',
      observationsCsv: null,
      observationArtefacts: run.observationArtefacts,
      records: run.records,
      toleranceSeconds: DEMO_TOLERANCE_SECONDS,
      ...(Object.keys(run.clockCorrections).length === 0
        ? {}
        : { clockCorrections: run.clockCorrections }),
      engineVersion: ATTRIBUTION_ENGINE_VERSION,
      resultsSha256: run.resultsSha256,
      results: run.results.length,
      statusCounts: run.statusCounts,
      decidedAt: now().toISOString(),
      decidedBy: { name: identity.name, cert: identity.certSha256 },
    },
    `demo: attribution of ${run.results.length} observations, tolerance ${DEMO_TOLERANCE_SECONDS} s`,
    { toolVersion, now },
  );
  report({ step: 'attribution', results: run.results });
}

function artefactOf(
  artefacts: ReadonlyMap<string, DemoFileArtefact>,
  name: string,
): DemoFileArtefact {
  const a = artefacts.get(name);
  if (a === undefined) {
    // Intake acquires every sample or throws; a missing one is a bug, said with its name.
    throw new CustodyError('CUSTODY_RECORD_INVALID', `demo sample ${name} was not acquired`, {
      where: basename(name),
    });
  }
  return a;
}

import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ATTRIBUTION_ENGINE_VERSION } from '../../../shared/attribution';
import type { ArtefactRecord } from '../../../shared/model';
import { createDefaultRegistry, validateParseOptions } from '../../../shared/parsers';
import { recordDecision, runAttribution } from '../../services/analysis';
import { CaseService } from '../../services/cases';
import {
  CustodyLedger,
  LedgerAcquisitionRecorder,
  startCaseLedger,
  verifyCaseLedger,
} from '../../services/custody';
import { exportPackage, loadVerifierPage, type ExportDeps } from '../../services/export';
import { loadReportFonts } from '../../services/export/report-fonts';
import {
  createExaminer,
  createLabCa,
  unlock,
  writeIdentityFile,
  type UnlockedIdentity,
} from '../../services/identity';
import { IntakeService, JsonlAcquisitionRecorder } from '../../services/intake';
import { openPackage, verifyPackageAt } from '../../services/package';
import { parseFile } from '../../services/parse';
import { reproducePackage } from '../../services/reproduce';
import { signManifest, signPdf } from '../../services/signing';
import { CliExit, EXIT, type CliIo } from '../io';
import { DEMO_SAMPLES } from './demo-samples';

/** The demo examiner's passphrase: printed, because the demo identity protects nothing. */
export const DEMO_PASSPHRASE = 'sealcase-demo';

/** Clock tolerance of the demo's attribution run, seconds. */
const DEMO_TOLERANCE_SECONDS = 2;

export interface DemoCase {
  readonly target: string;
  readonly caseDir: string;
  readonly identityFile: string;
  /** Unlocked: the caller locks it. */
  readonly identity: UnlockedIdentity;
}

export interface DemoDeps {
  /** The bytes of verify.html for the package (default: the built page, `out/verify/`). */
  readonly verifierPage?: () => Promise<Uint8Array>;
}

type FileArtefact = Extract<ArtefactRecord, { entry: 'file' }>;

/** What the stages after intake work with: the case, its acquired samples by name, the signer. */
interface SampleStage {
  readonly io: CliIo;
  readonly caseDir: string;
  readonly artefacts: ReadonlyMap<string, FileArtefact>;
  readonly identity: UnlockedIdentity;
  readonly toolVersion: string;
  readonly now: () => Date;
}

/**
 * `sealcase demo DIR`: the whole pipeline headless on built-in sample data — identity, case,
 * intake, parse, attribution, export, verify, reproduce — one numbered line per stage.
 */
export async function demo(
  io: CliIo,
  dir: string,
  toolVersion: string,
  deps: DemoDeps = {},
): Promise<void> {
  const built = await buildDemoCase(io, dir, toolVersion);
  try {
    const now = () => new Date();
    const exportDeps: ExportDeps = {
      now,
      randomBytes: (n) => new Uint8Array(randomBytes(n)),
      toolVersion,
      fonts: () => loadReportFonts(),
      verifierPage: deps.verifierPage ?? (() => loadVerifierPage()),
      signPdf: (doc, signer, options) => signPdf(doc, signer, options),
      signManifest: (bytes, signer) => signManifest(bytes, signer),
    };
    const exported = await exportPackage(
      built.caseDir,
      { out: join(built.target, 'demo-package'), events: 'all' },
      built.identity,
      exportDeps,
    );
    io.out(
      `7. signed package exported (${exported.files} files, ${exported.events} events, manifest SHA-256 ${exported.manifestSha256}): ${exported.path}\n`,
    );
    const verification = await verifyPackageAt(exported.path);
    const anchor = verification.summary.anchors[0];
    io.out(
      verification.valid
        ? `8. package verified: VALID — bag, every SHA-256, manifest and report signatures, ledger, proofs${anchor === undefined ? '' : `; trust anchor ${anchor.sha256}`}\n`
        : `8. package verified: NOT VALID — ${verification.findings.length} findings, the first ${verification.findings[0]?.code ?? ''} in ${verification.findings[0]?.file ?? ''}\n`,
    );
    const opened = await openPackage(exported.path);
    const reproduced = await reproducePackage(opened.reader, { toolVersion }).finally(() =>
      opened.close(),
    );
    const events = reproduced.artefacts.reduce((n, a) => n + a.events, 0);
    io.out(
      reproduced.ok
        ? `9. reproduced from the package's originals: ${events} events of ${reproduced.artefacts.length} originals and ${reproduced.runs.length} attribution run(s) identical\n`
        : `9. reproduced from the package's originals: NOT identical — ${reproduced.findings.length} findings, the first ${reproduced.findings[0]?.code ?? ''} in ${reproduced.findings[0]?.file ?? ''}\n`,
    );
    io.out(
      `   the case: ${built.caseDir}\n   the package: ${exported.path} (check it again with: sealcase verify ${exported.path})\n`,
    );
    if (!verification.valid || !reproduced.ok) {
      throw new CliExit(
        EXIT.findings,
        `the demo package at ${exported.path} did not ${verification.valid ? 'reproduce' : 'verify'}`,
      );
    }
  } finally {
    built.identity.lock();
  }
}

/**
 * Stages 1–6 of the demo: identity, case, intake, parse decisions, a recorded attribution run and
 * the verified ledger, in a new or empty folder. The identity comes back unlocked.
 */
export async function buildDemoCase(
  io: CliIo,
  dir: string,
  toolVersion: string,
): Promise<DemoCase> {
  const target = resolve(io.cwd, dir);
  await mkdir(target, { recursive: true });
  if ((await readdir(target)).length > 0) {
    throw new CliExit(
      EXIT.usage,
      `${target}: folder is not empty; give demo a new or empty folder`,
    );
  }
  const now = () => new Date();
  // A lab CA issues the examiner's certificate, as in a lab: the package's trust anchor is the
  // CA, whose fingerprint a recipient compares with the one the lab publishes.
  const caFile = join(target, 'demo-lab-ca.p12');
  const ca = createLabCa({
    name: 'Sealcase Demo Lab CA',
    org: 'Sealcase Demo Lab',
    validityYears: 2,
    passphrase: DEMO_PASSPHRASE,
    now,
  });
  await writeIdentityFile(caFile, ca.p12);
  const identityFile = join(target, 'demo-examiner.p12');
  const p12 = createExaminer({
    name: 'Demo Examiner',
    org: 'Sealcase Demo Lab',
    ca: { p12: ca.p12, passphrase: DEMO_PASSPHRASE, where: caFile },
    validityYears: 1,
    passphrase: DEMO_PASSPHRASE,
    now,
  });
  await writeIdentityFile(identityFile, p12);
  io.out(
    `1. demo lab CA and examiner identity (RSA-3072, issued by the CA): ${identityFile}, passphrase "${DEMO_PASSPHRASE}"\n`,
  );
  const identity = unlock(p12, DEMO_PASSPHRASE, { where: identityFile });
  try {
    const service = new CaseService({ casesRoot: target, now, uuid: randomUUID, toolVersion });
    const summary = await service.createAt(
      join(target, 'demo.sealcase'),
      {
        number: 'DEMO-0001',
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
    const caseDir = summary.path;
    io.out(`2. case created with a signed custody ledger: ${summary.number} in ${caseDir}\n`);
    const artefacts = await acquireSamples(io, target, caseDir, identity, toolVersion);
    const stage = { io, caseDir, artefacts, identity, toolVersion, now };
    await parseSamples(stage);
    await attributeSamples(stage);
    const verification = await verifyCaseLedger(caseDir);
    if (!verification.ok) {
      throw new CliExit(
        EXIT.findings,
        `the demo ledger does not verify: ${verification.firstBad?.code ?? ''} ${verification.firstBad?.message ?? ''}`,
      );
    }
    io.out(
      `6. ledger verified: ${verification.records.length} records, Merkle root ${verification.root}\n`,
    );
    return { target, caseDir, identityFile, identity };
  } catch (error) {
    identity.lock();
    throw error;
  }
}

/** Stage 3: the samples written to DIR/samples and acquired into the vault, each signed. */
async function acquireSamples(
  io: CliIo,
  target: string,
  caseDir: string,
  identity: UnlockedIdentity,
  toolVersion: string,
): Promise<Map<string, FileArtefact>> {
  const now = () => new Date();
  const samplesDir = join(target, 'samples');
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
    cwd: target,
    receivedFrom: 'Sealcase built-in sample data (synthetic, documentation addresses only)',
  });
  await ledger.checkpoint(identity, 'demo intake completed');
  io.out(`3. ${intake.artefacts.length} sample artefacts acquired into the vault, each signed:\n`);
  const byName = new Map<string, FileArtefact>();
  for (const a of intake.artefacts) {
    if (a.entry !== 'file') continue;
    byName.set(a.original.name, a);
    io.out(`   ${a.digests.sha256}  ${a.original.name}\n`);
  }
  return byName;
}

/** Stage 4: each sample parsed with its format and options; each decision a signed record. */
async function parseSamples(stage: SampleStage): Promise<void> {
  const { io, caseDir, artefacts, identity, toolVersion, now } = stage;
  const registry = createDefaultRegistry();
  io.out(
    '4. parsed (each decision — format, parser version, options — a signed analysis record):\n',
  );
  for (const sample of DEMO_SAMPLES) {
    const a = artefacts.get(sample.name)!;
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
    io.out(
      `   ${a.original.name}: ${result.parser.name} ${result.parser.version}, ${result.summary.events} events, ${result.summary.warnings} warnings\n`,
    );
  }
}

/** Stage 5: the email and webmail log as observations through the CGN, RADIUS and ISP records. */
async function attributeSamples(stage: SampleStage): Promise<void> {
  const { io, caseDir, artefacts, identity, toolVersion, now } = stage;
  const of = (role: 'observation' | 'record') =>
    DEMO_SAMPLES.filter((s) => s.role === role).map((s) => artefacts.get(s.name)!.digests.sha256);
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
  io.out(
    `5. attributed ${run.results.length} observations through the CGN, RADIUS and ISP records (the run signed):\n`,
  );
  for (const r of run.results) {
    const o = r.observation;
    io.out(
      `   ${o.ip}${o.port === undefined ? ' (no port)' : `:${o.port}`} at ${o.ts}: ${r.status}${
        r.subscribers.length === 0 ? '' : ` → ${r.subscribers.join(', ')}`
      }${r.sharedBy === null || r.sharedBy === 0 ? '' : ` (address shared by ${r.sharedBy} accounts)`}\n`,
    );
  }
  io.out(`   ${run.results[0]?.caveat ?? ''}\n`);
}

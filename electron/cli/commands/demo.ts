import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isSealcaseError } from '../../../shared/errors';
import {
  buildDemoCase as buildDemoCaseIn,
  createDemoIdentity,
  DEMO_PASSPHRASE,
  exportDemoPackage,
  type DemoStep,
} from '../../services/demo';
import type { UnlockedIdentity } from '../../services/identity';
import { openPackage, verifyPackageAt } from '../../services/package';
import { reproducePackage } from '../../services/reproduce';
import { CliExit, EXIT, type CliIo } from '../io';

export { DEMO_PASSPHRASE } from '../../services/demo';

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

/**
 * `sealcase demo DIR`: the whole pipeline headless on built-in sample data — identity, case,
 * intake, parse, attribution, export, verify, reproduce — one numbered line per stage. The work is
 * `electron/services/demo`'s (shared with the app's `case:createDemo`); this prints it.
 */
export async function demo(
  io: CliIo,
  dir: string,
  toolVersion: string,
  deps: DemoDeps = {},
): Promise<void> {
  const built = await buildDemoCase(io, dir, toolVersion);
  try {
    const exported = await exportDemoPackage(
      built.caseDir,
      join(built.target, 'demo-package'),
      built.identity,
      {
        toolVersion,
        ...(deps.verifierPage === undefined ? {} : { verifierPage: deps.verifierPage }),
      },
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
  const { identity, identityFile } = await createDemoIdentity(target, () => new Date());
  io.out(
    `1. demo lab CA and examiner identity (RSA-3072, issued by the CA): ${identityFile}, passphrase "${DEMO_PASSPHRASE}"\n`,
  );
  try {
    const built = await buildDemoCaseIn({
      caseDir: join(target, 'demo.sealcase'),
      samplesDir: join(target, 'samples'),
      identity,
      toolVersion,
      onStep: (step) => io.out(stepLines(step)),
    });
    return { target, caseDir: built.summary.path, identityFile, identity };
  } catch (error) {
    identity.lock();
    if (isSealcaseError(error) && error.code === 'CUSTODY_LEDGER_INVALID') {
      throw new CliExit(EXIT.findings, error.message);
    }
    throw error;
  }
}

/** The printed lines of one demo stage (stages 2–6). */
function stepLines(s: DemoStep): string {
  switch (s.step) {
    case 'case':
      return `2. case created with a signed custody ledger: ${s.summary.number} in ${s.summary.path}\n`;
    case 'intake':
      return [
        `3. ${s.artefacts.length} sample artefacts acquired into the vault, each signed:\n`,
        ...s.artefacts.map((a) => `   ${a.digests.sha256}  ${a.original.name}\n`),
      ].join('');
    case 'parsing':
      return '4. parsed (each decision — format, parser version, options — a signed analysis record):\n';
    case 'parsed':
      return `   ${s.name}: ${s.parser.name} ${s.parser.version}, ${s.events} events, ${s.warnings} warnings\n`;
    case 'attribution':
      return [
        `5. attributed ${s.results.length} observations through the CGN, RADIUS and ISP records (the run signed):\n`,
        ...s.results.map((r) => {
          const o = r.observation;
          return `   ${o.ip}${o.port === undefined ? ' (no port)' : `:${o.port}`} at ${o.ts}: ${r.status}${
            r.subscribers.length === 0 ? '' : ` → ${r.subscribers.join(', ')}`
          }${r.sharedBy === null || r.sharedBy === 0 ? '' : ` (address shared by ${r.sharedBy} accounts)`}\n`;
        }),
        `   ${s.results[0]?.caveat ?? ''}\n`,
      ].join('');
    case 'ledger':
      return `6. ledger verified: ${s.records} records, Merkle root ${s.root}\n`;
  }
}

import { randomUUID } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CaseService } from '../../services/cases';
import { startCaseLedger, verifyCaseLedger } from '../../services/custody';
import { createExaminer, unlock, writeIdentityFile } from '../../services/identity';
import { CliExit, EXIT, type CliIo } from '../io';

/**
 * Stages of the headless pipeline on built-in sample data. Each stage that exists runs for real;
 * the ones whose issues have not landed yet are listed as not yet available, never faked.
 */
const PENDING_STAGES = [
  'ingest sample artefacts into the vault (evidence intake issue)',
  'parse emails, logs, NAT and RADIUS records (parsers issue)',
  'attribute observations to accounts (attribution issue)',
  'export and verify a signed package (export issue)',
] as const;

/** The demo examiner's passphrase: printed, because the demo identity protects nothing. */
export const DEMO_PASSPHRASE = 'sealcase-demo';

/** `sealcase demo DIR`: the whole pipeline headless on built-in sample data. */
export async function demo(io: CliIo, dir: string, toolVersion: string): Promise<void> {
  const target = resolve(io.cwd, dir);
  await mkdir(target, { recursive: true });
  if ((await readdir(target)).length > 0) {
    throw new CliExit(
      EXIT.usage,
      `${target}: folder is not empty; give demo a new or empty folder`,
    );
  }
  const now = () => new Date();
  const identityFile = join(target, 'demo-examiner.p12');
  const p12 = createExaminer({
    name: 'Demo Examiner',
    org: 'Sealcase Demo Lab',
    validityYears: 1,
    passphrase: DEMO_PASSPHRASE,
    now,
  });
  await writeIdentityFile(identityFile, p12);
  io.out(
    `1. demo examiner identity (self-signed, RSA-3072): ${identityFile}, passphrase "${DEMO_PASSPHRASE}"\n`,
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
    io.out(`2. case created with a signed custody ledger: ${summary.number} in ${summary.path}\n`);
    const verification = await verifyCaseLedger(summary.path);
    if (!verification.ok) {
      throw new CliExit(
        EXIT.findings,
        `the demo ledger does not verify: ${verification.firstBad?.code ?? ''} ${verification.firstBad?.message ?? ''}`,
      );
    }
    io.out(
      `3. ledger verified: ${verification.records.length} records, Merkle root ${verification.root}\n`,
    );
  } finally {
    identity.lock();
  }
  PENDING_STAGES.forEach((stage, i) => io.out(`${i + 4}. not yet available: ${stage}\n`));
}

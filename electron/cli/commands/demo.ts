import { randomUUID } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CaseService } from '../../services/cases';
import { CliExit, EXIT, type CliIo } from '../io';

/**
 * Stages of the headless pipeline on built-in sample data. Each stage that exists runs for real;
 * the ones whose issues have not landed yet are listed as not yet available, never faked.
 */
const PENDING_STAGES = [
  'ingest sample artefacts into the vault (evidence intake issue)',
  'sign the custody ledger (custody ledger issue)',
  'parse emails, logs, NAT and RADIUS records (parsers issue)',
  'attribute observations to accounts (attribution issue)',
  'export and verify a signed package (export issue)',
] as const;

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
  const service = new CaseService({
    casesRoot: target,
    now: () => new Date(),
    uuid: randomUUID,
    toolVersion,
  });
  const summary = await service.createAt(join(target, 'demo.sealcase'), {
    number: 'DEMO-0001',
    title: 'Sealcase demonstration case',
    authority: 'Demonstration on built-in sample data; no legal authority needed',
  });
  io.out(`1. case created: ${summary.number} "${summary.title}" in ${summary.path}\n`);
  PENDING_STAGES.forEach((stage, i) => io.out(`${i + 2}. not yet available: ${stage}\n`));
}

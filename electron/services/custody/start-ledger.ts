import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CASE_FILE_NAME, type CaseFile } from '../../../shared/model';
import { trustIssuerOf } from './case-certs';
import { CustodyLedger, type LedgerDeps, type LedgerSigner } from './ledger-writer';

/**
 * A ledger's first record, `case.created`, naming case.json by its SHA-256; the signer's issuing
 * lab CA becomes the case's trusted anchor. `note` says when the ledger starts after the case
 * (a case created before any identity was unlocked).
 */
export async function recordCaseCreated(
  ledger: CustodyLedger,
  file: CaseFile,
  signer: LedgerSigner,
  note?: string,
): Promise<void> {
  await trustIssuerOf(ledger.caseDir, signer);
  const caseJson = await readFile(join(ledger.caseDir, CASE_FILE_NAME));
  const opened =
    file.authority === null
      ? `case ${file.number} opened; no legal authority recorded`
      : `case ${file.number} opened under: ${file.authority}`;
  await ledger.append(signer, {
    action: 'case.created',
    subject: { ids: [file.id] },
    reason: note === undefined ? opened : `${opened} (${note})`,
    details: {
      number: file.number,
      title: file.title,
      authority: file.authority,
      created: file.created,
      caseJsonSha256: createHash('sha256').update(caseJson).digest('hex'),
    },
  });
}

/**
 * The first records of a new case, written inside its staging folder: `case.created`,
 * `examiner.added` for the creator, and a first checkpoint.
 */
export async function startCaseLedger(
  caseDir: string,
  file: CaseFile,
  signer: LedgerSigner,
  deps: LedgerDeps,
): Promise<CustodyLedger> {
  const { ledger } = await CustodyLedger.open(caseDir, deps, signer);
  await recordCaseCreated(ledger, file, signer);
  await ledger.checkpoint(signer, 'case created');
  return ledger;
}

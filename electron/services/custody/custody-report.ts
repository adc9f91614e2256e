import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CustodyReportValue } from '../../../shared/contracts';
import { CHECKPOINTS_DIR, LEDGER_FILE_NAME } from '../../../shared/custody';
import { verifyCaseLedger } from './verify-case';

/** The Custody screen shows at most this many records (the newest). */
export const RECORDS_SHOWN = 5000;

/** Verifies a case's ledger and summarises it for the Custody screen. */
export async function custodyReport(caseDir: string, now: Date): Promise<CustodyReportValue> {
  const verifiedAt = now.toISOString();
  const present = await access(join(caseDir, LEDGER_FILE_NAME)).then(
    () => true,
    () => false,
  );
  if (!present) {
    return {
      status: 'no-ledger',
      records: [],
      totalVerified: 0,
      firstBad: null,
      warnings: [],
      root: null,
      checkpoints: 0,
      verifiedAt,
    };
  }
  const result = await verifyCaseLedger(caseDir);
  const checkpoints = (
    await readdir(join(caseDir, CHECKPOINTS_DIR)).catch(() => [] as string[])
  ).filter((n) => n.endsWith('.json')).length;
  return {
    status: result.ok ? 'valid' : 'invalid',
    records: result.records.slice(-RECORDS_SHOWN).map(({ seq, hash, record }) => ({
      seq,
      at: record.at,
      actor: { name: record.actor.name, cert: record.actor.cert },
      action: record.action,
      artefacts: record.subject.artefacts ?? [],
      ids: record.subject.ids ?? [],
      reason: record.reason,
      hash,
    })),
    totalVerified: result.records.length,
    firstBad: result.firstBad && {
      seq: result.firstBad.seq,
      code: result.firstBad.code,
      message: result.firstBad.message,
    },
    warnings: result.warnings.map((w) => ({ seq: w.seq, code: w.code, message: w.message })),
    root: result.records.length > 0 ? result.root : null,
    checkpoints,
    verifiedAt,
  };
}

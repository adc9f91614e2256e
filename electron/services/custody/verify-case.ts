import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CHECKPOINTS_DIR,
  LEDGER_FILE_NAME,
  verifyLedger,
  type LedgerVerification,
} from '../../../shared/custody';
import { CustodyError } from '../../../shared/errors';
import { readCaseTrust } from './case-certs';
import { createNodeCustodyCrypto } from './node-crypto';

/** Reads a case's ledger, checkpoints and certificates and verifies them (read-only). */
export async function verifyCaseLedger(caseDir: string): Promise<LedgerVerification> {
  const path = join(caseDir, LEDGER_FILE_NAME);
  let ledger: Uint8Array;
  try {
    ledger = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new CustodyError(
      'CUSTODY_IO',
      `${path}: cannot read the ledger (${(error as Error).message})`,
      {
        where: path,
        cause: error,
      },
    );
  }
  const dir = join(caseDir, CHECKPOINTS_DIR);
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw new CustodyError('CUSTODY_IO', `${dir}: cannot list checkpoints (${error.message})`, {
      where: dir,
      cause: error,
    });
  });
  const checkpoints: string[] = [];
  const numbered = names.filter((n) => /^\d{8,}\.json$/.test(n));
  numbered.sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  for (const name of numbered) {
    checkpoints.push(await readFile(join(dir, name), 'utf8'));
  }
  return verifyLedger(ledger, {
    crypto: createNodeCustodyCrypto(),
    trust: await readCaseTrust(caseDir),
    checkpoints,
  });
}

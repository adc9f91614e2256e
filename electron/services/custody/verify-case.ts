import { open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CHECKPOINTS_DIR,
  LEDGER_FILE_NAME,
  verifyLedger,
  type LedgerVerification,
} from '../../../shared/custody';
import { CustodyError } from '../../../shared/errors';
import { readFully } from '../vault/file-io';
import { readCaseTrust } from './case-certs';
import { createNodeCustodyCrypto } from './node-crypto';

/**
 * The whole file in a SharedArrayBuffer: the verifier's line-check workers read it in place
 * instead of each receiving a copy.
 */
async function readShared(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    const done = await readFully(handle, bytes, 0);
    return done === size ? bytes : bytes.subarray(0, done);
  } finally {
    await handle.close();
  }
}

/** Reads a case's ledger, checkpoints and certificates and verifies them (read-only). */
export async function verifyCaseLedger(caseDir: string): Promise<LedgerVerification> {
  const path = join(caseDir, LEDGER_FILE_NAME);
  // The line-check workers start while the files are read.
  const crypto = createNodeCustodyCrypto();
  crypto.warmUp();
  let ledger: Uint8Array;
  try {
    ledger = await readShared(path);
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
    crypto,
    trust: await readCaseTrust(caseDir),
    checkpoints,
  });
}

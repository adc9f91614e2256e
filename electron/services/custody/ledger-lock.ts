import { open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CustodyError } from '../../../shared/errors';

export const LOCK_FILE = 'ledger.lock';
const WAIT_MS = 10_000;
const STALE_EMPTY_MS = 1_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `fn` holding the case's ledger lock: a file created exclusively, holding the owner's pid.
 * A lock whose owner died (kill -9) is taken over; a live owner is waited for up to 10 s.
 */
export async function withLedgerLock<T>(caseDir: string, fn: () => Promise<T>): Promise<T> {
  const path = join(caseDir, LOCK_FILE);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o644);
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new CustodyError('CUSTODY_IO', `${path}: cannot take the ledger lock (${code})`, {
          where: path,
          cause: error,
        });
      }
      const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && !alive(owner)) {
        await rm(path, { force: true });
        continue;
      }
      // A lock without a pid: its owner died between creating it and writing its pid (kill -9).
      // A live owner writes the pid at once, so an empty lock older than a moment is stale.
      if (!Number.isInteger(owner)) {
        const age = await stat(path).then(
          (s) => Date.now() - s.mtimeMs,
          () => 0,
        );
        if (age > STALE_EMPTY_MS) {
          await rm(path, { force: true });
          continue;
        }
      }
      if (Date.now() > deadline) {
        throw new CustodyError(
          'CUSTODY_LOCKED',
          `${path}: the ledger is in use by process ${Number.isInteger(owner) ? owner : '?'}`,
          { where: path },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}

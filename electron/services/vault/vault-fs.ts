import * as fsp from 'node:fs/promises';
import { IntakeError, type IntakeErrorCode } from '../../../shared/errors';

/**
 * The file-system calls the vault and the intake make, as one object so tests can inject failures
 * (a write that fails with ENOSPC, a case folder that answers EACCES) without root tricks.
 */
export interface VaultFs {
  readonly open: typeof fsp.open;
  readonly rename: typeof fsp.rename;
  readonly mkdir: typeof fsp.mkdir;
  readonly unlink: typeof fsp.unlink;
  readonly readdir: typeof fsp.readdir;
  readonly lstat: typeof fsp.lstat;
  readonly readlink: typeof fsp.readlink;
  readonly appendFile: typeof fsp.appendFile;
  readonly readFile: typeof fsp.readFile;
}

export const nodeVaultFs: VaultFs = {
  open: fsp.open,
  rename: fsp.rename,
  mkdir: fsp.mkdir,
  unlink: fsp.unlink,
  readdir: fsp.readdir,
  lstat: fsp.lstat,
  readlink: fsp.readlink,
  appendFile: fsp.appendFile,
  readFile: fsp.readFile,
};

export function errnoOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Maps an error while writing into the case (vault, records) to an `IntakeError` naming the path. */
export function writeError(error: unknown, path: string, doing: string): IntakeError {
  if (error instanceof IntakeError) return error;
  const errno = errnoOf(error) ?? 'unknown';
  let code: IntakeErrorCode;
  switch (errno) {
    case 'ENOSPC':
    case 'EDQUOT':
      code = 'INTAKE_DISK_FULL';
      break;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      code = 'INTAKE_NOT_WRITABLE';
      break;
    default:
      code = 'INTAKE_IO';
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new IntakeError(code, `${path}: ${doing} failed (${errno}): ${detail}`, {
    where: path,
    cause: error,
  });
}

/** Maps an error while reading a source to an `IntakeError` naming the path. */
export function readError(error: unknown, path: string, doing: string): IntakeError {
  if (error instanceof IntakeError) return error;
  const errno = errnoOf(error) ?? 'unknown';
  const code: IntakeErrorCode =
    errno === 'ENOENT' || errno === 'ENOTDIR'
      ? 'INTAKE_INPUT_NOT_FOUND'
      : 'INTAKE_INPUT_UNREADABLE';
  const what = code === 'INTAKE_INPUT_NOT_FOUND' ? 'does not exist' : `cannot be read (${errno})`;
  return new IntakeError(code, `${path}: ${what} while ${doing}`, { where: path, cause: error });
}

/** fsync a folder so a rename or a new entry in it survives a power cut. */
export async function fsyncDirWith(fs: VaultFs, path: string): Promise<void> {
  const handle = await fs.open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

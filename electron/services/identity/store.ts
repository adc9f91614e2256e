import { randomBytes } from 'node:crypto';
import { link, lstat, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { IdentityError } from '../../../shared/errors';
import { fsyncDir } from '../fs/atomic';

function errnoOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return 'unknown';
}

function ioError(path: string, doing: string, error: unknown): IdentityError {
  const errno = errnoOf(error);
  if (errno === 'EEXIST') {
    return new IdentityError(
      'IDENTITY_EXISTS',
      `${path}: already exists; identities are never overwritten`,
      {
        where: path,
        cause: error,
      },
    );
  }
  const why = errno === 'ENOENT' ? 'does not exist' : `${doing} failed (${errno})`;
  return new IdentityError('IDENTITY_IO', `${path}: ${why}`, { where: path, cause: error });
}

/** Reads an identity file; at most 1 MiB (a PKCS#12 identity is a few KiB). */
export async function readIdentityFile(path: string): Promise<Uint8Array> {
  try {
    const stat = await lstat(path);
    if (!stat.isFile()) {
      throw new IdentityError('IDENTITY_IO', `${path}: not a regular file`, { where: path });
    }
    if (stat.size > 1024 * 1024) {
      throw new IdentityError('IDENTITY_INVALID', `${path}: too large for a PKCS#12 identity`, {
        where: path,
      });
    }
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if (error instanceof IdentityError) throw error;
    throw ioError(path, 'reading', error);
  }
}

/** Fails with IDENTITY_EXISTS when something (a file, folder or link) is already at `path`. */
export async function assertAbsent(path: string): Promise<void> {
  try {
    await lstat(path);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return;
    throw ioError(path, 'checking', error);
  }
  throw ioError(path, 'checking', Object.assign(new Error('exists'), { code: 'EEXIST' }));
}

/** A staged file: written, fsynced, mode 0600, under a temporary name beside its target. */
export interface StagedFile {
  readonly path: string;
  /** Publishes the file under its final name without ever replacing an existing one. */
  commit(): Promise<void>;
  /** Removes the temporary file (after a failure); safe to call twice. */
  discard(): Promise<void>;
}

/**
 * Stages `data` for `path`: written to `.NAME.tmp-RANDOM` in the same folder (mode 0600, fsynced).
 * `commit()` hard-links it to the final name — which fails if that name exists, so nothing is
 * ever overwritten, even by a race — removes the temporary name and fsyncs the folder. On file
 * systems without hard links (FAT, some network shares) it falls back to check-then-rename.
 */
export async function stageIdentityFile(path: string, data: Uint8Array): Promise<StagedFile> {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${randomBytes(6).toString('hex')}`);
  let handle;
  try {
    handle = await open(tmp, 'wx', 0o600);
  } catch (error) {
    throw ioError(path, 'writing', error);
  }
  try {
    await handle.writeFile(data);
    await handle.chmod(0o600); // in case the umask or file system widened it
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw ioError(path, 'writing', error);
  }
  await handle.close();

  let committed = false;
  return {
    path,
    async commit() {
      try {
        try {
          await link(tmp, path);
          await unlink(tmp);
        } catch (error) {
          const errno = errnoOf(error);
          if (
            errno !== 'EPERM' &&
            errno !== 'ENOTSUP' &&
            errno !== 'EOPNOTSUPP' &&
            errno !== 'ENOSYS'
          ) {
            throw error;
          }
          await assertAbsent(path);
          await rename(tmp, path);
        }
        committed = true;
        await fsyncDir(dirname(path));
      } catch (error) {
        if (!committed) await unlink(tmp).catch(() => undefined);
        if (error instanceof IdentityError) throw error;
        throw ioError(path, 'writing', error);
      }
    },
    async discard() {
      if (!committed) await unlink(tmp).catch(() => undefined);
    },
  };
}

/** Writes a new identity file atomically (see `stageIdentityFile`); never overwrites. */
export async function writeIdentityFile(path: string, data: Uint8Array): Promise<void> {
  const staged = await stageIdentityFile(path, data);
  await staged.commit();
}

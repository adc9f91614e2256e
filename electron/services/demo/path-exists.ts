import { lstat } from 'node:fs/promises';

/**
 * True when something (of any kind, a dangling symlink too) is at PATH, false on ENOENT; any other
 * failure goes through `wrap`, which turns it into the caller's coded error.
 */
export async function pathExists(path: string, wrap: (error: unknown) => Error): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw wrap(error);
  }
}

import { createHash } from 'node:crypto';
import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Every entry under `root` (relative path → kind, mode and, for files, SHA-256 of the bytes), so a
 * test can assert that an operation left a folder byte-for-byte unchanged.
 */
export async function snapshotTree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(dir: string, rel: string): Promise<void> {
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      const full = join(dir, name);
      const relPath = rel === '' ? name : `${rel}/${name}`;
      const stat = await lstat(full);
      const mode = (stat.mode & 0o7777).toString(8);
      if (stat.isDirectory()) {
        out[relPath] = `dir ${mode}`;
        await walk(full, relPath);
      } else if (stat.isSymbolicLink()) {
        out[relPath] = `link ${await readlink(full)}`;
      } else {
        const digest = createHash('sha256')
          .update(await readFile(full))
          .digest('hex');
        out[relPath] = `file ${mode} ${digest}`;
      }
    }
  }
  await walk(root, '');
  return out;
}

import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PackageError } from '../../../shared/errors';
import type {
  PackageFile,
  PackageListing,
  PackageReader,
  ReaderFinding,
} from '../../../shared/package/verify';

/** Read size for streaming a file (≥ 1 MiB: stack.md §7.2). */
const CHUNK = 1024 * 1024;
/** Files and folders a listing visits at most (a package has far fewer). */
const MAX_LISTED = 1_000_000;
const MAX_DEPTH = 32;

/**
 * A package folder read in place. Lists regular files only, never following a symbolic link (a
 * link, socket or device is a finding); opens files with O_NOFOLLOW and only under names the
 * listing produced, so nothing outside the folder is ever read.
 */
export function folderPackageReader(root: string, label: string): PackageReader {
  let listed: Promise<PackageListing> | null = null;
  let known = new Set<string>();

  async function walk(): Promise<PackageListing> {
    const files: PackageFile[] = [];
    const findings: ReaderFinding[] = [];
    let visited = 0;
    const visit = async (dir: string, prefix: string, depth: number): Promise<void> => {
      let names: string[];
      try {
        names = (await readdir(dir)).sort();
      } catch (error) {
        throw new PackageError('PKG_IO', `cannot list ${dir} (${(error as Error).message})`, {
          where: prefix === '' ? '.' : prefix,
          cause: error,
        });
      }
      for (const name of names) {
        if (++visited > MAX_LISTED) {
          throw new PackageError('PKG_IO', `more than ${MAX_LISTED} files: not a package`);
        }
        const path = prefix === '' ? name : `${prefix}/${name}`;
        const full = join(dir, name);
        const st = await lstat(full).catch((error: Error) => {
          throw new PackageError('PKG_IO', `cannot stat ${full} (${error.message})`, {
            where: path,
            cause: error,
          });
        });
        if (st.isSymbolicLink()) {
          findings.push({
            code: 'FILE_EXTRA',
            file: path,
            message: 'a symbolic link (not followed)',
          });
        } else if (st.isDirectory()) {
          if (depth >= MAX_DEPTH) {
            findings.push({ code: 'FILE_EXTRA', file: path, message: 'folders nested too deep' });
          } else await visit(full, path, depth + 1);
        } else if (st.isFile()) files.push({ path, size: st.size });
        else findings.push({ code: 'FILE_EXTRA', file: path, message: 'not a regular file' });
      }
    };
    await visit(root, '', 0);
    known = new Set(files.map((f) => f.path));
    return { files, findings };
  }

  return {
    form: 'folder',
    label,
    list: () => (listed ??= walk()),
    async stream(path, sink) {
      await (listed ??= walk());
      if (!known.has(path)) {
        throw new PackageError('PKG_FILE_NOT_FOUND', `${path} is not in the package`, {
          where: path,
        });
      }
      const full = join(root, ...path.split('/'));
      let handle;
      try {
        handle = await open(full, constants.O_RDONLY | constants.O_NOFOLLOW);
      } catch (error) {
        throw new PackageError('PKG_IO', `cannot open ${path} (${(error as Error).message})`, {
          where: path,
          cause: error,
        });
      }
      try {
        const buffer = new Uint8Array(CHUNK);
        for (;;) {
          let n: number;
          try {
            ({ bytesRead: n } = await handle.read(buffer, 0, CHUNK, null));
          } catch (error) {
            throw new PackageError('PKG_IO', `cannot read ${path} (${(error as Error).message})`, {
              where: path,
              cause: error,
            });
          }
          if (n === 0) break;
          await sink(buffer.subarray(0, n));
        }
      } finally {
        await handle.close();
      }
    },
  };
}

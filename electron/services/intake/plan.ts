import { constants, type Stats } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { IntakeError } from '../../../shared/errors';
import type { AcquisitionMethod } from '../../../shared/model';
import { readError, type VaultFs } from '../vault';

export interface PlannedFile {
  readonly entry: 'file';
  readonly path: string;
  readonly name: string;
  readonly input: string;
  readonly relativePath: string;
  readonly size: number;
  readonly method: AcquisitionMethod;
}
export interface PlannedSymlink {
  readonly entry: 'symlink';
  readonly path: string;
  readonly name: string;
  readonly input: string;
  readonly relativePath: string;
  readonly target: string;
  readonly mtime: Date;
  readonly method: AcquisitionMethod;
}
export type PlannedEntry = PlannedFile | PlannedSymlink;

export interface IntakeWarning {
  readonly code: 'SPECIAL_FILE_SKIPPED';
  readonly path: string;
  readonly message: string;
}

export interface IntakePlan {
  readonly entries: PlannedEntry[];
  readonly totalBytes: number;
  readonly warnings: IntakeWarning[];
}

function specialKind(stat: Stats): string {
  if (stat.isFIFO()) return 'named pipe';
  if (stat.isSocket()) return 'socket';
  if (stat.isBlockDevice()) return 'block device';
  if (stat.isCharacterDevice()) return 'character device';
  return 'special file';
}

/** Byte-wise order of UTF-8 names (locale-independent, the same on every machine). */
export function compareNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Checks every named input before anything is stored: each must exist and be readable. Folders are
 * walked recursively in byte-wise sorted order; symlinks are recorded, not followed; special files
 * inside folders are skipped with a warning (a special file named directly is refused).
 */
export async function planIntake(
  fs: VaultFs,
  cwd: string,
  inputs: readonly string[],
): Promise<IntakePlan> {
  const entries: PlannedEntry[] = [];
  const warnings: IntakeWarning[] = [];
  let totalBytes = 0;

  const probeReadable = async (path: string): Promise<void> => {
    try {
      const handle = await fs.open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
      await handle.close();
    } catch (error) {
      throw readError(error, path, 'checking the input');
    }
  };

  const addSymlink = async (
    path: string,
    stat: Stats,
    input: string,
    relativePath: string,
    method: AcquisitionMethod,
  ): Promise<void> => {
    let target: string;
    try {
      target = await fs.readlink(path);
    } catch (error) {
      throw readError(error, path, 'reading the symlink');
    }
    entries.push({
      entry: 'symlink',
      path,
      name: basename(path),
      input,
      relativePath,
      target,
      mtime: stat.mtime,
      method,
    });
  };

  const walk = async (dir: string, input: string, prefix: string): Promise<void> => {
    let names: string[];
    try {
      names = (await fs.readdir(dir)).sort(compareNames);
    } catch (error) {
      throw readError(error, dir, 'listing the folder');
    }
    for (const name of names) {
      const path = join(dir, name);
      const relativePath = prefix === '' ? name : `${prefix}/${name}`;
      let stat: Stats;
      try {
        stat = await fs.lstat(path);
      } catch (error) {
        throw readError(error, path, 'walking the folder');
      }
      if (stat.isSymbolicLink()) {
        await addSymlink(path, stat, input, relativePath, 'logical-folder-walk');
      } else if (stat.isDirectory()) {
        await walk(path, input, relativePath);
      } else if (stat.isFile()) {
        await probeReadable(path);
        entries.push({
          entry: 'file',
          path,
          name,
          input,
          relativePath,
          size: stat.size,
          method: 'logical-folder-walk',
        });
        totalBytes += stat.size;
      } else {
        warnings.push({
          code: 'SPECIAL_FILE_SKIPPED',
          path,
          message: `${path}: ${specialKind(stat)} skipped (not a regular file)`,
        });
      }
    }
  };

  for (const raw of inputs) {
    const path = resolve(cwd, raw);
    let stat: Stats;
    try {
      stat = await fs.lstat(path);
    } catch (error) {
      throw readError(error, path, 'checking the input');
    }
    if (stat.isSymbolicLink()) {
      await addSymlink(path, stat, path, '', 'logical-file-copy');
    } else if (stat.isDirectory()) {
      await walk(path, path, '');
    } else if (stat.isFile()) {
      await probeReadable(path);
      entries.push({
        entry: 'file',
        path,
        name: basename(path),
        input: path,
        relativePath: '',
        size: stat.size,
        method: 'logical-file-copy',
      });
      totalBytes += stat.size;
    } else {
      throw new IntakeError(
        'INTAKE_INPUT_UNSUPPORTED',
        `${path}: is a ${specialKind(stat)}, not a file or folder`,
        { where: path },
      );
    }
  }
  return { entries, totalBytes, warnings };
}

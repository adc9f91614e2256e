import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { PackageError } from '../../../shared/errors';
import { BAGIT_TXT, MANIFEST_TXT } from '../../../shared/package';
import type { PackageReader } from '../../../shared/package/verify';
import { zipPackageReader } from '../../../shared/package/verify';
import { fileHandleSource } from './fd-source';
import { folderPackageReader } from './folder-reader';

export interface OpenedPackage {
  readonly reader: PackageReader;
  close(): Promise<void>;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * Opens a package for reading only: a folder holding a bag, or a zip file (random access through
 * one file handle). `PKG_UNREADABLE` when the path is missing or cannot be read,
 * `PKG_NOT_A_PACKAGE` when it is plainly no package (a folder with neither bagit.txt nor a
 * manifest, a file that is not a zip); everything else is for the verifier to report.
 */
export async function openPackage(path: string): Promise<OpenedPackage> {
  const st = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new PackageError(
      'PKG_UNREADABLE',
      `${path}: ${error.code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${error.message})`}`,
      { where: path, cause: error },
    );
  });
  const label = basename(path);
  if (st.isDirectory()) {
    const hasTag = await Promise.all(
      [BAGIT_TXT, MANIFEST_TXT].map((n) =>
        stat(`${path}/${n}`).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (!hasTag.some(Boolean)) {
      throw new PackageError(
        'PKG_NOT_A_PACKAGE',
        `${path}: a folder with neither ${BAGIT_TXT} nor ${MANIFEST_TXT}: not a package`,
        { where: path },
      );
    }
    return { reader: folderPackageReader(path, label), close: async () => undefined };
  }
  if (!st.isFile()) {
    throw new PackageError('PKG_NOT_A_PACKAGE', `${path}: neither a folder nor a file`, {
      where: path,
    });
  }
  const handle = await open(path, 'r').catch((error: Error) => {
    throw new PackageError('PKG_UNREADABLE', `${path}: cannot be read (${error.message})`, {
      where: path,
      cause: error,
    });
  });
  const magic = new Uint8Array(4);
  const { bytesRead } = await handle.read(magic, 0, 4, 0);
  if (bytesRead < 4 || ZIP_MAGIC.some((b, i) => magic[i] !== b)) {
    await handle.close();
    throw new PackageError('PKG_NOT_A_PACKAGE', `${path}: not a zip file and not a folder`, {
      where: path,
    });
  }
  return {
    reader: zipPackageReader(fileHandleSource(handle, st.size), label),
    close: () => handle.close(),
  };
}

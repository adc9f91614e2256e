import {
  zipPackageReader,
  type PackageFile,
  type PackageReader,
  type ReaderFinding,
} from '../../shared/package/verify';
import type { ByteSource } from '../../shared/package/zip';

/** Bytes read per slice of a File: large enough to be fast, small enough to keep memory flat. */
export const SLICE_BYTES = 4 * 1024 * 1024;

/** The part of a browser `File` the readers use (a `Blob` with a name and, from a folder pick, a relative path). */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
  readonly webkitRelativePath?: string;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** Random access to a File for the zip reader. */
export function fileByteSource(file: PickedFile): ByteSource {
  return {
    size: file.size,
    read: async (offset, length) =>
      new Uint8Array(await file.slice(offset, Math.min(file.size, offset + length)).arrayBuffer()),
  };
}

/** A package picked as a `.zip` file. */
export function zipFileReader(file: PickedFile): PackageReader {
  return zipPackageReader(fileByteSource(file), file.name);
}

/**
 * A package picked as a folder (`<input webkitdirectory>`): every file arrives with a path
 * `<folder>/<bag path>`. The browser resolves symbolic links itself, so they cannot be reported
 * here; `sealcase verify` does. Paths are taken below the picked folder; anything that does not
 * belong to the bag is reported by the completeness check as an extra file.
 */
export function folderFilesReader(files: readonly PickedFile[]): PackageReader {
  const tops = new Set(files.map((f) => topOf(f)));
  const label = tops.size === 1 ? [...tops][0]! : 'the chosen folder';
  const byPath = new Map<string, PickedFile>();
  const listed: PackageFile[] = [];
  const findings: ReaderFinding[] = [];
  for (const file of files) {
    const path = bagPathOf(file);
    if (byPath.has(path)) {
      findings.push({
        code: 'FILE_EXTRA',
        file: path,
        message: 'the same path was picked twice',
      });
      continue;
    }
    byPath.set(path, file);
    listed.push({ path, size: file.size });
  }
  listed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    form: 'folder',
    label,
    list: () => Promise.resolve({ files: listed, findings }),
    async stream(path, sink) {
      const file = byPath.get(path);
      if (file === undefined) throw new Error(`${path}: not in the chosen folder`);
      for (let at = 0; at < file.size; at += SLICE_BYTES) {
        const end = Math.min(file.size, at + SLICE_BYTES);
        await sink(new Uint8Array(await file.slice(at, end).arrayBuffer()));
      }
    },
  };
}

function relative(file: PickedFile): string {
  const rel = file.webkitRelativePath;
  return rel === undefined || rel === '' ? file.name : rel;
}

function topOf(file: PickedFile): string {
  const rel = relative(file);
  const slash = rel.indexOf('/');
  return slash < 0 ? '' : rel.slice(0, slash);
}

function bagPathOf(file: PickedFile): string {
  const rel = relative(file);
  const slash = rel.indexOf('/');
  return slash < 0 ? rel : rel.slice(slash + 1);
}

import { PackageError } from '../../errors';
import {
  openZip,
  streamZipEntry,
  type ByteSource,
  type ZipArchive,
  type ZipEntry,
  type ZipLimits,
} from '../zip';
import type { PackageFile, PackageListing, PackageReader, ReaderFinding } from './reader';

/**
 * A package reader over a zip (FORMAT.md §8): the bag sits in one top folder, whatever its name;
 * bag paths are entry names without it. Entries outside that folder, or no single top folder, are
 * `ZIP_LAYOUT`; folder entries are skipped (BagIt lists files only).
 */
export function zipPackageReader(
  source: ByteSource,
  label: string,
  limits?: ZipLimits,
): PackageReader {
  interface Opened {
    readonly archive: ZipArchive;
    readonly listing: PackageListing;
    readonly byPath: Map<string, ZipEntry>;
  }
  let opened: Promise<Opened> | null = null;

  async function open(): Promise<Opened> {
    const archive = await openZip(source, limits);
    const findings: ReaderFinding[] = archive.findings.map((f) => ({
      code: f.code as ReaderFinding['code'],
      file: f.entry,
      message: f.message,
    }));
    const tops = new Set(archive.entries.map((e) => e.name.split('/')[0]!));
    const top = tops.size === 1 ? [...tops][0]! : null;
    const byPath = new Map<string, ZipEntry>();
    const files: PackageFile[] = [];
    if (top === null || archive.entries.some((e) => e.name === top)) {
      findings.push({
        code: 'ZIP_LAYOUT',
        file: '.',
        message:
          tops.size === 0
            ? 'the zip holds no files'
            : `the bag must sit in one top folder; found ${[...tops].slice(0, 5).join(', ')}`,
      });
    } else {
      for (const e of archive.entries) {
        if (e.isDirectory) continue;
        const path = e.name.slice(top.length + 1);
        byPath.set(path, e);
        files.push({ path, size: e.uncompressedSize });
      }
    }
    return { listing: { files, findings }, byPath, archive };
  }

  const state = () => (opened ??= open());

  return {
    form: 'zip',
    label,
    async list() {
      return (await state()).listing;
    },
    async stream(path, sink) {
      const s = await state();
      const entry = s.byPath.get(path);
      if (entry === undefined) {
        throw new PackageError('PKG_FILE_NOT_FOUND', `${path} is not in the zip`, { where: path });
      }
      try {
        await streamZipEntry(s.archive, entry, sink);
      } catch (error) {
        if (error instanceof PackageError && error.where === entry.name) {
          throw new PackageError(error.code, error.message, { where: path, cause: error });
        }
        throw error;
      }
    },
  };
}

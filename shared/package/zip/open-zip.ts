import { PackageError, type PackageErrorCode } from '../../errors';
import { readExact, type ByteSource } from './byte-source';
import { parseCentralDirectory, type RawEntry } from './central-directory';
import { locateCentralDirectory } from './end-record';
import { collisionKey, unsafeNameReason } from './entry-name';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './limits';
import { u16, u32 } from './little-endian';

export type ZipMethod = 0 | 8;

/** An entry that passed every check at open time; its data is checked when it is streamed. */
export interface ZipEntry {
  readonly name: string;
  readonly isDirectory: boolean;
  readonly method: ZipMethod;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Offset of the entry's (compressed) data, after its local header. */
  readonly dataOffset: number;
}

/** A problem with one entry; the entry is left out of `entries`. */
export interface ZipFinding {
  readonly code: PackageErrorCode;
  /** The entry name, or `#<index>` when the name is not UTF-8. */
  readonly entry: string;
  readonly message: string;
}

export interface ZipArchive {
  readonly source: ByteSource;
  readonly limits: ZipLimits;
  readonly entries: readonly ZipEntry[];
  readonly findings: readonly ZipFinding[];
}

const LOCAL_SIG = 0x04034b50;
const LOCAL_HEADER = 30;
const FLAG_ENCRYPTED = 0x1;
const FLAG_DESCRIPTOR = 0x8;
const FLAG_STRONG_ENCRYPTION = 0x40;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

class EntryProblem extends Error {
  constructor(
    readonly code: PackageErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function label(raw: RawEntry): string {
  return raw.name ?? `#${raw.index}`;
}

function checkDeclared(raw: RawEntry, limits: ZipLimits): string {
  if (raw.name === null) throw new EntryProblem('ZIP_UNSAFE_PATH', 'the name is not UTF-8');
  if (raw.nameBytes.length > limits.maxNameBytes) {
    throw new EntryProblem('ZIP_TOO_LARGE', `the name is longer than ${limits.maxNameBytes} bytes`);
  }
  const unsafe = unsafeNameReason(raw.name);
  if (unsafe !== null) throw new EntryProblem('ZIP_UNSAFE_PATH', unsafe);
  if (raw.unixMode !== null && (raw.unixMode & S_IFMT) === S_IFLNK) {
    throw new EntryProblem('ZIP_UNSUPPORTED', 'the entry is a symbolic link');
  }
  if ((raw.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) !== 0) {
    throw new EntryProblem('ZIP_UNSUPPORTED', 'the entry is encrypted');
  }
  if (raw.method !== 0 && raw.method !== 8) {
    throw new EntryProblem(
      'ZIP_UNSUPPORTED',
      `compression method ${raw.method} (only stored, deflate)`,
    );
  }
  if (raw.method === 0 && raw.compressedSize !== raw.uncompressedSize) {
    throw new EntryProblem(
      'ZIP_MALFORMED',
      `stored entry declares ${raw.compressedSize} compressed and ${raw.uncompressedSize} uncompressed bytes`,
    );
  }
  if (raw.uncompressedSize > limits.maxRatio * raw.compressedSize + limits.ratioSlackBytes) {
    throw new EntryProblem(
      'ZIP_RATIO',
      `declares ${raw.uncompressedSize} bytes from ${raw.compressedSize} compressed (limit ${limits.maxRatio}× + ${limits.ratioSlackBytes} bytes)`,
    );
  }
  return raw.name;
}

async function readLocalHeader(
  source: ByteSource,
  raw: RawEntry,
  cdOffset: number,
): Promise<{ dataOffset: number; dataEnd: number }> {
  if (raw.localHeaderOffset + LOCAL_HEADER + raw.nameBytes.length > cdOffset) {
    throw new EntryProblem(
      'ZIP_MALFORMED',
      `local header offset ${raw.localHeaderOffset} is out of place`,
    );
  }
  const h = await readExact(
    source,
    raw.localHeaderOffset,
    LOCAL_HEADER + raw.nameBytes.length,
    `local header of ${label(raw)}`,
  );
  if (u32(h, 0) !== LOCAL_SIG) {
    throw new EntryProblem('ZIP_MALFORMED', `no local header at offset ${raw.localHeaderOffset}`);
  }
  const nameLen = u16(h, 26);
  const extraLen = u16(h, 28);
  const localName = h.subarray(LOCAL_HEADER);
  if (nameLen !== raw.nameBytes.length || !localName.every((b, i) => b === raw.nameBytes[i])) {
    throw new EntryProblem('ZIP_MALFORMED', 'the local header names another file');
  }
  if (u16(h, 8) !== raw.method) {
    throw new EntryProblem('ZIP_MALFORMED', 'local and central headers give different methods');
  }
  if ((raw.flags & FLAG_DESCRIPTOR) === 0) {
    const fields: [string, number, number][] = [
      ['CRC-32', u32(h, 14), raw.crc32],
      ['compressed size', u32(h, 18), raw.compressedSize],
      ['uncompressed size', u32(h, 22), raw.uncompressedSize],
    ];
    for (const [what, local, central] of fields) {
      if (local !== central && local !== 0xffffffff) {
        throw new EntryProblem(
          'ZIP_MALFORMED',
          `local header ${what} ${local} differs from the central directory's ${central}`,
        );
      }
    }
  }
  const dataOffset = raw.localHeaderOffset + LOCAL_HEADER + nameLen + extraLen;
  const dataEnd = dataOffset + raw.compressedSize;
  if (dataEnd > cdOffset) {
    throw new EntryProblem('ZIP_MALFORMED', 'the entry data runs into the central directory');
  }
  return { dataOffset, dataEnd };
}

/**
 * Opens a zip over a byte source: end record (ZIP64 too), central directory, every local header.
 * Whole-archive problems throw a `PackageError`; a bad entry becomes a finding and is left out.
 */
export async function openZip(
  source: ByteSource,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<ZipArchive> {
  const where = await locateCentralDirectory(source);
  if (where.entries > limits.maxEntries) {
    throw new PackageError(
      'ZIP_TOO_LARGE',
      `${where.entries} entries (limit ${limits.maxEntries})`,
    );
  }
  if (where.size > limits.maxCentralDirectoryBytes) {
    throw new PackageError(
      'ZIP_TOO_LARGE',
      `central directory of ${where.size} bytes (limit ${limits.maxCentralDirectoryBytes})`,
    );
  }
  const cd = await readExact(source, where.offset, where.size, 'central directory');
  const raws = parseCentralDirectory(cd, where.entries);
  const total = raws.reduce((sum, r) => sum + r.uncompressedSize, 0);
  if (total > limits.maxTotalUncompressed) {
    throw new PackageError(
      'ZIP_TOO_LARGE',
      `entries declare ${total} uncompressed bytes in all (limit ${limits.maxTotalUncompressed})`,
    );
  }

  const findings: ZipFinding[] = [];
  const placed: { raw: RawEntry; entry: ZipEntry; start: number; end: number }[] = [];
  const files = new Map<string, string>();
  for (const raw of raws) {
    try {
      const name = checkDeclared(raw, limits);
      const { dataOffset, dataEnd } = await readLocalHeader(source, raw, where.offset);
      const isDirectory = name.endsWith('/');
      if (isDirectory && raw.uncompressedSize !== 0) {
        throw new EntryProblem('ZIP_MALFORMED', 'a folder entry with content');
      }
      const key = collisionKey(isDirectory ? name.slice(0, -1) : name);
      const clash = files.get(key);
      if (clash !== undefined) {
        throw new EntryProblem('ZIP_DUPLICATE_ENTRY', `the name collides with "${clash}"`);
      }
      files.set(key, name);
      placed.push({
        raw,
        start: raw.localHeaderOffset,
        end: dataEnd,
        entry: {
          name,
          isDirectory,
          method: raw.method as ZipMethod,
          crc32: raw.crc32,
          compressedSize: raw.compressedSize,
          uncompressedSize: raw.uncompressedSize,
          dataOffset,
        },
      });
    } catch (error) {
      if (!(error instanceof EntryProblem)) throw error;
      findings.push({ code: error.code, entry: label(raw), message: error.message });
    }
  }

  // A file may not be a folder of another (`a` and `a/b`), whatever the case or normalisation.
  const byKey = new Map([...files].filter(([, n]) => !n.endsWith('/')));
  const clashing = new Set<string>();
  for (const [key, name] of files) {
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = byKey.get(parts.slice(0, i).join('/'));
      if (parent !== undefined) {
        findings.push({
          code: 'ZIP_DUPLICATE_ENTRY',
          entry: name,
          message: `its folder "${parent}" is also a file`,
        });
        clashing.add(name);
        break;
      }
    }
  }

  // Entries whose bytes overlap another's are the non-recursive zip bomb (Fifield, WOOT 2019).
  placed.sort((a, b) => a.start - b.start);
  const overlapping = new Set<ZipEntry>();
  for (let i = 1; i < placed.length; i++) {
    const prev = placed[i - 1]!;
    const cur = placed[i]!;
    if (cur.start < prev.end) {
      findings.push({
        code: 'ZIP_MALFORMED',
        entry: cur.entry.name,
        message: `its bytes overlap those of "${prev.entry.name}"`,
      });
      overlapping.add(cur.entry);
    }
  }
  const entries = placed
    .filter((p) => !overlapping.has(p.entry) && !clashing.has(p.entry.name))
    .sort((a, b) => a.raw.index - b.raw.index)
    .map((p) => p.entry);
  return { source, limits, entries, findings };
}

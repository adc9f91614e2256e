import { PackageError } from '../../errors';
import { readExact, type ByteSource } from './byte-source';
import { u16, u32, u64 } from './little-endian';

/** Where the central directory is, from the end of central directory record (and its ZIP64 form). */
export interface CentralDirectoryLocation {
  readonly entries: number;
  readonly offset: number;
  readonly size: number;
  /** Offset of the (ZIP64) end record: nothing but the directory may lie between it and `offset + size`. */
  readonly endOffset: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIZE = 56;
const MAX_COMMENT = 0xffff;

/**
 * Finds the end of central directory record (APPNOTE 4.3.16): the last signature whose comment
 * length ends exactly at the end of the file, so nothing can hide after it.
 */
async function findEndRecord(source: ByteSource): Promise<{ at: number; record: Uint8Array }> {
  if (source.size < EOCD_SIZE) {
    throw new PackageError('ZIP_MALFORMED', `${source.size} bytes: too short to be a zip`);
  }
  const tailLength = Math.min(source.size, EOCD_SIZE + MAX_COMMENT);
  const tailStart = source.size - tailLength;
  const tail = await readExact(source, tailStart, tailLength, 'end of central directory');
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (u32(tail, i) !== EOCD_SIG) continue;
    if (i + EOCD_SIZE + u16(tail, i + 20) !== tail.length) continue;
    return { at: tailStart + i, record: tail.subarray(i, i + EOCD_SIZE) };
  }
  throw new PackageError('ZIP_MALFORMED', 'no end of central directory record: not a zip file');
}

export async function locateCentralDirectory(
  source: ByteSource,
): Promise<CentralDirectoryLocation> {
  const { at, record } = await findEndRecord(source);
  const disk = u16(record, 4);
  const cdDisk = u16(record, 6);
  const entriesOnDisk = u16(record, 8);
  let entries = u16(record, 10);
  let size = u32(record, 12);
  let offset = u32(record, 16);
  let endOffset = at;
  const needs64 =
    entries === 0xffff || entriesOnDisk === 0xffff || size === 0xffffffff || offset === 0xffffffff;
  if (needs64) {
    if (at < ZIP64_LOCATOR_SIZE) throw new PackageError('ZIP_MALFORMED', 'no ZIP64 locator');
    const locator = await readExact(
      source,
      at - ZIP64_LOCATOR_SIZE,
      ZIP64_LOCATOR_SIZE,
      'ZIP64 locator',
    );
    if (u32(locator, 0) !== ZIP64_LOCATOR_SIG) {
      throw new PackageError('ZIP_MALFORMED', 'end record asks for ZIP64 but has no ZIP64 locator');
    }
    if (u32(locator, 16) > 1) {
      throw new PackageError('ZIP_UNSUPPORTED', 'multi-disk zip archives are not read');
    }
    const at64 = u64(locator, 8, 'ZIP64 end record offset');
    if (at64 + ZIP64_EOCD_SIZE > at - ZIP64_LOCATOR_SIZE) {
      throw new PackageError('ZIP_MALFORMED', `ZIP64 end record offset ${at64} is out of place`);
    }
    const r64 = await readExact(source, at64, ZIP64_EOCD_SIZE, 'ZIP64 end record');
    if (u32(r64, 0) !== ZIP64_EOCD_SIG) {
      throw new PackageError('ZIP_MALFORMED', `no ZIP64 end record at offset ${at64}`);
    }
    if (u32(r64, 16) !== 0 || u32(r64, 20) !== 0) {
      throw new PackageError('ZIP_UNSUPPORTED', 'multi-disk zip archives are not read');
    }
    const onDisk64 = u64(r64, 24, 'ZIP64 entry count');
    entries = u64(r64, 32, 'ZIP64 entry count');
    if (onDisk64 !== entries) {
      throw new PackageError('ZIP_UNSUPPORTED', 'multi-disk zip archives are not read');
    }
    size = u64(r64, 40, 'ZIP64 central directory size');
    offset = u64(r64, 48, 'ZIP64 central directory offset');
    endOffset = at64;
  } else if (disk !== 0 || cdDisk !== 0 || entriesOnDisk !== entries) {
    throw new PackageError('ZIP_UNSUPPORTED', 'multi-disk zip archives are not read');
  }
  if (offset + size !== endOffset) {
    throw new PackageError(
      'ZIP_MALFORMED',
      `central directory (offset ${offset}, ${size} bytes) does not end at the end record (offset ${endOffset})`,
    );
  }
  return { entries, offset, size, endOffset };
}

import { PackageError } from '../../errors';
import { utf8Decode } from '../../custody/bytes';
import { u16, u32, u64 } from './little-endian';

/** One central directory entry as declared (APPNOTE 4.3.12), ZIP64 fields resolved. */
export interface RawEntry {
  /** Index in the central directory, for messages. */
  readonly index: number;
  /** Decoded name, or null when its bytes are not UTF-8. */
  readonly name: string | null;
  readonly nameBytes: Uint8Array;
  readonly flags: number;
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** Unix mode from the external attributes when the entry was made on Unix, else null. */
  readonly unixMode: number | null;
}

const CD_SIG = 0x02014b50;
const CD_HEADER = 46;
const ZIP64_EXTRA = 0x0001;
const UNIX = 3;

function zip64Fields(
  extra: Uint8Array,
  want: { usize: boolean; csize: boolean; offset: boolean },
  index: number,
): { usize?: number; csize?: number; offset?: number } {
  for (let p = 0; p + 4 <= extra.length;) {
    const id = u16(extra, p);
    const len = u16(extra, p + 2);
    const body = extra.subarray(p + 4, p + 4 + len);
    if (body.length !== len) break;
    if (id === ZIP64_EXTRA) {
      const out: { usize?: number; csize?: number; offset?: number } = {};
      let q = 0;
      const take = (what: string): number => {
        if (q + 8 > body.length) {
          throw new PackageError('ZIP_MALFORMED', `entry ${index}: ZIP64 extra field too short`);
        }
        const v = u64(body, q, `entry ${index}: ZIP64 ${what}`);
        q += 8;
        return v;
      };
      if (want.usize) out.usize = take('uncompressed size');
      if (want.csize) out.csize = take('compressed size');
      if (want.offset) out.offset = take('local header offset');
      return out;
    }
    p += 4 + len;
  }
  throw new PackageError(
    'ZIP_MALFORMED',
    `entry ${index}: ZIP64 sizes without a ZIP64 extra field`,
  );
}

/** Parses `count` entries from the central directory bytes; the bytes must hold exactly them. */
export function parseCentralDirectory(cd: Uint8Array, count: number): RawEntry[] {
  const entries: RawEntry[] = [];
  let p = 0;
  for (let index = 0; index < count; index++) {
    if (p + CD_HEADER > cd.length || u32(cd, p) !== CD_SIG) {
      throw new PackageError('ZIP_MALFORMED', `central directory entry ${index}: bad signature`);
    }
    const madeBy = u16(cd, p + 4) >> 8;
    const flags = u16(cd, p + 8);
    const method = u16(cd, p + 10);
    const crc = u32(cd, p + 16);
    let csize = u32(cd, p + 20);
    let usize = u32(cd, p + 24);
    const nameLen = u16(cd, p + 28);
    const extraLen = u16(cd, p + 30);
    const commentLen = u16(cd, p + 32);
    const diskStart = u16(cd, p + 34);
    const external = u32(cd, p + 38);
    let offset = u32(cd, p + 42);
    const end = p + CD_HEADER + nameLen + extraLen + commentLen;
    if (end > cd.length) {
      throw new PackageError('ZIP_MALFORMED', `central directory entry ${index} runs past its end`);
    }
    const nameBytes = cd.slice(p + CD_HEADER, p + CD_HEADER + nameLen);
    const extra = cd.subarray(p + CD_HEADER + nameLen, p + CD_HEADER + nameLen + extraLen);
    const want = {
      usize: usize === 0xffffffff,
      csize: csize === 0xffffffff,
      offset: offset === 0xffffffff,
    };
    if (want.usize || want.csize || want.offset) {
      const z = zip64Fields(extra, want, index);
      usize = z.usize ?? usize;
      csize = z.csize ?? csize;
      offset = z.offset ?? offset;
    }
    if (diskStart !== 0 && diskStart !== 0xffff) {
      throw new PackageError('ZIP_UNSUPPORTED', 'multi-disk zip archives are not read');
    }
    entries.push({
      index,
      name: utf8Decode(nameBytes),
      nameBytes,
      flags,
      method,
      crc32: crc,
      compressedSize: csize,
      uncompressedSize: usize,
      localHeaderOffset: offset,
      unixMode: madeBy === UNIX ? external >>> 16 : null,
    });
    p = end;
  }
  if (p !== cd.length) {
    throw new PackageError(
      'ZIP_MALFORMED',
      `central directory holds ${cd.length - p} bytes after its ${count} entries`,
    );
  }
  return entries;
}

import { Inflate } from 'fflate';
import { PackageError } from '../../errors';
import { readExact } from './byte-source';
import { createCrc32 } from './crc32';
import type { ZipArchive, ZipEntry } from './open-zip';

/** Compressed bytes read from the source at once. */
const READ_SIZE = 1024 * 1024;
/**
 * Compressed bytes handed to the inflater at once. Deflate expands at most ≈1032×, so one push
 * yields at most ≈17 MiB before the size check can stop a lying entry.
 */
const INFLATE_SLICE = 16 * 1024;

export type ChunkSink = (chunk: Uint8Array) => void | Promise<void>;

/**
 * Streams an entry's uncompressed bytes to `sink` in chunks, never holding the whole entry. Stops
 * with `ZIP_MALFORMED` as soon as more bytes come out than declared, and checks the final size
 * and the CRC-32 (`ZIP_CRC_MISMATCH`); corrupt deflate data is `ZIP_MALFORMED`.
 */
export async function streamZipEntry(
  archive: ZipArchive,
  entry: ZipEntry,
  sink: ChunkSink,
): Promise<void> {
  const crc = createCrc32();
  let produced = 0;
  const pending: Uint8Array[] = [];
  const accept = (chunk: Uint8Array): void => {
    produced += chunk.length;
    if (produced > entry.uncompressedSize) {
      throw new PackageError(
        'ZIP_MALFORMED',
        `${entry.name}: expands beyond its declared ${entry.uncompressedSize} bytes`,
        { where: entry.name },
      );
    }
    crc.update(chunk);
    if (chunk.length > 0) pending.push(chunk);
  };
  const inflater =
    entry.method === 8
      ? new Inflate((chunk) => {
          accept(chunk);
        })
      : null;

  const flush = async (): Promise<void> => {
    for (const chunk of pending.splice(0)) await sink(chunk);
  };
  const inflate = (slice: Uint8Array, last: boolean): void => {
    try {
      inflater!.push(slice, last);
    } catch (error) {
      if (error instanceof PackageError) throw error;
      throw new PackageError(
        'ZIP_MALFORMED',
        `${entry.name}: the deflate data is corrupt (${(error as Error).message})`,
        { where: entry.name, cause: error },
      );
    }
  };
  if (inflater !== null && entry.compressedSize === 0) inflate(new Uint8Array(0), true);
  for (let done = 0; done < entry.compressedSize;) {
    const length = Math.min(READ_SIZE, entry.compressedSize - done);
    const block = await readExact(archive.source, entry.dataOffset + done, length, entry.name);
    done += length;
    if (inflater === null) accept(block);
    else {
      for (let s = 0; s < block.length; s += INFLATE_SLICE) {
        const last = done === entry.compressedSize && s + INFLATE_SLICE >= block.length;
        inflate(block.subarray(s, s + INFLATE_SLICE), last);
      }
    }
    await flush();
  }
  if (produced !== entry.uncompressedSize) {
    throw new PackageError(
      'ZIP_MALFORMED',
      `${entry.name}: ${produced} bytes, the zip declares ${entry.uncompressedSize}`,
      { where: entry.name },
    );
  }
  if (crc.value() !== entry.crc32) {
    throw new PackageError(
      'ZIP_CRC_MISMATCH',
      `${entry.name}: CRC-32 ${crc.value().toString(16).padStart(8, '0')}, the zip declares ${entry.crc32.toString(16).padStart(8, '0')}`,
      { where: entry.name },
    );
  }
}

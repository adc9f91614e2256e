import { PackageError } from '../../errors';

/**
 * Random access to the bytes of a zip file: an fd in Node, a `File`/`Blob` in a browser, a
 * `Uint8Array` in tests. `read` resolves with exactly `length` bytes (fewer only at the end of the
 * source); the zip reader checks the length it got.
 */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A byte source over bytes in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
  };
}

/** Reads exactly `length` bytes at `offset`, or throws `ZIP_MALFORMED` naming what was read. */
export async function readExact(
  source: ByteSource,
  offset: number,
  length: number,
  what: string,
): Promise<Uint8Array> {
  if (offset < 0 || length < 0 || offset + length > source.size) {
    throw new PackageError(
      'ZIP_MALFORMED',
      `${what} at offset ${offset} (+${length} bytes) lies outside the file (${source.size} bytes)`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await source.read(offset, length);
  } catch (error) {
    if (error instanceof PackageError) throw error;
    throw new PackageError('PKG_IO', `cannot read ${what} at offset ${offset}`, { cause: error });
  }
  if (bytes.length !== length) {
    throw new PackageError(
      'ZIP_MALFORMED',
      `${what} at offset ${offset}: read ${bytes.length} of ${length} bytes`,
    );
  }
  return bytes;
}

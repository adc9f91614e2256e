import type { FileHandle } from 'node:fs/promises';
import type { ByteSource } from '../../../shared/package/zip';

/** A zip's bytes by random access through one open file handle (never read whole). */
export function fileHandleSource(handle: FileHandle, size: number): ByteSource {
  return {
    size,
    async read(offset, length) {
      const buffer = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === length ? buffer : buffer.subarray(0, done);
    },
  };
}

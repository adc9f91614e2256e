import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { IntakeError } from '../../../shared/errors';
import { DIRECT_ALIGN, alignedBuffer } from './aligned-memory';
import { readFully } from './file-io';
import { errnoOf, type VaultFs } from './vault-fs';

const MiB = 1024 * 1024;

/** Buffers for `sha256OfFile`: `count` page-aligned chunks of `chunkSize` bytes. */
export class ReadBuffers {
  readonly views: Uint8Array[];
  constructor(
    readonly chunkSize = 8 * MiB,
    count = 4,
  ) {
    if (chunkSize % DIRECT_ALIGN !== 0 || count < 1) throw new RangeError('aligned chunks, ≥ 1');
    const memory = alignedBuffer(chunkSize * count);
    this.views = Array.from(
      { length: count },
      (_, i) => new Uint8Array(memory, i * chunkSize, chunkSize),
    );
  }
}

async function openForRead(fs: VaultFs, path: string): Promise<FileHandle> {
  if (constants.O_DIRECT !== undefined) {
    try {
      return await fs.open(path, constants.O_RDONLY | constants.O_DIRECT);
    } catch (error) {
      if (errnoOf(error) !== 'EINVAL') throw error;
    }
  }
  return fs.open(path, constants.O_RDONLY);
}

/**
 * SHA-256 and size of a file as the device returns it: direct reads (`O_DIRECT`, no page cache)
 * where the file system offers them, several in flight while this thread hashes the chunk before,
 * so the re-read runs at the slower of the device and SHA-256 (≈ 2 GB/s with SHA-NI) instead of
 * their sum. A direct read refused (`EINVAL`) or cut short is done or finished through an ordinary
 * handle. Reads up to the size `fstat` gives at open.
 */
export async function sha256OfFile(
  fs: VaultFs,
  path: string,
  buffers: ReadBuffers,
  signal?: AbortSignal,
): Promise<{ sha256: string; size: number }> {
  const direct = await openForRead(fs, path);
  let plain: Promise<FileHandle> | undefined;
  const pending: Promise<number>[] = [];
  try {
    const size = Number((await direct.stat()).size);
    const chunk = buffers.chunkSize;
    const chunks = Math.ceil(size / chunk);
    let useDirect = true;
    const readChunk = async (k: number): Promise<number> => {
      const view = buffers.views[k % buffers.views.length] as Uint8Array;
      const position = k * chunk;
      const want = Math.min(chunk, size - position);
      let got = 0;
      if (useDirect) {
        try {
          got = (await direct.read(view, 0, chunk, position)).bytesRead;
        } catch (error) {
          if (errnoOf(error) !== 'EINVAL') throw error;
          useDirect = false;
        }
      }
      if (got < want) {
        plain ??= fs.open(path, constants.O_RDONLY);
        got += await readFully(await plain, view.subarray(got, want), position + got);
      }
      return Math.min(got, want);
    };
    const hash = createHash('sha256');
    const slots = buffers.views.length;
    let issued = 0;
    for (let k = 0; k < chunks; k++) {
      if (signal?.aborted === true) throw new IntakeError('INTAKE_CANCELLED', 'intake cancelled');
      // Chunks k … k + slots − 1 in flight; the buffer of k + slots − 1 was hashed last turn.
      while (issued < chunks && issued < k + slots) {
        const p = readChunk(issued++);
        p.catch(() => undefined); // observed in its turn or in `finally`: never unhandled
        pending.push(p);
      }
      const n = await (pending.shift() as Promise<number>);
      hash.update((buffers.views[k % slots] as Uint8Array).subarray(0, n));
      if (n < Math.min(chunk, size - k * chunk)) {
        return { sha256: hash.digest('hex'), size: k * chunk + n }; // the file shrank
      }
    }
    return { sha256: hash.digest('hex'), size };
  } finally {
    await Promise.allSettled(pending);
    await direct.close();
    const opened = await (plain as Promise<FileHandle> | undefined)?.catch(() => undefined);
    await opened?.close();
  }
}

import fc from 'fast-check';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntakeError } from '../../../../../shared/errors';
import { MultiHasher, defaultHashWorkerUrl } from '../../../../../electron/services/vault';
import { tempDir } from '../../../../helpers/temp-dir';
import { MiB, bundleForTests, digestsOf, randomFile } from './support';

let tmp: { path: string; cleanup: () => Promise<void> };
let workerUrl: URL;

beforeAll(async () => {
  tmp = await tempDir('sealcase-hash-');
  ({ workerUrl } = await bundleForTests(join(tmp.path, 'out')));
}, 60_000);
afterAll(async () => tmp.cleanup());

async function pumpFile(hasher: MultiHasher, path: string, signal?: AbortSignal) {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    return await hasher.pump({
      expectedSize: size,
      signal,
      read: async (view, position) => (await handle.read(view, 0, view.length, position)).bytesRead,
    });
  } finally {
    await handle.close();
  }
}

describe('MultiHasher', () => {
  it('finds no worker next to TS sources (falls back to in-thread hashing)', () => {
    expect(defaultHashWorkerUrl({})).toBeNull();
  });

  it('hashes a large file through the worker threads, matching node:crypto', async () => {
    const path = join(tmp.path, 'big.bin');
    const size = 96 * MiB + 12345; // not a multiple of the chunk size
    const expected = await randomFile(path, size);
    const hasher = await MultiHasher.create({ workerUrl, slotSize: MiB, slots: 4 });
    try {
      expect(hasher.mode).toBe('workers');
      const result = await pumpFile(hasher, path);
      expect(result.mode).toBe('workers');
      expect(result.bytes).toBe(size);
      expect(result.digests).toEqual(expected);
      // The same workers serve the next file.
      const again = await pumpFile(hasher, path);
      expect(again.digests).toEqual(expected);
    } finally {
      await hasher.close();
    }
  }, 60_000);

  it('gives the same digests with any grouping of the algorithms over the workers', async () => {
    const path = join(tmp.path, 'mid.bin');
    const expected = await randomFile(path, 9 * MiB + 1);
    for (const groups of [[['md5', 'sha1', 'sha256']], [['md5'], ['sha1'], ['sha256']]] as const) {
      const hasher = await MultiHasher.create({
        workerUrl,
        groups,
        slotSize: MiB,
        inThreadBelow: 0,
      });
      try {
        expect((await pumpFile(hasher, path)).digests).toEqual(expected);
      } finally {
        await hasher.close();
      }
    }
  }, 60_000);

  it('cancels mid-file and stays usable', async () => {
    const path = join(tmp.path, 'cancel.bin');
    const expected = await randomFile(path, 32 * MiB);
    const hasher = await MultiHasher.create({ workerUrl, slotSize: MiB, slots: 2 });
    try {
      const controller = new AbortController();
      const handle = await open(path, 'r');
      const pending = hasher.pump({
        expectedSize: 32 * MiB,
        signal: controller.signal,
        read: async (view, position) => {
          if (position >= 8 * MiB) controller.abort();
          return (await handle.read(view, 0, view.length, position)).bytesRead;
        },
      });
      await expect(pending).rejects.toMatchObject({ code: 'INTAKE_CANCELLED' });
      await handle.close();
      expect((await pumpFile(hasher, path)).digests).toEqual(expected);
    } finally {
      await hasher.close();
    }
  }, 60_000);

  it('reports a worker script that cannot start', async () => {
    await expect(
      MultiHasher.create({ workerUrl: new URL('file:///nonexistent/hash-worker.js') }),
    ).rejects.toBeInstanceOf(IntakeError);
  });

  it('in-thread: any bytes give node:crypto digests (property)', async () => {
    const hasher = await MultiHasher.create({ workerUrl: null, slotSize: MiB });
    try {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
          const result = await hasher.pump({
            expectedSize: bytes.length,
            read: async (view, position) => {
              const piece = bytes.subarray(position, position + view.length);
              view.set(piece);
              return piece.length;
            },
          });
          expect(result.digests).toEqual(digestsOf(bytes));
          expect(result.bytes).toBe(bytes.length);
        }),
        { numRuns: 100 },
      );
    } finally {
      await hasher.close();
    }
  });
});

import fc from 'fast-check';
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeVaultFs, type VaultFs } from '../../../../../electron/services/vault';
import { DIRECT_ALIGN } from '../../../../../electron/services/vault/aligned-memory';
import { ReadBuffers, sha256OfFile } from '../../../../../electron/services/vault/blob-digest';
import { tempDir } from '../../../../helpers/temp-dir';

let tmp: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  tmp = await tempDir('sealcase-blobdigest-');
});
afterEach(async () => tmp.cleanup());

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const errno = (code: string): Error => Object.assign(new Error(`${code}: injected`), { code });
const isDirectOpen = (flags: unknown): boolean =>
  typeof flags === 'number' && (flags & constants.O_DIRECT) !== 0;

/** Direct handles whose reads are changed by `read` (given the real read). */
function wrapDirectReads(
  read: (
    real: (b: Uint8Array, o: number, l: number, p: number) => Promise<{ bytesRead: number }>,
    b: Uint8Array,
    o: number,
    l: number,
    p: number,
  ) => Promise<{ bytesRead: number }>,
): VaultFs {
  return {
    ...nodeVaultFs,
    open: (async (path: string, flags?: unknown, mode?: unknown) => {
      const handle = await nodeVaultFs.open(path, flags as never, mode as never);
      if (!isDirectOpen(flags)) return handle;
      const real = handle.read.bind(handle) as never;
      return Object.assign(Object.create(handle) as FileHandle, {
        read: (b: Uint8Array, o: number, l: number, p: number) => read(real, b, o, l, p),
        close: () => handle.close(),
        stat: () => handle.stat(),
      });
    }) as VaultFs['open'],
  };
}

describe('sha256OfFile', () => {
  it('matches node:crypto for any size, across chunk boundaries, with reads in flight (property)', async () => {
    const buffers = new ReadBuffers(DIRECT_ALIGN, 3);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 7 * DIRECT_ALIGN + 3 }), async (size) => {
        const bytes = randomBytes(size);
        const path = join(tmp.path, `f${n++}`);
        await writeFile(path, bytes);
        expect(await sha256OfFile(nodeVaultFs, path, buffers)).toEqual({
          sha256: sha256(bytes),
          size,
        });
      }),
      { numRuns: 60 },
    );
  });

  it('reads through an ordinary handle when O_DIRECT is refused at open', async () => {
    const bytes = randomBytes(5 * DIRECT_ALIGN + 9);
    const path = join(tmp.path, 'plain');
    await writeFile(path, bytes);
    const fs: VaultFs = {
      ...nodeVaultFs,
      open: (async (p: string, flags?: unknown) => {
        if (isDirectOpen(flags)) throw errno('EINVAL');
        return nodeVaultFs.open(p, flags as never);
      }) as VaultFs['open'],
    };
    const found = await sha256OfFile(fs, path, new ReadBuffers(DIRECT_ALIGN, 2));
    expect(found).toEqual({ sha256: sha256(bytes), size: bytes.length });
  });

  it('finishes a direct read refused (EINVAL) or cut short through an ordinary handle', async () => {
    const bytes = randomBytes(6 * DIRECT_ALIGN + 100);
    const path = join(tmp.path, 'short');
    await writeFile(path, bytes);
    let calls = 0;
    const refusing = wrapDirectReads(async () => {
      throw errno('EINVAL');
    });
    const short = wrapDirectReads(async (real, b, o, l, p) => {
      // every other direct read returns half a block: the rest comes from the plain handle
      if (calls++ % 2 === 0) return real(b, o, Math.min(l, DIRECT_ALIGN / 2), p);
      return real(b, o, l, p);
    });
    for (const fs of [refusing, short]) {
      const found = await sha256OfFile(fs, path, new ReadBuffers(2 * DIRECT_ALIGN, 2));
      expect(found).toEqual({ sha256: sha256(bytes), size: bytes.length });
    }
    expect(calls).toBeGreaterThan(2);
  });

  it('passes a read error on (EIO)', async () => {
    const path = join(tmp.path, 'eio');
    await writeFile(path, randomBytes(4 * DIRECT_ALIGN));
    const fs = wrapDirectReads(async (real, b, o, l, p) => {
      if (p >= 2 * DIRECT_ALIGN) throw errno('EIO');
      return real(b, o, l, p);
    });
    await expect(sha256OfFile(fs, path, new ReadBuffers(DIRECT_ALIGN, 3))).rejects.toMatchObject({
      code: 'EIO',
    });
  });

  it('stops when cancelled (INTAKE_CANCELLED)', async () => {
    const path = join(tmp.path, 'c');
    await writeFile(path, randomBytes(DIRECT_ALIGN));
    const controller = new AbortController();
    controller.abort();
    await expect(
      sha256OfFile(nodeVaultFs, path, new ReadBuffers(DIRECT_ALIGN, 1), controller.signal),
    ).rejects.toMatchObject({ code: 'INTAKE_CANCELLED' });
  });
});

import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeVaultFs, type VaultFs } from '../../../../../electron/services/vault';
import {
  DIRECT_ALIGN,
  alignedSharedBuffer,
} from '../../../../../electron/services/vault/aligned-memory';
import { BlobWriter } from '../../../../../electron/services/vault/blob-writer';
import { tempDir } from '../../../../helpers/temp-dir';

let tmp: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  tmp = await tempDir('sealcase-blobwriter-');
});
afterEach(async () => tmp.cleanup());

const errno = (code: string): Error => Object.assign(new Error(`${code}: injected`), { code });
const isDirectOpen = (flags: unknown): boolean =>
  typeof flags === 'number' && (flags & constants.O_DIRECT) !== 0;

/** Does the test folder's file system take O_DIRECT at all (tmpfs does not)? */
async function directWorks(dir: string): Promise<boolean> {
  const writer = await BlobWriter.create(nodeVaultFs, join(dir, 'probe'));
  const direct = writer.isDirect;
  await writer.close();
  return direct;
}

/** Writes `bytes` in chunks of `chunk` from an aligned ring, several writes in flight. */
async function writeInChunks(writer: BlobWriter, bytes: Uint8Array, chunk: number): Promise<void> {
  const ring = new Uint8Array(alignedSharedBuffer(bytes.length + DIRECT_ALIGN));
  ring.set(bytes);
  const writes: Promise<void>[] = [];
  for (let at = 0; at < bytes.length; at += chunk) {
    writes.push(writer.write(ring.subarray(at, Math.min(at + chunk, bytes.length)), at));
  }
  await Promise.all(writes);
}

describe('BlobWriter', () => {
  it('writes any length byte for byte (unaligned tails through the second handle), 0444 after finish', async () => {
    const direct = await directWorks(tmp.path);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 5 * DIRECT_ALIGN + 100 }),
        fc.constantFrom(DIRECT_ALIGN, 2 * DIRECT_ALIGN),
        async (size, chunk) => {
          const bytes = randomBytes(size);
          const path = join(tmp.path, `p${n++}`);
          const writer = await BlobWriter.create(nodeVaultFs, path);
          await writeInChunks(writer, bytes, chunk);
          // Aligned chunks from an aligned ring never need the fallback.
          expect(writer.isDirect).toBe(direct);
          await writer.finish();
          await writer.close();
          expect(await readFile(path)).toEqual(bytes);
          expect((await stat(path)).mode & 0o777).toBe(0o444);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('falls back to the page cache when the file system refuses O_DIRECT (EINVAL at open)', async () => {
    const opened: unknown[] = [];
    const fs: VaultFs = {
      ...nodeVaultFs,
      open: (async (path: string, flags?: unknown, mode?: unknown) => {
        opened.push(flags);
        if (isDirectOpen(flags)) throw errno('EINVAL');
        return nodeVaultFs.open(path, flags as never, mode as never);
      }) as VaultFs['open'],
    };
    const path = join(tmp.path, 'no-direct');
    const writer = await BlobWriter.create(fs, path);
    expect(writer.isDirect).toBe(false);
    const bytes = randomBytes(3 * DIRECT_ALIGN + 17);
    await writeInChunks(writer, bytes, 2 * DIRECT_ALIGN);
    await writer.finish();
    await writer.close();
    expect(await readFile(path)).toEqual(bytes);
    expect(opened.filter(isDirectOpen)).toHaveLength(1);
  });

  it('a direct write refused with EINVAL (e.g. a buffer off its alignment) is redone through the page cache', async () => {
    const fs: VaultFs = {
      ...nodeVaultFs,
      open: (async (path: string, flags?: unknown, mode?: unknown) => {
        const handle = await nodeVaultFs.open(path, flags as never, mode as never);
        if (!isDirectOpen(flags)) return handle;
        return Object.assign(Object.create(handle) as FileHandle, {
          write: async () => {
            throw errno('EINVAL');
          },
          close: () => handle.close(),
          sync: () => handle.sync(),
          chmod: (m: number) => handle.chmod(m),
        });
      }) as VaultFs['open'],
    };
    const path = join(tmp.path, 'einval');
    const writer = await BlobWriter.create(fs, path);
    const bytes = randomBytes(4 * DIRECT_ALIGN);
    await writeInChunks(writer, bytes, DIRECT_ALIGN);
    expect(writer.isDirect).toBe(false);
    await writer.finish();
    await writer.close();
    expect(await readFile(path)).toEqual(bytes);
  });

  it('passes other write errors on (ENOSPC), and creates exclusively (EEXIST)', async () => {
    const fs: VaultFs = {
      ...nodeVaultFs,
      open: (async (path: string, flags?: unknown, mode?: unknown) => {
        const handle = await nodeVaultFs.open(path, flags as never, mode as never);
        return Object.assign(Object.create(handle) as FileHandle, {
          write: async () => {
            throw errno('ENOSPC');
          },
          close: () => handle.close(),
        });
      }) as VaultFs['open'],
    };
    const path = join(tmp.path, 'full');
    const writer = await BlobWriter.create(fs, path);
    await expect(writer.write(new Uint8Array(DIRECT_ALIGN + 1), 0)).rejects.toMatchObject({
      code: 'ENOSPC',
    });
    await writer.close();
    await expect(BlobWriter.create(nodeVaultFs, path)).rejects.toMatchObject({ code: 'EEXIST' });
  });
});

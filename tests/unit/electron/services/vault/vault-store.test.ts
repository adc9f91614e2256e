import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MultiHasher,
  Vault,
  nodeVaultFs,
  type VaultFs,
} from '../../../../../electron/services/vault';
import { tempDir } from '../../../../helpers/temp-dir';
import { MiB, digestsOf, makeCase, writeText } from './support';

let tmp: { path: string; cleanup: () => Promise<void> };
let caseDir: string;
let hasher: MultiHasher;

beforeEach(async () => {
  tmp = await tempDir('sealcase-vault-');
  caseDir = await makeCase(tmp.path);
  hasher = await MultiHasher.create({ workerUrl: null, slotSize: MiB });
});
afterEach(async () => {
  await hasher.close();
  await tmp.cleanup();
});

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(join(e.parentPath, e.name));
  }
  return out.sort();
}

/** A VaultFs whose `open` can wrap handles of chosen paths. */
function wrapOpen(wrap: (path: string, flags: unknown, handle: FileHandle) => FileHandle): VaultFs {
  return {
    ...nodeVaultFs,
    open: (async (path: string, flags?: unknown, mode?: unknown) =>
      wrap(
        path,
        flags,
        await nodeVaultFs.open(path, flags as never, mode as never),
      )) as VaultFs['open'],
  };
}

describe('Vault.storeFile', () => {
  it('stores under vault/sha256/<2>/<64>, read-only, with the three digests and nothing left in tmp', async () => {
    const src = join(tmp.path, 'in', 'log.txt');
    const bytes = Buffer.from('10.0.0.1 - - [22/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1\n');
    await writeText(src, bytes);
    const vault = new Vault(caseDir, { uuid: randomUUID });
    await vault.prepare();
    const stored = await vault.storeFile(src, { hasher });
    const expected = digestsOf(bytes);
    expect(stored.digests).toEqual(expected);
    expect(stored.blob).toBe(`vault/sha256/${expected.sha256.slice(0, 2)}/${expected.sha256}`);
    expect(stored.created).toBe(true);
    const blobPath = join(caseDir, stored.blob);
    expect((await stat(blobPath)).mode & 0o777).toBe(0o444);
    expect(await readFile(blobPath)).toEqual(bytes);
    expect(await readdir(vault.tmpDir)).toEqual([]);
  });

  it('stores a zero-byte file', async () => {
    const src = join(tmp.path, 'empty');
    await writeText(src, '');
    const vault = new Vault(caseDir, { uuid: randomUUID });
    await vault.prepare();
    const stored = await vault.storeFile(src, { hasher });
    expect(stored.size).toBe(0);
    expect(stored.digests.sha256).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('any content: the blob hashes to its name and storing it again dedups (property)', async () => {
    const vault = new Vault(caseDir, { uuid: randomUUID });
    await vault.prepare();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        const src = join(tmp.path, 'prop.bin');
        await writeText(src, bytes);
        const first = await vault.storeFile(src, { hasher });
        const onDisk = await readFile(join(caseDir, first.blob));
        expect(digestsOf(onDisk).sha256).toBe(first.digests.sha256);
        expect(first.digests).toEqual(digestsOf(bytes));
        const second = await vault.storeFile(src, { hasher });
        expect(second.created).toBe(false);
        expect(second.blob).toBe(first.blob);
      }),
      { numRuns: 40 },
    );
    expect(await readdir(vault.tmpDir)).toEqual([]);
  });

  it('refuses a source that grows while it is read; nothing stored', async () => {
    const src = join(tmp.path, 'growing.log');
    await writeText(src, 'x'.repeat(3 * MiB));
    const fs = wrapOpen((path, _flags, handle) => {
      if (path !== src) return handle;
      let first = true;
      const read = handle.read.bind(handle) as (...a: unknown[]) => Promise<{ bytesRead: number }>;
      return Object.assign(Object.create(handle) as FileHandle, {
        read: async (...args: unknown[]) => {
          if (first) {
            first = false;
            await nodeVaultFs.appendFile(src, 'appended line\n');
          }
          return read(...args);
        },
      });
    });
    const vault = new Vault(caseDir, { uuid: randomUUID, fs });
    await vault.prepare();
    await expect(vault.storeFile(src, { hasher })).rejects.toMatchObject({
      code: 'INTAKE_SOURCE_CHANGED',
      where: src,
    });
    expect(await listFiles(join(caseDir, 'vault'))).toEqual([]);
  });

  it('refuses a small source whose second read differs (metadata unchanged)', async () => {
    const src = join(tmp.path, 'small.txt');
    await writeText(src, 'original content\n');
    let reads = 0;
    const fs = wrapOpen((path, _flags, handle) => {
      if (path !== src) return handle;
      const read = handle.read.bind(handle) as (
        b: Uint8Array,
        o: number,
        l: number,
        p: number,
      ) => Promise<{ bytesRead: number; buffer: Uint8Array }>;
      return Object.assign(Object.create(handle) as FileHandle, {
        read: async (b: Uint8Array, o: number, l: number, p: number) => {
          const r = await read(b, o, l, p);
          // The first pass sees a flipped byte: as if the file changed under us, same size/mtime.
          if (reads++ === 0 && r.bytesRead > 0) b[o] = (b[o] ?? 0) ^ 0xff;
          return r;
        },
      });
    });
    const vault = new Vault(caseDir, { uuid: randomUUID, fs });
    await vault.prepare();
    await expect(vault.storeFile(src, { hasher })).rejects.toMatchObject({
      code: 'INTAKE_SOURCE_CHANGED',
    });
    expect(await listFiles(join(caseDir, 'vault'))).toEqual([]);
  });

  it('reports a failing write (ENOSPC) with the temp path and leaves nothing', async () => {
    const src = join(tmp.path, 'f.bin');
    await writeText(src, Buffer.alloc(2 * MiB, 7));
    const fs = wrapOpen((path, _flags, handle) => {
      if (!path.includes(join('vault', 'tmp'))) return handle;
      return Object.assign(Object.create(handle) as FileHandle, {
        write: async () => {
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        },
        close: () => handle.close(),
      });
    });
    const vault = new Vault(caseDir, { uuid: randomUUID, fs });
    await vault.prepare();
    const error = await vault.storeFile(src, { hasher }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTAKE_DISK_FULL' });
    expect((error as { where: string }).where).toContain(join(caseDir, 'vault', 'tmp'));
    expect(await listFiles(join(caseDir, 'vault'))).toEqual([]);
  });

  it('aborts with INTAKE_VERIFY_MISMATCH and the path when the stored copy reads back different', async () => {
    const src = join(tmp.path, 'v.bin');
    await writeText(src, 'evidence bytes');
    const fs = wrapOpen((path, _flags, handle) => {
      if (!path.includes(join('vault', 'sha256'))) return handle;
      const read = handle.read.bind(handle) as (
        b: Uint8Array,
        o: number,
        l: number,
        p: number,
      ) => Promise<{ bytesRead: number }>;
      return Object.assign(Object.create(handle) as FileHandle, {
        read: async (b: Uint8Array, o: number, l: number, p: number) => {
          const r = await read(b, o, l, p);
          if (r.bytesRead > 0) b[o] = (b[o] ?? 0) ^ 1; // the disk returns a flipped bit
          return r;
        },
        close: () => handle.close(),
      });
    });
    const vault = new Vault(caseDir, { uuid: randomUUID, fs });
    await vault.prepare();
    const error = await vault.storeFile(src, { hasher }).catch((e: unknown) => e);
    const sha = digestsOf(Buffer.from('evidence bytes')).sha256;
    expect(error).toMatchObject({
      code: 'INTAKE_VERIFY_MISMATCH',
      where: join(caseDir, 'vault', 'sha256', sha.slice(0, 2), sha),
    });
    expect(await listFiles(join(caseDir, 'vault'))).toEqual([]);
  });

  it('reports a blob already in the vault that no longer matches its name, and leaves it', async () => {
    const src = join(tmp.path, 'x.txt');
    await writeText(src, 'content');
    const vault = new Vault(caseDir, { uuid: randomUUID });
    await vault.prepare();
    const first = await vault.storeFile(src, { hasher });
    const blobPath = join(caseDir, first.blob);
    const { chmod, writeFile } = await import('node:fs/promises');
    await chmod(blobPath, 0o644);
    await writeFile(blobPath, 'tampered');
    await expect(vault.storeFile(src, { hasher })).rejects.toMatchObject({
      code: 'INTAKE_VAULT_CORRUPT',
      where: blobPath,
    });
    expect(await readFile(blobPath, 'utf8')).toBe('tampered');
    expect(await readdir(vault.tmpDir)).toEqual([]);
  });
});

describe('Vault.cleanupTmp', () => {
  it('removes and reports what an interrupted intake left', async () => {
    const vault = new Vault(caseDir, { uuid: randomUUID });
    await vault.prepare();
    await writeText(join(vault.tmpDir, 'b-left'), 'abc');
    await writeText(join(vault.tmpDir, 'a-left'), '');
    const report = await vault.cleanupTmp();
    expect(report.removed).toEqual([
      { path: 'vault/tmp/a-left', size: 0 },
      { path: 'vault/tmp/b-left', size: 3 },
    ]);
    expect(await readdir(vault.tmpDir)).toEqual([]);
    expect((await vault.cleanupTmp()).removed).toEqual([]);
    await expect(lstat(vault.blobRoot)).resolves.toBeTruthy();
  });
});

import { createHash } from 'node:crypto';
import { constants, type BigIntStats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { IntakeError } from '../../../shared/errors';
import { blobPathFor, type Digests } from '../../../shared/model';
import { ReadBuffers, sha256OfFile } from './blob-digest';
import { BlobWriter } from './blob-writer';
import { readFully } from './file-io';
import type { MultiHasher } from './multi-hash';
import {
  errnoOf,
  fsyncDirWith,
  nodeVaultFs,
  readError,
  writeError,
  type VaultFs,
} from './vault-fs';

const MiB = 1024 * 1024;
/** Sources up to this size are read a second time to prove they did not change. */
export const SECOND_READ_MAX = 8 * MiB;

export interface VaultDeps {
  readonly fs?: VaultFs;
  readonly uuid: () => string;
  /** Direct I/O (`O_DIRECT`) for the copy and the re-read where the file system offers it (default true). */
  readonly directIo?: boolean;
}

export interface CleanupEntry {
  /** Case-relative path of the removed temp file, e.g. `vault/tmp/<uuid>`. */
  readonly path: string;
  readonly size: number;
  /** Where an unrecorded blob was moved instead of being deleted (case-relative). */
  readonly movedTo?: string;
}
export interface CleanupReport {
  readonly removed: readonly CleanupEntry[];
}

export interface StoreOptions {
  readonly hasher: MultiHasher;
  readonly signal?: AbortSignal | undefined;
  readonly onBytes?: ((bytesDone: number) => void) | undefined;
  /** Called when the copy is done and the stored blob is being synced and re-read. */
  readonly onVerifying?: (() => void) | undefined;
}

export interface StoredBlob {
  readonly digests: Digests;
  readonly size: number;
  /** Case-relative path: `vault/sha256/<2 hex>/<64 hex>`. */
  readonly blob: string;
  /** False when the same content was already in the vault (dedup). */
  readonly created: boolean;
  readonly head: Uint8Array;
  readonly mtime: Date;
  readonly mode: 'workers' | 'in-thread';
}

function sameIdentity(a: BigIntStats, b: BigIntStats): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

function changed(path: string, why: string): IntakeError {
  return new IntakeError(
    'INTAKE_SOURCE_CHANGED',
    `${path}: the source changed while it was read (${why}); nothing was stored`,
    { where: path },
  );
}

/**
 * The case's content-addressed, read-only store (DESIGN.md "the case folder"):
 * `vault/sha256/<2 hex>/<64 hex>`, written under `vault/tmp/<uuid>`, fsynced, made 0444, renamed,
 * folder fsynced, then re-read and compared. Never a partial file under a final name.
 */
export class Vault {
  readonly fs: VaultFs;
  readonly tmpDir: string;
  readonly blobRoot: string;
  /** Re-read buffers, made at the first re-read and kept (memory stays flat). */
  private readBuffers: ReadBuffers | undefined;

  constructor(
    readonly caseDir: string,
    private readonly deps: VaultDeps,
  ) {
    this.fs = deps.fs ?? nodeVaultFs;
    this.tmpDir = join(caseDir, 'vault', 'tmp');
    this.blobRoot = join(caseDir, 'vault', 'sha256');
  }

  blobFile(sha256: string): string {
    return join(this.caseDir, blobPathFor(sha256));
  }

  /** Makes sure `vault/tmp` and `vault/sha256` exist. */
  async prepare(): Promise<void> {
    for (const dir of [this.tmpDir, this.blobRoot]) {
      try {
        await this.fs.mkdir(dir, { recursive: true });
      } catch (error) {
        throw writeError(error, dir, 'creating the vault folder');
      }
    }
  }

  /** Removes whatever an interrupted intake left in `vault/tmp/` and says what it removed. */
  async cleanupTmp(): Promise<CleanupReport> {
    let names: string[];
    try {
      names = (await this.fs.readdir(this.tmpDir)).sort();
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return { removed: [] };
      throw writeError(error, this.tmpDir, 'listing the vault temp folder');
    }
    const removed: CleanupEntry[] = [];
    for (const name of names) {
      const path = join(this.tmpDir, name);
      try {
        const stat = await this.fs.lstat(path);
        await this.fs.unlink(path);
        removed.push({ path: `vault/tmp/${name}`, size: stat.size });
      } catch (error) {
        throw writeError(error, path, 'removing a temp file left by an interrupted intake');
      }
    }
    if (removed.length > 0) {
      try {
        await fsyncDirWith(this.fs, this.tmpDir);
      } catch (error) {
        throw writeError(error, this.tmpDir, 'syncing the vault temp folder');
      }
    }
    return { removed };
  }

  /**
   * Moves blobs that no acquisition record names out of the vault into `quarantine/unrecorded/`:
   * they can only be left by an intake killed between storing a blob and recording it. Nothing
   * is deleted (a damaged index must never cost evidence). Returns what was moved.
   */
  async removeUnrecorded(recorded: ReadonlySet<string>): Promise<CleanupReport> {
    const root = join(this.caseDir, 'vault', 'sha256');
    const removed: CleanupEntry[] = [];
    let prefixes: string[];
    try {
      prefixes = (await this.fs.readdir(root)).sort();
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return { removed };
      throw writeError(error, root, 'listing the vault');
    }
    for (const prefix of prefixes) {
      const dir = join(root, prefix);
      let names: string[];
      try {
        names = (await this.fs.readdir(dir)).sort();
      } catch (error) {
        throw writeError(error, dir, 'listing the vault');
      }
      let changed = false;
      for (const name of names) {
        if (recorded.has(name)) continue;
        const path = join(dir, name);
        const quarantine = join(this.caseDir, 'quarantine', 'unrecorded');
        try {
          const stat = await this.fs.lstat(path);
          await this.fs.mkdir(quarantine, { recursive: true });
          await this.fs.rename(path, join(quarantine, name));
          await fsyncDirWith(this.fs, quarantine);
          removed.push({
            path: `vault/sha256/${prefix}/${name}`,
            size: stat.size,
            movedTo: `quarantine/unrecorded/${name}`,
          });
          changed = true;
        } catch (error) {
          throw writeError(error, path, 'moving a blob no acquisition recorded to quarantine');
        }
      }
      if (changed)
        await fsyncDirWith(this.fs, dir).catch((error: unknown) => {
          throw writeError(error, dir, 'syncing the vault folder');
        });
    }
    return { removed };
  }

  /** SHA-256 of a blob file as the device returns it now (see `sha256OfFile`). */
  async hashBlob(path: string, signal?: AbortSignal): Promise<{ sha256: string; size: number }> {
    this.readBuffers ??= new ReadBuffers();
    return sha256OfFile(this.fs, path, this.readBuffers, signal);
  }

  /**
   * Copies `sourcePath` into the vault in one read (hashing on the way), refuses a source that
   * changed meanwhile, stores it under its SHA-256 and verifies the stored bytes.
   */
  async storeFile(sourcePath: string, options: StoreOptions): Promise<StoredBlob> {
    const fs = this.fs;
    let source: FileHandle;
    try {
      source = await fs.open(sourcePath, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      throw readError(error, sourcePath, 'opening the source');
    }
    const tmpPath = join(this.tmpDir, this.deps.uuid());
    let tmp: BlobWriter | undefined;
    let tmpExists = false;
    try {
      let before: BigIntStats;
      try {
        before = await source.stat({ bigint: true });
      } catch (error) {
        throw readError(error, sourcePath, 'reading the source metadata');
      }
      if (!before.isFile()) {
        throw new IntakeError('INTAKE_INPUT_UNSUPPORTED', `${sourcePath}: not a regular file`, {
          where: sourcePath,
        });
      }
      const expectedSize = Number(before.size);
      try {
        tmpExists = true; // a refused direct open may still have created it
        tmp = await BlobWriter.create(fs, tmpPath, this.deps.directIo ?? true);
      } catch (error) {
        if (errnoOf(error) === 'EEXIST') tmpExists = false; // not ours
        throw writeError(error, tmpPath, 'creating the vault temp file');
      }
      const out = tmp;
      const result = await options.hasher.pump({
        expectedSize,
        signal: options.signal,
        onBytes: options.onBytes,
        read: async (view, position) => {
          try {
            return await readFully(source, view, position);
          } catch (error) {
            throw readError(error, sourcePath, 'reading the source');
          }
        },
        write: async (view, position) => {
          try {
            await out.write(view, position);
          } catch (error) {
            throw writeError(error, tmpPath, 'writing the vault temp file');
          }
        },
      });

      // Did the source change while we read it?
      let after: BigIntStats;
      let again: BigIntStats;
      try {
        after = await source.stat({ bigint: true });
        again = await fs.lstat(sourcePath, { bigint: true });
      } catch (error) {
        if (errnoOf(error) === 'ENOENT') throw changed(sourcePath, 'it was removed or renamed');
        throw readError(error, sourcePath, 'reading the source metadata');
      }
      if (!sameIdentity(before, after) || !sameIdentity(before, again)) {
        throw changed(sourcePath, 'size, modification time or identity differs');
      }
      if (result.bytes !== expectedSize) {
        throw changed(sourcePath, `read ${result.bytes} bytes, expected ${expectedSize}`);
      }
      const sha256 = result.digests.sha256;
      const md5 = result.digests.md5;
      const sha1 = result.digests.sha1;
      if (sha256 === undefined || md5 === undefined || sha1 === undefined) {
        throw new IntakeError('INTAKE_HASH_WORKER', 'the hasher did not return all three digests');
      }
      if (expectedSize <= SECOND_READ_MAX) {
        const hash = createHash('sha256');
        const buffer = new Uint8Array(Math.max(1, expectedSize + 1));
        let n: number;
        try {
          n = await readFully(source, buffer, 0);
        } catch (error) {
          throw readError(error, sourcePath, 'reading the source a second time');
        }
        if (n !== expectedSize || hash.update(buffer.subarray(0, n)).digest('hex') !== sha256) {
          throw changed(sourcePath, 'a second read gave different bytes');
        }
      }
      if (options.signal?.aborted === true) {
        throw new IntakeError('INTAKE_CANCELLED', 'intake cancelled');
      }

      try {
        await out.finish();
      } catch (error) {
        throw writeError(error, tmpPath, 'syncing the vault temp file');
      }
      await out.close();
      tmp = undefined;

      options.onVerifying?.();
      const blob = blobPathFor(sha256);
      const finalPath = join(this.caseDir, blob);
      const shardDir = join(this.blobRoot, sha256.slice(0, 2));
      const created = await this.commit(
        tmpPath,
        finalPath,
        shardDir,
        sha256,
        expectedSize,
        options,
      );
      tmpExists = false;
      return {
        digests: { md5, sha1, sha256 },
        size: expectedSize,
        blob,
        created,
        head: result.head,
        mtime: new Date(Number(before.mtimeNs / 1_000_000n)),
        mode: result.mode,
      };
    } finally {
      await source.close().catch(() => undefined);
      if (tmp !== undefined) await tmp.close().catch(() => undefined);
      if (tmpExists) await fs.unlink(tmpPath).catch(() => undefined);
    }
  }

  /** Moves a synced temp file to its final name (or drops it when the blob exists), then verifies. */
  private async commit(
    tmpPath: string,
    finalPath: string,
    shardDir: string,
    sha256: string,
    size: number,
    options: StoreOptions,
  ): Promise<boolean> {
    const fs = this.fs;
    let shardExisted = true;
    try {
      await fs.lstat(shardDir);
    } catch {
      shardExisted = false;
    }
    try {
      await fs.mkdir(shardDir, { recursive: true });
      if (!shardExisted) await fsyncDirWith(fs, this.blobRoot);
    } catch (error) {
      throw writeError(error, shardDir, 'creating the vault folder');
    }
    let exists = true;
    try {
      await fs.lstat(finalPath);
    } catch (error) {
      if (errnoOf(error) !== 'ENOENT') throw writeError(error, finalPath, 'checking the vault');
      exists = false;
    }
    if (exists) {
      // Same content already stored: one blob, another acquisition. Check the blob we rely on.
      const found = await this.verifyOrThrow(finalPath, sha256, size, options.signal);
      if (!found) {
        throw new IntakeError(
          'INTAKE_VAULT_CORRUPT',
          `${finalPath}: the blob already in the vault does not match its name; left untouched`,
          { where: finalPath },
        );
      }
      await fs.unlink(tmpPath).catch(() => undefined);
      await fsyncDirWith(fs, this.tmpDir).catch(() => undefined);
      return false;
    }
    try {
      await fs.rename(tmpPath, finalPath);
      await fsyncDirWith(fs, shardDir);
      await fsyncDirWith(fs, this.tmpDir);
    } catch (error) {
      throw writeError(error, finalPath, 'moving the blob to its final name');
    }
    let ok: boolean;
    try {
      ok = await this.verifyOrThrow(finalPath, sha256, size, options.signal);
    } catch (error) {
      await this.discard(finalPath, shardDir);
      throw error;
    }
    if (!ok) {
      await this.discard(finalPath, shardDir);
      throw new IntakeError(
        'INTAKE_VERIFY_MISMATCH',
        `${finalPath}: the stored copy does not hash to the digest of the source read; removed, nothing recorded`,
        { where: finalPath },
      );
    }
    return true;
  }

  private async verifyOrThrow(
    path: string,
    sha256: string,
    size: number,
    signal: AbortSignal | undefined,
  ): Promise<boolean> {
    try {
      const found = await this.hashBlob(path, signal);
      return found.sha256 === sha256 && found.size === size;
    } catch (error) {
      if (error instanceof IntakeError) throw error;
      throw writeError(error, path, 're-reading the stored blob');
    }
  }

  private async discard(finalPath: string, shardDir: string): Promise<void> {
    await this.fs.unlink(finalPath).catch(() => undefined);
    await fsyncDirWith(this.fs, shardDir).catch(() => undefined);
  }
}

/**
 * Writes the files of one bag under a staging folder: every file created exclusively (`wx`),
 * hashed while written, fsynced and closed; the folders it made are fsynced at the end. It keeps
 * the manifest entries (payload and tag) and the Payload-Oxum counts.
 */
import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ExportError } from '../../../shared/errors/export-error';
import { checkBagPath, type ManifestEntry } from '../../../shared/package';
import { fsyncDir } from '../fs/atomic';

const FLUSH_AT = 1024 * 1024;

export function exportIo(path: string, doing: string, error: unknown): ExportError {
  if (error instanceof ExportError) return error;
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new ExportError('EXPORT_IO', `${path}: ${doing} failed (${reason})`, {
    where: path,
    cause: error,
  });
}

/** A file being written in pieces (events.jsonl): buffered, hashed, fsynced on close. */
export class StreamedFile {
  private pending: string[] = [];
  private pendingLength = 0;
  private readonly hash: Hash = createHash('sha256');
  bytes = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly finish: (sha256: string, bytes: number) => void,
  ) {}

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= FLUSH_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingLength = 0;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    await this.handle.write(chunk);
  }

  async close(): Promise<string> {
    try {
      await this.flush();
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
    const sha256 = this.hash.digest('hex');
    this.finish(sha256, this.bytes);
    return sha256;
  }
}

export class BagWriter {
  readonly payload: ManifestEntry[] = [];
  readonly tags: ManifestEntry[] = [];
  payloadBytes = 0;
  totalBytes = 0;
  private readonly dirs = new Set<string>();

  constructor(readonly root: string) {}

  /** Enters a file written by someone else (the copy worker) into the manifests. */
  recordFile(path: string, sha256: string, bytes: number): void {
    this.record(path, sha256, bytes);
  }

  private record(path: string, sha256: string, bytes: number): void {
    this.totalBytes += bytes;
    if (path.startsWith('data/')) {
      this.payload.push({ path, sha256 });
      this.payloadBytes += bytes;
    } else {
      this.tags.push({ path, sha256 });
    }
  }

  /**
   * Checks a bag path and makes its folders (fsynced by `syncFolders`); returns the full path for
   * a writer that creates the file itself, exclusively.
   */
  async reserve(path: string): Promise<string> {
    const problem = checkBagPath(path);
    if (problem !== null) {
      throw new ExportError(
        'EXPORT_CASE_INVALID',
        `${path}: not a valid package path (${problem})`,
        {
          where: path,
        },
      );
    }
    const full = join(this.root, ...path.split('/'));
    try {
      let dir = dirname(full);
      await mkdir(dir, { recursive: true });
      while (dir.length > this.root.length) {
        this.dirs.add(dir);
        dir = dirname(dir);
      }
    } catch (error) {
      throw exportIo(full, 'creating', error);
    }
    return full;
  }

  private async create(path: string): Promise<{ full: string; handle: FileHandle }> {
    const full = await this.reserve(path);
    try {
      return { full, handle: await open(full, 'wx', 0o444) };
    } catch (error) {
      throw exportIo(full, 'creating', error);
    }
  }

  /** Writes a whole file; returns its SHA-256. */
  async writeFile(path: string, data: string | Uint8Array): Promise<string> {
    const { full, handle } = await this.create(path);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (error) {
      throw exportIo(full, 'writing', error);
    } finally {
      await handle.close();
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    this.record(path, sha256, bytes.length);
    return sha256;
  }

  /** Opens a file to be written in pieces. */
  async openStream(path: string): Promise<StreamedFile> {
    const { handle } = await this.create(path);
    return new StreamedFile(handle, (sha256, bytes) => this.record(path, sha256, bytes));
  }

  /** fsyncs every folder the writer made, deepest first, then the root. */
  async syncFolders(): Promise<void> {
    const dirs = [...this.dirs].sort((a, b) => b.length - a.length);
    for (const dir of [...dirs, this.root]) {
      try {
        await fsyncDir(dir);
      } catch (error) {
        throw exportIo(dir, 'syncing the folder', error);
      }
    }
  }
}

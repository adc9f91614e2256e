import { join } from 'node:path';
import { IntakeError } from '../../../shared/errors';
import { ArtefactRecordV1, type ArtefactRecord } from '../../../shared/model';
import {
  errnoOf,
  fsyncDirWith,
  nodeVaultFs,
  writeError,
  type CleanupReport,
  type VaultFs,
} from '../vault';

/**
 * The one seam between intake and the custody ledger. An acquisition counts as done only after
 * `recordAcquired` resolves; the ledger implementation signs and appends a record.
 */
export interface AcquisitionRecorder {
  recordAcquired(artefact: ArtefactRecord): Promise<void>;
  /** Temp files of an interrupted intake were removed at start. */
  recordCleanup(report: CleanupReport): Promise<void>;
  /**
   * SHA-256 of every blob an acquisition record names. Recovery removes any other blob: it was
   * stored by an intake killed before it could record it (nothing under a final name without
   * its record).
   */
  recordedBlobs(): Promise<ReadonlySet<string>>;
}

export const ARTEFACTS_FILE = 'artefacts.jsonl';
export const CLEANUP_FILE = 'intake-cleanup.jsonl';

async function appendLineDurably(
  fs: VaultFs,
  dir: string,
  file: string,
  line: string,
): Promise<void> {
  const path = join(dir, file);
  let existed = true;
  try {
    await fs.lstat(path);
  } catch {
    existed = false;
  }
  try {
    const handle = await fs.open(path, 'a', 0o644);
    try {
      // One write(2) of the whole line (O_APPEND), then fsync.
      const bytes = Buffer.from(line, 'utf8');
      const { bytesWritten } = await handle.write(bytes, 0, bytes.length);
      if (bytesWritten !== bytes.length) throw new Error('short write');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (!existed) await fsyncDirWith(fs, dir);
  } catch (error) {
    throw writeError(error, path, 'recording the acquisition');
  }
}

/**
 * Stand-in until the custody ledger lands: one validated JSON line per acquisition appended to
 * `CASE/artefacts.jsonl` (fsynced), cleanups to `CASE/intake-cleanup.jsonl`.
 */
export class JsonlAcquisitionRecorder implements AcquisitionRecorder {
  constructor(
    private readonly caseDir: string,
    private readonly now: () => Date = () => new Date(),
    private readonly fs: VaultFs = nodeVaultFs,
  ) {}

  async recordAcquired(artefact: ArtefactRecord): Promise<void> {
    const record = ArtefactRecordV1.parse(artefact);
    await appendLineDurably(this.fs, this.caseDir, ARTEFACTS_FILE, `${JSON.stringify(record)}\n`);
  }

  async recordCleanup(report: CleanupReport): Promise<void> {
    const line = JSON.stringify({ at: this.now().toISOString(), removed: report.removed });
    await appendLineDurably(this.fs, this.caseDir, CLEANUP_FILE, `${line}\n`);
  }

  async recordedBlobs(): Promise<ReadonlySet<string>> {
    const { records } = await readArtefacts(this.caseDir, this.fs);
    return new Set(records.flatMap((r) => (r.entry === 'file' ? [r.digests.sha256] : [])));
  }
}

export interface ArtefactListing {
  readonly records: ArtefactRecord[];
  /** Lines that could not be read back (a torn last line after a crash, a hand edit). */
  readonly problems: { readonly line: number; readonly message: string }[];
}

/** Reads `CASE/artefacts.jsonl` back, validating every line. A missing file is an empty list. */
export async function readArtefacts(
  caseDir: string,
  fs: VaultFs = nodeVaultFs,
): Promise<ArtefactListing> {
  const path = join(caseDir, ARTEFACTS_FILE);
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return { records: [], problems: [] };
    throw new IntakeError('INTAKE_IO', `${path}: cannot be read (${errnoOf(error) ?? 'unknown'})`, {
      where: path,
      cause: error,
    });
  }
  const records: ArtefactRecord[] = [];
  const problems: { line: number; message: string }[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line === '') return;
    if (i === lines.length - 1) {
      problems.push({ line: i + 1, message: 'incomplete last line (interrupted write)' });
      return;
    }
    try {
      records.push(ArtefactRecordV1.parse(JSON.parse(line)));
    } catch (error) {
      problems.push({
        line: i + 1,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  });
  return { records, problems };
}

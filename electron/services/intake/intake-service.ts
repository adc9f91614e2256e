import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { IntakeError, isSealcaseError } from '../../../shared/errors';
import {
  ARTEFACT_RECORD_FORMAT,
  ArtefactRecordV1,
  FreeText,
  type ArtefactRecord,
} from '../../../shared/model';
import { readCaseFolder } from '../cases';
import {
  MultiHasher,
  Vault,
  nodeVaultFs,
  type CleanupReport,
  type MultiHashOptions,
  type VaultFs,
} from '../vault';
import { builtinDetect, type DetectFn } from './detect';
import { planIntake, type IntakePlan, type IntakeWarning } from './plan';
import { ProgressTracker, type IntakeProgress } from './progress';
import type { AcquisitionRecorder } from './recorder';

export interface IntakeServiceDeps {
  readonly caseDir: string;
  readonly recorder: AcquisitionRecorder;
  readonly now: () => Date;
  readonly uuid: () => string;
  readonly toolVersion: string;
  /** Who acquires: the examiner's name (certificate fingerprint once identities land). */
  readonly acquiredBy?: string | null;
  readonly fs?: VaultFs;
  /** Content sniffing; the parser registry's `detect()` once it exists. */
  readonly detect?: DetectFn;
  readonly hashing?: MultiHashOptions;
  /** Monotonic milliseconds for rates (default `performance.now`). */
  readonly clock?: () => number;
}

export interface IntakeRequest {
  readonly inputs: readonly string[];
  /** Base for relative inputs (default: the process's working folder). */
  readonly cwd?: string;
  readonly receivedFrom?: string | null | undefined;
  readonly source?: string | null | undefined;
  readonly note?: string | null | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: IntakeProgress) => void) | undefined;
  readonly onWarning?: ((warning: IntakeWarning) => void) | undefined;
  /** Called once with the start-up cleanup (what an interrupted intake left behind). */
  readonly onCleanup?: ((report: CleanupReport) => void) | undefined;
}

export interface IntakeResult {
  readonly intakeId: string;
  readonly artefacts: ArtefactRecord[];
  readonly warnings: IntakeWarning[];
  readonly cleanup: CleanupReport;
  /** Blobs newly written; the rest were already in the vault (same content). */
  readonly blobsCreated: number;
  readonly hashing: 'workers' | 'in-thread';
}

const orNull = (text: string | null | undefined): string | null =>
  text === undefined || text === null || text.trim() === '' ? null : text;

const isAborted = (signal: AbortSignal | undefined): boolean => signal?.aborted === true;

function cancelled(): IntakeError {
  return new IntakeError(
    'INTAKE_CANCELLED',
    'intake cancelled; the file in progress was not stored or recorded',
  );
}

/**
 * Evidence intake (issue 3): checks every input, cleans what an interrupted intake left, then per
 * file copies into the vault in one read with three digests, verifies, and records the acquisition
 * through the `AcquisitionRecorder` seam. A file counts only once its record is written.
 */
export class IntakeService {
  readonly vault: Vault;
  private readonly fs: VaultFs;

  constructor(private readonly deps: IntakeServiceDeps) {
    this.fs = deps.fs ?? nodeVaultFs;
    this.vault = new Vault(deps.caseDir, { fs: this.fs, uuid: deps.uuid });
  }

  /** Checks the case folder and removes temp files of an interrupted intake, recording that. */
  async recover(): Promise<CleanupReport> {
    try {
      await readCaseFolder(this.deps.caseDir);
    } catch (error) {
      throw new IntakeError(
        'INTAKE_CASE_INVALID',
        `${this.deps.caseDir}: not a usable case folder (${(error as Error).message})`,
        { where: this.deps.caseDir, cause: error },
      );
    }
    await this.vault.prepare();
    const temp = await this.vault.cleanupTmp();
    const unrecorded = await this.vault.removeUnrecorded(await this.deps.recorder.recordedBlobs());
    const report = { removed: [...temp.removed, ...unrecorded.removed] };
    if (report.removed.length > 0) await this.deps.recorder.recordCleanup(report);
    return report;
  }

  async plan(inputs: readonly string[], cwd = process.cwd()): Promise<IntakePlan> {
    if (inputs.length === 0) {
      throw new IntakeError('INTAKE_INPUT_NOT_FOUND', 'no input files or folders named');
    }
    return planIntake(this.fs, cwd, inputs);
  }

  async ingest(request: IntakeRequest): Promise<IntakeResult> {
    for (const [field, value] of [
      ['received from', request.receivedFrom],
      ['source', request.source],
      ['note', request.note],
    ] as const) {
      const checked = FreeText.nullable().optional().safeParse(value);
      if (!checked.success) {
        throw new IntakeError(
          'INTAKE_INVALID_PROVENANCE',
          `${field}: ${checked.error.issues[0]?.message ?? 'invalid'}`,
          { where: field },
        );
      }
    }
    // The hash workers start (≈ 0.1 s: a thread and a bundle each) while the inputs are checked.
    const starting = MultiHasher.create(this.deps.hashing);
    starting.catch(() => undefined); // awaited below or closed in `finally`; never unhandled
    try {
      return await this.ingestWith(request, starting);
    } finally {
      await (await starting.catch(() => undefined))?.close();
    }
  }

  private async ingestWith(
    request: IntakeRequest,
    starting: Promise<MultiHasher>,
  ): Promise<IntakeResult> {
    const deps = this.deps;
    const signal = request.signal;
    const plan = await this.plan(request.inputs, request.cwd);
    for (const w of plan.warnings) request.onWarning?.(w);
    const cleanup = await this.recover();
    request.onCleanup?.(cleanup);
    if (isAborted(signal)) throw cancelled();

    const intakeId = deps.uuid();
    const clock = deps.clock ?? (() => performance.now());
    const files = plan.entries.filter((e) => e.entry === 'file').length;
    const progress = new ProgressTracker(plan.totalBytes, files, request.onProgress, clock);
    const detect = deps.detect ?? builtinDetect;
    const artefacts: ArtefactRecord[] = [];
    let blobsCreated = 0;
    const hasher = await starting;
    let index = 0;
    for (const entry of plan.entries) {
      if (isAborted(signal)) throw cancelled();
      const common = {
        format: ARTEFACT_RECORD_FORMAT,
        version: 1 as const,
        id: deps.uuid(),
        intakeId,
        acquiredBy: deps.acquiredBy ?? null,
        receivedFrom: orNull(request.receivedFrom),
        source: orNull(request.source),
        method: entry.method,
        note: orNull(request.note),
        tool: { name: 'sealcase' as const, version: deps.toolVersion },
      };
      let record: ArtefactRecord;
      let createdBlob: string | undefined;
      if (entry.entry === 'symlink') {
        record = {
          ...common,
          entry: 'symlink',
          original: {
            path: entry.path,
            name: entry.name,
            input: entry.input,
            relativePath: entry.relativePath,
            mtime: entry.mtime.toISOString(),
          },
          acquiredAt: deps.now().toISOString(),
          target: entry.target,
        };
      } else {
        const fileIndex = index++;
        progress.fileBytes(entry.path, fileIndex, 0, entry.size, true);
        const stored = await this.vault.storeFile(entry.path, {
          hasher,
          signal,
          onBytes: (done) => progress.fileBytes(entry.path, fileIndex, done, entry.size),
          onVerifying: () => progress.phase('verifying', entry.path, fileIndex, entry.size),
        });
        if (stored.created) createdBlob = join(deps.caseDir, stored.blob);
        record = {
          ...common,
          entry: 'file',
          original: {
            path: entry.path,
            name: entry.name,
            input: entry.input,
            relativePath: entry.relativePath,
            mtime: stored.mtime.toISOString(),
          },
          acquiredAt: deps.now().toISOString(),
          size: stored.size,
          digests: stored.digests,
          blob: stored.blob,
          contentKind: detect(stored.head, entry.name),
        };
        progress.phase('recording', entry.path, fileIndex, entry.size);
      }
      try {
        if (isAborted(signal)) throw cancelled();
        ArtefactRecordV1.parse(record);
        await deps.recorder.recordAcquired(record);
      } catch (error) {
        // Nothing under a final name without its record: drop a blob this acquisition created.
        if (createdBlob !== undefined) await unlink(createdBlob).catch(() => undefined);
        if (isSealcaseError(error)) throw error;
        throw new IntakeError(
          'INTAKE_RECORD_FAILED',
          `${entry.path}: stored but the acquisition could not be recorded (${(error as Error).message}); the new blob was removed`,
          { where: entry.path, cause: error },
        );
      }
      if (createdBlob !== undefined) blobsCreated++;
      if (entry.entry === 'file') progress.fileDone(entry.size);
      artefacts.push(record);
    }
    progress.done();
    return {
      intakeId,
      artefacts,
      warnings: plan.warnings,
      cleanup,
      blobsCreated,
      hashing: hasher.mode,
    };
  }
}

import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { ProgressEventValue } from '../../../shared/contracts';
import { IdentityError, isSealcaseError } from '../../../shared/errors';
import { readCaseFolder } from '../cases';
import { CustodyLedger, LedgerAcquisitionRecorder, recordCaseCreated } from '../custody';
import { IntakeService, JsonlAcquisitionRecorder, type IntakeProgress } from '../intake';
import type { ExaminerSession } from '../session';

export interface IntakeRequestFields {
  readonly caseDir: string;
  readonly paths: readonly string[];
  readonly receivedFrom?: string | undefined;
  readonly source?: string | undefined;
  readonly note?: string | undefined;
}

export interface IntakeTaskDeps {
  readonly session: ExaminerSession;
  readonly toolVersion: string;
  readonly progress: (event: ProgressEventValue) => void;
  readonly now?: () => Date;
}

/**
 * Intakes started from the app: each runs in the background, reports progress events and can be
 * cancelled. Acquisitions are signed by the examiner signed in when the intake starts; the batch
 * ends with a checkpoint, as in the CLI.
 */
export class IntakeTasks {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: IntakeTaskDeps) {}

  /** Starts an intake; resolves with its task id once it is under way (not when it ends). */
  start(request: IntakeRequestFields): { task: string; finished: Promise<void> } {
    const signer = this.deps.session.signer();
    if (signer === null) {
      throw new IdentityError(
        'IDENTITY_LOCKED',
        'sign in as examiner first: every acquisition is a signed custody record',
      );
    }
    const task = randomUUID();
    const controller = new AbortController();
    this.running.set(task, controller);
    const label = `Intake of ${request.paths.length === 1 ? basename(request.paths[0]!) : `${request.paths.length} items`}`;
    const base = { task, label, unit: 'bytes' as const };
    const emit = (event: Omit<ProgressEventValue, 'task' | 'label' | 'unit'>) =>
      this.deps.progress({ ...base, ...event });
    const now = this.deps.now ?? (() => new Date());

    const finished = (async () => {
      try {
        const caseFile = await readCaseFolder(request.caseDir);
        const { ledger } = await CustodyLedger.open(
          request.caseDir,
          { now, toolVersion: this.deps.toolVersion },
          signer,
        );
        if (ledger.size === 0) {
          await recordCaseCreated(
            ledger,
            caseFile,
            signer,
            'ledger started at the first signed action',
          );
        }
        const service = new IntakeService({
          caseDir: request.caseDir,
          recorder: new LedgerAcquisitionRecorder(
            ledger,
            signer,
            new JsonlAcquisitionRecorder(request.caseDir, now),
          ),
          now,
          uuid: randomUUID,
          toolVersion: this.deps.toolVersion,
          acquiredBy: signer.name,
        });
        const result = await service.ingest({
          inputs: [...request.paths],
          cwd: '/',
          receivedFrom: request.receivedFrom,
          source: request.source,
          note: request.note,
          signal: controller.signal,
          onProgress: (p: IntakeProgress) =>
            emit({
              state: 'running',
              phase: p.phase,
              done: p.overall.bytesDone,
              total: p.overall.bytesTotal,
              ratePerSecond: p.rate,
              etaSeconds: p.etaSeconds,
              item:
                p.file === null
                  ? null
                  : {
                      name: basename(p.file.path),
                      done: p.file.bytesDone,
                      total: p.file.bytesTotal,
                    },
              message: null,
              code: null,
            }),
        });
        if (result.artefacts.length > 0) await ledger.checkpoint(signer, 'intake batch completed');
        const files = result.artefacts.filter((a) => a.entry === 'file').length;
        emit({
          state: 'done',
          phase: 'done',
          done: 0,
          total: null,
          ratePerSecond: null,
          etaSeconds: null,
          item: null,
          message: `${files} file(s) acquired, signed by ${signer.name}${result.warnings.length > 0 ? `; ${result.warnings.length} warning(s)` : ''}`,
          code: null,
        });
      } catch (error) {
        const cancelled = isSealcaseError(error) && error.code === 'INTAKE_CANCELLED';
        emit({
          state: cancelled ? 'cancelled' : 'failed',
          phase: null,
          done: 0,
          total: null,
          ratePerSecond: null,
          etaSeconds: null,
          item: null,
          message: cancelled
            ? 'cancelled: nothing of the file in progress was stored or recorded'
            : error instanceof Error
              ? error.message
              : String(error),
          code: isSealcaseError(error) ? error.code : 'INTERNAL',
        });
      } finally {
        this.running.delete(task);
      }
    })();
    return { task, finished };
  }

  cancel(task: string): boolean {
    const controller = this.running.get(task);
    if (controller === undefined) return false;
    controller.abort();
    return true;
  }
}

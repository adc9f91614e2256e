import type { ProgressEventValue } from '../../../shared/contracts';
import { IdentityError, ParseError, isSealcaseError } from '../../../shared/errors';
import { recordDecision, runAttribution, type AttributionRun } from '../analysis';
import type { ExaminerSession } from '../session';

export interface AttributionTaskRequest {
  readonly caseDir: string;
  readonly task: string;
  readonly observationsCsv: string | null;
  readonly observationArtefacts: readonly string[];
  readonly records: readonly string[];
  readonly toleranceSeconds: number;
}

interface Finished {
  readonly caseDir: string;
  readonly request: AttributionTaskRequest;
  readonly run: AttributionRun;
}

/** Runs kept for saving after they finish (the most recent ones). */
const KEEP = 8;

/**
 * Attribution runs started from the app: progress events per artefact, cancel, and the finished
 * run kept (in memory, a few at a time) so the analyst can save it as a signed decision.
 */
export class AttributionTasks {
  private readonly running = new Map<string, AbortController>();
  private readonly finished = new Map<string, Finished>();

  constructor(
    private readonly deps: {
      readonly session: ExaminerSession;
      readonly toolVersion: string;
      readonly progress: (event: ProgressEventValue) => void;
    },
  ) {}

  async run(request: AttributionTaskRequest): Promise<AttributionRun> {
    const controller = new AbortController();
    this.running.set(request.task, controller);
    const emit = (event: Partial<ProgressEventValue>) =>
      this.deps.progress({
        task: request.task,
        label: 'Attribution',
        state: 'running',
        phase: null,
        done: 0,
        total: null,
        unit: 'items',
        ratePerSecond: null,
        etaSeconds: null,
        item: null,
        message: null,
        code: null,
        ...event,
      });
    try {
      const run = await runAttribution({
        ...request,
        signal: controller.signal,
        onProgress: (done, total, item) =>
          emit({ phase: item === 'joining' ? 'joining' : 'parsing', done, total, message: item }),
      });
      this.finished.set(request.task, { caseDir: request.caseDir, request, run });
      while (this.finished.size > KEEP) {
        const oldest = this.finished.keys().next().value;
        if (oldest === undefined) break;
        this.finished.delete(oldest);
      }
      emit({
        state: 'done',
        phase: 'done',
        message: `${run.results.length} observation(s) attributed`,
      });
      return run;
    } catch (error) {
      const cancelled = controller.signal.aborted;
      emit({
        state: cancelled ? 'cancelled' : 'failed',
        message: cancelled ? 'cancelled' : error instanceof Error ? error.message : String(error),
        code: isSealcaseError(error) ? error.code : 'INTERNAL',
      });
      if (cancelled) throw new ParseError('PARSE_CANCELLED', 'the attribution run was cancelled');
      throw error;
    } finally {
      this.running.delete(request.task);
    }
  }

  cancel(task: string): boolean {
    const c = this.running.get(task);
    if (c === undefined) return false;
    c.abort();
    return true;
  }

  /** Saves a finished run of this case as a signed `analysis.recorded` attribution decision. */
  async record(caseDir: string, task: string, note: string | undefined) {
    const signer = this.deps.session.signer();
    if (signer === null) {
      throw new IdentityError(
        'IDENTITY_LOCKED',
        'sign in as examiner first: an attribution run is saved as a signed custody record',
      );
    }
    const f = this.finished.get(task);
    if (f === undefined || f.caseDir !== caseDir) {
      throw new ParseError(
        'PARSE_RUN_NOT_FOUND',
        'that attribution run is not available any more; run it again to save it',
        { where: task },
      );
    }
    return recordDecision(
      caseDir,
      signer,
      {
        v: 1,
        kind: 'attribution',
        observationsCsv: f.request.observationsCsv,
        observationArtefacts: f.run.observationArtefacts,
        records: f.run.records,
        toleranceSeconds: f.request.toleranceSeconds,
        ...(Object.keys(f.run.clockCorrections).length === 0
          ? {}
          : { clockCorrections: f.run.clockCorrections }),
        engineVersion: f.run.engineVersion,
        resultsSha256: f.run.resultsSha256,
        results: f.run.results.length,
        statusCounts: f.run.statusCounts,
        decidedAt: new Date().toISOString(),
        decidedBy: { name: signer.name, cert: signer.certSha256 },
        ...(note === undefined || note === '' ? {} : { note }),
      },
      `attribution of ${f.run.results.length} observation(s) through ${f.run.records.length} record artefact(s), tolerance ${f.request.toleranceSeconds} s`,
      { toolVersion: this.deps.toolVersion },
    );
  }
}

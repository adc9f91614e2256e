import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ProgressEventValue } from '../../../shared/contracts';
import { IdentityError, ParseError, isSealcaseError } from '../../../shared/errors';
import { recordDecision, runAttribution, type AttributionRun } from '../analysis';
import { progressEmitter } from './progress-emitter';
import type { ExaminerSession } from '../session';
import type {
  AttributionWorkerData,
  FromAttributionWorker,
  ToAttributionWorker,
} from '../../workers/attribution-protocol';

/** The attribution worker next to the bundle (`out/workers/attribution-worker.js`), or null. */
export function defaultAttributionWorkerUrl(): URL | null {
  const candidate = new URL('../workers/attribution-worker.js', import.meta.url);
  return candidate.protocol === 'file:' && existsSync(fileURLToPath(candidate)) ? candidate : null;
}

/** Runs one attribution in the worker; `signal` asks it to stop. */
function runInWorker(
  url: URL,
  data: AttributionWorkerData,
  signal: AbortSignal,
  onProgress: (done: number, total: number, item: string) => void,
): Promise<AttributionRun> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: data });
    const abort = () => worker.postMessage({ type: 'abort' } satisfies ToAttributionWorker);
    signal.addEventListener('abort', abort, { once: true });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', abort);
      fn();
    };
    worker.on('message', (m: FromAttributionWorker) => {
      if (m.type === 'progress') onProgress(m.done, m.total, m.item);
      else if (m.type === 'result') finish(() => resolve(m.run));
      else
        finish(() =>
          reject(
            m.code === 'PARSE_CANCELLED'
              ? new ParseError('PARSE_CANCELLED', m.message)
              : Object.assign(new Error(m.message), { code: m.code }),
          ),
        );
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', () =>
      finish(() => reject(new Error('the attribution worker stopped unexpectedly'))),
    );
  });
}

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
      /** `undefined`: the worker next to the bundle when it exists; `null`: run in this thread. */
      readonly workerUrl?: URL | null;
    },
  ) {
    this.workerUrl = deps.workerUrl === undefined ? defaultAttributionWorkerUrl() : deps.workerUrl;
  }

  private readonly workerUrl: URL | null;

  async run(request: AttributionTaskRequest): Promise<AttributionRun> {
    const controller = new AbortController();
    this.running.set(request.task, controller);
    const emit = progressEmitter(this.deps.progress, request.task, 'Attribution');
    try {
      const onProgress = (done: number, total: number, item: string) =>
        emit({ phase: item === 'joining' ? 'joining' : 'parsing', done, total, message: item });
      const { task: _task, ...data } = request;
      const run =
        this.workerUrl === null
          ? await runAttribution({ ...data, signal: controller.signal, onProgress })
          : await runInWorker(this.workerUrl, data, controller.signal, onProgress);
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

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { checkLinesInThread, type CheckedLines, type CustodyCrypto } from '../../../shared/custody';
import type { FromLedgerWorker, LedgerCheckJob } from '../../workers/ledger-protocol';

/**
 * `CustodyCrypto.checkLedgerLines` on worker threads: the ledger is cut into jobs of whole lines,
 * one worker per core checks them (electron/workers/ledger-worker.ts), and the runs come back in
 * line order while the verifier's thread does the in-order half. A worker that fails hands the
 * rest of the ledger to the in-thread checks, which give the same answers.
 */

export interface LineWorkerOptions {
  /** The worker script (`out/workers/ledger-worker.js`). */
  readonly url: URL;
  /** Worker threads (default: the cores, `os.availableParallelism()`). */
  readonly threads?: number;
  /** Ledgers smaller than this are checked in this thread (no start-up cost). Default 1 MiB. */
  readonly minBytes?: number;
  /** Lines per job (default 512). */
  readonly jobLines?: number;
}

/** The worker next to the bundle (`out/<x>/…js` → `out/workers/ledger-worker.js`), or null. */
export function defaultLedgerWorkerUrl(env = process.env): URL | null {
  const override = env['SEALCASE_LEDGER_WORKER'];
  if (override !== undefined && override !== '') return pathToFileURL(override);
  const candidate = new URL('../workers/ledger-worker.js', import.meta.url);
  return candidate.protocol === 'file:' && existsSync(fileURLToPath(candidate)) ? candidate : null;
}

export interface Job {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly first: number;
}

/**
 * Cuts the ledger into jobs of `jobLines` whole lines (the last may lack its "\n"), one at a time:
 * the first jobs go out before the rest of the ledger is scanned for newlines.
 */
export function jobCutter(ledger: Uint8Array, jobLines: number): () => Job | null {
  // Buffer#indexOf is memchr; a plain Uint8Array's is a loop over elements.
  const bytes = Buffer.from(ledger.buffer, ledger.byteOffset, ledger.byteLength);
  let start = 0;
  let line = 0;
  let index = 0;
  return () => {
    if (start >= ledger.length) return null;
    let end = start;
    let n = 0;
    while (n < jobLines && end < ledger.length) {
      const nl = bytes.indexOf(0x0a, end);
      end = nl === -1 ? ledger.length : nl + 1;
      n++;
    }
    const job = { index: index++, start, end, first: line };
    start = end;
    line += n;
    return job;
  };
}

/** All the jobs of `jobCutter`. */
export function cutJobs(ledger: Uint8Array, jobLines: number): Job[] {
  const next = jobCutter(ledger, jobLines);
  const jobs: Job[] = [];
  for (let job = next(); job !== null; job = next()) jobs.push(job);
  return jobs;
}

/** How long started workers wait for a ledger before they are ended. */
const SPARE_IDLE_MS = 10_000;

export interface LineWorkers {
  readonly checkLedgerLines: NonNullable<CustodyCrypto['checkLedgerLines']>;
  /**
   * Starts the workers now (≈ 35 ms each), e.g. while the ledger is being read; the next
   * `checkLedgerLines` takes them (or ends them, for a ledger checked in this thread). Until then
   * they do not keep the process alive.
   */
  readonly warmUp: () => void;
}

export function lineWorkers(options: LineWorkerOptions, crypto: CustodyCrypto): LineWorkers {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const minBytes = options.minBytes ?? 1 << 20;
  const jobLines = options.jobLines ?? 512;
  let spares: Worker[] = [];

  function warmUp(): void {
    if (spares.length > 0) return;
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(options.url);
      worker.unref();
      // A spare that fails to start is dropped; the next check starts another.
      worker.once('error', () => {
        spares = spares.filter((w) => w !== worker);
      });
      spares.push(worker);
    }
    // Not taken (the ledger could not be read, say): ended after a while.
    const batch = spares;
    setTimeout(() => {
      if (spares !== batch) return;
      spares = [];
      for (const worker of batch) void worker.terminate();
    }, SPARE_IDLE_MS).unref();
  }

  function takeSpares(): Worker[] {
    const taken = spares;
    spares = [];
    for (const worker of taken) worker.ref();
    return taken;
  }

  async function* checkLedgerLines(
    ledger: Uint8Array,
    certs: ReadonlyMap<string, Uint8Array>,
  ): AsyncGenerator<CheckedLines> {
    if (ledger.length < minBytes) {
      for (const worker of takeSpares()) void worker.terminate();
      yield* checkLinesInThread(ledger, certs, crypto);
      return;
    }
    const nextJob = jobCutter(ledger, jobLines);
    // The jobs cut so far (in order); `cutAll` once the ledger is cut to its end.
    const jobs: Job[] = [];
    let cutAll = false;
    const certList = [...certs];
    const done = new Map<number, CheckedLines>();
    let failed: Job | null = null;
    let wake: (() => void) | null = null;
    const notify = () => {
      wake?.();
      wake = null;
    };
    const workers: Worker[] = [];
    const send = (worker: Worker, inFlight: Set<number>) => {
      if (cutAll || failed !== null) return;
      const job = nextJob();
      if (job === null) {
        cutAll = true;
        return;
      }
      jobs.push(job);
      inFlight.add(job.index);
      // A ledger in shared memory is read by the workers in place; else each job is a copy.
      const shared = ledger.buffer instanceof SharedArrayBuffer;
      const bytes = shared ? ledger.subarray(job.start, job.end) : ledger.slice(job.start, job.end);
      const message: LedgerCheckJob = {
        type: 'check',
        job: job.index,
        bytes,
        offset: job.start,
        first: job.first,
        last: job.end === ledger.length,
        certs: certList,
      };
      worker.postMessage(message, shared ? [] : [bytes.buffer as ArrayBuffer]);
    };
    const fail = (index: number) => {
      const job = jobs[index] ?? jobs[jobs.length - 1]!;
      if (failed === null || job.index < failed.index) failed = job;
      notify();
    };
    const ready = takeSpares();
    for (let t = 0; t < threads && !cutAll; t++) {
      const worker = ready.pop() ?? new Worker(options.url);
      workers.push(worker);
      const inFlight = new Set<number>();
      worker.on('message', (m: FromLedgerWorker) => {
        inFlight.delete(m.job);
        if (m.type === 'failed') {
          fail(m.job);
          return;
        }
        done.set(m.job, m.lines);
        send(worker, inFlight);
        notify();
      });
      const lost = () => {
        if (inFlight.size > 0) fail(Math.min(...inFlight));
      };
      worker.on('error', lost);
      worker.on('exit', lost);
      // Two jobs each: the next is there when one is done.
      send(worker, inFlight);
      send(worker, inFlight);
    }
    try {
      // Each worker cuts its next job when one is done, so the job waited for is always cut.
      for (let index = 0; index < jobs.length || !cutAll; index++) {
        while (!done.has(index) && ((failed as Job | null)?.index ?? Infinity) > index) {
          await new Promise<void>((resolve) => (wake = resolve));
        }
        const lines = done.get(index);
        if (lines === undefined) {
          // A worker failed on this job: the in-thread checks take over from its first line.
          for await (const rest of checkLinesInThread(
            ledger.subarray(jobs[index]!.start),
            certs,
            crypto,
          )) {
            yield { ...rest, first: rest.first + jobs[index]!.first };
          }
          return;
        }
        done.delete(index);
        yield lines;
        if (lines.failure !== null) return;
      }
    } finally {
      for (const worker of [...workers, ...ready]) void worker.terminate();
    }
  }

  return { checkLedgerLines, warmUp };
}

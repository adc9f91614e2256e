/**
 * Copies the originals into the bag on a worker thread while the main thread derives the events
 * and builds the report (the copy waits on the disk, the report on the CPU: on two cores they
 * overlap). Per byte: one read, one SHA-256 update, one write; per file: one fsync. A SHA-256
 * other than the one the blob is filed under is `EXPORT_ORIGINAL_MISMATCH`.
 *
 * The worker is a few lines of plain Node given as source (`eval`), so it needs no bundle entry
 * of its own and runs the same from the sources (vitest) and from out/.
 */
import { Worker } from 'node:worker_threads';
import { ExportError } from '../../../shared/errors/export-error';
import { exportIo, type BagWriter } from './bag-writer';

/** 8 MiB reads: large enough that the per-call overhead vanishes against the hashing. */
export const COPY_CHUNK = 8 * 1024 * 1024;

export interface CopyJob {
  /** Bag path, e.g. `data/originals/<sha>/<name>`. */
  readonly path: string;
  /** The vault blob. */
  readonly source: string;
  /** The SHA-256 the blob is filed under. */
  readonly expected: string;
}

interface WorkerJob {
  readonly source: string;
  readonly target: string;
}

type FromWorker =
  | { type: 'done'; index: number; sha256: string; bytes: number }
  | { type: 'failed'; index: number; side: 'source' | 'target'; code: string; message: string };

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const buffer = Buffer.allocUnsafe(workerData.chunk);
const stop = new Int32Array(workerData.stop);
workerData.jobs.every((job, index) => {
  if (Atomics.load(stop, 0) === 1) return false;
  let input, output, side = 'source';
  try {
    input = fs.openSync(job.source, 'r');
    side = 'target';
    output = fs.openSync(job.target, 'wx', 0o444);
    const hash = createHash('sha256');
    let bytes = 0;
    for (;;) {
      if (Atomics.load(stop, 0) === 1) return false;
      side = 'source';
      const n = fs.readSync(input, buffer, 0, buffer.length, null);
      if (n === 0) break;
      const piece = n === buffer.length ? buffer : buffer.subarray(0, n);
      hash.update(piece);
      side = 'target';
      for (let off = 0; off < n; ) off += fs.writeSync(output, piece, off, n - off);
      bytes += n;
    }
    fs.fsyncSync(output);
    parentPort.postMessage({ type: 'done', index, sha256: hash.digest('hex'), bytes });
    return true;
  } catch (error) {
    parentPort.postMessage({ type: 'failed', index, side, code: error.code || 'EIO', message: String(error.message) });
    return false;
  } finally {
    if (input !== undefined) fs.closeSync(input);
    if (output !== undefined) fs.closeSync(output);
  }
});
`;

/**
 * A copy under way: `done` settles when every file is in; `stop()` ends it early (on failure) and
 * resolves once the worker has closed its files and exited.
 */
export interface RunningCopy {
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts copying `jobs` into `bag` (targets reserved, so the folders exist and are fsynced with
 * the bag's); each file is recorded in the manifest as it completes. `onFile` is told of each.
 */
export async function startCopy(
  bag: BagWriter,
  jobs: readonly CopyJob[],
  onFile?: (done: number, total: number) => void,
): Promise<RunningCopy> {
  if (jobs.length === 0) return { done: Promise.resolve(), stop: async () => {} };
  const targets: WorkerJob[] = [];
  for (const job of jobs) targets.push({ source: job.source, target: await bag.reserve(job.path) });
  // Set to 1 to stop the worker between reads; it closes its files and exits by itself.
  const stopFlag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { jobs: targets, chunk: COPY_CHUNK, stop: stopFlag.buffer },
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let finished = false;
  const done = new Promise<void>((resolve, reject) => {
    let count = 0;
    const fail = (error: unknown) => {
      finished = true;
      Atomics.store(stopFlag, 0, 1);
      reject(error);
    };
    worker.on('message', (m: FromWorker) => {
      if (finished) return;
      const job = jobs[m.index]!;
      const target = targets[m.index]!.target;
      switch (m.type) {
        case 'failed': {
          const cause = Object.assign(new Error(m.message), { code: m.code });
          fail(exportIo(m.side === 'source' ? job.source : target, 'copying', cause));
          return;
        }
        case 'done':
          if (m.sha256 !== job.expected) {
            fail(
              new ExportError(
                'EXPORT_ORIGINAL_MISMATCH',
                `${job.source}: the vault copy has SHA-256 ${m.sha256}, not ${job.expected} it is filed under`,
                { where: job.source },
              ),
            );
            return;
          }
          bag.recordFile(job.path, m.sha256, m.bytes);
          count++;
          try {
            onFile?.(count, jobs.length);
          } catch (error) {
            fail(error);
            return;
          }
          if (count === jobs.length) {
            finished = true;
            resolve();
          }
          return;
      }
    });
    worker.once('error', (error) => {
      if (!finished) fail(exportIo(jobs[0]!.source, 'copying the originals', error));
    });
    worker.once('exit', (code) => {
      if (!finished)
        fail(exportIo(jobs[0]!.source, 'copying the originals', new Error(`worker exit ${code}`)));
    });
  });
  // Observed here so that a failure while the report is built is not unhandled; `done` rethrows.
  done.catch(() => undefined);
  return {
    done,
    stop: async () => {
      finished = true;
      Atomics.store(stopFlag, 0, 1);
      await exited;
    },
  };
}

import { createHash, type Hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { IntakeError } from '../../../shared/errors';
import {
  CTRL,
  CTRL_WORDS,
  MAX_SLOTS,
  MAX_WORKERS,
  STATE,
  type FromWorker,
  type HashAlgorithm,
  type HashWorkerData,
  type ToWorker,
} from '../../workers/hash-protocol';
import { alignedSharedBuffer } from './aligned-memory';

export type { HashAlgorithm } from '../../workers/hash-protocol';
export type DigestSet = Partial<Record<HashAlgorithm, string>>;

const MiB = 1024 * 1024;

export interface MultiHashOptions {
  /**
   * One worker per group, each hashing its algorithms over every chunk. Default: MD5 alone (the
   * slowest, ~600 MiB/s) and SHA-1 + SHA-256 together (both SHA-NI accelerated), which measured
   * best on two cores.
   */
  readonly groups?: readonly (readonly HashAlgorithm[])[];
  /** Chunk buffers in the ring (default 8). */
  readonly slots?: number;
  /** Bytes per chunk (default 4 MiB; at least 1 MiB). */
  readonly slotSize?: number;
  /**
   * Worker script. `undefined`: look next to the bundle (`out/workers/hash-worker.js`) or at
   * `SEALCASE_HASH_WORKER`; `null`: never start workers, hash in this thread.
   */
  readonly workerUrl?: URL | null | undefined;
  /** Files smaller than this are hashed in this thread (no hand-off cost). Default 4 MiB. */
  readonly inThreadBelow?: number;
}

export interface PumpOptions {
  /** Reads up to `view.length` bytes at `position`; returns 0 at the end. */
  readonly read: (view: Uint8Array, position: number) => Promise<number>;
  /** Called with each chunk right after it is handed to the hashers; awaited before reuse. */
  readonly write?: ((view: Uint8Array, position: number) => Promise<void>) | undefined;
  /** Size expected (from fstat): picks in-thread hashing for small inputs. */
  readonly expectedSize: number;
  readonly signal?: AbortSignal | undefined;
  readonly onBytes?: ((bytesDone: number) => void) | undefined;
  /** How many leading bytes to keep for content sniffing (default 64 KiB). */
  readonly headBytes?: number;
}

export interface PumpResult {
  readonly digests: DigestSet;
  readonly bytes: number;
  /** The first `headBytes` of the input (a copy). */
  readonly head: Uint8Array;
  readonly mode: 'workers' | 'in-thread';
}

/** The worker next to the bundle (`out/<x>/…js` → `out/workers/hash-worker.js`), or null. */
export function defaultHashWorkerUrl(env = process.env): URL | null {
  const override = env['SEALCASE_HASH_WORKER'];
  if (override !== undefined && override !== '') return pathToFileURL(override);
  const candidate = new URL('../workers/hash-worker.js', import.meta.url);
  return candidate.protocol === 'file:' && existsSync(fileURLToPath(candidate)) ? candidate : null;
}

function cancelled(): IntakeError {
  return new IntakeError('INTAKE_CANCELLED', 'intake cancelled');
}

type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
  timeout?: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

interface WorkerSlot {
  readonly worker: Worker;
  readonly algorithms: readonly HashAlgorithm[];
  pending: { file: number; resolve: (m: FromWorker) => void } | undefined;
}

/**
 * One reader, several hash workers, one ring of shared chunk buffers (protocol in
 * `electron/workers/hash-protocol.ts`). Memory is `slots × slotSize` whatever the input size.
 * Create once per intake, `pump()` each file, `close()` at the end.
 */
export class MultiHasher {
  private readonly control: Int32Array;
  private readonly ring: SharedArrayBuffer;
  private readonly workers: WorkerSlot[] = [];
  private fileSeq = 0;
  private failure: Error | undefined;
  private closed = false;
  readonly algorithms: readonly HashAlgorithm[];

  private constructor(
    readonly slots: number,
    readonly slotSize: number,
    private readonly inThreadBelow: number,
    readonly groups: readonly (readonly HashAlgorithm[])[],
  ) {
    this.ring = alignedSharedBuffer(slots * slotSize);
    this.control = new Int32Array(new SharedArrayBuffer(CTRL_WORDS * 4));
    this.algorithms = groups.flat();
  }

  get mode(): 'workers' | 'in-thread' {
    return this.workers.length > 0 ? 'workers' : 'in-thread';
  }

  static async create(options: MultiHashOptions = {}): Promise<MultiHasher> {
    const groups = options.groups ?? [['md5'], ['sha1', 'sha256']];
    const slots = options.slots ?? 8;
    const slotSize = options.slotSize ?? 4 * MiB;
    if (groups.length === 0 || groups.length > MAX_WORKERS) {
      throw new RangeError(`between 1 and ${MAX_WORKERS} hash groups`);
    }
    if (slots < 2 || slots > MAX_SLOTS) throw new RangeError(`between 2 and ${MAX_SLOTS} slots`);
    if (slotSize < MiB) throw new RangeError('chunks of at least 1 MiB');
    const hasher = new MultiHasher(slots, slotSize, options.inThreadBelow ?? 4 * MiB, groups);
    const url = options.workerUrl === undefined ? defaultHashWorkerUrl() : options.workerUrl;
    if (url !== null) await hasher.startWorkers(url);
    return hasher;
  }

  private async startWorkers(url: URL): Promise<void> {
    const starting = this.groups.map(
      (algorithms, index) =>
        new Promise<WorkerSlot>((resolve, reject) => {
          const workerData: HashWorkerData = {
            index,
            algorithms,
            ring: this.ring,
            control: this.control.buffer as SharedArrayBuffer,
            slots: this.slots,
            slotSize: this.slotSize,
          };
          // No inherited flags (`--input-type`, loaders, inspectors): the worker needs none.
          const worker = new Worker(url, { workerData, execArgv: [] });
          const slot: WorkerSlot = { worker, algorithms, pending: undefined };
          const onError = (error: unknown): void => {
            const failure = new IntakeError(
              'INTAKE_HASH_WORKER',
              `hash worker ${url.pathname}: ${error instanceof Error ? error.message : String(error)}`,
              { where: fileURLToPath(url), cause: error },
            );
            this.fail(failure);
            reject(failure);
          };
          worker.once('error', onError);
          worker.once('exit', (code) => {
            if (!this.closed) onError(new Error(`exited with code ${code}`));
          });
          worker.on('message', (message: FromWorker) => {
            if (message.type === 'ready') {
              resolve(slot);
              return;
            }
            const pending = slot.pending;
            if (pending !== undefined && pending.file === message.file) {
              slot.pending = undefined;
              pending.resolve(message);
            }
          });
        }),
    );
    try {
      this.workers.push(...(await Promise.all(starting)));
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.workers) {
      const pending = w.pending;
      w.pending = undefined;
      pending?.resolve({ type: 'aborted', file: pending.file });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.workers.length = 0;
  }

  /** Reads the whole input once, hashing every chunk with every algorithm. */
  async pump(options: PumpOptions): Promise<PumpResult> {
    if (this.failure !== undefined) throw this.failure;
    if (this.workers.length === 0 || options.expectedSize < this.inThreadBelow) {
      return this.pumpInThread(options);
    }
    return this.pumpWorkers(options);
  }

  private async pumpInThread(options: PumpOptions): Promise<PumpResult> {
    const hashes: Hash[] = this.algorithms.map((a) => createHash(a));
    const buffer = new Uint8Array(this.ring, 0, this.slotSize);
    const headBytes = options.headBytes ?? 64 * 1024;
    let head: Uint8Array = new Uint8Array(0);
    let position = 0;
    for (;;) {
      if (options.signal?.aborted === true) throw cancelled();
      const n = await options.read(buffer, position);
      if (n === 0) break;
      const view = buffer.subarray(0, n);
      if (position < headBytes) head = concatHead(head, view, headBytes);
      for (const h of hashes) h.update(view);
      if (options.write !== undefined) await options.write(view, position);
      position += n;
      options.onBytes?.(position);
    }
    const digests: DigestSet = {};
    this.algorithms.forEach((a, i) => {
      const h = hashes[i];
      if (h !== undefined) digests[a] = h.digest('hex');
    });
    return { digests, bytes: position, head, mode: 'in-thread' };
  }

  private signalWorkers(state?: number): void {
    if (state !== undefined) Atomics.store(this.control, CTRL.STATE, state);
    Atomics.add(this.control, CTRL.SIGNAL, 1);
    Atomics.notify(this.control, CTRL.SIGNAL);
  }

  /** Resolves when every worker has hashed at least `count` chunks. */
  private async waitConsumed(count: number): Promise<void> {
    for (let w = 0; w < this.workers.length; w++) {
      const at = CTRL.CONSUMED + w;
      for (;;) {
        if (this.failure !== undefined) throw this.failure;
        const seen = Atomics.load(this.control, at);
        if (seen >= count) break;
        const result = waitAsync(this.control, at, seen, 1000);
        if (result.async) await result.value;
      }
    }
  }

  private async pumpWorkers(options: PumpOptions): Promise<PumpResult> {
    const file = ++this.fileSeq;
    const c = this.control;
    Atomics.store(c, CTRL.PUBLISHED, 0);
    for (let w = 0; w < this.workers.length; w++) Atomics.store(c, CTRL.CONSUMED + w, 0);
    Atomics.store(c, CTRL.STATE, STATE.RUNNING);
    const results = this.workers.map(
      (w) =>
        new Promise<FromWorker>((resolve) => {
          w.pending = { file, resolve };
          w.worker.postMessage({ type: 'begin', file } satisfies ToWorker);
        }),
    );
    const writes: (Promise<void> | undefined)[] = new Array(this.slots).fill(undefined);
    let writeError: unknown;
    const headBytes = options.headBytes ?? 64 * 1024;
    let head: Uint8Array = new Uint8Array(0);
    let position = 0;
    let k = 0;
    try {
      for (;;) {
        if (options.signal?.aborted === true) throw cancelled();
        const slot = k % this.slots;
        if (k >= this.slots) await this.waitConsumed(k - this.slots + 1);
        await writes[slot];
        if (writeError !== undefined) throw writeError;
        const view = new Uint8Array(this.ring, slot * this.slotSize, this.slotSize);
        const n = await options.read(view, position);
        if (n === 0) break;
        const chunk = view.subarray(0, n);
        if (position < headBytes) head = concatHead(head, chunk, headBytes);
        Atomics.store(c, CTRL.LENGTH + slot, n);
        Atomics.store(c, CTRL.PUBLISHED, k + 1);
        this.signalWorkers();
        if (options.write !== undefined) {
          writes[slot] = options.write(chunk, position).catch((error: unknown) => {
            writeError ??= error;
          });
        }
        position += n;
        k++;
        options.onBytes?.(position);
      }
      await Promise.all(writes);
      if (writeError !== undefined) throw writeError;
      this.signalWorkers(STATE.END);
      const answers = await Promise.all(results);
      if (this.failure !== undefined) throw this.failure;
      const digests: DigestSet = {};
      for (const answer of answers) {
        if (answer.type !== 'done') throw cancelled();
        Object.assign(digests, answer.digests);
      }
      return { digests, bytes: position, head, mode: 'workers' };
    } catch (error) {
      this.signalWorkers(STATE.ABORT);
      await Promise.all(results);
      await Promise.all(writes);
      throw error;
    }
  }
}

function concatHead(head: Uint8Array, chunk: Uint8Array, limit: number): Uint8Array {
  const take = Math.min(limit - head.length, chunk.length);
  if (take <= 0) return head;
  const out = new Uint8Array(head.length + take);
  out.set(head, 0);
  out.set(chunk.subarray(0, take), head.length);
  return out;
}

/**
 * Shared-memory protocol between the intake reader (main thread) and the hash workers.
 *
 * The reader owns a ring of `slots` chunk buffers in one SharedArrayBuffer. Control words live in a
 * second SharedArrayBuffer (Int32Array):
 * - `PUBLISHED`: chunks published so far in the current file (chunk k sits in slot k % slots);
 * - `STATE`: RUNNING, END (no more chunks after PUBLISHED) or ABORT;
 * - `SIGNAL`: bumped after every change of PUBLISHED or STATE; workers `Atomics.wait` on it, so a
 *   wake-up can never be lost between checking and sleeping;
 * - `CONSUMED + w`: chunks worker w has finished hashing; the reader waits (`Atomics.waitAsync`)
 *   on it before it refills a slot;
 * - `LENGTH + slot`: bytes in that slot.
 * Per file the reader resets the words, then posts `{ type: 'begin', file }`; the worker answers
 * `{ type: 'done', file, digests }` or `{ type: 'aborted', file }`.
 */
export const CTRL = {
  PUBLISHED: 0,
  STATE: 1,
  SIGNAL: 2,
  CONSUMED: 4,
  LENGTH: 16,
} as const;
export const MAX_WORKERS = CTRL.LENGTH - CTRL.CONSUMED;
export const MAX_SLOTS = 64;
export const CTRL_WORDS = CTRL.LENGTH + MAX_SLOTS;

export const STATE = { RUNNING: 0, END: 1, ABORT: 2 } as const;

export type HashAlgorithm = 'md5' | 'sha1' | 'sha256';

export interface HashWorkerData {
  readonly index: number;
  readonly algorithms: readonly HashAlgorithm[];
  readonly ring: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
  readonly slots: number;
  readonly slotSize: number;
}

export type ToWorker = { readonly type: 'begin'; readonly file: number };
export type FromWorker =
  | { readonly type: 'ready' }
  | {
      readonly type: 'done';
      readonly file: number;
      readonly digests: Partial<Record<HashAlgorithm, string>>;
    }
  | { readonly type: 'aborted'; readonly file: number };

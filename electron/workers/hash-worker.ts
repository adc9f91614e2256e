/**
 * Hash worker: hashes every chunk the reader publishes in the shared ring with its algorithms
 * (protocol in `hash-protocol.ts`). Built to `out/workers/hash-worker.js`.
 */
import { createHash, type Hash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { CTRL, STATE, type FromWorker, type HashWorkerData, type ToWorker } from './hash-protocol';

const data = workerData as HashWorkerData;
const port = parentPort;
if (port === null) throw new Error('hash-worker must run in a worker thread');
const control = new Int32Array(data.control);
const consumedAt = CTRL.CONSUMED + data.index;

function post(message: FromWorker): void {
  port?.postMessage(message);
}

function hashFile(file: number): void {
  const hashes: Hash[] = data.algorithms.map((a) => createHash(a));
  let k = 0;
  for (;;) {
    const signal = Atomics.load(control, CTRL.SIGNAL);
    const published = Atomics.load(control, CTRL.PUBLISHED);
    const state = Atomics.load(control, CTRL.STATE);
    if (state === STATE.ABORT) {
      post({ type: 'aborted', file });
      return;
    }
    if (k < published) {
      const slot = k % data.slots;
      const length = Atomics.load(control, CTRL.LENGTH + slot);
      const view = new Uint8Array(data.ring, slot * data.slotSize, length);
      for (const h of hashes) h.update(view);
      k++;
      Atomics.store(control, consumedAt, k);
      Atomics.notify(control, consumedAt);
      continue;
    }
    if (state === STATE.END) {
      const digests: Partial<Record<string, string>> = {};
      data.algorithms.forEach((a, i) => {
        digests[a] = hashes[i]?.digest('hex');
      });
      post({ type: 'done', file, digests });
      return;
    }
    Atomics.wait(control, CTRL.SIGNAL, signal);
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'begin') hashFile(message.file);
});
post({ type: 'ready' });

/**
 * Ledger line-check worker: checks the runs of lines the verifier sends (protocol in
 * `ledger-protocol.ts`, the checks in `electron/services/custody/check-chunk.ts`) and sends their
 * columns back. Built to `out/workers/ledger-worker.js`.
 */
import { parentPort } from 'node:worker_threads';
import { checkChunk, type KeyCache } from '../services/custody/check-chunk';
import { runBuffers, type FromLedgerWorker, type ToLedgerWorker } from './ledger-protocol';

const port = parentPort;
if (port === null) throw new Error('ledger-worker must run in a worker thread');
const keys: KeyCache = new Map();

port.on('message', (message: ToLedgerWorker) => {
  let answer: FromLedgerWorker;
  let transfer: ArrayBuffer[] = [];
  try {
    const lines = checkChunk(message, new Map(message.certs), keys);
    answer = { type: 'checked', job: message.job, lines };
    transfer = runBuffers(lines);
  } catch (error) {
    answer = { type: 'failed', job: message.job, message: String(error) };
  }
  port.postMessage(answer, transfer);
});

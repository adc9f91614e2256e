/**
 * Attribution worker: one app attribution run (parse the record artefacts from the vault with
 * their decisions, join) off main's event loop. Built to `out/workers/attribution-worker.js`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isSealcaseError } from '../../shared/errors';
import { runAttribution } from '../services/analysis/attribution-run';
import type {
  AttributionWorkerData,
  FromAttributionWorker,
  ToAttributionWorker,
} from './attribution-protocol';

const port = parentPort;
if (port === null) throw new Error('attribution-worker must run in a worker thread');
const controller = new AbortController();
port.on('message', (m: ToAttributionWorker) => {
  if (m.type === 'abort') controller.abort();
});
const post = (m: FromAttributionWorker) => port.postMessage(m);

void (async () => {
  try {
    const run = await runAttribution({
      ...(workerData as AttributionWorkerData),
      signal: controller.signal,
      onProgress: (done, total, item) => post({ type: 'progress', done, total, item }),
    });
    post({ type: 'result', run });
  } catch (error) {
    post({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
      code: isSealcaseError(error) ? error.code : 'INTERNAL',
    });
  }
  port.close();
})();

/**
 * Messages between `AttributionTasks` (electron/services/tasks) and the attribution worker: the
 * worker runs `runAttribution` (parsing the record artefacts and joining) off main's event loop,
 * posts progress, then the run; main may ask it to stop.
 */
import type { AttributionRun, AttributionRunRequest } from '../services/analysis/attribution-run';

export type AttributionWorkerData = Omit<AttributionRunRequest, 'signal' | 'onProgress'>;

export type FromAttributionWorker =
  | {
      readonly type: 'progress';
      readonly done: number;
      readonly total: number;
      readonly item: string;
    }
  | { readonly type: 'result'; readonly run: AttributionRun }
  | { readonly type: 'error'; readonly message: string; readonly code: string };

export type ToAttributionWorker = { readonly type: 'abort' };

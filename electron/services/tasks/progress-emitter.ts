import type { ProgressEventValue } from '../../../shared/contracts';
import { isSealcaseError } from '../../../shared/errors';

/** Progress events of one task with the contract's defaults filled in. */
export function progressEmitter(
  progress: (event: ProgressEventValue) => void,
  task: string,
  label: string,
): (event: Partial<ProgressEventValue>) => void {
  return (event) =>
    progress({
      task,
      label,
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
}

/** The last progress event of a task that threw: `cancelled` or `failed`, with the code. */
export function emitEnd(emit: (event: Partial<ProgressEventValue>) => void, error: unknown): void {
  const cancelled = isSealcaseError(error) && error.code === 'TASK_CANCELLED';
  emit({
    state: cancelled ? 'cancelled' : 'failed',
    message: error instanceof Error ? error.message : 'the task failed',
    code: isSealcaseError(error) ? error.code : null,
  });
}

import { IpcError } from '../../shared/errors';

/**
 * Cancellation of long calls (`export:run`, `package:verify`) by the task id their caller chose:
 * `cancel(task)` marks it, and the work checks `throwIfCancelled` between its steps.
 */
export class TaskControls {
  private readonly running = new Map<string, AbortController>();

  /** Starts a task; a second call with a running task's id is refused. */
  start(task: string): AbortSignal {
    if (this.running.has(task)) {
      throw new IpcError('INVALID_PAYLOAD', `task ${task} is already running`, { where: task });
    }
    const controller = new AbortController();
    this.running.set(task, controller);
    return controller.signal;
  }

  end(task: string): void {
    this.running.delete(task);
  }

  /** True when the task was running and is now asked to stop. */
  cancel(task: string): boolean {
    const controller = this.running.get(task);
    if (controller === undefined || controller.signal.aborted) return false;
    controller.abort();
    return true;
  }
}

export function throwIfCancelled(signal: AbortSignal, what: string): void {
  if (signal.aborted) throw new IpcError('TASK_CANCELLED', `${what} was cancelled`);
}

import type { ProgressEventValue } from '../../shared/contracts';
import type { CaseService } from '../services/cases';
import {
  createAppDemoCase,
  DEMO_PASSPHRASE,
  DEMO_SAMPLES,
  type AppDemoCase,
  type DemoStep,
} from '../services/demo';
import { emitEnd, progressEmitter } from '../services/tasks';
import type { Handler } from './handlers';
import type { TaskControls } from './task-controls';

export interface DemoHandlerDeps {
  readonly cases: CaseService;
  readonly toolVersion: string;
  readonly progress: (event: ProgressEventValue) => void;
  readonly tasks: TaskControls;
  readonly now: () => Date;
}

/** Stages the progress counts: identity, case, intake, one per sample parsed, attribution, ledger. */
const DEMO_STAGES = 5 + DEMO_SAMPLES.length;

/** Where a stage's end leaves the build: stages done and the phase that comes next. */
function after(step: DemoStep, done: number): { done: number; phase: string } {
  switch (step.step) {
    case 'case':
      return { done: done + 1, phase: 'intake' };
    case 'intake':
      return { done: done + 1, phase: 'parse' };
    case 'parsing':
      return { done, phase: 'parse' };
    case 'parsed':
      return { done: done + 1, phase: 'parse' };
    case 'attribution':
      return { done: done + 1, phase: 'ledger' };
    case 'ledger':
      return { done: done + 1, phase: 'ledger' };
  }
}

/**
 * `case:createDemo`: the demo case in the cases root (see electron/services/demo), with progress
 * events under the caller's task id. One build at a time: a second call waits for the first, so
 * each gets its own free name. No key crosses: the answer names the identity file and the demo
 * passphrase, which protects nothing.
 */
export function createDemoHandlers(deps: DemoHandlerDeps): {
  'case:createDemo': Handler<'case:createDemo'>;
} {
  let queue: Promise<unknown> = Promise.resolve();
  const build = async (task: string): Promise<AppDemoCase> => {
    const emit = progressEmitter(deps.progress, task, 'Demo case');
    let done = 0;
    const meter = (phase: string, item: string | null = null) =>
      emit({
        phase,
        done,
        total: DEMO_STAGES,
        item: item === null ? null : { name: item, done: 0, total: 0 },
      });
    try {
      meter('identity');
      const built = await createAppDemoCase({
        casesRoot: deps.cases.casesRoot,
        toolVersion: deps.toolVersion,
        now: deps.now,
        onIdentity: () => {
          done += 1;
          meter('case');
        },
        onStep: (step) => {
          const next = after(step, done);
          done = next.done;
          meter(next.phase, step.step === 'parsed' ? step.name : null);
        },
      });
      emit({
        state: 'done',
        done: DEMO_STAGES,
        total: DEMO_STAGES,
        message: `demo case ${built.summary.number} created in ${built.summary.path}`,
      });
      return built;
    } catch (error) {
      emitEnd(emit, error);
      throw error;
    }
  };
  return {
    'case:createDemo': async (request) => {
      deps.tasks.start(request.task);
      try {
        const run = queue.then(() => build(request.task));
        queue = run.catch(() => undefined);
        const built = await run;
        return {
          case: built.summary,
          identityFile: built.identityFile,
          passphrase: DEMO_PASSPHRASE,
          reusedIdentity: built.reusedIdentity,
        };
      } finally {
        deps.tasks.end(request.task);
      }
    },
  };
}

import type { ProgressEventValue } from '../../shared/contracts';
import { buildPackageView } from '../services/app-export';
import { openPackage, verifyPackageAt } from '../services/package';
import { emitEnd, progressEmitter } from '../services/tasks';
import type { Handler } from './handlers';
import type { OpenedPackages } from './opened-packages';
import { progressMeter } from './progress-meter';
import { throwIfCancelled, type TaskControls } from './task-controls';

export interface PackageHandlerDeps {
  readonly opened: OpenedPackages;
  readonly tasks: TaskControls;
  readonly progress: (event: ProgressEventValue) => void;
  readonly now: () => Date;
  /** Asks for a package (main: a native dialog for a folder or a .zip file); none → no picker. */
  readonly pickPackage?: (kind: 'folder' | 'zip') => Promise<string | null>;
}

/** Open a signed package: pick it, verify it (the recipient's checks), show it read-only. */
export function createPackageHandlers(deps: PackageHandlerDeps): {
  'package:open': Handler<'package:open'>;
  'package:verify': Handler<'package:verify'>;
  'package:view': Handler<'package:view'>;
  'package:cancel': Handler<'package:cancel'>;
} {
  return {
    'package:open': async (request) => {
      const path = (await deps.pickPackage?.(request.kind)) ?? null;
      return { package: path === null ? null : await deps.opened.open(path) };
    },
    'package:verify': async (request) => {
      const target = deps.opened.get(request.package);
      const signal = deps.tasks.start(request.task);
      const emit = progressEmitter(deps.progress, request.task, 'Verification');
      try {
        const meter = progressMeter(emit, 'bytes');
        const verification = await verifyPackageAt(target.path, (p) => {
          throwIfCancelled(signal, 'the verification');
          meter(p.check, p.done, p.total);
        });
        emit({ state: 'done', message: verification.valid ? 'valid' : 'findings' });
        return {
          valid: verification.valid,
          findings: [...verification.findings],
          checks: [...verification.checks],
          summary: {
            ...verification.summary,
            anchors: [...verification.summary.anchors],
          },
          verifiedAt: deps.now().toISOString(),
        };
      } catch (error) {
        emitEnd(emit, error);
        throw error;
      } finally {
        deps.tasks.end(request.task);
      }
    },
    'package:view': async (request) => {
      const target = deps.opened.get(request.package);
      const opened = await openPackage(target.path);
      try {
        return await buildPackageView(opened.reader, target.path);
      } finally {
        await opened.close();
      }
    },
    'package:cancel': async (request) => ({ cancelled: deps.tasks.cancel(request.task) }),
  };
}

import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportedPackageValue, ProgressEventValue } from '../../shared/contracts';
import { IdentityError, isSealcaseError } from '../../shared/errors';
import type { CaseService } from '../services/cases';
import { listExports } from '../services/app-export';
import {
  exportPackage,
  loadVerifierPage,
  type ExportDeps,
  type ExportResult,
} from '../services/export';
import type { ExaminerSession } from '../services/session';
import { loadReportFonts } from '../services/export/report-fonts';
import { signManifest, signPdf } from '../services/signing';
import type { Handler } from './handlers';
import type { OpenedPackages } from './opened-packages';
import { emitEnd, progressEmitter } from '../services/tasks';
import { progressMeter } from './progress-meter';
import { throwIfCancelled, type TaskControls } from './task-controls';

export interface ExportHandlerDeps {
  readonly cases: CaseService;
  readonly session: ExaminerSession;
  readonly toolVersion: string;
  readonly progress: (event: ProgressEventValue) => void;
  readonly opened: OpenedPackages;
  readonly tasks: TaskControls;
  readonly now: () => Date;
  /** The bytes of verify.html; `loadVerifierPage()` (out/verify under the working folder) if absent. */
  readonly verifierPage?: () => Promise<Uint8Array>;
}

/** `20261122T100000Z`: the export's time in a package name (sortable, no `:`). */
export function packageStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Where an export of the case goes: `<case>/exports/<case name>-<UTC stamp>[.zip]`. */
export function packageTarget(
  caseDir: string,
  caseId: string,
  at: Date,
  zip: boolean,
  redacted = false,
): string {
  const stem = `${caseId.replace(/\.sealcase$/, '')}-${packageStamp(at)}${redacted ? '-redacted' : ''}`;
  return join(caseDir, 'exports', zip ? `${stem}.zip` : stem);
}

export function createExportHandlers(deps: ExportHandlerDeps): {
  'export:run': Handler<'export:run'>;
  'export:cancel': Handler<'export:cancel'>;
  'export:list': Handler<'export:list'>;
} {
  return {
    'export:run': async (request) => {
      const signer = deps.session.signer();
      if (signer === null) {
        throw new IdentityError(
          'IDENTITY_LOCKED',
          'sign in as examiner first: the package and its report are signed with your key',
        );
      }
      const detail = await deps.cases.open(request.id);
      const signal = deps.tasks.start(request.task);
      const emit = progressEmitter(deps.progress, request.task, 'Export');
      try {
        emit({ phase: 'starting' });
        const zip = request.form === 'zip';
        const at = deps.now();
        await mkdir(join(detail.path, 'exports'), { recursive: true });
        const meter = progressMeter(emit, 'items');
        const exportDeps: ExportDeps = {
          now: deps.now,
          randomBytes: (n) => new Uint8Array(randomBytes(n)),
          toolVersion: deps.toolVersion,
          fonts: () => loadReportFonts(),
          verifierPage: deps.verifierPage ?? (() => loadVerifierPage()),
          signPdf,
          signManifest,
          onProgress: (stage, done, total) => {
            throwIfCancelled(signal, 'the export');
            meter(stage, done, total);
          },
          step: (step) => {
            throwIfCancelled(signal, 'the export');
            emit({ phase: step });
          },
        };
        const common = {
          zip,
          pageSize: request.pageSize === 'A4' ? ('a4' as const) : ('letter' as const),
          events: request.events,
        };
        const full = await exportPackage(
          detail.path,
          {
            ...common,
            out: packageTarget(detail.path, detail.id, at, zip),
            attachOriginals: request.attachOriginals,
          },
          signer,
          exportDeps,
        );
        const packages = [await written(deps.opened, full, [])];
        if (request.redaction !== null) {
          // The derivative is made from the case's most recent full export: the one just written.
          const withhold = request.redaction.withhold;
          try {
            const derived = await exportPackage(
              detail.path,
              {
                ...common,
                out: packageTarget(detail.path, detail.id, at, zip, true),
                attachOriginals: false,
                redact: { fields: withhold },
              },
              signer,
              exportDeps,
            );
            packages.push(await written(deps.opened, derived, withhold));
          } catch (error) {
            throw partly(error, full.path);
          }
        }
        emit({ state: 'done', message: `package written to ${full.path}` });
        return { packages };
      } catch (error) {
        emitEnd(emit, error);
        throw error;
      } finally {
        deps.tasks.end(request.task);
      }
    },
    'export:cancel': async (request) => ({ cancelled: deps.tasks.cancel(request.task) }),
    'export:list': async (request) => {
      const detail = await deps.cases.open(request.id);
      return listExports(detail.path);
    },
  };
}

async function written(
  opened: OpenedPackages,
  result: ExportResult,
  withheld: readonly string[],
): Promise<ExportedPackageValue> {
  return {
    package: await opened.open(result.path),
    packageId: result.packageId,
    manifestSha256: result.manifestSha256,
    files: result.files,
    bytes: result.bytes,
    redaction: result.redaction === null ? 'none' : 'redacted',
    withheld: [...withheld],
  };
}

/** The derivative failed after the full package was written: say both, keep the class and code. */
function partly(error: unknown, fullPath: string): unknown {
  if (!isSealcaseError(error)) return error;
  const Same = error.constructor as new (
    code: string,
    message: string,
    options: { where?: string; cause?: unknown },
  ) => Error;
  return new Same(
    error.code,
    `the full package was written to ${fullPath}; the redacted derivative was not: ${error.message}`,
    { ...(error.where === undefined ? {} : { where: error.where }), cause: error },
  );
}

import type {
  AttributionResultValue,
  Channel,
  ClockCorrectionViewValue,
  ParsedRequestOf,
  ProgressEventValue,
  ResponseOf,
} from '../../shared/contracts';
import type { CaseService } from '../services/cases';
import { custodyReport, startCaseLedger } from '../services/custody';
import { ExaminerSession } from '../services/session';
import { AttributionTasks, IntakeTasks } from '../services/tasks';
import { readArtefacts } from '../services/intake';
import { ParseError, IdentityError } from '../../shared/errors';
import { createDefaultRegistry, validateParseOptions } from '../../shared/parsers';
import {
  currentDecisions,
  EventStreams,
  previewParse,
  readDecisions,
  readLine,
  recordDecision,
} from '../services/analysis';
import { listProfiles, saveProfile } from '../services/profiles';
import { join } from 'node:path';
import { createDemoHandlers } from './demo-handlers';
import { createExportHandlers } from './export-handlers';
import { OpenedPackages } from './opened-packages';
import { createPackageHandlers } from './package-handlers';
import { TaskControls } from './task-controls';

export type Handler<C extends Channel> = (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
/** One handler per channel; the mapped type makes a missing one a compile error. */
export type HandlerTable = { readonly [C in Channel]: Handler<C> };

export interface RuntimeVersions {
  readonly app: string;
  readonly electron: string | null;
  readonly chromium: string | null;
  readonly node: string;
}

export interface Services {
  readonly cases: CaseService;
  readonly versions: RuntimeVersions;
  /** The examiner signed in to the app; a fresh, locked one when not given. */
  readonly session?: ExaminerSession;
  /** Asks for an identity file (main: a native open dialog); none → no picker. */
  readonly pickIdentityFile?: () => Promise<string | null>;
  /** Asks for evidence files (main: a native open dialog). */
  readonly pickEvidence?: () => Promise<string[]>;
  /** Where progress events go (main: the window's webContents). */
  readonly progress?: (event: ProgressEventValue) => void;
  /** Named column profiles (any case): `<cases folder>/.profiles` when not given. */
  readonly profilesDir?: string;
  /** Asks for a package to open (main: a native dialog for a folder or a .zip file). */
  readonly pickPackage?: (kind: 'folder' | 'zip') => Promise<string | null>;
  /** The bytes of verify.html for exports; out/verify/verify.html under the working folder if absent. */
  readonly verifierPage?: () => Promise<Uint8Array>;
  /** The clock of exports and verifications (tests fix it). */
  readonly now?: () => Date;
}

/**
 * The handler table main registers with `ipcMain.handle`, and the end-to-end tests bind to the
 * page with `exposeBinding`. Plain Node: it never imports `electron`.
 */
export function createHandlers(services: Services): HandlerTable {
  const session = services.session ?? new ExaminerSession();
  const intakes = new IntakeTasks({
    session,
    toolVersion: services.versions.app,
    progress: services.progress ?? (() => undefined),
  });
  const attributions = new AttributionTasks({
    session,
    toolVersion: services.versions.app,
    progress: services.progress ?? (() => undefined),
  });
  const streams = new EventStreams();
  const requireSigner = (what: string) => {
    const signer = session.signer();
    if (signer === null) {
      throw new IdentityError(
        'IDENTITY_LOCKED',
        `sign in as examiner first: ${what} is saved as a signed custody record`,
      );
    }
    return signer;
  };
  const profilesDir = services.profilesDir ?? join(services.cases.casesRoot, '.profiles');
  const opened = new OpenedPackages();
  const tasks = new TaskControls();
  const progress = services.progress ?? (() => undefined);
  const now = services.now ?? (() => new Date());
  return {
    ...createExportHandlers({
      cases: services.cases,
      session,
      toolVersion: services.versions.app,
      progress,
      opened,
      tasks,
      now,
      ...(services.verifierPage === undefined ? {} : { verifierPage: services.verifierPage }),
    }),
    ...createDemoHandlers({
      cases: services.cases,
      toolVersion: services.versions.app,
      progress,
      tasks,
      now,
    }),
    ...createPackageHandlers({
      opened,
      tasks,
      progress,
      now,
      ...(services.pickPackage === undefined ? {} : { pickPackage: services.pickPackage }),
    }),
    'attribution:run': async (request) => {
      const detail = await services.cases.open(request.id);
      const run = await attributions.run({
        caseDir: detail.path,
        task: request.task,
        observationsCsv: request.observationsCsv,
        observationArtefacts: request.observationArtefacts,
        records: request.records,
        toleranceSeconds: request.toleranceSeconds,
      });
      return {
        // The engine's readonly result objects are exactly the contract's shape (checked by dispatch).
        results: run.results as unknown as AttributionResultValue[],
        statusCounts: run.statusCounts,
        resultsSha256: run.resultsSha256,
        engineVersion: run.engineVersion,
        inputs: [
          ...run.observationArtefacts.map((a) => ({
            ...inputView(a),
            role: 'observations' as const,
          })),
          ...run.records.map((a) => ({ ...inputView(a), role: 'records' as const })),
        ],
        warnings: run.warnings.map((w) => ({
          artefact: w.artefact,
          code: w.warning.code,
          message: w.warning.message,
        })),
      };
    },
    'attribution:cancel': async (request) => ({ cancelled: attributions.cancel(request.task) }),
    'attribution:record': async (request) => {
      const detail = await services.cases.open(request.id);
      const saved = await attributions.record(detail.path, request.task, request.note);
      return { sha256: saved.sha256, seq: saved.seq };
    },
    'workspace:sources': async (request) => {
      const detail = await services.cases.open(request.id);
      const { records } = await readArtefacts(detail.path);
      const names = new Map<string, string>();
      for (const r of records) if (r.entry === 'file') names.set(r.digests.sha256, r.original.name);
      const { parse } = await currentDecisions(detail.path);
      const sources = [...parse.values()].map(({ sha256, decision }) => ({
        artefact: decision.artefact,
        name: names.get(decision.artefact) ?? decision.artefact,
        format: decision.format,
        parserVersion: decision.parserVersion,
        decision: sha256,
      }));
      return { sources };
    },
    'workspace:open': async (request) => {
      const detail = await services.cases.open(request.id);
      const artefact = await findFileArtefact(detail.path, request.artefact);
      const last = (await currentDecisions(detail.path)).parse.get(request.artefact)?.decision;
      if (last === undefined) {
        throw new ParseError(
          'PARSE_FORMAT_UNKNOWN',
          `${artefact.original.name} has no recorded parse decision yet: parse it on the Artefacts screen first`,
          { where: request.artefact },
        );
      }
      return {
        stream: streams.open({
          caseDir: detail.path,
          artefact: request.artefact,
          fileName: artefact.original.name,
          format: last.format,
          options: last.options,
        }),
      };
    },
    'workspace:next': async (request) => streams.next(request.stream, request.max),
    'workspace:close': async (request) => ({ closed: streams.close(request.stream) }),
    'workspace:excerpt': async (request) => {
      const detail = await services.cases.open(request.id);
      await findFileArtefact(detail.path, request.artefact);
      return readLine(detail.path, request.artefact, request.line);
    },
    'analysis:list': async (request) => {
      const detail = await services.cases.open(request.id);
      const bookmarks = [];
      const corrections = new Map<string, ClockCorrectionViewValue>();
      for (const d of (await readDecisions(detail.path)).decisions) {
        const x = d.decision;
        if (x.kind === 'bookmark') {
          bookmarks.push({
            artefact: x.artefact,
            locator: x.locator,
            eventType: x.eventType,
            ts: x.ts,
            label: x.label,
            by: d.by,
            at: d.at,
            seq: d.seq,
          });
        } else if (x.kind === 'clock-correction') {
          corrections.set(x.artefact, {
            artefact: x.artefact,
            offsetSeconds: x.offsetSeconds,
            reason: x.reason,
            by: d.by,
            at: d.at,
            seq: d.seq,
          });
        }
      }
      return { bookmarks, corrections: [...corrections.values()] };
    },
    'analysis:bookmark': async (request) => {
      const signer = requireSigner('a bookmark');
      const detail = await services.cases.open(request.id);
      const artefact = await findFileArtefact(detail.path, request.artefact);
      const saved = await recordDecision(
        detail.path,
        signer,
        {
          v: 1,
          kind: 'bookmark',
          artefact: request.artefact,
          locator: request.locator,
          eventType: request.eventType,
          ts: request.ts,
          label: request.label,
          decidedAt: new Date().toISOString(),
          decidedBy: { name: signer.name, cert: signer.certSha256 },
        },
        `bookmark on ${artefact.original.name}: ${request.label.slice(0, 200)}`,
        { toolVersion: services.versions.app },
      );
      return { sha256: saved.sha256, seq: saved.seq };
    },
    'analysis:correctClock': async (request) => {
      const signer = requireSigner('a clock correction');
      const detail = await services.cases.open(request.id);
      const artefact = await findFileArtefact(detail.path, request.artefact);
      const saved = await recordDecision(
        detail.path,
        signer,
        {
          v: 1,
          kind: 'clock-correction',
          artefact: request.artefact,
          offsetSeconds: request.offsetSeconds,
          reason: request.reason,
          decidedAt: new Date().toISOString(),
          decidedBy: { name: signer.name, cert: signer.certSha256 },
        },
        `clock correction of ${request.offsetSeconds} s for ${artefact.original.name}: ${request.reason.slice(0, 200)}`,
        { toolVersion: services.versions.app },
      );
      return { sha256: saved.sha256, seq: saved.seq };
    },
    'profiles:list': async () => listProfiles(profilesDir),
    'profiles:save': async (request) => ({ file: await saveProfile(profilesDir, request.profile) }),
    'intake:pick': async () => ({ paths: (await services.pickEvidence?.()) ?? [] }),
    'intake:start': async (request) => {
      const detail = await services.cases.open(request.id);
      const { task } = intakes.start({
        caseDir: detail.path,
        paths: request.paths,
        receivedFrom: request.receivedFrom,
        source: request.source,
        note: request.note,
      });
      return { task };
    },
    'intake:cancel': async (request) => ({ cancelled: intakes.cancel(request.task) }),
    'app:info': async () => ({
      name: 'Sealcase',
      version: services.versions.app,
      electron: services.versions.electron,
      chromium: services.versions.chromium,
      node: services.versions.node,
      casesRoot: services.cases.casesRoot,
    }),
    'case:list': async () => services.cases.list(),
    'case:create': async (request) => {
      // Signed from the start when an examiner is unlocked; otherwise the ledger starts at the
      // case's first signed action.
      const signer = session.signer();
      if (signer === null) return services.cases.create(request);
      return services.cases.create(request, {
        examiners: [{ name: signer.name, org: null, certificateSha256: signer.certSha256 }],
        initialize: async (staging, file) => {
          await startCaseLedger(staging, file, signer, {
            now: () => new Date(),
            toolVersion: services.versions.app,
          });
        },
      });
    },
    'identity:status': async () => session.status(),
    'identity:unlock': async (request) => session.unlock(request.path, request.passphrase),
    'identity:lock': async () => session.lock(),
    'identity:pick': async () => ({ path: (await services.pickIdentityFile?.()) ?? null }),
    'case:open': async (request) => services.cases.open(request.id),
    'artefacts:list': async (request) => {
      const detail = await services.cases.open(request.id);
      const { records, problems } = await readArtefacts(detail.path);
      return { artefacts: records, problems };
    },
    'parse:formats': async () => ({
      formats: createDefaultRegistry()
        .list()
        .map((p) => ({
          name: p.name,
          version: p.version,
          description: p.description,
          kinds: [...p.kinds],
          eventTypes: [...p.eventTypes],
        })),
    }),
    'parse:preview': async (request) => {
      const detail = await services.cases.open(request.id);
      const artefact = await findFileArtefact(detail.path, request.artefact);
      const preview = await previewParse({
        caseDir: detail.path,
        artefact: request.artefact,
        fileName: artefact.original.name,
        options: request.options,
        ...(request.format === undefined ? {} : { format: request.format }),
      });
      return { ...preview, detected: [...preview.detected] };
    },
    'parse:record': async (request) => {
      const signer = session.signer();
      if (signer === null) {
        throw new IdentityError(
          'IDENTITY_LOCKED',
          'sign in as examiner first: a parse decision is a signed custody record',
        );
      }
      const detail = await services.cases.open(request.id);
      const artefact = await findFileArtefact(detail.path, request.artefact);
      const parser = createDefaultRegistry().get(request.format);
      if (parser === undefined) {
        throw new ParseError('PARSE_FORMAT_NOT_FOUND', `no parser named "${request.format}"`, {
          where: request.format,
        });
      }
      validateParseOptions(request.options);
      const saved = await recordDecision(
        detail.path,
        signer,
        {
          v: 1,
          kind: 'parse',
          artefact: request.artefact,
          format: parser.name,
          parserVersion: parser.version,
          options: request.options,
          decidedAt: new Date().toISOString(),
          decidedBy: { name: signer.name, cert: signer.certSha256 },
          ...(request.note === undefined || request.note === '' ? {} : { note: request.note }),
        },
        `parse decision for ${artefact.original.name}: ${parser.name} ${parser.version}`,
        { toolVersion: services.versions.app },
      );
      return { sha256: saved.sha256, seq: saved.seq };
    },
    'parse:decisions': async (request) => {
      const detail = await services.cases.open(request.id);
      const listing = await readDecisions(detail.path);
      return {
        decisions: listing.decisions
          .flatMap((d) => (d.decision.kind === 'parse' ? [{ ...d, decision: d.decision }] : []))
          .map((d) => ({
            artefact: d.decision.artefact,
            format: d.decision.format,
            parserVersion: d.decision.parserVersion,
            options: d.decision.options,
            note: d.decision.note ?? null,
            sha256: d.sha256,
            seq: d.seq,
            at: d.at,
            by: d.by,
          })),
        problems: listing.problems,
      };
    },
    'custody:verify': async (request) => {
      const detail = await services.cases.open(request.id);
      return custodyReport(detail.path, new Date());
    },
  };
}

async function findFileArtefact(caseDir: string, sha256: string) {
  const { records } = await readArtefacts(caseDir);
  for (const r of records) {
    if (r.entry === 'file' && r.digests.sha256 === sha256) return r;
  }
  throw new ParseError('PARSE_ARTEFACT_NOT_FOUND', `this case holds no artefact ${sha256}`, {
    where: sha256,
  });
}

function inputView(a: {
  artefact: string;
  format: string;
  parserVersion: string;
  decision: string | null;
}) {
  return {
    artefact: a.artefact,
    format: a.format,
    parserVersion: a.parserVersion,
    decided: a.decision !== null,
  };
}

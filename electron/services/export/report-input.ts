/**
 * Assembles the report's input (shared/report ReportInput) from what the export gathered. Pure
 * mapping; the report layout is shared/report's.
 */
import type { AttributionResult } from '../../../shared/attribution';
import { ATTRIBUTION_ENGINE_VERSION } from '../../../shared/attribution';
import type { AttributionResultValue } from '../../../shared/contracts';
import type { Checkpoint, VerifiedRecord } from '../../../shared/custody';
import type { CaseFile, ClockCorrectionV1, FileArtefact } from '../../../shared/model';
import type { ReportInputData } from '../../../shared/report';
import type { DerivedEvents, EventSelection } from './derive-events';
import type { ReplayedRun } from './attribution-replay';

export interface ReportAssembly {
  readonly caseFile: CaseFile;
  readonly examiner: { name: string; org: string | null; subject: string; certSha256: string };
  readonly packageId: string;
  readonly generatedAt: string;
  readonly files: readonly FileArtefact[];
  readonly records: readonly VerifiedRecord[];
  readonly checkpoint: Checkpoint;
  readonly derived: DerivedEvents;
  readonly selection: EventSelection;
  readonly attribution: readonly ReplayedRun[];
  readonly clockCorrections: readonly ClockCorrectionV1[];
  readonly toolVersion: string;
}

function selectionStatement(selection: EventSelection, shown: number, total: number): string {
  switch (selection) {
    case 'bookmarked':
      return `the ${shown} bookmarked event(s) of ${total} derived (all are in data/events.jsonl)`;
    case 'all':
      return `all ${total} derived events`;
  }
}

export function assembleReportInput(a: ReportAssembly): ReportInputData {
  const names = new Map(a.files.map((f) => [f.digests.sha256, f.original.name]));
  const results: AttributionResult[] = a.attribution.flatMap((r) => [...r.results]);
  return {
    v: 1,
    case: {
      number: a.caseFile.number,
      title: a.caseFile.title,
      authority: a.caseFile.authority,
      created: a.caseFile.created,
      caseId: a.caseFile.id,
    },
    examiner: a.examiner,
    packageId: a.packageId,
    generatedAt: a.generatedAt,
    artefacts: a.files.map((f) => ({
      name: f.original.name,
      kind: f.contentKind,
      size: f.size,
      md5: f.digests.md5,
      sha1: f.digests.sha1,
      sha256: f.digests.sha256,
      acquiredAt: f.acquiredAt,
      acquiredBy: f.acquiredBy ?? 'unknown',
      receivedFrom: f.receivedFrom,
      source: f.source,
      method: f.method,
      note: f.note,
    })),
    custody: {
      records: a.records.map((r) => r.record),
      checkpoint: {
        size: a.checkpoint.size,
        root: a.checkpoint.root,
        signedAt: a.checkpoint.at,
        signer: a.checkpoint.actor.name,
        signerCert: a.checkpoint.actor.cert,
      },
    },
    timeline: {
      selection: {
        mode: a.selection === 'bookmarked' ? 'bookmarks' : 'all',
        statement: selectionStatement(a.selection, a.derived.timeline.length, a.derived.count),
      },
      events: a.derived.timeline,
      notes: a.derived.notes,
    },
    emails: a.derived.emails,
    // The engine's result objects are the contract's shape (as in the attribution:run handler).
    attribution: results as unknown as AttributionResultValue[],
    method: {
      sealcaseVersion: a.toolVersion,
      tools: [{ name: 'Node.js', version: process.versions.node }],
      parseRuns: a.derived.parseRuns.map((p) => ({ ...p, decision: p.decision })),
      clockCorrections: a.clockCorrections.map((c) => ({
        artefact: c.artefact,
        artefactName: names.get(c.artefact) ?? c.artefact,
        offsetSeconds: c.offsetSeconds,
        reason: c.reason,
        decidedAt: c.decidedAt,
        decidedBy: c.decidedBy.name,
      })),
      toleranceSeconds: a.attribution[0]?.toleranceSeconds ?? 0,
      attributionEngineVersion: a.attribution[0]?.engineVersion ?? ATTRIBUTION_ENGINE_VERSION,
      notes: a.derived.warnings,
    },
  };
}

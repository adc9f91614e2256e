import type { VerifiedRecord } from '../custody/verify';
import { InterchangeError } from '../errors';
import type { AnalysisDecision } from '../model/analysis';
import type { ArtefactRecord } from '../model/artefact';
import type { CaseFile } from '../model/case-file';

/** A decision file of the case: its SHA-256 (the file's name in `analysis/`) and its content. */
export interface DecisionFile {
  readonly sha256: string;
  readonly decision: AnalysisDecision;
}

/** The export being written, when the graph goes into a package (`data/case-uco.jsonld`). */
export interface ExportInfo {
  /** The package's id (bag-info `External-Identifier`), written as the exhibit number. */
  readonly packageId: string;
  /** ISO 8601 UTC with milliseconds. */
  readonly createdAt: string;
  /** The examiner who signs the export. */
  readonly by: { readonly name: string; readonly cert: string };
}

export interface CaseUcoInput {
  readonly caseFile: CaseFile;
  /** Every acquisition record of the case, in ledger order. */
  readonly artefacts: readonly ArtefactRecord[];
  /** The verified ledger (hash per record): actions, custody transfers, signers. */
  readonly ledger: readonly VerifiedRecord[];
  readonly decisions: readonly DecisionFile[];
  /** The Sealcase version writing the graph (the export's instrument). */
  readonly toolVersion: string;
  readonly export?: ExportInfo;
}

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function bad(where: string, what: string): never {
  throw new InterchangeError('INTERCHANGE_INPUT_INVALID', `${where}: ${what}`, { where });
}

/** Checks what the graph writes as hashes and times; throws `INTERCHANGE_INPUT_INVALID`. */
export function checkCaseUcoInput(input: CaseUcoInput): void {
  if (input.toolVersion.trim() === '') bad('toolVersion', 'empty');
  input.decisions.forEach((d, i) => {
    if (!HEX64.test(d.sha256)) bad(`decisions[${i}].sha256`, 'not a lower-case SHA-256 hex');
  });
  input.ledger.forEach((r, i) => {
    if (!HEX64.test(r.hash)) bad(`ledger[${i}].hash`, 'not a lower-case SHA-256 hex');
  });
  const e = input.export;
  if (e !== undefined) {
    if (!ISO_MS.test(e.createdAt)) bad('export.createdAt', 'not ISO 8601 UTC with milliseconds');
    if (e.packageId.trim() === '') bad('export.packageId', 'empty');
    if (!HEX64.test(e.by.cert)) bad('export.by.cert', 'not a lower-case SHA-256 hex');
  }
}

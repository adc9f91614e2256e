/**
 * The parts of a bag that differ in a redacted derivative (shared/package/FORMAT.md §10): which
 * decision files go in, the report's "withheld" statement, and the last scan of the written files
 * for a withheld value left in clear.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExportError } from '../../../shared/errors/export-error';
import type { RedactionStatement } from '../../../shared/interchange/redaction-statement';
import { analysisPathFor, type AnalysisDecision } from '../../../shared/model';
import {
  BAG_INFO_TXT,
  CERTS_DIR,
  decisionPath,
  README_TXT,
  REPORT_PDF,
} from '../../../shared/package';
import { DEFAULT_DECLARATION, type ReportInputData } from '../../../shared/report';
import { exportIo, type BagWriter } from './bag-writer';
import { findLeak, leak, scanFileForLeak } from './redaction';

/** Why whole files are left out of a derivative (redaction.json `leftOut.reason`, README). */
export const LEFT_OUT_REASON =
  'The originals are not in this derivative: they hold the withheld values in clear. Decision files that name a withheld value are left out for the same reason. The full package holds both; the ledger names every one of them by SHA-256.';

interface Decision {
  readonly sha256: string;
  readonly decision: AnalysisDecision;
}

/**
 * Copies each decision file into the bag byte for byte (its SHA-256 checked); with `needles`
 * (a derivative), a file holding one of them is left out. Returns the decisions written.
 */
export async function writeDecisions(
  bag: BagWriter,
  caseDir: string,
  decisions: readonly Decision[],
  needles: readonly Buffer[],
): Promise<Decision[]> {
  const kept: Decision[] = [];
  for (const d of decisions) {
    const source = join(caseDir, analysisPathFor(d.sha256));
    let bytes: Buffer;
    try {
      bytes = await readFile(source);
    } catch (error) {
      throw exportIo(source, 'reading', error);
    }
    if (createHash('sha256').update(bytes).digest('hex') !== d.sha256) {
      throw new ExportError(
        'EXPORT_CASE_INVALID',
        `${source}: its bytes no longer hash to the SHA-256 its ledger record names`,
        { where: source },
      );
    }
    if (findLeak(bytes, needles) >= 0) continue;
    await bag.writeFile(decisionPath(d.sha256), bytes);
    kept.push(d);
  }
  return kept;
}

/** The report's "withheld" statement, in words (appended to the examiner's declaration). */
export function withheldNotice(s: RedactionStatement): string {
  const values = s.withheld.reduce((n, w) => n + w.values, 0);
  const fields = s.withheld.map((w) => `${w.field} (${w.values} values, ${w.distinct} distinct)`);
  const left = s.leftOut;
  return [
    `REDACTED DERIVATIVE. This report belongs to a redacted derivative of package ${s.derivedFrom.packageId ?? ''} (SHA-256 of its manifest-sha256.txt: ${s.derivedFrom.manifestSha256}), made for sharing; the full package is the evidence.`,
    `Withheld fields asked for: ${s.requested.join(', ')}. Withheld here: ${fields.length === 0 ? 'none met' : fields.join('; ')} — ${values} value(s) in all, each replaced by a salted commitment "sha256:<hex>" (${s.scheme.name}: ${s.scheme.formula}; data/redaction.json). The same value in the same field has the same commitment throughout, so records can still be correlated; ${s.inlineReplacements} further occurrence(s) inside other text of the same records were replaced too.`,
    'The salt is kept by the examining lab with the case, not in this package: nobody without it can test a guessed value; with it, the lab can prove any withheld value.',
    left === undefined
      ? ''
      : `${left.originals} original(s) and ${left.decisions} decision file(s) are left out. ${left.reason}`,
  ]
    .filter((p) => p !== '')
    .join('\n\n');
}

/**
 * The report input of a derivative: the statement after the declaration and in the method notes;
 * refused (`EXPORT_REDACTION_LEAK`) when a withheld value is still in any of its text.
 */
export function redactReportInput(
  input: ReportInputData,
  statement: RedactionStatement,
  needles: readonly Buffer[],
): ReportInputData {
  const notice = withheldNotice(statement);
  const out: ReportInputData = {
    ...input,
    declaration: `${input.declaration ?? DEFAULT_DECLARATION}\n\n${notice}`,
    method: {
      ...input.method,
      notes: [
        ...(input.method.notes ?? []),
        `Redacted derivative: fields ${statement.requested.join(', ')} withheld as salted commitments; originals left out (see the declaration and data/redaction.json).`,
      ],
    },
  };
  const at = findLeak(Buffer.from(JSON.stringify(out), 'utf8'), needles);
  if (at >= 0) throw leak(REPORT_PDF, 'the report text');
  return out;
}

/**
 * Every payload file that holds case text (all but the signed PDF, whose input was checked, and
 * the certificates) and the tag files with case text (bag-info.txt, README.txt), streamed and
 * searched for each withheld value.
 */
export async function scanBagForLeaks(bag: BagWriter, needles: readonly Buffer[]): Promise<void> {
  const paths = [
    ...bag.payload
      .map((e) => e.path)
      .filter((p) => p !== REPORT_PDF && !p.startsWith(`${CERTS_DIR}/`)),
    BAG_INFO_TXT,
    README_TXT,
  ];
  for (const path of paths) {
    await scanFileForLeak(join(bag.root, ...path.split('/')), path, needles);
  }
}

import type { z } from 'zod';
import { RedactionStatementV1 } from '../../interchange/redaction-statement';
import { AnalysisDecision, CaseFileV1, SealcaseEvent } from '../../model';
import type { PackageFindingCode } from '../finding-codes';
import {
  ATTRIBUTION_JSONL,
  BAG_INFO_TXT,
  CASE_JSON,
  classifyBagPath,
  decisionPath,
  EVENTS_JSONL,
  PAYLOAD_DIR,
  REDACTION_JSON,
} from '../layout';
import { AttributionLineV1 } from '../package-json';
import { parseJsonFile } from './json-file';
import { forEachLine } from './lines';
import type { VerifyRun } from './run';

/** Findings of one kind for one file beyond this are summed up in one more finding. */
const MAX_FINDINGS_PER_FILE = 20;

function limited(run: VerifyRun, file: string) {
  let count = 0;
  return {
    add(code: PackageFindingCode, message: string): void {
      count++;
      if (count <= MAX_FINDINGS_PER_FILE) run.add(code, file, message);
    },
    close(code: PackageFindingCode): void {
      if (count > MAX_FINDINGS_PER_FILE) {
        run.add(code, file, `${count - MAX_FINDINGS_PER_FILE} more lines with findings`);
      }
    },
  };
}

type Limited = ReturnType<typeof limited>;

/**
 * Each line of a JSON-lines file (when present) validated by `schema` and handed to `onValue`;
 * bad lines are JSON_INVALID with their number. Returns how many lines validated.
 */
async function eachJsonLine<T>(
  run: VerifyRun,
  path: string,
  schema: z.ZodType<T>,
  what: string,
  onValue: (value: T, line: number, out: Limited) => void,
): Promise<number> {
  if (!run.has(path)) return 0;
  const out = limited(run, path);
  let count = 0;
  await forEachLine(run, path, (line, n) => {
    if (!line.ok) return out.add('JSON_INVALID', `line ${n}: ${line.problem}`);
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch {
      return out.add('JSON_INVALID', `line ${n}: not JSON`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      return out.add(
        'JSON_INVALID',
        `line ${n}: not ${what} (${parsed.error.issues[0]?.message ?? 'invalid'})`,
      );
    }
    count++;
    onValue(parsed.data, n, out);
  });
  out.close('JSON_INVALID');
  return count;
}

/**
 * FORMAT.md §7.12: originals are named by their SHA-256 and were acquired on the ledger;
 * decisions are named by their SHA-256 and recorded; events, attribution lines and decisions
 * reference only originals present; case.json validates and matches bag-info.
 */
export async function checkContent(run: VerifyRun): Promise<void> {
  await run.step('content', 'Originals, decisions and events', 'JSON_INVALID', async () => {
    const originals = new Set<string>();
    const decisions: string[] = [];
    for (const path of run.files.keys()) {
      if (!path.startsWith(`${PAYLOAD_DIR}/`)) continue;
      const kind = classifyBagPath(path);
      if (kind === null) {
        run.add('FILE_EXTRA', path, 'not a file of a version 1 package');
        continue;
      }
      const actual = run.digests.get(path);
      switch (kind.kind) {
        case 'original':
          originals.add(kind.sha256);
          if (actual !== undefined && actual !== kind.sha256) {
            run.add('ORIGINAL_NAME_MISMATCH', path, `its bytes hash to ${actual}`);
          }
          if (!run.acquired.has(kind.sha256)) {
            run.add(
              'ORIGINAL_NOT_ACQUIRED',
              path,
              'no artefact.acquired record of the ledger names this SHA-256',
            );
          }
          break;
        case 'decision':
          decisions.push(kind.sha256);
          if (actual !== undefined && actual !== kind.sha256) {
            run.add('DECISION_NOT_RECORDED', path, `its bytes hash to ${actual}`);
          } else if (!run.decisions.has(kind.sha256)) {
            run.add(
              'DECISION_NOT_RECORDED',
              path,
              'no analysis.recorded record of the ledger names this SHA-256',
            );
          }
          break;
        case 'redaction':
        case 'tag':
        case 'fixed':
        case 'cert':
          break;
      }
    }
    // A redacted derivative leaves the originals out (FORMAT.md §10): there an event may name any
    // original the ledger's artefact.acquired records name.
    const redacted = run.bagInfo?.['Sealcase-Redaction'] === 'redacted';
    await checkRedaction(run, redacted);
    const orphan = (artefact: string | undefined): boolean =>
      artefact !== undefined &&
      !originals.has(artefact) &&
      !(redacted && run.acquired.has(artefact));

    for (const sha of decisions) {
      const path = decisionPath(sha);
      const decision = parseJsonFile(
        run,
        path,
        await run.read(path, 64 * 1024 * 1024),
        AnalysisDecision,
        'JSON_INVALID',
      );
      if (decision === null) continue;
      const named: string[] = [];
      switch (decision.kind) {
        case 'parse':
          named.push(decision.artefact);
          break;
        case 'attribution':
          for (const i of [...decision.records, ...decision.observationArtefacts])
            named.push(i.artefact);
          break;
        case 'bookmark':
        case 'clock-correction':
          break;
      }
      for (const a of named.filter(orphan)) {
        run.add('EVENT_ORPHAN', path, `names original ${a}, which is not in the package`);
      }
    }

    const events = await eachJsonLine(run, EVENTS_JSONL, SealcaseEvent, 'an event', (e, n, out) => {
      if (orphan(e.artefact)) {
        out.add(
          'EVENT_ORPHAN',
          `line ${n}: artefact ${e.artefact} is not an original of the package`,
        );
      }
    });
    const present = new Set(decisions);
    const results = await eachJsonLine(
      run,
      ATTRIBUTION_JSONL,
      AttributionLineV1,
      'an attribution line',
      (line, n, out) => {
        if (!present.has(line.run) && !(redacted && run.decisions.has(line.run))) {
          out.add('EVENT_ORPHAN', `line ${n}: run ${line.run} is not a decision of the package`);
        }
      },
    );

    if (run.has(CASE_JSON)) {
      const caseFile = parseJsonFile(
        run,
        CASE_JSON,
        await run.read(CASE_JSON, 1024 * 1024),
        CaseFileV1,
        'JSON_INVALID',
      );
      const number = run.bagInfo?.['Sealcase-Case-Number'];
      if (caseFile !== null && number !== undefined && caseFile.number !== number) {
        run.add(
          'BAG_INFO_INVALID',
          BAG_INFO_TXT,
          `Sealcase-Case-Number ${number}, case.json says ${caseFile.number}`,
        );
      }
      const id = run.bagInfo?.['Sealcase-Case-Id'];
      if (caseFile !== null && id !== undefined && caseFile.id !== id) {
        run.add(
          'BAG_INFO_INVALID',
          BAG_INFO_TXT,
          `Sealcase-Case-Id ${id}, case.json says ${caseFile.id}`,
        );
      }
    }
    return `${originals.size} originals, ${decisions.length} decisions, ${events} events, ${results} attribution results`;
  });
}

/** FORMAT.md §10: `data/redaction.json` is there exactly in a redacted bag and names its full package. */
async function checkRedaction(run: VerifyRun, redacted: boolean): Promise<void> {
  if (!run.has(REDACTION_JSON)) {
    if (redacted)
      run.add('FILE_MISSING', REDACTION_JSON, 'a redacted derivative without its statement');
    return;
  }
  if (!redacted) {
    run.add(
      'FILE_EXTRA',
      REDACTION_JSON,
      'a redaction statement in a package that is not redacted',
    );
    return;
  }
  const statement = parseJsonFile(
    run,
    REDACTION_JSON,
    await run.read(REDACTION_JSON, 64 * 1024 * 1024),
    RedactionStatementV1,
    'JSON_INVALID',
  );
  const full = run.bagInfo?.['Sealcase-Full-Package'];
  if (statement !== null && statement.derivedFrom.manifestSha256 !== full) {
    run.add(
      'BAG_INFO_INVALID',
      BAG_INFO_TXT,
      `Sealcase-Full-Package ${full ?? '(absent)'}, redaction.json names ${statement.derivedFrom.manifestSha256}`,
    );
  }
}

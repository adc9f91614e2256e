/**
 * Saving analysis decisions (shared/model/analysis.ts): the decision's canonical JSON is written
 * to `analysis/<sha256>.json` (temp file, fsync, rename, folder fsync, read-only), and then a
 * signed `analysis.recorded` ledger record names it by that hash. Order matters for "nothing
 * lost": a crash after the file and before the record leaves an unreferenced file (harmless and
 * reported by `readDecisions`), never a record pointing at nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { CustodyError } from '../../../shared/errors';
import { canonicalJson, LEDGER_FILE_NAME, LedgerRecordV1 } from '../../../shared/custody';
import {
  AnalysisDecision,
  analysisPathFor,
  type ParseDecisionV1,
  type AnalysisDecision as Decision,
} from '../../../shared/model';
import { CustodyLedger, recordCaseCreated, type LedgerSigner } from '../custody';
import { readCaseFolder } from '../cases';

export interface SavedDecision {
  readonly sha256: string;
  readonly file: string;
  readonly seq: number;
  readonly decision: Decision;
}

async function fsyncDir(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes the decision file (idempotent: the same decision is the same file). */
export async function writeDecisionFile(
  caseDir: string,
  decision: Decision,
): Promise<{ sha256: string; file: string }> {
  const checked = AnalysisDecision.parse(decision);
  const bytes = Buffer.from(canonicalJson(checked), 'utf8');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = analysisPathFor(sha256);
  const dir = join(caseDir, 'analysis');
  await mkdir(dir, { recursive: true });
  const target = join(caseDir, file);
  try {
    const existing = await readFile(target);
    if (createHash('sha256').update(existing).digest('hex') === sha256) return { sha256, file };
  } catch {
    // not there yet
  }
  const tmp = join(dir, `.${randomUUID()}.tmp`);
  try {
    const handle = await open(tmp, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(tmp, 0o444);
    await rename(tmp, target);
    await fsyncDir(dir);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw new CustodyError(
      'CUSTODY_IO',
      `${target}: cannot save the decision (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      { where: target, cause: error },
    );
  }
  return { sha256, file };
}

export interface RecordDecisionDeps {
  readonly toolVersion: string;
  readonly now?: () => Date;
}

/** Saves the file, then appends the signed `analysis.recorded` record. */
export async function recordDecision(
  caseDir: string,
  signer: LedgerSigner,
  decision: Decision,
  reason: string,
  deps: RecordDecisionDeps,
): Promise<SavedDecision> {
  const { sha256, file } = await writeDecisionFile(caseDir, decision);
  const now = deps.now ?? (() => new Date());
  const { ledger } = await CustodyLedger.open(
    caseDir,
    { now, toolVersion: deps.toolVersion },
    signer,
  );
  if (ledger.size === 0) {
    await recordCaseCreated(
      ledger,
      await readCaseFolder(caseDir),
      signer,
      'ledger started at the first signed action',
    );
  }
  const record = await ledger.append(signer, {
    action: 'analysis.recorded',
    ...ledgerFieldsOf(decision),
    reason,
    details: { sha256, file, kind: decision.kind, ...detailsOf(decision) },
  });
  return { sha256, file, seq: record.seq, decision };
}

/** What the ledger record names: the artefacts concerned and the tool versions that matter. */
function ledgerFieldsOf(decision: Decision): {
  subject: { artefacts: string[] };
  tool: Record<string, string>;
} {
  switch (decision.kind) {
    case 'parse':
      return {
        subject: { artefacts: [decision.artefact] },
        tool: { parser: `${decision.format}@${decision.parserVersion}` },
      };
    case 'bookmark':
      return { subject: { artefacts: [decision.artefact] }, tool: {} };
    case 'clock-correction':
      return { subject: { artefacts: [decision.artefact] }, tool: {} };
    case 'attribution': {
      const artefacts = [
        ...new Set([
          ...decision.observationArtefacts.map((a) => a.artefact),
          ...decision.records.map((r) => r.artefact),
        ]),
      ].slice(0, 1000);
      return {
        subject: { artefacts },
        tool: { attribution: decision.engineVersion },
      };
    }
  }
}

function detailsOf(decision: Decision): Record<string, unknown> {
  switch (decision.kind) {
    case 'parse':
      return { format: decision.format, parserVersion: decision.parserVersion };
    case 'bookmark':
      return { locator: decision.locator, eventType: decision.eventType, ts: decision.ts };
    case 'clock-correction':
      return { offsetSeconds: decision.offsetSeconds };
    case 'attribution':
      return {
        engineVersion: decision.engineVersion,
        resultsSha256: decision.resultsSha256,
        results: decision.results,
        statusCounts: decision.statusCounts,
        toleranceSeconds: decision.toleranceSeconds,
      };
  }
}

export interface DecisionListing {
  /** Every recorded decision in ledger order, with the record that names it. */
  readonly decisions: Array<SavedDecision & { readonly at: string; readonly by: string }>;
  /** Records whose file is missing or does not match its hash, by seq. */
  readonly problems: Array<{ readonly seq: number; readonly message: string }>;
}

/** The decisions the ledger names, each checked against its file's hash. */
export async function readDecisions(caseDir: string): Promise<DecisionListing> {
  let text: string;
  try {
    text = await readFile(join(caseDir, LEDGER_FILE_NAME), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { decisions: [], problems: [] };
    throw error;
  }
  const decisions: DecisionListing['decisions'] = [];
  const problems: DecisionListing['problems'] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const parsed = LedgerRecordV1.safeParse(safeJson(line));
    if (!parsed.success || parsed.data.action !== 'analysis.recorded') continue;
    const r = parsed.data;
    const sha = typeof r.details['sha256'] === 'string' ? r.details['sha256'] : '';
    const file = analysisPathFor(sha);
    try {
      const bytes = await readFile(join(caseDir, file));
      if (createHash('sha256').update(bytes).digest('hex') !== sha) {
        problems.push({ seq: r.seq, message: `${file} does not match the hash its record names` });
        continue;
      }
      const decision = AnalysisDecision.parse(JSON.parse(bytes.toString('utf8')));
      decisions.push({ sha256: sha, file, seq: r.seq, decision, at: r.at, by: r.actor.name });
    } catch (error) {
      problems.push({
        seq: r.seq,
        message: `${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'not a valid decision file'}`,
      });
    }
  }
  return { decisions, problems };
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return null;
  }
}

/** The parse decision that holds for an artefact: the latest recorded one (ledger order). */
export interface CurrentParseDecision {
  readonly sha256: string;
  readonly decision: ParseDecisionV1;
}

/** Per artefact, its latest recorded parse decision, and per artefact its latest clock correction. */
export async function currentDecisions(caseDir: string): Promise<{
  readonly parse: Map<string, CurrentParseDecision>;
  readonly clockCorrections: Record<string, number>;
}> {
  const parse = new Map<string, CurrentParseDecision>();
  const clockCorrections: Record<string, number> = {};
  for (const d of (await readDecisions(caseDir)).decisions) {
    const x = d.decision;
    if (x.kind === 'parse') parse.set(x.artefact, { sha256: d.sha256, decision: x });
    else if (x.kind === 'clock-correction') clockCorrections[x.artefact] = x.offsetSeconds;
  }
  return { parse, clockCorrections };
}

/**
 * What the package says was decided, read from its ledger (the record of truth) in ledger order:
 * the `analysis.recorded` records name the decision files `data/analysis/<sha256>.json`, and the
 * `artefact.acquired` records give each original's true name (the package's file name is the
 * made-safe one, FORMAT.md §2). As at export (CurrentParseDecision), the parse decision that
 * holds for an artefact is its latest; attribution runs come in the order they were recorded.
 */
import { createHash } from 'node:crypto';
import { LedgerRecordV1 } from '../../../shared/custody';
import { ReproduceError } from '../../../shared/errors/reproduce-error';
import {
  AnalysisDecision,
  ArtefactRecordV1,
  type AttributionDecisionV1,
  type ParseDecisionV1,
} from '../../../shared/model';
import { decisionPath, LEDGER_JSONL } from '../../../shared/package';
import { LineReader } from './line-reader';
import type { VerifiedPackage } from './verified-package';

/** A decision file is canonical JSON of a decision; an observations CSV may make it large. */
const MAX_DECISION_BYTES = 64 * 1024 * 1024;

export interface PackageDecisions {
  /** Artefact → its latest parse decision. */
  readonly parse: Map<string, { sha256: string; decision: ParseDecisionV1 }>;
  readonly attribution: Array<{ sha256: string; decision: AttributionDecisionV1 }>;
  /** Decisions the ledger names whose file the package does not hold. */
  readonly missing: Array<{ sha256: string; kind: string; seq: number }>;
  /** Artefact SHA-256 → its name at intake. */
  readonly names: Map<string, string>;
}

export async function readPackageDecisions(pkg: VerifiedPackage): Promise<PackageDecisions> {
  const out: PackageDecisions = {
    parse: new Map(),
    attribution: [],
    missing: [],
    names: new Map(),
  };
  const named: Array<{ sha256: string; kind: string; seq: number }> = [];
  const lines = new LineReader(LEDGER_JSONL, pkg.blocks(LEDGER_JSONL));
  try {
    for (let line = await lines.next(); line !== null; line = await lines.next()) {
      const record = LedgerRecordV1.safeParse(json(line.text));
      if (!record.success) {
        throw new ReproduceError(
          'REPRODUCE_PACKAGE_INVALID',
          `${pkg.label}: ${LEDGER_JSONL}: line ${line.number} is not a ledger record; run sealcase verify`,
          { where: `${LEDGER_JSONL}:${line.number}` },
        );
      }
      const r = record.data;
      if (r.action === 'artefact.acquired') {
        const artefact = ArtefactRecordV1.safeParse(r.details['artefact']);
        if (artefact.success && artefact.data.entry === 'file') {
          out.names.set(artefact.data.digests.sha256, artefact.data.original.name);
        }
      } else if (r.action === 'analysis.recorded') {
        const sha256 = r.details['sha256'];
        const kind = r.details['kind'];
        if (typeof sha256 === 'string' && /^[0-9a-f]{64}$/.test(sha256)) {
          named.push({ sha256, kind: typeof kind === 'string' ? kind : 'unknown', seq: r.seq });
        }
      }
    }
  } finally {
    await lines.abort();
  }
  for (const entry of named) {
    const path = decisionPath(entry.sha256);
    if (!pkg.has(path)) {
      out.missing.push(entry);
      continue;
    }
    const bytes = await pkg.read(path, MAX_DECISION_BYTES);
    const parsed =
      createHash('sha256').update(bytes).digest('hex') === entry.sha256
        ? AnalysisDecision.safeParse(json(Buffer.from(bytes).toString('utf8')))
        : null;
    if (parsed === null || !parsed.success) {
      throw new ReproduceError(
        'REPRODUCE_PACKAGE_INVALID',
        `${pkg.label}: ${path} is not the decision ledger record ${entry.seq} names (${parsed === null ? 'its SHA-256 differs from its name' : 'not a valid decision'})`,
        { where: path },
      );
    }
    const decision = parsed.data;
    switch (decision.kind) {
      case 'parse':
        out.parse.set(decision.artefact, { sha256: entry.sha256, decision });
        break;
      case 'attribution':
        out.attribution.push({ sha256: entry.sha256, decision });
        break;
      case 'bookmark':
      case 'clock-correction':
        break;
    }
  }
  return out;
}

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * Re-runs every recorded attribution decision at export, with the inputs it recorded (formats,
 * options, tolerance, clock corrections; shared/package/FORMAT.md §6.5) and writes
 * its results to `data/attribution.jsonl`; a run whose results hash differs from the recorded
 * `resultsSha256` stops the export (`EXPORT_ATTRIBUTION_MISMATCH`), naming the decision file.
 */
import type { AttributionResult } from '../../../shared/attribution';
import { ExportError } from '../../../shared/errors/export-error';
import type { AttributionDecisionV1 } from '../../../shared/model/analysis';
import { replayAttribution } from '../analysis/attribution-run';
import type { StreamedFile } from './bag-writer';

export interface ReplayedRun {
  readonly decision: string;
  readonly results: readonly AttributionResult[];
  readonly toleranceSeconds: number;
  readonly engineVersion: string;
}

export async function replayAttributions(
  caseDir: string,
  runs: ReadonlyArray<{ sha256: string; decision: AttributionDecisionV1 }>,
  out: StreamedFile,
  /** The redacted derivative's commitments, applied after the results hash was checked. */
  redact?: (result: AttributionResult) => Promise<AttributionResult>,
): Promise<ReplayedRun[]> {
  const replayed: ReplayedRun[] = [];
  for (const { sha256, decision } of runs) {
    const run = await replayAttribution(caseDir, decision);
    const got = run.resultsSha256;
    if (got !== decision.resultsSha256) {
      throw new ExportError(
        'EXPORT_ATTRIBUTION_MISMATCH',
        `analysis/${sha256}.json: the recorded attribution run gives other results now (results SHA-256 ${got}, recorded ${decision.resultsSha256}); record the run again before exporting`,
        { where: `analysis/${sha256}.json` },
      );
    }
    const results: AttributionResult[] = [];
    for (const r of run.results) results.push(redact === undefined ? r : await redact(r));
    await out.write(
      results.map((r) => `{"run":"${sha256}","result":${JSON.stringify(r)}}\n`).join(''),
    );
    replayed.push({
      decision: sha256,
      results,
      toleranceSeconds: decision.toleranceSeconds,
      engineVersion: run.engineVersion,
    });
  }
  return replayed;
}

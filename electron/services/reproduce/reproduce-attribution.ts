/**
 * Step 2 of reproduce: every recorded attribution run (ledger order) is run again with the inputs
 * its decision recorded — observations CSV, observation and record artefacts parsed from the
 * package's originals with their recorded format, options and parser version, tolerance and
 * clock corrections — through the same engine code as the app (`joinAttribution`). Its results
 * are compared line by line with the run's block of `data/attribution.jsonl` and hashed against
 * the decision's `resultsSha256` (FORMAT.md §6.5).
 */
import { ATTRIBUTION_ENGINE_VERSION } from '../../../shared/attribution';
import type { AttributionDecisionV1, AttributionInputV1 } from '../../../shared/model';
import { ATTRIBUTION_JSONL, decisionPath } from '../../../shared/package';
import { joinAttribution, type AttributionArtefacts } from '../analysis/attribution-run';
import { BlockCompare, stringField } from './line-compare';
import { LineReader } from './line-reader';
import type { CannotReproduce, PackageOriginals } from './package-originals';
import { describeDifference, leftoverLines } from './reproduce-events';
import type { LineDifference, RunOutcome } from './report';
import type { VerifiedPackage } from './verified-package';

const runOf = stringField('run');

export interface AttributionOutcome {
  readonly runs: RunOutcome[];
  readonly leftover: LineDifference | null;
}

/** Thrown through the engine run to stop it when an input cannot be parsed. */
class Stop extends Error {
  constructor(readonly cannot: CannotReproduce) {
    super(cannot.reason);
  }
}

export async function reproduceAttribution(
  pkg: VerifiedPackage,
  originals: PackageOriginals,
  runs: ReadonlyArray<{ sha256: string; decision: AttributionDecisionV1 }>,
): Promise<AttributionOutcome> {
  const owners = new Set(runs.map((r) => r.sha256));
  const lines = new LineReader(ATTRIBUTION_JSONL, pkg.blocks(ATTRIBUTION_JSONL));
  const outcomes: RunOutcome[] = [];
  try {
    for (const { sha256, decision } of runs) {
      const block = new BlockCompare(lines, sha256, runOf, owners);
      const base = { decision: sha256, file: decisionPath(sha256) };
      const recorded = decision.resultsSha256;
      const cannot = cannotRun(decision, originals);
      let run: Awaited<ReturnType<typeof joinAttribution>> | null = null;
      let stopped: CannotReproduce | null = cannot;
      if (cannot === null) {
        try {
          run = await joinAttribution(packageSource(decision, originals), {
            observationsCsv: decision.observationsCsv,
            observationArtefacts: decision.observationArtefacts.map((a) => a.artefact),
            records: decision.records.map((a) => a.artefact),
            toleranceSeconds: decision.toleranceSeconds,
            clockCorrections: decision.clockCorrections ?? {},
          });
        } catch (error) {
          if (!(error instanceof Stop)) throw error;
          stopped = error.cannot;
        }
      }
      if (run === null) {
        await block.skip();
        outcomes.push({
          ...base,
          status: 'cannot-reproduce',
          results: 0,
          resultsSha256: { recorded, reproduced: null },
          difference: null,
          code: stopped!.code,
          reason: stopped!.reason,
        });
        continue;
      }
      for (const r of run.results)
        await block.expect(`{"run":"${sha256}","result":${JSON.stringify(r)}}`);
      const difference = await block.finish(ATTRIBUTION_JSONL);
      const hashDiffers = run.resultsSha256 !== recorded;
      const reasons = [
        hashDiffers
          ? `results SHA-256 ${run.resultsSha256}, the decision recorded ${recorded}`
          : '',
        difference === null ? '' : describeDifference(difference),
      ].filter((r) => r !== '');
      outcomes.push({
        ...base,
        status: reasons.length === 0 ? 'identical' : 'differs',
        results: run.results.length,
        resultsSha256: { recorded, reproduced: run.resultsSha256 },
        difference,
        code: reasons.length === 0 ? null : 'REPRODUCE_ATTRIBUTION_DIFFERS',
        reason: reasons.length === 0 ? null : reasons.join('; '),
      });
    }
    const leftover = await leftoverLines(lines, ATTRIBUTION_JSONL);
    pkg.assertIntact();
    return { runs: outcomes, leftover };
  } finally {
    await lines.abort();
  }
}

function cannotRun(
  decision: AttributionDecisionV1,
  originals: PackageOriginals,
): CannotReproduce | null {
  if (decision.engineVersion !== ATTRIBUTION_ENGINE_VERSION) {
    return {
      code: 'REPRODUCE_ENGINE_VERSION',
      reason: `run with attribution engine ${decision.engineVersion}, this Sealcase has ${ATTRIBUTION_ENGINE_VERSION}`,
    };
  }
  for (const input of [...decision.observationArtefacts, ...decision.records]) {
    const cannot = originals.check(input);
    if (cannot !== null) return cannot;
  }
  return null;
}

/** The run's artefacts as the decision recorded them, read from the package's originals. */
function packageSource(
  decision: AttributionDecisionV1,
  originals: PackageOriginals,
): AttributionArtefacts {
  const inputs = new Map<string, AttributionInputV1>();
  for (const input of [...decision.observationArtefacts, ...decision.records]) {
    if (!inputs.has(input.artefact)) inputs.set(input.artefact, input);
  }
  return {
    name: (sha256) => originals.nameOf(sha256),
    parse: async (sha256, onOutput) => {
      const input = inputs.get(sha256)!;
      const cannot = await originals.parse(input, onOutput);
      if (cannot !== null) throw new Stop(cannot);
      return input;
    },
  };
}

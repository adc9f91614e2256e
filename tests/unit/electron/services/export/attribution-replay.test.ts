import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDecisions, recordDecision } from '../../../../../electron/services/analysis';
import { exportPackage } from '../../../../../electron/services/export';
import type { UnlockedIdentity } from '../../../../../electron/services/identity';
import type { AttributionDecisionV1 } from '../../../../../shared/model/analysis';
import { demoCase, testDeps } from './export-case';

// An attribution run is replayed at export with the inputs it recorded: a clock correction
// recorded after the run must not change what the package holds (nor stop the export).
let dir: string;
let caseDir: string;
let identity: UnlockedIdentity;
let run: { sha256: string; decision: AttributionDecisionV1 };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sealcase-replay-'));
  ({ caseDir, identity } = await demoCase(dir));
  const listing = await readDecisions(caseDir);
  const found = listing.decisions.find((d) => d.decision.kind === 'attribution');
  if (found === undefined || found.decision.kind !== 'attribution') throw new Error('no run');
  run = { sha256: found.sha256, decision: found.decision };
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export replays recorded attribution runs', () => {
  it('with the corrections the run recorded, not ones recorded later', async () => {
    const record = run.decision.records[0]!.artefact;
    await recordDecision(
      caseDir,
      identity,
      {
        v: 1,
        kind: 'clock-correction',
        artefact: record,
        offsetSeconds: 3600,
        reason: 'server clock one hour slow (test)',
        decidedAt: new Date().toISOString(),
        decidedBy: { name: identity.name, cert: identity.certSha256 },
      },
      'clock correction after the attribution run',
      { toolVersion: '0.0.0-test' },
    );
    const out = join(dir, 'pkg');
    await exportPackage(caseDir, { out }, identity, testDeps());
    const lines = readFileSync(join(out, 'data', 'attribution.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.includes(`"run":"${run.sha256}"`));
    expect(lines.length).toBe(run.decision.results);
    const hash = createHash('sha256');
    for (const line of lines) {
      const result = (JSON.parse(line) as { result: unknown }).result;
      hash.update(`${JSON.stringify(result)}\n`);
    }
    expect(hash.digest('hex')).toBe(run.decision.resultsSha256);
  }, 120_000);
});

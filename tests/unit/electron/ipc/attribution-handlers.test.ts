import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CGN_LOG, OBSERVATIONS_CSV, RADIUS_DETAIL } from '../../../helpers/cgn-samples';
import { caseWithEvidence, typedDispatch as dispatch } from '../../../helpers/ipc-case';
import { tempDir } from '../../../helpers/temp-dir';

let root: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  root = await tempDir();
});
afterEach(async () => root.cleanup());

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

async function setup() {
  return caseWithEvidence(root.path, 'A-1', { 'cgn.log': CGN_LOG, detail: RADIUS_DETAIL });
}

describe('attribution over IPC', () => {
  it('runs through the vault records with progress, then saves the run as a signed decision', async () => {
    const { h, progress, caseDir } = await setup();
    const run = await dispatch(h, 'attribution:run', {
      id: 'A-1.sealcase',
      task: 'run-1',
      observationsCsv: OBSERVATIONS_CSV,
      observationArtefacts: [],
      records: [sha(CGN_LOG), sha(RADIUS_DETAIL)],
      toleranceSeconds: 0,
    });
    if (!run.ok) throw new Error(JSON.stringify(run.error));
    expect(run.value.results.map((r) => [r.status, r.subscribers])).toEqual([
      ['unique', ['alice']],
      ['ambiguous', ['alice', 'bob']],
      ['no-coverage', []],
    ]);
    expect(run.value.inputs.map((i) => [i.format, i.decided])).toEqual([
      ['juniper-nat', false],
      ['radius-detail', false],
    ]);
    expect(progress.filter((e) => e.task === 'run-1').at(-1)?.state).toBe('done');

    const saved = await dispatch(h, 'attribution:record', {
      id: 'A-1.sealcase',
      task: 'run-1',
      note: 'first pass',
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const decision = JSON.parse(
      await readFile(join(caseDir, 'analysis', `${saved.value.sha256}.json`), 'utf8'),
    ) as Record<string, unknown>;
    expect(decision).toMatchObject({
      kind: 'attribution',
      observationsCsv: OBSERVATIONS_CSV,
      resultsSha256: run.value.resultsSha256,
      results: 3,
      statusCounts: { unique: 1, ambiguous: 1, 'no-coverage': 1 },
      note: 'first pass',
    });
    const ledger = (await readFile(join(caseDir, 'ledger.jsonl'), 'utf8')).trim().split('\n');
    expect(JSON.parse(ledger[saved.value.seq] ?? '{}')).toMatchObject({
      action: 'analysis.recorded',
      subject: { artefacts: [sha(CGN_LOG), sha(RADIUS_DETAIL)] },
      details: { kind: 'attribution', resultsSha256: run.value.resultsSha256 },
    });
    const verified = await dispatch(h, 'custody:verify', { id: 'A-1.sealcase' });
    expect(verified.ok && verified.value.status).toBe('valid');
  }, 60_000);

  it('applies the clock corrections recorded in the case, and saves them with the run', async () => {
    const { h, caseDir } = await setup();
    const corrected = await dispatch(h, 'analysis:correctClock', {
      id: 'A-1.sealcase',
      artefact: sha(CGN_LOG),
      offsetSeconds: -3600,
      reason: 'CGN clock one hour fast (DST not applied), per the ISP letter',
    });
    expect(corrected.ok).toBe(true);
    const listed = await dispatch(h, 'analysis:list', { id: 'A-1.sealcase' });
    expect(listed.ok && listed.value.corrections).toMatchObject([
      { artefact: sha(CGN_LOG), offsetSeconds: -3600, by: 'Ann Tamm' },
    ]);
    const run = await dispatch(h, 'attribution:run', {
      id: 'A-1.sealcase',
      task: 'run-c',
      observationsCsv: OBSERVATIONS_CSV,
      observationArtefacts: [],
      records: [sha(CGN_LOG), sha(RADIUS_DETAIL)],
      toleranceSeconds: 0,
    });
    if (!run.ok) throw new Error(JSON.stringify(run.error));
    // The blocks now ran 11:28:48–12:28:48 by the corrected clock: 13:00 is outside them.
    expect(run.value.results[0]?.status).toBe('no-coverage');
    const saved = await dispatch(h, 'attribution:record', { id: 'A-1.sealcase', task: 'run-c' });
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const decision = JSON.parse(
      await readFile(join(caseDir, 'analysis', `${saved.value.sha256}.json`), 'utf8'),
    ) as { clockCorrections?: Record<string, number> };
    expect(decision.clockCorrections).toEqual({ [sha(CGN_LOG)]: -3600 });
  }, 60_000);

  it('names an unknown run, an unknown artefact, and refuses an empty record list', async () => {
    const { h } = await setup();
    expect(
      await dispatch(h, 'attribution:record', { id: 'A-1.sealcase', task: 'nope' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'PARSE_RUN_NOT_FOUND' },
    });
    const unknown = await dispatch(h, 'attribution:run', {
      id: 'A-1.sealcase',
      task: 'run-2',
      observationsCsv: OBSERVATIONS_CSV,
      observationArtefacts: [],
      records: ['f'.repeat(64)],
      toleranceSeconds: 0,
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'PARSE_ARTEFACT_NOT_FOUND' } });
    const empty = await dispatch(h, 'attribution:run', {
      id: 'A-1.sealcase',
      task: 'run-3',
      observationsCsv: OBSERVATIONS_CSV,
      observationArtefacts: [],
      records: [],
      toleranceSeconds: 0,
    });
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  }, 60_000);
});

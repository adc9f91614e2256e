import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExaminerSession } from '../../../../electron/services/session';
import { AttributionTasks } from '../../../../electron/services/tasks';
import type { ProgressEventValue } from '../../../../shared/contracts';
import { CGN_LOG, OBSERVATIONS_CSV, RADIUS_DETAIL } from '../../../helpers/cgn-samples';
import { bundleWorker } from '../../../helpers/bundle-worker';
import { caseWithEvidence } from '../../../helpers/ipc-case';
import { tempDir } from '../../../helpers/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
let workerUrl: URL;
let session: ExaminerSession;
let caseDir: string;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

beforeAll(async () => {
  ({ path: dir, cleanup } = await tempDir());
  workerUrl = await bundleWorker('attribution-worker', join(dir, 'bundle'));
  // A case with the CGN and RADIUS samples, acquired through the real handlers.
  ({ session, caseDir } = await caseWithEvidence(dir, 'W-1', {
    'cgn.log': CGN_LOG,
    detail: RADIUS_DETAIL,
  }));
}, 90_000);
afterAll(async () => cleanup());

describe('attribution runs in a worker thread', () => {
  it('gives the same run as in this thread, with progress', async () => {
    const request = {
      caseDir,
      observationsCsv: OBSERVATIONS_CSV,
      observationArtefacts: [],
      records: [sha(CGN_LOG), sha(RADIUS_DETAIL)],
      toleranceSeconds: 0,
    };
    const seen: ProgressEventValue[] = [];
    const inWorker = new AttributionTasks({
      session,
      toolVersion: 't',
      progress: (e) => seen.push(e),
      workerUrl,
    });
    const inThread = new AttributionTasks({
      session,
      toolVersion: 't',
      progress: () => undefined,
      workerUrl: null,
    });
    const a = await inWorker.run({ ...request, task: 'w1' });
    const b = await inThread.run({ ...request, task: 't1' });
    expect(a.results.map((r) => [r.status, r.subscribers])).toEqual([
      ['unique', ['alice']],
      ['ambiguous', ['alice', 'bob']],
      ['no-coverage', []],
    ]);
    expect(a.resultsSha256).toBe(b.resultsSha256);
    expect(seen.some((e) => e.phase === 'parsing')).toBe(true);
    expect(seen.at(-1)?.state).toBe('done');
    // The finished run is kept for saving, as in this thread.
    const saved = await inWorker.record(request.caseDir, 'w1', undefined);
    expect(saved.sha256).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);
});

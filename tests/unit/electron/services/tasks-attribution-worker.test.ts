import { createHash, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../../../electron/ipc';
import { CaseService } from '../../../../electron/services/cases';
import { ExaminerSession } from '../../../../electron/services/session';
import { AttributionTasks } from '../../../../electron/services/tasks';
import type { ProgressEventValue } from '../../../../shared/contracts';
import { CGN_LOG, OBSERVATIONS_CSV, RADIUS_DETAIL } from '../../../helpers/cgn-samples';
import { bundleWorker } from '../../../helpers/bundle-worker';
import { tempDir } from '../../../helpers/temp-dir';
import { TEST_PASSPHRASE, testIdentity } from '../../../helpers/test-identity';

let dir: string;
let cleanup: () => Promise<void>;
let workerUrl: URL;
const session = new ExaminerSession();
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

beforeAll(async () => {
  ({ path: dir, cleanup } = await tempDir());
  workerUrl = await bundleWorker('attribution-worker', join(dir, 'bundle'));
  // A case with the CGN and RADIUS samples, acquired through the real handlers.
  const progress: ProgressEventValue[] = [];
  const h = createHandlers({
    cases: new CaseService({
      casesRoot: join(dir, 'cases'),
      now: () => new Date(),
      uuid: randomUUID,
      toolVersion: 't',
    }),
    versions: { app: 't', electron: null, chromium: null, node: process.versions.node },
    session,
    progress: (e) => progress.push(e),
  });
  const p12 = join(dir, 'examiner.p12');
  await writeFile(p12, testIdentity('Ann Tamm').p12);
  await dispatch(h, 'identity:unlock', { path: p12, passphrase: TEST_PASSPHRASE });
  await dispatch(h, 'case:create', { number: 'W-1', title: 'Worker' });
  for (const [name, text] of Object.entries({ 'cgn.log': CGN_LOG, detail: RADIUS_DETAIL })) {
    await writeFile(join(dir, name), text);
  }
  await dispatch(h, 'intake:start', {
    id: 'W-1.sealcase',
    paths: [join(dir, 'cgn.log'), join(dir, 'detail')],
  });
  for (let i = 0; i < 400 && progress.find((e) => e.state !== 'running') === undefined; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  if (progress.find((e) => e.state !== 'running')?.state !== 'done') {
    throw new Error('the intake did not finish');
  }
}, 90_000);
afterAll(async () => cleanup());

describe('attribution runs in a worker thread', () => {
  it('gives the same run as in this thread, with progress', async () => {
    const request = {
      caseDir: join(dir, 'cases', 'W-1.sealcase'),
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

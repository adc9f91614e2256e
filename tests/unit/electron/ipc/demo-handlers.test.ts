/**
 * `case:createDemo` over the real services (case service, identity, intake, ledger, parse,
 * attribution) in a temp cases folder: the demo case is listed, its ledger verifies, it holds a
 * parse decision per sample and one attribution run, its examiner can sign in with the answer's
 * file and passphrase; a second demo gets a new name and the same examiner; nothing is overwritten.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, type HandlerTable } from '../../../../electron/ipc';
import { readDecisions } from '../../../../electron/services/analysis';
import { CaseService } from '../../../../electron/services/cases';
import { DEMO_PASSPHRASE, DEMO_SAMPLES } from '../../../../electron/services/demo';
import { ExaminerSession } from '../../../../electron/services/session';
import type { ProgressEventValue } from '../../../../shared/contracts';
import { snapshotTree } from '../../../helpers/fs-snapshot';
import { typedDispatch as dispatch } from '../../../helpers/ipc-case';
import { tempDir } from '../../../helpers/temp-dir';

let root: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  root = await tempDir();
});
afterEach(async () => root.cleanup());

function setup() {
  const progress: ProgressEventValue[] = [];
  const casesRoot = join(root.path, 'cases');
  const h: HandlerTable = createHandlers({
    cases: new CaseService({
      casesRoot,
      now: () => new Date(),
      uuid: randomUUID,
      toolVersion: 't',
    }),
    versions: { app: 't', electron: null, chromium: null, node: process.versions.node },
    session: new ExaminerSession(),
    progress: (e) => progress.push(e),
  });
  return { h, casesRoot, progress };
}

async function mustDemo(h: HandlerTable, task: string) {
  const r = await dispatch(h, 'case:createDemo', { task });
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.value;
}

describe('case:createDemo', () => {
  it('builds the demo case in the cases folder: listed, ledger valid, decisions recorded, examiner can sign in', async () => {
    const { h, casesRoot, progress } = setup();
    const demo = await mustDemo(h, 'demo-1');
    expect(demo.case).toMatchObject({ id: 'demo.sealcase', number: 'DEMO-0001' });
    expect(demo.case.path).toBe(join(casesRoot, 'demo.sealcase'));
    // The identity lives beside the cases, never in the case folder (which is evidence).
    expect(demo.identityFile).toBe(join(casesRoot, 'demo-identity', 'demo-examiner.p12'));
    expect(demo.passphrase).toBe(DEMO_PASSPHRASE);
    expect(demo.reusedIdentity).toBe(false);
    expect((await readdir(demo.case.path)).filter((n) => n.endsWith('.p12'))).toEqual([]);

    const list = await dispatch(h, 'case:list', {});
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value.cases.map((c) => c.id)).toEqual(['demo.sealcase']);
    expect(list.value.problems).toEqual([]);

    const custody = await dispatch(h, 'custody:verify', { id: 'demo.sealcase' });
    if (!custody.ok) throw new Error(custody.error.message);
    expect(custody.value.status).toBe('valid');
    expect(custody.value.firstBad).toBeNull();
    expect(custody.value.records.map((r) => r.action)).toEqual(
      expect.arrayContaining(['case.created', 'artefact.acquired', 'analysis.recorded']),
    );

    const artefacts = await dispatch(h, 'artefacts:list', { id: 'demo.sealcase' });
    if (!artefacts.ok) throw new Error(artefacts.error.message);
    expect(artefacts.value.artefacts).toHaveLength(DEMO_SAMPLES.length);

    const parse = await dispatch(h, 'parse:decisions', { id: 'demo.sealcase' });
    if (!parse.ok) throw new Error(parse.error.message);
    expect(parse.value.decisions).toHaveLength(DEMO_SAMPLES.length);
    expect(parse.value.decisions.every((d) => d.by === 'Demo Examiner')).toBe(true);
    const kinds = (await readDecisions(demo.case.path)).decisions.map((d) => d.decision.kind);
    expect(kinds.filter((k) => k === 'attribution')).toHaveLength(1);

    // Progress like intake's: running events counting stages, then one `done` naming the case.
    const mine = progress.filter((e) => e.task === 'demo-1');
    expect(mine.at(-1)).toMatchObject({ state: 'done', label: 'Demo case' });
    expect(mine.at(-1)?.message).toContain(demo.case.path);
    const running = mine.filter((e) => e.state === 'running');
    expect(running.map((e) => e.phase)).toEqual(
      expect.arrayContaining(['identity', 'case', 'intake', 'parse', 'ledger']),
    );
    const counts = running.map((e) => e.done);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(running.every((e) => e.total === mine.at(-1)?.total)).toBe(true);

    // The analyst signs in as the demo examiner with exactly what the answer gave.
    const unlocked = await dispatch(h, 'identity:unlock', {
      path: demo.identityFile,
      passphrase: demo.passphrase,
    });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    expect(unlocked.value).toMatchObject({ unlocked: true, name: 'Demo Examiner' });
  }, 60_000);

  it('a second demo gets a new name and number, the same examiner, and leaves the first untouched', async () => {
    const { h, casesRoot } = setup();
    const first = await mustDemo(h, 'demo-1');
    const before = await snapshotTree(first.case.path);
    const second = await mustDemo(h, 'demo-2');
    expect(second.case).toMatchObject({ id: 'demo-2.sealcase', number: 'DEMO-0002' });
    expect(second.identityFile).toBe(first.identityFile);
    expect(second.reusedIdentity).toBe(true);
    expect(await snapshotTree(first.case.path)).toEqual(before);
    expect((await readdir(casesRoot)).sort()).toEqual([
      'demo-2.sealcase',
      'demo-identity',
      'demo.sealcase',
    ]);
  }, 60_000);

  it('never overwrites: a foreign demo.sealcase and an identity that does not unlock are left alone', async () => {
    const { h, casesRoot } = setup();
    await mkdir(join(casesRoot, 'demo.sealcase'), { recursive: true });
    await writeFile(join(casesRoot, 'demo.sealcase', 'notes.txt'), 'mine');
    await mkdir(join(casesRoot, 'demo-identity'));
    await writeFile(join(casesRoot, 'demo-identity', 'demo-examiner.p12'), 'not a PKCS#12 file');
    const before = await snapshotTree(casesRoot);
    const demo = await mustDemo(h, 'demo-1');
    expect(demo.case.id).toBe('demo-2.sealcase');
    expect(demo.identityFile).toBe(join(casesRoot, 'demo-identity-2', 'demo-examiner.p12'));
    const after = await snapshotTree(casesRoot);
    for (const [path, digest] of Object.entries(before)) expect(after[path]).toBe(digest);
  }, 60_000);

  it('refuses a request without a task id (INVALID_PAYLOAD) and writes nothing', async () => {
    const { h, casesRoot } = setup();
    const r = await dispatch(h, 'case:createDemo', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    const bad = await dispatch(h, 'case:createDemo', { task: '../x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    await expect(readdir(casesRoot)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

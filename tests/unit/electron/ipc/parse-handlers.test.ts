import { createHash, randomUUID } from 'node:crypto';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createHandlers,
  dispatch as rawDispatch,
  type HandlerTable,
} from '../../../../electron/ipc';
import { CaseService } from '../../../../electron/services/cases';
import { ExaminerSession } from '../../../../electron/services/session';
import type { Channel, ProgressEventValue, ResponseOf, Result } from '../../../../shared/contracts';
import { tempDir } from '../../../helpers/temp-dir';
import { TEST_PASSPHRASE, testIdentity } from '../../../helpers/test-identity';

const email = fileURLToPath(
  new URL('../../../fixtures/email/spamassassin/nice-002.eml', import.meta.url),
);

/** dispatch with the response typed by channel (the envelope is checked by dispatch itself). */
const dispatch = <C extends Channel>(h: HandlerTable, channel: C, payload: unknown) =>
  rawDispatch(h, channel, payload) as Promise<Result<ResponseOf<C>>>;

let root: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  root = await tempDir();
});
afterEach(async () => root.cleanup());

async function setup(unlocked: boolean) {
  const progress: ProgressEventValue[] = [];
  const session = new ExaminerSession();
  const h = createHandlers({
    cases: new CaseService({
      casesRoot: root.path,
      now: () => new Date(),
      uuid: randomUUID,
      toolVersion: 't',
    }),
    versions: { app: 't', electron: null, chromium: null, node: process.versions.node },
    session,
    progress: (e) => progress.push(e),
  });
  const p12 = join(root.path, 'examiner.p12');
  await writeFile(p12, testIdentity('Ann Tamm').p12);
  expect(
    (await dispatch(h, 'identity:unlock', { path: p12, passphrase: TEST_PASSPHRASE })).ok,
  ).toBe(true);
  expect((await dispatch(h, 'case:create', { number: 'P-1', title: 'Parse' })).ok).toBe(true);
  const file = join(root.path, 'message.eml');
  await copyFile(email, file);
  const started = await dispatch(h, 'intake:start', { id: 'P-1.sealcase', paths: [file] });
  expect(started.ok).toBe(true);
  await expect
    .poll(() => progress.find((e) => e.state !== 'running')?.state, { timeout: 20_000 })
    .toBe('done');
  const sha256 = createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
  if (!unlocked) await dispatch(h, 'identity:lock', {});
  return { h, sha256, caseDir: join(root.path, 'P-1.sealcase') };
}

describe('parse over IPC', () => {
  it('lists the formats, previews a vault artefact with detection, and records the decision signed', async () => {
    const { h, sha256, caseDir } = await setup(true);
    const formats = await dispatch(h, 'parse:formats', {});
    expect(formats.ok && formats.value.formats.map((f) => f.name)).toContain('email');

    const preview = await dispatch(h, 'parse:preview', {
      id: 'P-1.sealcase',
      artefact: sha256,
      options: {},
    });
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.value.parser.name).toBe('email');
    expect(preview.value.detected[0]?.name).toBe('email');
    expect(preview.value.complete).toBe(true);
    expect(preview.value.events[0]).toMatchObject({ type: 'email:message', artefact: sha256 });
    expect(preview.value.events.filter((e) => e.type === 'email:received').length).toBeGreaterThan(
      1,
    );

    const recorded = await dispatch(h, 'parse:record', {
      id: 'P-1.sealcase',
      artefact: sha256,
      format: 'email',
      options: { assumeZone: 'Europe/Tallinn' },
      note: 'headers only',
    });
    if (!recorded.ok) throw new Error(JSON.stringify(recorded.error));
    const file = await readFile(join(caseDir, 'analysis', `${recorded.value.sha256}.json`));
    expect(createHash('sha256').update(file).digest('hex')).toBe(recorded.value.sha256);
    expect(JSON.parse(file.toString('utf8'))).toMatchObject({
      kind: 'parse',
      artefact: sha256,
      format: 'email',
      options: { assumeZone: 'Europe/Tallinn' },
      decidedBy: { name: 'Ann Tamm' },
    });

    const ledger = (await readFile(join(caseDir, 'ledger.jsonl'), 'utf8')).trim().split('\n');
    const last = JSON.parse(ledger[recorded.value.seq] ?? '{}') as Record<string, unknown>;
    expect(last).toMatchObject({
      action: 'analysis.recorded',
      subject: { artefacts: [sha256] },
      details: { sha256: recorded.value.sha256, format: 'email' },
    });
    const verified = await dispatch(h, 'custody:verify', { id: 'P-1.sealcase' });
    expect(verified.ok && verified.value.status).toBe('valid');

    const decisions = await dispatch(h, 'parse:decisions', { id: 'P-1.sealcase' });
    expect(decisions.ok && decisions.value).toMatchObject({
      decisions: [{ artefact: sha256, format: 'email', note: 'headers only', by: 'Ann Tamm' }],
      problems: [],
    });
  }, 60_000);

  it('refuses to record while nobody is signed in, and names unknown artefacts and formats', async () => {
    const { h, sha256, caseDir } = await setup(false);
    const before = await readFile(join(caseDir, 'ledger.jsonl'), 'utf8');
    const locked = await dispatch(h, 'parse:record', {
      id: 'P-1.sealcase',
      artefact: sha256,
      format: 'email',
      options: {},
    });
    expect(locked).toMatchObject({ ok: false, error: { code: 'IDENTITY_LOCKED' } });
    expect(await readFile(join(caseDir, 'ledger.jsonl'), 'utf8')).toBe(before);
    const unknown = await dispatch(h, 'parse:preview', {
      id: 'P-1.sealcase',
      artefact: 'f'.repeat(64),
      options: {},
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'PARSE_ARTEFACT_NOT_FOUND' } });
    const badFormat = await dispatch(h, 'parse:preview', {
      id: 'P-1.sealcase',
      artefact: sha256,
      format: 'no-such',
      options: {},
    });
    expect(badFormat).toMatchObject({ ok: false, error: { code: 'PARSE_FORMAT_NOT_FOUND' } });
    const badZone = await dispatch(h, 'parse:preview', {
      id: 'P-1.sealcase',
      artefact: sha256,
      options: { assumeZone: 'Mars/Base' },
    });
    expect(badZone).toMatchObject({ ok: false, error: { code: 'PARSE_OPTIONS_INVALID' } });
  }, 60_000);
});

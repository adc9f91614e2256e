import { randomUUID } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../../../electron/ipc';
import { CaseService } from '../../../../electron/services/cases';
import { tempDir } from '../../../helpers/temp-dir';

let root: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  root = await tempDir();
});
afterEach(async () => root.cleanup());

function handlers(progress: unknown[] = []) {
  return createHandlers({
    cases: new CaseService({
      casesRoot: root.path,
      now: () => new Date(),
      uuid: randomUUID,
      toolVersion: 't',
    }),
    versions: { app: 't', electron: null, chromium: null, node: process.versions.node },
    progress: (e) => progress.push(e),
  });
}

describe('intake over IPC', () => {
  it('refuses to start while no examiner is signed in, storing nothing', async () => {
    const h = handlers();
    const created = await dispatch(h, 'case:create', { number: 'I-1', title: 'T' });
    expect(created.ok).toBe(true);
    const file = join(root.path, 'a.log');
    await writeFile(file, 'x');
    const result = await dispatch(h, 'intake:start', { id: 'I-1.sealcase', paths: [file] });
    expect(result).toMatchObject({ ok: false, error: { code: 'IDENTITY_LOCKED' } });
    expect(await readdir(join(root.path, 'I-1.sealcase', 'vault', 'sha256'))).toEqual([]);
  });

  it.each([
    [{ id: 'I-1.sealcase', paths: [] }],
    [{ id: '../x.sealcase', paths: ['/etc/passwd'] }],
    [{ id: 'I-1.sealcase', paths: ['/a'], extra: 1 }],
    [{ id: 'I-1.sealcase', paths: 'a' }],
  ])('a malformed request %j gets INVALID_PAYLOAD', async (payload) => {
    const result = await dispatch(handlers(), 'intake:start', payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('cancelling an unknown task says so and changes nothing', async () => {
    const result = await dispatch(handlers(), 'intake:cancel', { task: 'nope' });
    expect(result).toEqual({ ok: true, value: { cancelled: false } });
  });
});

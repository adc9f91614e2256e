import { appendFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressEventValue } from '../../../../shared/contracts';
import { CGN_LOG, RADIUS_DETAIL } from '../../../helpers/cgn-samples';
import { caseWithEvidence, typedDispatch as dispatch } from '../../../helpers/ipc-case';
import { tempDir } from '../../../helpers/temp-dir';

let root: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  root = await tempDir();
});
afterEach(async () => root.cleanup());

const VERIFY_PAGE = new TextEncoder().encode('<!doctype html><title>verify</title>\n');
const ID = 'A-1.sealcase';
const options = {
  id: ID,
  task: 'export-1',
  form: 'folder',
  pageSize: 'A4',
  events: 'all',
  attachOriginals: false,
  redaction: null,
} as const;

async function setup(
  extra: { pick?: string | null; onProgress?: (e: ProgressEventValue) => void } = {},
) {
  const events: ProgressEventValue[] = [];
  let progressSink = (e: ProgressEventValue) => {
    events.push(e);
    extra.onProgress?.(e);
  };
  const c = await caseWithEvidence(
    root.path,
    'A-1',
    { 'cgn.log': CGN_LOG, detail: RADIUS_DETAIL },
    {
      verifierPage: async () => VERIFY_PAGE,
      pickPackage: async () => extra.pick ?? null,
      progress: (e) => progressSink(e),
    },
  );
  return { ...c, events, setSink: (f: typeof progressSink) => (progressSink = f) };
}

async function mustExport(h: Awaited<ReturnType<typeof setup>>['h'], form: 'folder' | 'zip') {
  const r = await dispatch(h, 'export:run', { ...options, form, task: `export-${form}` });
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.value.packages[0]!;
}

describe('export and package channels over the real services', () => {
  it('exports a folder package into the case, lists it, verifies it valid, then finds a changed byte', async () => {
    const { h, caseDir, events } = await setup();
    const pkg = await mustExport(h, 'folder');
    expect(pkg.package.path.startsWith(join(caseDir, 'exports'))).toBe(true);
    expect(pkg.package.form).toBe('folder');
    expect(pkg.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(events.filter((e) => e.task === 'export-folder').at(-1)?.state).toBe('done');

    const list = await dispatch(h, 'export:list', { id: ID });
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value.exports).toHaveLength(1);
    expect(list.value.exports[0]).toMatchObject({
      packageId: pkg.packageId,
      manifestSha256: pkg.manifestSha256,
      form: 'folder',
      redaction: 'none',
      path: pkg.package.path,
    });

    const good = await dispatch(h, 'package:verify', { package: pkg.package.handle, task: 'v-1' });
    if (!good.ok) throw new Error(good.error.message);
    expect(good.value.findings).toEqual([]);
    expect(good.value.valid).toBe(true);
    expect(good.value.checks.map((c) => c.status)).not.toContain('fail');
    expect(good.value.summary.manifestSha256).toBe(pkg.manifestSha256);
    expect(good.value.checks.find((c) => c.id === 'fixity')?.status).toBe('pass');

    await appendFile(join(pkg.package.path, 'data', 'custody', 'ledger.jsonl'), ' ');
    const bad = await dispatch(h, 'package:verify', { package: pkg.package.handle, task: 'v-2' });
    if (!bad.ok) throw new Error(bad.error.message);
    expect(bad.value.valid).toBe(false);
    expect(bad.value.checks.find((c) => c.id === 'fixity')?.status).toBe('fail');
    expect(bad.value.findings).toContainEqual(
      expect.objectContaining({ code: 'DIGEST_MISMATCH', file: 'data/custody/ledger.jsonl' }),
    );
  });

  it('shows a package read-only: case, artefacts with hashes and copies, custody, events, report', async () => {
    const { h } = await setup();
    const pkg = await mustExport(h, 'zip');
    expect(pkg.package.path.endsWith('.zip')).toBe(true);
    const view = await dispatch(h, 'package:view', { package: pkg.package.handle });
    if (!view.ok) throw new Error(view.error.message);
    const v = view.value;
    expect(v.case?.number).toBe('A-1');
    expect(v.bagInfo?.packageId).toBe(pkg.packageId);
    expect(v.artefacts.map((a) => a.name).sort()).toEqual(['cgn.log', 'detail']);
    for (const a of v.artefacts) {
      expect(a.bagPath).toBe(`data/originals/${a.sha256}/${a.name}`);
      expect(a.md5).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(v.custody.total).toBe(v.custody.records.length);
    expect(v.custody.records[0]?.action).toBe('case.created');
    expect(v.events).not.toBeNull();
    expect(v.report).toMatchObject({ bagPath: 'data/report.pdf' });
    expect(v.report?.location).toContain('.zip');
    expect(v.problems).toEqual([]);
    const verified = await dispatch(h, 'package:verify', {
      package: pkg.package.handle,
      task: 'v',
    });
    if (!verified.ok) throw new Error(verified.error.message);
    expect(verified.value.summary.form).toBe('zip');
    expect(verified.value.findings).toEqual([]);
    expect(verified.value.valid).toBe(true);
  });

  it('writes the full package then a redacted derivative that names it by its manifest hash', async () => {
    const { h } = await setup();
    const r = await dispatch(h, 'export:run', {
      ...options,
      redaction: { withhold: ['user', 'identity.*'] },
    });
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    const [full, derived] = r.value.packages;
    expect(full).toMatchObject({ redaction: 'none', withheld: [] });
    expect(derived).toMatchObject({ redaction: 'redacted', withheld: ['user', 'identity.*'] });
    expect(derived!.package.path).toBe(`${full!.package.path}-redacted`);
    const view = await dispatch(h, 'package:view', { package: derived!.package.handle });
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value.bagInfo).toMatchObject({
      redaction: 'redacted',
      fullPackage: full!.manifestSha256,
    });
    const list = await dispatch(h, 'export:list', { id: ID });
    expect(list.ok && list.value.exports.map((e) => e.redaction)).toEqual(['none', 'redacted']);
  });

  it('says the full package was written when the derivative is cancelled', async () => {
    const c = await setup();
    let steps = 0;
    c.setSink((e) => {
      if (e.task === 'export-1' && e.phase === 'custody' && ++steps === 2) {
        void dispatch(c.h, 'export:cancel', { task: 'export-1' });
      }
    });
    const r = await dispatch(c.h, 'export:run', { ...options, redaction: { withhold: ['user'] } });
    expect(r).toMatchObject({ ok: false, error: { code: 'TASK_CANCELLED' } });
    if (r.ok) return;
    expect(r.error.message).toMatch(/the full package was written to .*exports\/A-1-\d{8}T\d{6}Z;/);
    const list = await dispatch(c.h, 'export:list', { id: ID });
    expect(list.ok && list.value.exports.map((e) => e.redaction)).toEqual(['none']);
  });

  it('refuses to export while no examiner is signed in, and writes nothing', async () => {
    const { h, caseDir } = await setup();
    await dispatch(h, 'identity:lock', {});
    const r = await dispatch(h, 'export:run', options);
    expect(r).toMatchObject({ ok: false, error: { code: 'IDENTITY_LOCKED' } });
    expect(await readdir(join(caseDir, 'exports')).catch(() => [])).toEqual([]);
  });

  it('cancels an export at its next step and leaves nothing in exports/', async () => {
    const c = await setup();
    c.setSink((e) => {
      if (e.task === 'export-1' && e.phase === 'starting') {
        void dispatch(c.h, 'export:cancel', { task: 'export-1' });
      }
      c.events.push(e);
    });
    const r = await dispatch(c.h, 'export:run', options);
    expect(r).toMatchObject({ ok: false, error: { code: 'TASK_CANCELLED' } });
    expect(await readdir(join(c.caseDir, 'exports'))).toEqual([]);
    expect(c.events.at(-1)).toMatchObject({ task: 'export-1', state: 'cancelled' });
    const list = await dispatch(c.h, 'export:list', { id: ID });
    expect(list.ok && list.value.exports).toEqual([]);
  });

  it('opens only what the picker gives: nothing, a non-package, or an unknown handle', async () => {
    const notPkg = join(root.path, 'not-a-package');
    await mkdir(notPkg);
    await writeFile(join(notPkg, 'x.txt'), 'x');
    const none = await setup();
    expect(await dispatch(none.h, 'package:open', { kind: 'folder' })).toEqual({
      ok: true,
      value: { package: null },
    });
    await root.cleanup();
    root = await tempDir();
    await mkdir(notPkg, { recursive: true });
    const wrong = await setup({ pick: notPkg });
    expect(await dispatch(wrong.h, 'package:open', { kind: 'folder' })).toMatchObject({
      ok: false,
      error: { code: 'PKG_NOT_A_PACKAGE' },
    });
    expect(
      await dispatch(wrong.h, 'package:verify', { package: 'pkg-unknown', task: 't' }),
    ).toMatchObject({ ok: false, error: { code: 'PKG_UNREADABLE' } });
    expect(await dispatch(wrong.h, 'package:view', { package: 'pkg-unknown' })).toMatchObject({
      ok: false,
      error: { code: 'PKG_UNREADABLE' },
    });
  });
});

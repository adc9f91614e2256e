import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildPackageView,
  listExports,
  MAX_VIEW_LINE,
} from '../../../../../electron/services/app-export';
import { folderPackageReader } from '../../../../../electron/services/package';
import { CGN_LOG } from '../../../../helpers/cgn-samples';
import { caseWithEvidence, typedDispatch as dispatch } from '../../../../helpers/ipc-case';
import { tempDir } from '../../../../helpers/temp-dir';

let root: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  root = await tempDir();
});
afterEach(async () => root.cleanup());

const VERIFY_PAGE = new TextEncoder().encode('<!doctype html><title>verify</title>\n');

async function exported(): Promise<{ pkg: string; caseDir: string }> {
  const { h, caseId, caseDir } = await caseWithEvidence(
    root.path,
    'V-1',
    { 'cgn.log': CGN_LOG },
    { verifierPage: async () => VERIFY_PAGE },
  );
  const r = await dispatch(h, 'export:run', {
    id: caseId,
    task: 't-1',
    form: 'folder',
    pageSize: 'A4',
    events: 'all',
    attachOriginals: false,
    redaction: null,
  });
  if (!r.ok) throw new Error(r.error.message);
  return { pkg: r.value.packages[0]!.package.path, caseDir };
}

describe('buildPackageView', () => {
  it('shows what it can of a damaged package and names every file it could not read', async () => {
    const { pkg } = await exported();
    const clean = await buildPackageView(folderPackageReader(pkg, 'p'), pkg);
    expect(clean.problems).toEqual([]);
    await writeFile(join(pkg, 'data', 'case.json'), 'not json');
    await appendFile(join(pkg, 'data', 'custody', 'ledger.jsonl'), '{"seq":"x"}\n');
    await appendFile(join(pkg, 'data', 'events.jsonl'), `${'x'.repeat(MAX_VIEW_LINE + 10)}\n`);
    const view = await buildPackageView(folderPackageReader(pkg, 'p'), pkg);
    expect(view.case).toBeNull();
    expect(view.problems).toEqual([
      { code: 'VIEW_UNREADABLE', file: 'data/case.json', message: 'not JSON' },
      {
        code: 'VIEW_UNREADABLE',
        file: 'data/custody/ledger.jsonl',
        message: `line ${clean.custody.total + 1} is not a ledger record`,
      },
      {
        code: 'VIEW_UNREADABLE',
        file: 'data/events.jsonl',
        message: `line ${(clean.events?.count ?? 0) + 1} is longer than ${MAX_VIEW_LINE} characters: not counted`,
      },
    ]);
    // The good records are still shown, and the long line is not counted as an event.
    expect(view.custody.total).toBe(clean.custody.total);
    expect(view.events?.count).toBe(clean.events?.count);
    expect(view.artefacts.map((a) => a.name)).toEqual(['cgn.log']);
  });

  it('reads a folder holding no package files without throwing', async () => {
    const dir = join(root.path, 'bare');
    await mkdir(dir);
    await writeFile(join(dir, 'bagit.txt'), 'BagIt-Version: 1.0\n');
    const view = await buildPackageView(folderPackageReader(dir, 'bare'), dir);
    expect(view.case).toBeNull();
    expect(view.report).toBeNull();
    expect(view.events).toBeNull();
    expect(view.problems.map((p) => p.file)).toEqual([
      'data/case.json',
      'bag-info.txt',
      'data/certs/index.json',
      'data/custody/ledger.jsonl',
      'data/events.jsonl',
    ]);
  });
});

describe('listExports', () => {
  it('lists export.created records and names a damaged line', async () => {
    const { caseDir, pkg } = await exported();
    await appendFile(join(caseDir, 'ledger.jsonl'), '{"action":"export.created", broken\n');
    const { exports, problems } = await listExports(caseDir);
    expect(exports).toHaveLength(1);
    expect(exports[0]?.path).toBe(pkg);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toBe('not a JSON record');
  });

  it('is empty for a case without a ledger', async () => {
    expect(await listExports(root.path)).toEqual({ exports: [], problems: [] });
  });
});

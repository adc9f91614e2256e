import { chmod, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaseService, CASE_SUBFOLDERS } from '../../../../electron/services/cases';
import { CaseError } from '../../../../shared/errors';
import { CaseFileV1 } from '../../../../shared/model';
import { snapshotTree } from '../../../helpers/fs-snapshot';
import { fixedDeps, tempDir } from '../../../helpers/temp-dir';

// Pass-through of the durable-write helpers with a hook, so a test can create the target folder
// in the window between CaseService's existence check and its rename (a concurrent creator).
const hooks = vi.hoisted(() => ({
  beforeFsyncDir: null as null | ((path: string) => Promise<void>),
}));
vi.mock('../../../../electron/services/fs/atomic', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../../electron/services/fs/atomic')>();
  return {
    ...actual,
    fsyncDir: async (path: string) => {
      if (hooks.beforeFsyncDir !== null) await hooks.beforeFsyncDir(path);
      return actual.fsyncDir(path);
    },
  };
});

async function caughtError(promise: Promise<unknown>): Promise<CaseError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CaseError);
    return error as CaseError;
  }
  throw new Error('expected the call to fail');
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

const input = {
  number: '2026/0417',
  title: 'Account takeover',
  authority: 'Production order 17/2026',
};

let root: string;
let cleanup: () => Promise<void>;
let service: CaseService;

beforeEach(async () => {
  ({ path: root, cleanup } = await tempDir());
  service = new CaseService(fixedDeps(join(root, 'cases')));
  hooks.beforeFsyncDir = null;
});

afterEach(async () => {
  hooks.beforeFsyncDir = null;
  await chmod(root, 0o755).catch(() => undefined);
  await cleanup();
});

describe('CaseService.create / list / open', () => {
  it('creates a case folder whose case.json is valid and complete', async () => {
    const summary = await service.create(input);
    const dir = join(root, 'cases', '2026-0417.sealcase');
    expect(summary).toEqual({
      id: '2026-0417.sealcase',
      uuid: '00000000-0000-4000-8000-000000000001',
      number: '2026/0417',
      title: 'Account takeover',
      authority: 'Production order 17/2026',
      created: '2026-11-22T10:00:00.000Z',
      path: dir,
    });

    const json: unknown = JSON.parse(await readFile(join(dir, 'case.json'), 'utf8'));
    const parsed = CaseFileV1.safeParse(json);
    expect(parsed.success).toBe(true);
    expect(json).toEqual({
      format: 'sealcase/case',
      version: 1,
      id: '00000000-0000-4000-8000-000000000001',
      number: '2026/0417',
      title: 'Account takeover',
      authority: 'Production order 17/2026',
      examiners: [],
      created: '2026-11-22T10:00:00.000Z',
      tool: { name: 'sealcase', version: '0.0.0-test' },
    });
  });

  it('creates every subfolder of the layout and leaves no temporary file or staging folder', async () => {
    const summary = await service.create(input);
    for (const sub of CASE_SUBFOLDERS) {
      expect(await isDirectory(join(summary.path, sub)), sub).toBe(true);
    }
    expect((await readdir(join(root, 'cases'))).sort()).toEqual(['2026-0417.sealcase']);
    expect((await readdir(summary.path)).sort()).toEqual(
      ['analysis', 'case.json', 'checkpoints', 'exports', 'vault'].sort(),
    );
  });

  it('stores a missing or empty authority as null', async () => {
    const a = await service.create({ number: 'A-1', title: 'No authority' });
    const b = await service.create({ number: 'B-1', title: 'Empty authority', authority: '' });
    expect(a.authority).toBeNull();
    expect(b.authority).toBeNull();
    const json = JSON.parse(await readFile(join(a.path, 'case.json'), 'utf8')) as {
      authority: unknown;
    };
    expect(json.authority).toBeNull();
  });

  it('lists created cases, newest first, and opens one by id', async () => {
    let t = Date.parse('2026-01-01T00:00:00.000Z');
    const clocked = new CaseService({
      ...fixedDeps(join(root, 'cases')),
      now: () => new Date((t += 60_000)),
    });
    await clocked.create({ number: 'OLD-1', title: 'Older' });
    await clocked.create({ number: 'NEW-2', title: 'Newer' });

    const listing = await clocked.list();
    expect(listing.problems).toEqual([]);
    expect(listing.cases.map((c) => c.id)).toEqual(['NEW-2.sealcase', 'OLD-1.sealcase']);

    const detail = await clocked.open('OLD-1.sealcase');
    expect(detail).toMatchObject({
      id: 'OLD-1.sealcase',
      number: 'OLD-1',
      title: 'Older',
      authority: null,
      created: '2026-01-01T00:01:00.000Z',
      path: join(root, 'cases', 'OLD-1.sealcase'),
      examiners: [],
      formatVersion: 1,
      tool: { name: 'sealcase', version: '0.0.0-test' },
    });
  });

  it('lists an empty (new) cases folder as empty, creating it', async () => {
    expect(await service.list()).toEqual({ cases: [], problems: [] });
    expect(await isDirectory(join(root, 'cases'))).toBe(true);
  });

  it('ignores hidden folders, files and folders without the .sealcase suffix', async () => {
    await service.create(input);
    const cases = join(root, 'cases');
    await mkdir(join(cases, '.hidden.sealcase'));
    await mkdir(join(cases, 'notes'));
    await writeFile(join(cases, 'stray.sealcase'), 'a file, not a folder');
    const listing = await service.list();
    expect(listing.cases.map((c) => c.id)).toEqual(['2026-0417.sealcase']);
    expect(listing.problems).toEqual([]);
  });

  it('refuses invalid input with CASE_INVALID and creates nothing', async () => {
    const error = await caughtError(service.create({ number: '2026/1', title: '   ' }));
    expect(error.code).toBe('CASE_INVALID');
    expect(error.where).toBe('title');
    expect(await isDirectory(join(root, 'cases', '2026-1.sealcase'))).toBe(false);
  });
});

describe('CaseService.createAt refusals', () => {
  it('refuses an existing folder with CASE_EXISTS naming it, leaves it untouched and no staging folder', async () => {
    const target = join(root, 'existing.sealcase');
    await mkdir(target);
    await writeFile(join(target, 'evidence.txt'), 'do not touch');
    const before = await snapshotTree(root);

    const error = await caughtError(service.createAt(target, input));
    expect(error.code).toBe('CASE_EXISTS');
    expect(error.message).toContain(target);
    expect(error.where).toBe(target);

    expect(await snapshotTree(root)).toEqual(before);
    expect((await readdir(root)).filter((n) => n.includes('creating'))).toEqual([]);
  });

  it('refuses an existing file of the same name with CASE_EXISTS', async () => {
    const target = join(root, 'file.sealcase');
    await writeFile(target, 'a file');
    const before = await snapshotTree(root);
    const error = await caughtError(service.createAt(target, input));
    expect(error.code).toBe('CASE_EXISTS');
    expect(error.message).toContain(target);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('refuses when the target appears while the case is being built, and removes the staging folder', async () => {
    const target = join(root, 'raced.sealcase');
    hooks.beforeFsyncDir = async (path) => {
      // Right after the staging folder is complete: another process creates the target.
      if (path.includes('.raced.sealcase.creating-')) await mkdir(target, { recursive: true });
    };
    const error = await caughtError(service.createAt(target, input));
    expect(error.code).toBe('CASE_EXISTS');
    expect(error.message).toContain(target);
    // The other process's folder is still there, empty: not replaced by ours.
    expect(await readdir(target)).toEqual([]);
    expect(await readdir(root)).toEqual(['raced.sealcase']);
  });

  it('refuses a parent path that is a regular file with CASE_NOT_WRITABLE naming the path', async () => {
    const file = join(root, 'plain-file');
    await writeFile(file, 'not a folder');
    const target = join(file, 'x.sealcase');
    const before = await snapshotTree(root);

    const error = await caughtError(service.createAt(target, input));
    expect(error.code).toBe('CASE_NOT_WRITABLE');
    expect(error.message).toContain(target);
    expect(await snapshotTree(root)).toEqual(before);
  });

  // Tests run as root here, and chmod does not stop root; /sys refuses even root (EPERM or EROFS).
  it.runIf(process.platform === 'linux')(
    'refuses a parent the system will not let anyone write with CASE_NOT_WRITABLE naming it',
    async () => {
      const target = '/sys/sealcase-test/x.sealcase';
      const error = await caughtError(service.createAt(target, input));
      expect(error.code).toBe('CASE_NOT_WRITABLE');
      expect(error.message).toContain('/sys/sealcase-test');
      expect(await isDirectory('/sys/sealcase-test')).toBe(false);
    },
  );

  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')(
    'refuses a read-only parent folder with CASE_NOT_WRITABLE (non-root only)',
    async () => {
      const parent = join(root, 'readonly');
      await mkdir(parent);
      await chmod(parent, 0o555);
      try {
        const error = await caughtError(service.createAt(join(parent, 'x.sealcase'), input));
        expect(error.code).toBe('CASE_NOT_WRITABLE');
        expect(error.message).toContain(parent);
        expect(await readdir(parent)).toEqual([]);
      } finally {
        await chmod(parent, 0o755);
      }
    },
  );
});

describe('reading existing case folders', () => {
  async function writeCase(name: string, content: string): Promise<string> {
    const dir = join(root, 'cases', name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'case.json'), content);
    return dir;
  }

  it('lists a case.json that fails its schema under problems and leaves its bytes unchanged', async () => {
    await service.create(input);
    const bad = JSON.stringify({
      format: 'sealcase/case',
      version: 1,
      id: 'not-a-uuid',
      number: 'X',
      title: 'Bad',
      authority: null,
      examiners: [],
      created: '2026-11-22T10:00:00.000Z',
      tool: { name: 'sealcase', version: '0.1.0' },
      extra: 'unknown field',
    });
    const dir = await writeCase('bad.sealcase', bad);
    const before = await readFile(join(dir, 'case.json'));

    const listing = await service.list();
    expect(listing.cases.map((c) => c.id)).toEqual(['2026-0417.sealcase']);
    expect(listing.problems).toHaveLength(1);
    expect(listing.problems[0]).toMatchObject({
      id: 'bad.sealcase',
      path: dir,
      code: 'CASE_INVALID',
    });
    expect(listing.problems[0]?.message).toContain(join(dir, 'case.json'));

    expect((await readFile(join(dir, 'case.json'))).equals(before)).toBe(true);
    expect(await readdir(dir)).toEqual(['case.json']);
  });

  it('lists unparsable JSON and a missing case.json as problems with their codes', async () => {
    await writeCase('garbled.sealcase', '{"format": "sealcase/case", ');
    await mkdir(join(root, 'cases', 'empty.sealcase'), { recursive: true });
    const listing = await service.list();
    expect(listing.cases).toEqual([]);
    expect(listing.problems.map((p) => [p.id, p.code])).toEqual([
      ['empty.sealcase', 'CASE_NOT_FOUND'],
      ['garbled.sealcase', 'CASE_INVALID'],
    ]);
  });

  it('refuses to open a case.json of a newer version with CASE_VERSION_UNSUPPORTED, without rewriting it', async () => {
    const created = await service.create(input);
    const file = join(created.path, 'case.json');
    const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const newer = JSON.stringify({ ...json, version: 2, addedInV2: true });
    await writeFile(file, newer);

    const error = await caughtError(service.open(created.id));
    expect(error.code).toBe('CASE_VERSION_UNSUPPORTED');
    expect(error.message).toContain(file);

    const listing = await service.list();
    expect(listing.problems.map((p) => p.code)).toEqual(['CASE_VERSION_UNSUPPORTED']);
    expect(await readFile(file, 'utf8')).toBe(newer);
  });

  it('refuses to open a missing case with CASE_NOT_FOUND', async () => {
    const error = await caughtError(service.open('missing.sealcase'));
    expect(error.code).toBe('CASE_NOT_FOUND');
    expect(error.message).toContain(join(root, 'cases', 'missing.sealcase'));
  });
});

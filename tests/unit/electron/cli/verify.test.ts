import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../electron/cli/io';
import { runCli } from '../../../../electron/cli/program';
import type { PackageVerification } from '../../../../shared/package/verify';
import { buildPackageFiles, writePackageFolder } from '../../../helpers/package-fixture';
import { snapshotTree } from '../../../helpers/fs-snapshot';
import { tempDir } from '../../../helpers/temp-dir';

let files: Map<string, Uint8Array>;
let cwd: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  files = await buildPackageFiles();
});
beforeEach(async () => {
  ({ path: cwd, cleanup } = await tempDir());
  await writePackageFolder(join(cwd, 'pkg'), files);
});
afterEach(async () => cleanup());

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env: {} };
  const code = await runCli(argv, io, '0.0.0-test');
  return { code, out: out.join(''), err: err.join('') };
}

describe('sealcase verify', () => {
  it('prints every check and exits 0 for a valid package, writing nothing', async () => {
    const before = await snapshotTree(cwd);
    const r = await cli('verify', 'pkg');
    expect(r.code).toBe(0);
    expect(r.out.match(/^ {2}PASS {2}/gm)).toHaveLength(12);
    expect(r.out).toMatch(/Trust anchors used/);
    expect(r.out).toMatch(/^Result: VALID$/m);
    expect(r.err).toBe('');
    expect(await snapshotTree(cwd)).toEqual(before);
  });

  it('--json prints one object with checks, findings and summary', async () => {
    const r = await cli('verify', 'pkg', '--json');
    expect(r.code).toBe(0);
    const v = JSON.parse(r.out) as PackageVerification;
    expect(v.valid).toBe(true);
    expect(v.checks).toHaveLength(12);
    expect(v.summary.caseNumber).toBe('2026/0417');
  });

  it('exits 1 with each finding, its code and its file, for a changed package', async () => {
    await writeFile(join(cwd, 'pkg', 'data', 'events.jsonl'), '{}\n');
    const r = await cli('verify', 'pkg');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^ {2}DIGEST_MISMATCH {2}data\/events\.jsonl: /m);
    expect(r.out).toMatch(/^Result: NOT VALID/m);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/package not valid: .*: 3 findings/);
    const json = await cli('verify', 'pkg', '--json');
    expect(json.code).toBe(1);
    const v = JSON.parse(json.out) as PackageVerification;
    expect(v.findings).toContainEqual(
      expect.objectContaining({ code: 'DIGEST_MISMATCH', file: 'data/events.jsonl' }),
    );
  });

  it('exits 2 with one line for a path that is missing or no package', async () => {
    const missing = await cli('verify', 'nope');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/PKG_UNREADABLE/);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    await writeFile(join(cwd, 'x.txt'), 'x');
    const stray = await cli('verify', 'x.txt');
    expect(stray.code).toBe(2);
    expect(stray.err).toMatch(/PKG_NOT_A_PACKAGE/);
  });
});

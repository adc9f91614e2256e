import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PackageError } from '../../../../../shared/errors';
import { openPackage, verifyPackageAt } from '../../../../../electron/services/package';
import {
  buildPackageFiles,
  writePackageFolder,
  zipPackageFiles,
} from '../../../../helpers/package-fixture';
import { snapshotTree } from '../../../../helpers/fs-snapshot';
import { tempDir } from '../../../../helpers/temp-dir';

let files: Map<string, Uint8Array>;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  files = await buildPackageFiles();
});
beforeEach(async () => {
  ({ path: dir, cleanup } = await tempDir());
});
afterEach(async () => cleanup());

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    if (error instanceof PackageError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('openPackage', () => {
  it('verifies a folder and a zip without writing anything', async () => {
    const pkg = join(dir, 'pkg');
    await writePackageFolder(pkg, files);
    await writeFile(join(dir, 'pkg.zip'), zipPackageFiles(files));
    const before = await snapshotTree(dir);
    expect((await verifyPackageAt(pkg)).findings).toEqual([]);
    expect((await verifyPackageAt(join(dir, 'pkg.zip'))).findings).toEqual([]);
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('a missing path is PKG_UNREADABLE; a stray file or an empty folder PKG_NOT_A_PACKAGE', async () => {
    expect(await codeOf(openPackage(join(dir, 'nope')))).toBe('PKG_UNREADABLE');
    await writeFile(join(dir, 'notes.txt'), 'hello');
    expect(await codeOf(openPackage(join(dir, 'notes.txt')))).toBe('PKG_NOT_A_PACKAGE');
    await mkdir(join(dir, 'empty'));
    expect(await codeOf(openPackage(join(dir, 'empty')))).toBe('PKG_NOT_A_PACKAGE');
  });

  it('never follows a symbolic link: a link in place of a payload file is a finding', async () => {
    const pkg = join(dir, 'pkg');
    await writePackageFolder(pkg, files);
    const secret = join(dir, 'secret.txt');
    await writeFile(secret, 'outside the package');
    await rm(join(pkg, 'data/events.jsonl'));
    await symlink(secret, join(pkg, 'data/events.jsonl'));
    await symlink('/etc', join(pkg, 'data/etc'));
    const v = await verifyPackageAt(pkg);
    expect(v.valid).toBe(false);
    // A link is a container problem: reported, never followed, and nothing else is read.
    expect(v.findings.map((f) => [f.code, f.file])).toEqual([
      ['FILE_EXTRA', 'data/etc'],
      ['FILE_EXTRA', 'data/events.jsonl'],
    ]);
    expect(v.checks.slice(1).every((c) => c.status === 'skipped')).toBe(true);
  });

  it('reads a zip through its file handle only as far as asked', async () => {
    const path = join(dir, 'pkg.zip');
    await writeFile(path, zipPackageFiles(files, 'some-other-name'));
    const opened = await openPackage(path);
    try {
      const listing = await opened.reader.list();
      expect(listing.findings).toEqual([]);
      expect(listing.files.map((f) => f.path)).toContain('bagit.txt');
      const chunks: Uint8Array[] = [];
      await opened.reader.stream('bagit.txt', (c) => {
        chunks.push(c.slice());
      });
      expect(Buffer.concat(chunks).toString()).toBe(
        'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n',
      );
      expect(await codeOf(opened.reader.stream('../../etc/passwd', () => undefined))).toBe(
        'PKG_FILE_NOT_FOUND',
      );
    } finally {
      await opened.close();
    }
  });
});

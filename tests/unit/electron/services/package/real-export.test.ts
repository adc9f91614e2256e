import { mkdtempSync, rmSync } from 'node:fs';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPackage } from '../../../../../electron/services/export';
import type { UnlockedIdentity } from '../../../../../electron/services/identity';
import { verifyPackageAt } from '../../../../../electron/services/package';
import { demoCase, testDeps } from '../export/export-case';

/**
 * The verifier against real exports (electron/services/export over the demo case): folder and
 * zip valid; a second export valid with its consistency proof; one changed byte in any file of
 * the folder is caught and the finding names the file.
 */
let dir: string;
let caseDir: string;
let identity: UnlockedIdentity;
const folder = () => join(dir, 'pkg1');
const zip = () => join(dir, 'pkg1.zip');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sealcase-verify-'));
  ({ caseDir, identity } = await demoCase(dir));
  await exportPackage(caseDir, { out: folder() }, identity, testDeps());
  await exportPackage(caseDir, { out: zip(), zip: true }, identity, testDeps());
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) out.push(...(await listFiles(root, rel)));
    else out.push(rel);
  }
  return out.sort();
}

describe('verify real exports', () => {
  it('a folder export is valid, every check passing', async () => {
    const v = await verifyPackageAt(folder());
    expect(v.findings).toEqual([]);
    expect(v.checks.every((c) => c.status === 'pass')).toBe(true);
    expect(v.summary.form).toBe('folder');
    expect(v.summary.anchors.length).toBeGreaterThan(0);
  });

  it('a zip export is valid', async () => {
    const v = await verifyPackageAt(zip());
    expect(v.findings).toEqual([]);
    expect(v.summary.form).toBe('zip');
  });

  it('a later export is valid and proves it extends the earlier one', async () => {
    const later = join(dir, 'pkg2');
    await exportPackage(caseDir, { out: later }, identity, testDeps());
    const v = await verifyPackageAt(later);
    expect(v.findings).toEqual([]);
    expect(v.checks.find((c) => c.id === 'proofs')!.detail).toMatch(/extends package urn:uuid:/);
  }, 120_000);

  it('one changed byte in any file of the package is caught and names the file', async () => {
    const files = await listFiles(folder());
    expect(files.length).toBeGreaterThan(20);
    const work = join(dir, 'flip');
    const missed: string[] = [];
    await cp(folder(), work, { recursive: true });
    for (const [i, rel] of files.entries()) {
      const path = join(work, rel);
      const original = await readFile(path);
      if (original.length === 0) continue;
      for (const at of [0, original.length - 1, (i * 7919) % original.length]) {
        const changed = Buffer.from(original);
        changed[at] = changed[at]! ^ 0x04;
        await writeFile(path, changed);
        const v = await verifyPackageAt(work);
        if (v.valid || !v.findings.some((f) => f.file === rel)) {
          missed.push(`${rel}@${at}: ${v.findings.map((f) => `${f.code} ${f.file}`).join(', ')}`);
        }
      }
      await writeFile(path, original);
    }
    expect(missed).toEqual([]);
  }, 300_000);
});

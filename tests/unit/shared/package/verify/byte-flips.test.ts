import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPackage } from '../../../../../shared/package/verify';
import { nodeVerifyDeps } from '../../../../../electron/services/package/node-verify-deps';
import { buildPackageFiles } from '../../../../helpers/package-fixture';
import { memoryReader } from './memory-reader';

/**
 * Issue 8: any single changed byte in any file of the package gives a finding that names the
 * file. For every file of the fixture package: its first and last byte and six seeded positions,
 * each XORed with a seeded non-zero value.
 */
let files: Map<string, Uint8Array>;
beforeAll(async () => {
  files = await buildPackageFiles();
});

function positions(length: number, seed: number): number[] {
  const out = new Set([0, length - 1]);
  let x = seed;
  while (out.size < Math.min(length, 8)) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.add(x % length);
  }
  return [...out];
}

describe('a single changed byte anywhere is caught and the finding names the file', () => {
  const deps = nodeVerifyDeps();
  it('holds for every file of the package', async () => {
    const missed: string[] = [];
    let seed = 7;
    for (const [path, bytes] of files) {
      if (bytes.length === 0) continue;
      for (const at of positions(bytes.length, seed++)) {
        const changed = new Map(files);
        const copy = bytes.slice();
        // XOR 0x04 keeps a hex digit a hex digit (the subtle case), the other mask usually not.
        copy[at] = copy[at]! ^ (at % 2 === 0 ? 0x04 : 1 + ((seed * 37 + at) % 255));
        changed.set(path, copy);
        const v = await verifyPackage(memoryReader(changed), deps);
        if (v.valid || !v.findings.some((f) => f.file === path)) {
          missed.push(`${path}@${at}: ${v.findings.map((f) => `${f.code} ${f.file}`).join(', ')}`);
        }
      }
    }
    expect(missed).toEqual([]);
  }, 120_000);
});

import { beforeAll, describe, expect, it } from 'vitest';
import { bytesSource } from '../../../../../shared/package/zip';
import { verifyPackage, zipPackageReader } from '../../../../../shared/package/verify';
import { nodeVerifyDeps } from '../../../../../electron/services/package/node-verify-deps';
import { buildPackageFiles, zipPackageFiles } from '../../../../helpers/package-fixture';
import { memoryReader } from './memory-reader';

let files: Map<string, Uint8Array>;
beforeAll(async () => {
  files = await buildPackageFiles();
});

describe('verifyPackage on a fixture package', () => {
  it('finds a well-formed package valid, with every check passing', async () => {
    const v = await verifyPackage(memoryReader(files), nodeVerifyDeps());
    expect(v.findings).toEqual([]);
    expect(v.valid).toBe(true);
    expect(v.checks.map((c) => [c.id, c.status])).toEqual([
      ['container', 'pass'],
      ['declaration', 'pass'],
      ['bag-info', 'pass'],
      ['manifests', 'pass'],
      ['completeness', 'pass'],
      ['fixity', 'pass'],
      ['certificates', 'pass'],
      ['signatures', 'pass'],
      ['report', 'pass'],
      ['ledger', 'pass'],
      ['proofs', 'pass'],
      ['content', 'pass'],
    ]);
    expect(v.summary.ledger?.records).toBe(4);
    expect(v.summary.anchors).toHaveLength(1);
  });

  it('finds the zip form valid too', async () => {
    const zip = zipPackageFiles(files);
    const v = await verifyPackage(zipPackageReader(bytesSource(zip), 'p.zip'), nodeVerifyDeps());
    expect(v.findings).toEqual([]);
    expect(v.summary.form).toBe('zip');
  });
});

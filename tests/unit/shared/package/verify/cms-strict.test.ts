import { beforeAll, describe, expect, it } from 'vitest';
import { verifySignedData } from '../../../../../shared/cms';
import { cmsStrictProblem } from '../../../../../shared/package/verify';
import { nodeWebCrypto } from '../../../../../electron/services/signing/node-engine';
import { buildPackageFiles } from '../../../../helpers/package-fixture';

/**
 * tagmanifest-sha256.txt.p7s is covered by nothing but itself (FORMAT.md §5). Run once over every
 * byte with XOR 0x01 and 0x80 (≈6,000 variants, 50 s), no flip survived the CMS verifier plus the
 * carried-certificate comparison; this test keeps a stride of that sweep and pins the strict-DER
 * rules that guard what the signature does not cover.
 */
let der: Uint8Array;
let content: Uint8Array;
let certs: string[];
beforeAll(async () => {
  const files = await buildPackageFiles();
  der = files.get('tagmanifest-sha256.txt.p7s')!;
  content = files.get('tagmanifest-sha256.txt')!;
  certs = [...files]
    .filter(([p]) => p.endsWith('.der'))
    .map(([, b]) => Buffer.from(b).toString('hex'));
});

describe('the tag manifest signature pins every byte', () => {
  it('accepts the signature as written', async () => {
    expect(cmsStrictProblem(der)).toBeNull();
    expect((await verifySignedData(der, { content }, nodeWebCrypto)).ok).toBe(true);
  });

  it('refuses trailing bytes, a BER length form and another SignedData version', () => {
    expect(cmsStrictProblem(new Uint8Array([...der, 0]))).not.toBeNull();
    // The SignedData version: the first INTEGER 1 (02 01 01) inside the [0] wrapper.
    const at = Buffer.from(der).indexOf(Buffer.from([0x02, 0x01, 0x01]), 10);
    const v3 = der.slice();
    v3[at + 2] = 3;
    expect(cmsStrictProblem(v3)).toMatch(/version/);
  });

  it('no single-byte change (every 11th byte, two XOR masks) passes all package checks', async () => {
    const survivors: number[] = [];
    for (let at = 0; at < der.length; at += 11) {
      for (const mask of [0x01, 0x80]) {
        const c = der.slice();
        c[at] = c[at]! ^ mask;
        const v = await verifySignedData(c, { content }, nodeWebCrypto);
        const carried = v.certificates.every((d) => certs.includes(Buffer.from(d).toString('hex')));
        if (v.ok && carried && cmsStrictProblem(c) === null) survivors.push(at);
      }
    }
    expect(survivors).toEqual([]);
  }, 60_000);
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeWebCrypto, signManifest } from '../../../../../electron/services/signing';
import { verifySignedData } from '../../../../../shared/cms';
import {
  makeSigners,
  printCms,
  run,
  TOOLS,
  type TestSigners,
} from '../../../../helpers/cms-signers';
import { tempDir } from '../../../../helpers/temp-dir';

let signers: TestSigners;
let dir: string;
let cleanup: () => Promise<void>;
const MANIFEST = new TextEncoder().encode(
  [
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  data/events.jsonl',
    '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  data/originals/x/access log.txt',
    '',
  ].join('\n'),
);
const AT = new Date('2026-11-22T10:00:00.000Z');
let p7s: Uint8Array;

beforeAll(async () => {
  signers = makeSigners();
  ({ path: dir, cleanup } = await tempDir('sealcase-manifest-'));
  p7s = await signManifest(MANIFEST, signers.examiner, { signingTime: AT });
  await writeFile(join(dir, 'manifest-sha256.txt'), MANIFEST);
  await writeFile(join(dir, 'manifest-sha256.txt.p7s'), p7s);
  await writeFile(join(dir, 'labca.pem'), signers.caPem);
}, 120_000);
afterAll(async () => cleanup());

function opensslVerify(content: string, extra: readonly string[]) {
  return run('openssl', [
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    join(dir, 'manifest-sha256.txt.p7s'),
    '-content',
    join(dir, content),
    ...extra,
    '-out',
    '/dev/null',
  ]);
}

describe('signManifest', () => {
  it('is a detached CMS our verifier accepts, with the signing time and both certificates', async () => {
    const v = await verifySignedData(p7s, { content: MANIFEST }, nodeWebCrypto);
    expect(v.findings).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.signingTime).toBe(AT.toISOString());
    expect(v.signer?.certSha256).toBe(signers.examiner.certSha256);
    expect(v.certificates.map((c) => Buffer.from(c).toString('hex'))).toEqual([
      Buffer.from(signers.examiner.certificateDer).toString('hex'),
      Buffer.from(signers.caDer).toString('hex'),
    ]);
    // Detached: the manifest text is not inside the signature.
    expect(Buffer.from(p7s).indexOf('data/events.jsonl')).toBe(-1);
  });

  it('defaults the signing time to now', async () => {
    const before = Date.now();
    const v = await verifySignedData(
      await signManifest(MANIFEST, signers.examiner),
      { content: MANIFEST },
      nodeWebCrypto,
    );
    const t = Date.parse(v.signingTime!);
    expect(t).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it.skipIf(!TOOLS.openssl)(
    'openssl cms -verify accepts it with -noverify and with -CAfile labca.pem',
    () => {
      for (const extra of [['-noverify'], ['-CAfile', join(dir, 'labca.pem')]]) {
        const r = opensslVerify('manifest-sha256.txt', extra);
        expect(r.status, r.out).toBe(0);
        expect(r.out).toContain('Verification successful');
      }
      const printed = printCms(join(dir, 'manifest-sha256.txt.p7s'));
      expect(printed.out).toMatch(/signingCertificateV2/);
      expect(printed.out).toMatch(/signingTime/);
    },
  );

  it('one changed byte in the content: openssl fails and we report CMS_DIGEST_MISMATCH', async () => {
    const changed = Uint8Array.from(MANIFEST);
    changed[10]! ^= 0x01;
    await writeFile(join(dir, 'changed.txt'), changed);
    if (TOOLS.openssl) {
      const r = opensslVerify('changed.txt', ['-noverify']);
      expect(r.status, r.out).not.toBe(0);
      expect(r.out).toMatch(/verification failure|digest failure/i);
    }
    const v = await verifySignedData(p7s, { content: changed }, nodeWebCrypto);
    expect(v.findings.map((f) => f.code)).toEqual(['CMS_DIGEST_MISMATCH']);
  });
});

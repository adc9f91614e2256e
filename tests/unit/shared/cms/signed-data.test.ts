import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import fc from 'fast-check';
import {
  AlgorithmIdentifier,
  Attribute,
  ContentInfo,
  EncapsulatedContentInfo,
  SignedAndUnsignedAttributes,
  SignedData,
} from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createSignedData,
  MAX_CMS_BYTES,
  verifySignedData,
  type WebCryptoEngine,
} from '../../../../shared/cms';
import { CmsError } from '../../../../shared/errors';
import { makeSigners, type TestSigners } from '../../../helpers/cms-signers';

// The engine a browser would pass: WebCrypto, here Node's.
const engine = webcrypto as unknown as WebCryptoEngine;
const CONTENT = new TextEncoder().encode('manifest line 1\nmanifest line 2\n');
const SIGNED_DATA = '1.2.840.113549.1.7.2';
const ESS_V2 = '1.2.840.113549.1.9.16.2.47';
const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

let signers: TestSigners;
let cms: Uint8Array;

beforeAll(async () => {
  signers = makeSigners();
  cms = await createSignedData(
    {
      content: CONTENT,
      detached: true,
      signer: signers.examiner,
      signingTime: new Date('2026-11-22T10:00:00Z'),
    },
    engine,
  );
}, 120_000);

function parsed(bytes: Uint8Array): SignedData {
  return new SignedData({ schema: ContentInfo.fromBER(Uint8Array.from(bytes)).content });
}

function encode(sd: SignedData): Uint8Array {
  return new Uint8Array(
    new ContentInfo({ contentType: SIGNED_DATA, content: sd.toSchema(true) }).toSchema().toBER(),
  );
}

/** Re-signs `cms` with the examiner's key after editing its signed attributes. */
function resign(bytes: Uint8Array, edit: (attrs: Attribute[]) => Attribute[]): Uint8Array {
  const sd = parsed(bytes);
  const si = sd.signerInfos[0]!;
  si.signedAttrs = new SignedAndUnsignedAttributes({
    type: 0,
    attributes: edit(si.signedAttrs!.attributes),
  });
  const tbs = new Uint8Array(si.signedAttrs.toSchema().toBER());
  tbs[0] = 0x31;
  si.signature = new asn1js.OctetString({ valueHex: signers.examiner.sign(tbs) });
  return encode(sd);
}

async function codesOf(bytes: Uint8Array, content = CONTENT): Promise<string[]> {
  return (await verifySignedData(bytes, { content }, engine)).findings.map((f) => f.code);
}

describe('createSignedData', () => {
  it('verifies, naming the signer, its certificate hash and the signing time', async () => {
    const v = await verifySignedData(cms, { content: CONTENT }, engine);
    expect(v.findings).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.signer?.certSha256).toBe(signers.examiner.certSha256);
    expect(v.signer?.subject).toContain('CN=Анна Tamm');
    expect(v.signingTime).toBe('2026-11-22T10:00:00.000Z');
  });

  it('gives the same bytes from the content or from its SHA-256 (PKCS#1 v1.5 is deterministic)', async () => {
    const digest = new Uint8Array(await engine.subtle.digest('SHA-256', CONTENT));
    const time = new Date('2026-11-22T10:00:00Z');
    const a = await createSignedData(
      { content: CONTENT, detached: true, signer: signers.examiner, signingTime: time },
      engine,
    );
    const b = await createSignedData(
      { digest, detached: true, signer: signers.examiner, signingTime: time },
      engine,
    );
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(await verifySignedData(a, { digest }, engine)).toMatchObject({ ok: true });
  });

  it('writes the signed attributes in DER SET OF order, with signingCertificateV2', () => {
    const attrs = parsed(cms).signerInfos[0]!.signedAttrs!.attributes;
    expect(attrs.map((a) => a.type).sort()).toEqual(
      ['1.2.840.113549.1.9.3', MESSAGE_DIGEST, '1.2.840.113549.1.9.5', ESS_V2].sort(),
    );
    const encodings = attrs.map((a) => Buffer.from(a.toSchema().toBER()));
    for (let i = 1; i < encodings.length; i++) {
      expect(Buffer.compare(encodings[i - 1]!, encodings[i]!)).toBeLessThan(0);
    }
  });

  it('refuses a digest of the wrong length and a signer that is not RSA-signing', async () => {
    await expect(
      createSignedData(
        { digest: new Uint8Array(20), detached: true, signer: signers.examiner },
        engine,
      ),
    ).rejects.toMatchObject({ code: 'CMS_INPUT_INVALID' });
    const bad = {
      ...signers.examiner,
      certificateDer: new Uint8Array([1, 2, 3]),
      chainDer: [],
      sign: signers.examiner.sign.bind(signers.examiner),
    };
    const error = await createSignedData(
      { content: CONTENT, detached: true, signer: bad },
      engine,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CmsError);
    expect((error as CmsError).code).toBe('CMS_SIGNER_INVALID');
  });
});

describe('verifySignedData findings', () => {
  it('content changed: CMS_DIGEST_MISMATCH', async () => {
    const changed = Uint8Array.from(CONTENT);
    changed[0]! ^= 1;
    expect(await codesOf(cms, changed)).toEqual(['CMS_DIGEST_MISMATCH']);
  });

  it('signature byte flipped: CMS_SIGNATURE_INVALID', async () => {
    const bytes = Uint8Array.from(cms);
    bytes[bytes.length - 3]! ^= 0x10; // the signature OCTET STRING ends the DER
    expect(await codesOf(bytes)).toEqual(['CMS_SIGNATURE_INVALID']);
  });

  it('certificates removed: CMS_NO_SIGNER_CERT', async () => {
    const sd = parsed(cms);
    sd.certificates = undefined as never;
    expect(await codesOf(encode(sd))).toEqual(['CMS_NO_SIGNER_CERT']);
  });

  it('signingCertificateV2 missing or naming another certificate', async () => {
    const without = resign(cms, (attrs) => attrs.filter((a) => a.type !== ESS_V2));
    expect(await codesOf(without)).toEqual(['CMS_SIGNING_CERT_MISSING']);
    const other = resign(cms, (attrs) =>
      attrs.map((a) => {
        if (a.type !== ESS_V2) return a;
        const der = new Uint8Array(a.values[0]!.toBER());
        der[10]! ^= 0xff; // inside certHash
        return new Attribute({ type: ESS_V2, values: [asn1js.fromBER(der).result] });
      }),
    );
    expect(await codesOf(other)).toEqual(['CMS_SIGNING_CERT_MISMATCH']);
  });

  it('messageDigest attribute missing: CMS_SIGNED_ATTRS_INVALID', async () => {
    const without = resign(cms, (attrs) => attrs.filter((a) => a.type !== MESSAGE_DIGEST));
    expect(await codesOf(without)).toEqual(['CMS_SIGNED_ATTRS_INVALID']);
  });

  it('content embedded: CMS_NOT_DETACHED', async () => {
    const sd = parsed(cms);
    sd.encapContentInfo = new EncapsulatedContentInfo({
      eContentType: '1.2.840.113549.1.7.1',
      eContent: new asn1js.OctetString({ valueHex: CONTENT }),
    });
    expect(await codesOf(encode(sd))).toEqual(['CMS_NOT_DETACHED']);
  });

  it('SHA-1 digest algorithm: CMS_UNSUPPORTED_ALGORITHM', async () => {
    const sd = parsed(cms);
    const sha1 = new AlgorithmIdentifier({ algorithmId: '1.3.14.3.2.26' });
    sd.signerInfos[0]!.digestAlgorithm = sha1;
    sd.digestAlgorithms = [sha1];
    expect(await codesOf(encode(sd))).toEqual(['CMS_UNSUPPORTED_ALGORITHM']);
  });

  it('the CA certificate damaged inside the CMS: CMS_CERT_INVALID', async () => {
    const bytes = Uint8Array.from(cms);
    const ca = Buffer.from(bytes).indexOf(Buffer.from(signers.caDer));
    expect(ca).toBeGreaterThan(0);
    bytes[ca + 200]! ^= 0x01;
    expect(await codesOf(bytes)).toContain('CMS_CERT_INVALID');
  });

  it('hostile bytes: empty, garbage, truncated, trailing bytes, deep nesting, oversized', async () => {
    const deep = new Uint8Array(200_000);
    for (let i = 0; i < deep.length; i += 2) [deep[i], deep[i + 1]] = [0x30, 0x80];
    const cases: [Uint8Array, string][] = [
      [new Uint8Array(0), 'CMS_MALFORMED'],
      [new TextEncoder().encode('not a signature'), 'CMS_MALFORMED'],
      [cms.subarray(0, cms.length - 1), 'CMS_MALFORMED'],
      [new Uint8Array([...cms, 0]), 'CMS_MALFORMED'],
      [deep, 'CMS_MALFORMED'],
      [new Uint8Array(MAX_CMS_BYTES + 1), 'CMS_TOO_LARGE'],
    ];
    for (const [bytes, code] of cases) expect(await codesOf(bytes)).toEqual([code]);
  });

  it('property: arbitrary bytes never throw and never verify', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => {
        const v = await verifySignedData(bytes, { content: CONTENT }, engine);
        expect(v.ok).toBe(false);
        expect(v.findings.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('property: any single changed byte of the CMS is reported, never thrown', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: cms.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, xor) => {
          const bytes = Uint8Array.from(cms);
          bytes[at]! ^= xor;
          const v = await verifySignedData(bytes, { content: CONTENT }, engine);
          expect(v.ok, `byte ${at} ^ ${xor}`).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});

import { webcrypto } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeRangeSha256 } from '../../../../electron/services/signing';
import {
  MAX_PDF_SIGNATURES,
  verifyPdfSignatures,
  type PdfVerification,
  type WebCryptoEngine,
} from '../../../../shared/cms';
import { makeSigners, signedSamplePdf } from '../../../helpers/cms-signers';

const engine = webcrypto as unknown as WebCryptoEngine;
let signed: Uint8Array;

beforeAll(async () => {
  signed = await signedSamplePdf(makeSigners());
}, 120_000);

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const codes = (v: PdfVerification) => [...new Set(v.findings.map((f) => f.code))];
const verify = (pdf: Uint8Array) => verifyPdfSignatures(pdf, { engine, sha256: nodeRangeSha256 });

/** The signed PDF with `edit` applied to its latin1 text (same length). */
function edited(edit: (text: string) => string): Uint8Array {
  const text = edit(latin1(signed));
  expect(text.length).toBe(signed.length);
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

describe('verifyPdfSignatures', () => {
  it('the default WebCrypto hashing (as in a browser) agrees with Node hashing', async () => {
    const v = await verifyPdfSignatures(signed, { engine });
    expect(v.ok).toBe(true);
    expect(v.signatures[0]!.wholeFile).toBe(true);
  });

  it('mixed-case hex in /Contents: PDF_CONTENTS_INVALID (same bytes, but not what was written)', async () => {
    const pdf = edited((t) => {
      const at = t.indexOf('/Contents <') + 11;
      const i = t.slice(at).search(/[a-f]/) + at;
      return t.slice(0, i) + t[i]!.toUpperCase() + t.slice(i + 1);
    });
    expect(codes(await verify(pdf))).toEqual(['PDF_CONTENTS_INVALID']);
  });

  it('non-zero bytes hidden in the padding after the CMS: PDF_CONTENTS_INVALID', async () => {
    const pdf = edited((t) => {
      const end = t.indexOf('>', t.indexOf('/Contents <'));
      return `${t.slice(0, end - 2)}ff${t.slice(end)}`;
    });
    expect(codes(await verify(pdf))).toEqual(['PDF_CONTENTS_INVALID']);
  });

  it('a /ByteRange that is not four integers: PDF_BYTERANGE_INVALID', async () => {
    const pdf = edited((t) => t.replace(/\/ByteRange \[0 /, '/ByteRange [x '));
    expect(codes(await verify(pdf))).toEqual(['PDF_BYTERANGE_INVALID']);
  });

  it('a /ByteRange whose gap is not the /Contents string: PDF_CONTENTS_INVALID', async () => {
    const pdf = edited((t) =>
      t.replace(
        /\/ByteRange \[0 (\d+)/,
        (_m, b: string) => `/ByteRange [0 ${String(Number(b) - 1).padStart(b.length, '0')}`,
      ),
    );
    expect(codes(await verify(pdf))).toContain('PDF_CONTENTS_INVALID');
  });

  it(`more than ${MAX_PDF_SIGNATURES} signature dictionaries: PDF_TOO_MANY_SIGNATURES`, async () => {
    const junk = Buffer.from('/ByteRange [0 1 2 3]\n'.repeat(MAX_PDF_SIGNATURES + 1));
    expect(codes(await verify(Buffer.concat([signed, junk])))).toContain('PDF_TOO_MANY_SIGNATURES');
  });

  it('hostile input never throws: empty, garbage, a lone /ByteRange', async () => {
    for (const bytes of [
      new Uint8Array(0),
      new Uint8Array(1000).fill(0x2f),
      Buffer.from('%PDF-1.7\n/ByteRange [0 99999999999999999999 1 1]'),
    ]) {
      const v = await verify(bytes);
      expect(v.ok).toBe(false);
      expect(v.findings.length).toBeGreaterThan(0);
    }
  });

  it('property: a changed byte anywhere never leaves the PDF valid-and-whole, and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: signed.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, xor) => {
          const pdf = Uint8Array.from(signed);
          pdf[at]! ^= xor;
          const v = await verify(pdf);
          expect(v.ok, `byte ${at} ^ ${xor}`).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('property: changes inside the /Contents hole are always caught (the only unsigned bytes)', async () => {
    const start = latin1(signed).indexOf('/Contents <') + 10;
    const end = latin1(signed).indexOf('>', start) + 1;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: start, max: end - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, xor) => {
          const pdf = Uint8Array.from(signed);
          pdf[at]! ^= xor;
          expect((await verify(pdf)).ok, `byte ${at} ^ ${xor}`).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});

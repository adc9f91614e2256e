import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTENTS_SLACK_BYTES,
  nodeRangeSha256,
  nodeWebCrypto,
  signPdf,
} from '../../../../../electron/services/signing';
import { verifyPdfSignatures, type PdfVerification } from '../../../../../shared/cms';
import { CmsError } from '../../../../../shared/errors';
import {
  makeSigners,
  pdfsig,
  printCms,
  run,
  samplePdf,
  SIGN_FIELDS,
  signedSamplePdf,
  TOOLS,
  type TestSigners,
} from '../../../../helpers/cms-signers';
import { tempDir } from '../../../../helpers/temp-dir';

let signers: TestSigners;
let dir: string;
let cleanup: () => Promise<void>;
let signed: Uint8Array;
let withAttachment: Uint8Array;
const ATTACHMENT = new TextEncoder().encode(
  '203.0.113.9 - - [22/Nov/2026:10:00:00 +0200] "GET /"\n'.repeat(500),
);

beforeAll(async () => {
  signers = makeSigners();
  ({ path: dir, cleanup } = await tempDir('sealcase-signpdf-'));
  signed = await signedSamplePdf(signers);
  withAttachment = await signedSamplePdf(signers, ATTACHMENT);
}, 120_000);
afterAll(async () => cleanup());

async function save(name: string, bytes: Uint8Array): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  return file;
}

function ours(pdf: Uint8Array): Promise<PdfVerification> {
  return verifyPdfSignatures(pdf, { engine: nodeWebCrypto, sha256: nodeRangeSha256 });
}

function codes(v: PdfVerification): string[] {
  return [...new Set(v.findings.map((f) => f.code))];
}

/** Where the signature's /Contents hole is, from our own scanner's result. */
async function hole(pdf: Uint8Array): Promise<{ start: number; end: number; cmsLength: number }> {
  const v = await ours(pdf);
  const s = v.signatures[0]!;
  return {
    start: s.byteRange![1],
    end: s.byteRange![2],
    cmsLength: s.cms!.certificates.length > 0 ? cmsLengthOf(pdf, s.byteRange![1]) : 0,
  };
}

function cmsLengthOf(pdf: Uint8Array, holeStart: number): number {
  const hex = Buffer.from(pdf.subarray(holeStart + 1, holeStart + 13)).toString('latin1');
  const head = Buffer.from(hex, 'hex'); // 30 82 LL LL …
  return 4 + head.readUInt16BE(2);
}

describe('signPdf', () => {
  it('gives a PDF our verifier finds valid and whole, naming the examiner', async () => {
    for (const pdf of [signed, withAttachment]) {
      const v = await ours(pdf);
      expect(v.findings).toEqual([]);
      expect(v.ok).toBe(true);
      expect(v.signatures).toHaveLength(1);
      const cms = v.signatures[0]!.cms!;
      expect(cms.signer?.certSha256).toBe(signers.examiner.certSha256);
      expect(cms.signer?.subject).toContain('CN=Анна Tamm');
      // PAdES: the time is in /M, not in the CMS.
      expect(cms.signingTime).toBeNull();
      expect(cms.certificates).toHaveLength(2);
    }
  });

  it('writes /M, /SubFilter ETSI.CAdES.detached and an invisible widget on page 1', async () => {
    const text = Buffer.from(signed).toString('latin1');
    expect(text).toContain('/SubFilter /ETSI.CAdES.detached');
    expect(text).toContain('/Filter /Adobe.PPKLite');
    expect(text).toContain('/M (D:20261122100000Z)');
    const reloaded = await PDFDocument.load(signed);
    const annots = reloaded.getPages()[0]!.node.Annots();
    expect(annots?.size()).toBe(1);
    const form = reloaded.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
    expect(form.lookup(PDFName.of('SigFlags'), PDFNumber).asNumber()).toBe(3);
    expect(form.lookup(PDFName.of('Fields'), PDFArray).size()).toBe(1);
  });

  it.skipIf(!TOOLS.pdfsig)(
    'pdfsig: Signature is Valid, Total document signed (with and without an attachment)',
    async () => {
      for (const [name, pdf] of [
        ['plain.pdf', signed],
        ['attached.pdf', withAttachment],
      ] as const) {
        const r = pdfsig(await save(name, pdf));
        expect(r.valid, r.out).toBe(true);
        expect(r.total, r.out).toBe(true);
        expect(r.out).toContain('ETSI.CAdES.detached');
        expect(r.out).toContain('Анна Tamm');
      }
    },
  );

  it.skipIf(!TOOLS.pdfsig || !TOOLS.certutil)(
    'pdfsig with an NSS db trusting the lab CA: Certificate is Trusted',
    async () => {
      const nss = join(dir, 'nss');
      await run('mkdir', ['-p', nss]);
      expect(run('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']).status).toBe(0);
      const caFile = await save('ca.pem', new TextEncoder().encode(signers.caPem));
      expect(
        run('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'Lab CA', '-t', 'CT,C,C', '-i', caFile])
          .status,
      ).toBe(0);
      const r = pdfsig(await save('trusted.pdf', signed), nss);
      expect(r.trusted, r.out).toBe(true);
      expect(r.valid, r.out).toBe(true);
    },
  );

  it.skipIf(!TOOLS.qpdf)('qpdf --check passes', async () => {
    for (const [name, pdf] of [
      ['q1.pdf', signed],
      ['q2.pdf', withAttachment],
    ] as const) {
      const r = run('qpdf', ['--check', await save(name, pdf)]);
      expect(r.status, r.out).toBe(0);
      expect(r.out).toContain('No syntax or stream encoding errors found');
    }
  });

  it.skipIf(!TOOLS.openssl)(
    'openssl: the embedded CMS lists signingCertificateV2 and verifies over the ByteRange against the lab CA',
    async () => {
      const { start, end, cmsLength } = await hole(signed);
      const der = Buffer.from(
        Buffer.from(signed.subarray(start + 1, end - 1)).toString('latin1'),
        'hex',
      ).subarray(0, cmsLength);
      const sigFile = await save('sig.der', der);
      const printed = printCms(sigFile);
      expect(printed.status, printed.out).toBe(0);
      expect(printed.out).toMatch(/signingCertificateV2/);
      expect(printed.out).toMatch(/sha256WithRSAEncryption/);
      const content = await save(
        'covered.bin',
        Buffer.concat([signed.subarray(0, start), signed.subarray(end)]),
      );
      const ca = await save('ca2.pem', new TextEncoder().encode(signers.caPem));
      const verified = run('openssl', [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        sigFile,
        '-content',
        content,
        '-CAfile',
        ca,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ]);
      expect(verified.status, verified.out).toBe(0);
      expect(verified.out).toContain('Verification successful');
    },
  );

  it('refuses a document without pages (PDF_SIGN_INVALID_DOCUMENT)', async () => {
    const empty = await PDFDocument.create();
    await expect(signPdf(empty, signers.examiner, SIGN_FIELDS)).rejects.toMatchObject({
      code: 'PDF_SIGN_INVALID_DOCUMENT',
    });
  });

  it('refuses a signer that returns something other than an RSA signature (CMS_SIGNATURE_FAILED)', async () => {
    const bloated = {
      certificateDer: signers.examiner.certificateDer,
      chainDer: signers.examiner.chainDer,
      sign: () => new Uint8Array(CONTENTS_SLACK_BYTES * 2),
    };
    const error = await signPdf(await samplePdf(), bloated, SIGN_FIELDS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CmsError);
    expect((error as CmsError).code).toBe('CMS_SIGNATURE_FAILED');
  });
});

describe('our verifier agrees with pdfsig on tampered PDFs', () => {
  async function both(name: string, pdf: Uint8Array) {
    const theirs = TOOLS.pdfsig ? pdfsig(await save(name, pdf)) : null;
    return { theirs, mine: await ours(pdf) };
  }

  it('one byte flipped in the embedded original (a compressed stream): digest mismatch', async () => {
    const { start } = await hole(withAttachment);
    const at = Buffer.from(withAttachment).indexOf('stream\n') + 20;
    expect(at).toBeGreaterThan(20);
    expect(at).toBeLessThan(start);
    const pdf = Uint8Array.from(withAttachment);
    pdf[at]! ^= 0x01;
    const { theirs, mine } = await both('t-content.pdf', pdf);
    expect(codes(mine)).toEqual(['CMS_DIGEST_MISMATCH']);
    if (theirs) {
      expect(theirs.valid, theirs.out).toBe(false);
      expect(theirs.out).toContain('Digest Mismatch');
    }
  });

  it('one byte flipped in the RSA signature: signature invalid', async () => {
    const { start, cmsLength } = await hole(signed);
    const pdf = Uint8Array.from(signed);
    const at = start + 1 + 2 * cmsLength - 6; // a hex digit near the end: inside the signature value
    pdf[at] = pdf[at] === 0x30 ? 0x31 : 0x30;
    const { theirs, mine } = await both('t-sig.pdf', pdf);
    expect(codes(mine)).toEqual(['CMS_SIGNATURE_INVALID']);
    if (theirs) expect(theirs.valid, theirs.out).toBe(false);
  });

  it('bytes appended after %%EOF: the signature verifies but does not cover the whole file', async () => {
    const pdf = Buffer.concat([signed, Buffer.from('\n% appended\n')]);
    const { theirs, mine } = await both('t-appended.pdf', pdf);
    expect(codes(mine)).toEqual(['PDF_NOT_WHOLE_FILE_SIGNED']);
    expect(mine.signatures[0]!.cms?.ok).toBe(true);
    expect(mine.ok).toBe(false);
    if (theirs) {
      expect(theirs.valid, theirs.out).toBe(true);
      expect(theirs.total, theirs.out).toBe(false);
      expect(theirs.out).toContain('Not total document signed');
    }
  });

  it('a truncated PDF: the ByteRange reaches beyond the end', async () => {
    const pdf = signed.subarray(0, signed.length - 100);
    const { theirs, mine } = await both('t-truncated.pdf', pdf);
    expect(codes(mine)).toEqual(['PDF_BYTERANGE_INVALID']);
    if (theirs) expect(theirs.valid, theirs.out).toBe(false);
  });

  it('an unsigned PDF: no signature', async () => {
    const pdf = await (await samplePdf()).save();
    const { theirs, mine } = await both('t-unsigned.pdf', pdf);
    expect(codes(mine)).toEqual(['PDF_NO_SIGNATURE']);
    if (theirs) expect(theirs.out).toMatch(/does not contain any signatures/);
  });
});

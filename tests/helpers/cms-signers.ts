import { spawnSync } from 'node:child_process';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import {
  createExaminer,
  createLabCa,
  MIN_WRITE_ITERATIONS,
  unlock,
  type UnlockedIdentity,
} from '../../electron/services/identity';
import { signPdf } from '../../electron/services/signing';

const PASS = 'signing test';

export interface TestSigners {
  readonly caPem: string;
  readonly caDer: Uint8Array;
  /** Issued by the lab CA; name with Cyrillic letters. */
  readonly examiner: UnlockedIdentity;
}

/** A lab CA and one examiner it issued (RSA-3072 keygen is slow: make one per test file). */
export function makeSigners(): TestSigners {
  const ca = createLabCa({
    name: 'Test Lab CA',
    org: 'Test Lab',
    validityYears: 2,
    passphrase: PASS,
    iterations: MIN_WRITE_ITERATIONS,
  });
  const p12 = createExaminer({
    name: 'Анна Tamm',
    org: 'Test Lab',
    email: 'anna@lab.test',
    validityYears: 1,
    passphrase: PASS,
    iterations: MIN_WRITE_ITERATIONS,
    ca: { p12: ca.p12, passphrase: PASS },
  });
  return { caPem: ca.certificatePem, caDer: ca.certificateDer, examiner: unlock(p12, PASS) };
}

/** A small report-like PDF, optionally with an embedded original. */
export async function samplePdf(attachment?: Uint8Array): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Case 2026-17: examination report', { x: 50, y: 780, size: 14, font });
  doc.addPage([595, 842]).drawText('page 2', { x: 50, y: 780, size: 12, font });
  if (attachment !== undefined) {
    await doc.attach(attachment, 'original.log', {
      mimeType: 'text/plain',
      description: 'an original',
    });
  }
  return doc;
}

export const SIGN_FIELDS = {
  reason: 'Examination report',
  location: 'Test Lab, Tallinn',
  name: 'Анна Tamm',
  contactInfo: 'anna@lab.test',
  signingTime: new Date('2026-11-22T10:00:00.000Z'),
} as const;

export async function signedSamplePdf(
  signers: TestSigners,
  attachment?: Uint8Array,
): Promise<Uint8Array> {
  return signPdf(await samplePdf(attachment), signers.examiner, SIGN_FIELDS);
}

function has(tool: string, arg: string): boolean {
  return spawnSync(tool, [arg], { encoding: 'utf8' }).error === undefined;
}

/** Debian tools the interoperability tests use; tests skip (with the reason) without them. */
export const TOOLS = {
  pdfsig: has('pdfsig', '-v'),
  qpdf: has('qpdf', '--version'),
  openssl: has('openssl', 'version'),
  certutil: has('certutil', '-H'),
};

export function run(tool: string, args: readonly string[]): { status: number | null; out: string } {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** pdfsig's verdict, read from its text (it exits 0 even on a digest mismatch). */
export function pdfsig(file: string, nssDir?: string) {
  const { out } = run('pdfsig', [
    ...(nssDir === undefined ? [] : ['-nssdir', `sql:${nssDir}`]),
    file,
  ]);
  return {
    out,
    valid: /Signature Validation: Signature is Valid\./.test(out),
    total: /- Total document signed/.test(out),
    trusted: /Certificate Validation: Certificate is Trusted\./.test(out),
  };
}

/** `openssl cms -cmsout -print` of a DER CMS file. */
export function printCms(file: string): { status: number | null; out: string } {
  return run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file]);
}

import { concatBytes } from './bytes';
import type { PdfFinding } from './findings';
import { scanPdfSignatures, type ScannedSignature } from './pdf-scan';
import { verifySignedData, type CmsVerification } from './verify-signed-data';
import { digest, type WebCryptoEngine } from './web-crypto';

export { MAX_PDF_SIGNATURES, MAX_SIG_DICT_SPAN } from './pdf-scan';

/**
 * SHA-256 over the concatenation of `parts` — views into the PDF, handed over in order and
 * never copied by the verifier, so a caller can feed an incremental hash (Node's createHash).
 */
export type RangeSha256 = (parts: readonly Uint8Array[]) => Uint8Array | Promise<Uint8Array>;

/** A RangeSha256 on WebCrypto (one-shot digest, so it concatenates: fine for browser sizes). */
export function webCryptoRangeSha256(engine: WebCryptoEngine): RangeSha256 {
  return (parts) => digest(engine, 'SHA-256', concatBytes(...parts));
}

export interface PdfSignatureResult extends Omit<ScannedSignature, 'cms'> {
  /** The CMS check of this signature, when its /Contents could be read. */
  readonly cms: CmsVerification | null;
}

export interface PdfVerification {
  /**
   * Valid and whole: at least one signature; every one verifies and covers the whole file
   * except its /Contents. (Sealcase signs once; a later incremental update is a finding.)
   */
  readonly ok: boolean;
  /** Every finding, file-level and per signature. */
  readonly findings: readonly PdfFinding[];
  readonly signatures: readonly PdfSignatureResult[];
}

export interface VerifyPdfOptions {
  readonly engine: WebCryptoEngine;
  /** Defaults to webCryptoRangeSha256(engine). */
  readonly sha256?: RangeSha256;
}

/**
 * Finds the PDF's signature dictionaries, checks each /ByteRange covers the whole file except
 * the /Contents hole, hashes the covered bytes and verifies the CMS. Never throws on the bytes.
 * Certificate trust is the caller's (the signer certificate is in each `cms.signer`).
 */
export async function verifyPdfSignatures(
  pdf: Uint8Array,
  options: VerifyPdfOptions,
): Promise<PdfVerification> {
  const sha256 = options.sha256 ?? webCryptoRangeSha256(options.engine);
  const scan = scanPdfSignatures(pdf);
  const signatures: PdfSignatureResult[] = [];
  for (const s of scan.signatures) {
    if (s.cms === null || s.byteRange === null) {
      signatures.push({ ...s, cms: null });
      continue;
    }
    const [, b, c, d] = s.byteRange;
    const covered = await sha256([pdf.subarray(0, b), pdf.subarray(c, c + d)]);
    const cms = await verifySignedData(
      s.cms,
      { digest: covered, digestAlgorithm: 'SHA-256' },
      options.engine,
    );
    const where = `signature at byte ${s.offset}`;
    signatures.push({
      ...s,
      cms,
      findings: [
        ...s.findings,
        ...cms.findings.map((f) => ({ ...f, where: `${where}: ${f.where ?? 'CMS'}` })),
      ],
    });
  }
  const findings = [...scan.findings, ...signatures.flatMap((s) => s.findings)];
  return { ok: findings.length === 0 && signatures.length > 0, findings, signatures };
}

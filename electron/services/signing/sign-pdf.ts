import type { PDFDocument } from 'pdf-lib';
import { createSignedData, type CmsSigner } from '../../../shared/cms';
import { CmsError } from '../../../shared/errors';
import { nodeRangeSha256, nodeWebCrypto } from './node-engine';
import { addSignaturePlaceholder, type Placeholder, type SignatureFields } from './placeholder';

/**
 * Room reserved in /Contents beyond the certificates: signed attributes (≈ 300 bytes plus the
 * issuer name), an RSA signature up to 8192 bits (1,024 bytes) and the CMS framing.
 */
export const CONTENTS_SLACK_BYTES = 6 * 1024;

export type SignPdfOptions = SignatureFields;

/**
 * Signs a pdf-lib document built in memory: adds an invisible CAdES signature field on page 1,
 * saves without object streams, then fills /ByteRange and /Contents in place — the covered
 * ranges are hashed as views of the saved bytes (no copies, no strings), so this works for
 * PDFs of hundreds of MiB. Attach everything before: any later save breaks the signature.
 */
export async function signPdf(
  doc: PDFDocument,
  signer: CmsSigner,
  options: SignPdfOptions,
): Promise<Uint8Array> {
  const certBytes = [signer.certificateDer, ...signer.chainDer].reduce((n, c) => n + c.length, 0);
  const placeholder = addSignaturePlaceholder(doc, options, certBytes + CONTENTS_SLACK_BYTES);
  const pdf = await doc.save({ useObjectStreams: false });

  const { byteRangeStart, holeStart, holeEnd } = locate(pdf, placeholder);
  writeByteRange(pdf, byteRangeStart, placeholder.byteRangeWidth, [
    0,
    holeStart,
    holeEnd,
    pdf.length - holeEnd,
  ]);
  const digest = await nodeRangeSha256([pdf.subarray(0, holeStart), pdf.subarray(holeEnd)]);
  const cms = await createSignedData({ digest, detached: true, signer }, nodeWebCrypto);
  if (cms.length > placeholder.capacity) {
    throw new CmsError(
      'PDF_PLACEHOLDER_TOO_SMALL',
      `the CMS has ${cms.length} bytes; ${placeholder.capacity} were reserved`,
    );
  }
  pdf.set(Buffer.from(Buffer.from(cms).toString('hex'), 'latin1'), holeStart + 1);
  return pdf;
}

function locate(
  pdf: Uint8Array,
  placeholder: Placeholder,
): { byteRangeStart: number; holeStart: number; holeEnd: number } {
  const view = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length);
  const at = view.indexOf(placeholder.marker);
  if (at === -1 || view.lastIndexOf(placeholder.marker) !== at) {
    throw new CmsError(
      'PDF_PLACEHOLDER_NOT_FOUND',
      at === -1
        ? 'the signature dictionary is missing from the saved PDF'
        : 'the signature dictionary appears more than once in the saved PDF',
    );
  }
  const holeStart = at + placeholder.contentsAt;
  const holeEnd = holeStart + 2 + placeholder.capacity * 2;
  if (pdf[holeStart] !== 0x3c || pdf[holeEnd - 1] !== 0x3e) {
    throw new CmsError(
      'PDF_PLACEHOLDER_NOT_FOUND',
      'the /Contents placeholder is not where it was written',
    );
  }
  return {
    byteRangeStart: at + placeholder.byteRangeAt,
    holeStart,
    holeEnd,
  };
}

/** `[0 b c d` padded with spaces to the placeholder's width, then `]`. */
function writeByteRange(pdf: Uint8Array, at: number, width: number, range: readonly number[]) {
  const text = `[${range.join(' ')}`;
  if (text.length + 1 > width) {
    throw new CmsError(
      'PDF_PLACEHOLDER_TOO_SMALL',
      `/ByteRange ${text}] does not fit its placeholder`,
    );
  }
  pdf.set(Buffer.from(`${text}${' '.repeat(width - text.length - 1)}]`, 'latin1'), at);
}

/**
 * What the verifiers report. They never throw on hostile input: every problem is a finding with
 * a code (tests assert codes), a message, and where it was found when that is known.
 */
export const CMS_FINDING_CODES = [
  /** The CMS is larger than MAX_CMS_BYTES: refused unread. */
  'CMS_TOO_LARGE',
  /** Not DER/BER of a CMS ContentInfo holding SignedData (or nested too deep, or truncated). */
  'CMS_MALFORMED',
  /** SignedData carries the content itself (we verify detached signatures only). */
  'CMS_NOT_DETACHED',
  /** Not exactly one SignerInfo. */
  'CMS_SIGNER_COUNT',
  /** A digest or signature algorithm other than SHA-256/384/512 with RSA PKCS#1 v1.5. */
  'CMS_UNSUPPORTED_ALGORITHM',
  /** No signed attributes, or contentType / messageDigest missing or malformed among them. */
  'CMS_SIGNED_ATTRS_INVALID',
  /** The messageDigest attribute differs from the digest of the content. */
  'CMS_DIGEST_MISMATCH',
  /** The certificate named by the SignerInfo is not in the CMS. */
  'CMS_NO_SIGNER_CERT',
  /** A carried certificate is damaged: its signature does not verify under its carried issuer. */
  'CMS_CERT_INVALID',
  /** The carried chain ends open: the top certificate's issuer is not carried (unchecked bytes). */
  'CMS_CHAIN_INCOMPLETE',
  /** The signature does not verify under the signer certificate's key. */
  'CMS_SIGNATURE_INVALID',
  /** No signingCertificateV2 (or v1) attribute: the signer certificate is not bound (CAdES). */
  'CMS_SIGNING_CERT_MISSING',
  /** signingCertificateV2 names a different certificate (hash or issuer/serial). */
  'CMS_SIGNING_CERT_MISMATCH',
] as const;
export type CmsFindingCode = (typeof CMS_FINDING_CODES)[number];

export const PDF_FINDING_CODES = [
  /** No /ByteRange signature dictionary in the file. */
  'PDF_NO_SIGNATURE',
  /** More signature dictionaries than MAX_PDF_SIGNATURES. */
  'PDF_TOO_MANY_SIGNATURES',
  /** /ByteRange unreadable, not four integers, overlapping, or beyond the end of the file. */
  'PDF_BYTERANGE_INVALID',
  /** The gap between the two ranges is not `/Contents <hex>` of the same dictionary. */
  'PDF_CONTENTS_INVALID',
  /** The ranges leave bytes unsigned besides the /Contents hole (e.g. bytes appended later). */
  'PDF_NOT_WHOLE_FILE_SIGNED',
] as const;
export type PdfFindingCode = (typeof PDF_FINDING_CODES)[number];

export interface Finding<Code extends string> {
  readonly code: Code;
  readonly message: string;
  /** Where: a byte offset in the file, `signer certificate`, `signedAttrs`, … */
  readonly where?: string;
}

export type CmsFinding = Finding<CmsFindingCode>;
export type PdfFinding = Finding<PdfFindingCode | CmsFindingCode>;

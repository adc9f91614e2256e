import { SealcaseError } from './sealcase-error';

/**
 * Errors thrown while building a CMS signature or signing a PDF (shared/cms,
 * electron/services/signing). Verification never throws: it returns findings with the codes in
 * `CMS_FINDING_CODES` / `PDF_FINDING_CODES` (shared/cms/findings.ts).
 */
export const CMS_ERROR_CODES = [
  /** Input to createSignedData is unusable: no content/digest, wrong digest length, not detached. */
  'CMS_INPUT_INVALID',
  /** The signer's certificate (or a chain certificate) is not a parseable X.509 certificate. */
  'CMS_SIGNER_INVALID',
  /** The signer returned something that is not an RSA signature of the expected length. */
  'CMS_SIGNATURE_FAILED',
  /** The PDF to sign has no page to carry the signature widget, or cannot take a placeholder. */
  'PDF_SIGN_INVALID_DOCUMENT',
  /** The signature placeholder is missing from the saved PDF, or found more than once. */
  'PDF_PLACEHOLDER_NOT_FOUND',
  /** The CMS does not fit in the reserved /Contents space. */
  'PDF_PLACEHOLDER_TOO_SMALL',
] as const;
export type CmsErrorCode = (typeof CMS_ERROR_CODES)[number];

export class CmsError extends SealcaseError<CmsErrorCode> {
  readonly area = 'cms';
  override readonly name = 'CmsError';
}

/**
 * Finding codes of package verification (FORMAT.md §7, §8). The verifier (shared/package/verify)
 * reports each finding with one of these and the file it concerns; tests assert the codes.
 */
export const PACKAGE_FINDING_CODES = [
  // container (zip)
  'ZIP_MALFORMED',
  'ZIP_UNSAFE_PATH',
  'ZIP_DUPLICATE_ENTRY',
  'ZIP_TOO_LARGE',
  'ZIP_RATIO',
  'ZIP_CRC_MISMATCH',
  'ZIP_UNSUPPORTED',
  'ZIP_LAYOUT',
  // bag structure
  'NOT_A_BAG',
  'BAGIT_DECLARATION_INVALID',
  'BAG_INFO_INVALID',
  'UNSUPPORTED_VERSION',
  'MANIFEST_MALFORMED',
  'TAGMANIFEST_MALFORMED',
  'PATH_INVALID',
  'FILE_MISSING',
  'FILE_EXTRA',
  'OXUM_MISMATCH',
  'DIGEST_MISMATCH',
  // certificates and signatures
  'CERT_INVALID',
  'MANIFEST_SIGNATURE_MISSING',
  'MANIFEST_SIGNATURE_INVALID',
  'TAGMANIFEST_SIGNATURE_INVALID',
  'SIGNER_UNKNOWN',
  'SIGNER_UNTRUSTED',
  // report
  'PDF_MALFORMED',
  'PDF_SIGNATURE_INVALID',
  'PDF_NOT_TOTAL',
  // custody
  'LEDGER_INVALID',
  'CHECKPOINT_INVALID',
  'PROOFS_INVALID',
  'INCLUSION_PROOF_INVALID',
  'CONSISTENCY_PROOF_INVALID',
  // content links
  'ORIGINAL_NAME_MISMATCH',
  'ORIGINAL_NOT_ACQUIRED',
  'DECISION_NOT_RECORDED',
  'EVENT_ORPHAN',
  'JSON_INVALID',
] as const;
export type PackageFindingCode = (typeof PACKAGE_FINDING_CODES)[number];

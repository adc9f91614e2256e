import { SealcaseError } from './sealcase-error';

/**
 * Errors of `sealcase reproduce` (electron/services/reproduce) that stop the whole run: the
 * package cannot be trusted to hold what its manifest says, so nothing is compared (exit 2).
 * Differences found while comparing are not errors but findings (`REPRODUCE_FINDING_CODES`).
 */
export const REPRODUCE_ERROR_CODES = [
  /** `manifest-sha256.txt` is missing, or does not parse (FORMAT.md §4). */
  'REPRODUCE_MANIFEST_INVALID',
  /** A payload file reproduce reads is not listed in `manifest-sha256.txt`. */
  'REPRODUCE_NOT_IN_MANIFEST',
  /** A file reproduce reads does not have the SHA-256 its manifest line says. */
  'REPRODUCE_DIGEST_MISMATCH',
  /** A file the manifest lists and reproduce needs is not in the package. */
  'REPRODUCE_FILE_MISSING',
  /** The package's ledger or a decision file cannot be read as its format says. */
  'REPRODUCE_PACKAGE_INVALID',
] as const;
export type ReproduceErrorCode = (typeof REPRODUCE_ERROR_CODES)[number];

export class ReproduceError extends SealcaseError<ReproduceErrorCode> {
  readonly area = 'reproduce';
  override readonly name = 'ReproduceError';
}

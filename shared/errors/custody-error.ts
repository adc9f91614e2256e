import { SealcaseError } from './sealcase-error';

/**
 * Errors thrown by the custody format helpers (building records and checkpoints, Merkle proofs).
 * Verification never throws for a bad ledger: it returns `firstBad` with a verification code
 * (`LEDGER_FAILURE_CODES` in shared/custody/verify.ts).
 */
export const CUSTODY_ERROR_CODES = [
  /** Record or checkpoint fields do not satisfy the format (shared/custody/FORMAT.md). */
  'CUSTODY_RECORD_INVALID',
  /** A value cannot be canonicalised: not plain JSON, too deep, too large, lone surrogate. */
  'CUSTODY_NOT_CANONICAL',
  /** A Merkle tree index or size is out of range (e.g. index ≥ size, m > n). */
  'CUSTODY_MERKLE_RANGE',
  /** A signature handed to the format helpers has the wrong shape (empty, not bytes). */
  'CUSTODY_SIGNATURE_INVALID',
  /** Reading or writing the ledger, a checkpoint or the quarantine failed (the path is named). */
  'CUSTODY_IO',
  /** The ledger on disk is damaged beyond a torn last line: nothing is appended to it. */
  'CUSTODY_LEDGER_INVALID',
  /** Another live process holds the ledger lock. */
  'CUSTODY_LOCKED',
  /** The signer's certificate is not valid at the record's time. */
  'CUSTODY_SIGNER_INVALID',
] as const;
export type CustodyErrorCode = (typeof CUSTODY_ERROR_CODES)[number];

export class CustodyError extends SealcaseError<CustodyErrorCode> {
  readonly area = 'custody';
  override readonly name = 'CustodyError';
}

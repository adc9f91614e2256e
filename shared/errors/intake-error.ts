import { SealcaseError } from './sealcase-error';

export const INTAKE_ERROR_CODES = [
  /** A named input does not exist. */
  'INTAKE_INPUT_NOT_FOUND',
  /** A named input exists but cannot be read (permissions, I/O). */
  'INTAKE_INPUT_UNREADABLE',
  /** A named input is neither a regular file, a folder nor a symlink. */
  'INTAKE_INPUT_UNSUPPORTED',
  /** The source changed while it was read (size, mtime, identity, or a second read differs). */
  'INTAKE_SOURCE_CHANGED',
  /** The stored blob, re-read after storing, does not hash to the digest of the source read. */
  'INTAKE_VERIFY_MISMATCH',
  /** A blob already in the vault does not hash to its own name. */
  'INTAKE_VAULT_CORRUPT',
  /** The case folder or the vault cannot be written (EACCES, EPERM, EROFS). */
  'INTAKE_NOT_WRITABLE',
  /** No space left on the device holding the vault. */
  'INTAKE_DISK_FULL',
  /** Any other I/O failure while reading, writing or syncing. */
  'INTAKE_IO',
  /** The folder is not a usable case folder (no case.json, no vault). */
  'INTAKE_CASE_INVALID',
  /** The intake was cancelled; nothing of the current file was stored or recorded. */
  'INTAKE_CANCELLED',
  /** Storing succeeded but recording the acquisition failed. */
  'INTAKE_RECORD_FAILED',
  /** Provenance text (received from, source, note) is too long or holds a NUL. */
  'INTAKE_INVALID_PROVENANCE',
  /** A hash worker thread failed or could not be started. */
  'INTAKE_HASH_WORKER',
] as const;
export type IntakeErrorCode = (typeof INTAKE_ERROR_CODES)[number];

export class IntakeError extends SealcaseError<IntakeErrorCode> {
  readonly area = 'intake';
  override readonly name = 'IntakeError';
}

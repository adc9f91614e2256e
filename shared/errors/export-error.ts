import { SealcaseError } from './sealcase-error';

/**
 * Errors of writing a package (electron/services/export, `sealcase export`). Any of them leaves
 * nothing under the package's final name (shared/package/FORMAT.md §9).
 */
export const EXPORT_ERROR_CODES = [
  /** The options are wrong (page size, event selection, output path). */
  'EXPORT_OPTIONS_INVALID',
  /** The package's final name (folder or zip) already exists: never overwritten. */
  'EXPORT_TARGET_EXISTS',
  /** The case cannot be exported as it is: case.json, artefact list, decisions or ledger damaged. */
  'EXPORT_CASE_INVALID',
  /** An original in the vault no longer has the SHA-256 it is filed under. */
  'EXPORT_ORIGINAL_MISMATCH',
  /** A recorded attribution run gives other results now (resultsSha256 differs). */
  'EXPORT_ATTRIBUTION_MISMATCH',
  /** The offline verifier page (out/verify/verify.html) is missing: no package without it. */
  'EXPORT_VERIFIER_PAGE_MISSING',
  /** A redacted derivative was asked for, but the case has no full export to derive it from. */
  'EXPORT_NO_FULL_PACKAGE',
  /** A withheld value would still appear in a file of the redacted derivative (the file is named). */
  'EXPORT_REDACTION_LEAK',
  /** Reading or writing a file failed (the path is named). */
  'EXPORT_IO',
] as const;
export type ExportErrorCode = (typeof EXPORT_ERROR_CODES)[number];

export class ExportError extends SealcaseError<ExportErrorCode> {
  readonly area = 'export';
  override readonly name = 'ExportError';
}

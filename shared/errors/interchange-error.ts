import { SealcaseError } from './sealcase-error';

/**
 * Errors of the interchange writers (shared/interchange: CASE/UCO JSON-LD, Timesketch JSONL,
 * redacted derivatives). Bad events are never errors there (an event without a UTC time is
 * counted, not thrown); these codes are for inputs a caller must fix.
 */
export const INTERCHANGE_ERROR_CODES = [
  /** The redaction salt is not exactly 32 bytes. */
  'INTERCHANGE_SALT_INVALID',
  /** A field name in the withheld list is empty, too long or malformed. */
  'INTERCHANGE_FIELD_INVALID',
  /** An input value breaks its documented shape (a hash that is not hex, a time that is not ISO). */
  'INTERCHANGE_INPUT_INVALID',
] as const;
export type InterchangeErrorCode = (typeof INTERCHANGE_ERROR_CODES)[number];

export class InterchangeError extends SealcaseError<InterchangeErrorCode> {
  readonly area = 'interchange';
  override readonly name = 'InterchangeError';
}

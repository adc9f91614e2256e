import { SealcaseError } from './sealcase-error';

export const CASE_ERROR_CODES = [
  'CASE_EXISTS',
  'CASE_NOT_WRITABLE',
  'CASE_NOT_FOUND',
  'CASE_INVALID',
  'CASE_VERSION_UNSUPPORTED',
  'CASE_IO',
] as const;
export type CaseErrorCode = (typeof CASE_ERROR_CODES)[number];

export class CaseError extends SealcaseError<CaseErrorCode> {
  readonly area = 'case';
  override readonly name = 'CaseError';
}

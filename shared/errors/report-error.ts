import { SealcaseError } from './sealcase-error';

/** Failures of the PDF report layout (shared/report). `where` names the field or the font. */
export const REPORT_ERROR_CODES = [
  /** The report input does not satisfy `ReportInput` (the message names the first fields). */
  'REPORT_INPUT_INVALID',
  /** `REPORT_INPUT_VERSION` of the input is not one this build lays out. */
  'REPORT_VERSION_UNSUPPORTED',
  /** A supplied font is missing, not a TrueType font, or lacks a glyph the report needs. */
  'REPORT_FONT_INVALID',
  /** The layout options are invalid (page size, attachment name, duplicate attachment). */
  'REPORT_OPTIONS_INVALID',
  /** The report fonts could not be read from disk (Node-side loader). */
  'REPORT_FONT_IO',
] as const;
export type ReportErrorCode = (typeof REPORT_ERROR_CODES)[number];

export class ReportError extends SealcaseError<ReportErrorCode> {
  readonly area = 'report';
  override readonly name = 'ReportError';
}

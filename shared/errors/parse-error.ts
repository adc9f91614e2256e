import { SealcaseError } from './sealcase-error';

/**
 * Failures of a parse run as a whole (issue 5). A bad record is never an error: parsers warn and go
 * on (`ParseWarning` in shared/model/event.ts). These codes are for what stops a run before or
 * outside the parser: the CLI maps them to exit code 2.
 */
export const PARSE_ERROR_CODES = [
  /** No registered parser recognised the input (the message names the formats tried). */
  'PARSE_FORMAT_UNKNOWN',
  /** `--format NAME` names no registered parser. */
  'PARSE_FORMAT_NOT_FOUND',
  /** The input could not be read (I/O, decoding) — the chunk source failed. */
  'PARSE_UNREADABLE',
  /** An option is invalid: unknown IANA zone, impossible year, bad log format string. */
  'PARSE_OPTIONS_INVALID',
  /** A parser definition is invalid (name, version, detect/createParser missing). */
  'PARSE_PARSER_INVALID',
  /** Two parsers registered under one name. */
  'PARSE_PARSER_DUPLICATE',
  /** The run was cancelled. */
  'PARSE_CANCELLED',
  /** The case holds no file artefact with that SHA-256 (app parse requests). */
  'PARSE_ARTEFACT_NOT_FOUND',
  /** An app attribution run to save is no longer held in main (run it again). */
  'PARSE_RUN_NOT_FOUND',
] as const;
export type ParseErrorCode = (typeof PARSE_ERROR_CODES)[number];

export class ParseError extends SealcaseError<ParseErrorCode> {
  readonly area = 'parse';
  override readonly name = 'ParseError';
}

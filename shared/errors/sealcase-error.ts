/**
 * One error class per area, each with a closed set of codes (sigstore-js style).
 * Tests assert `code`, never message text. Codes also travel across IPC inside the
 * result envelope, because Electron passes only an error's message.
 */
export abstract class SealcaseError<Code extends string = string> extends Error {
  abstract readonly area: string;
  readonly code: Code;
  /** Where the problem is: a path, a field, a line. Kept separate so callers can format it. */
  readonly where: string | undefined;

  constructor(code: Code, message: string, options?: { where?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.where = options?.where;
  }
}

export function isSealcaseError(value: unknown): value is SealcaseError {
  return value instanceof SealcaseError;
}

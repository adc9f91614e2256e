/** The result envelope every IPC handler returns (Electron carries only messages of thrown errors). */
export interface ErrorInfo {
  readonly code: string;
  readonly message: string;
}
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: string, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

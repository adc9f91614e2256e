import type { Result, SealcaseApi } from '../../../shared/contracts';

declare global {
  interface Window {
    /** Exposed by the preload (or the end-to-end tests' fake preload); absent in a plain browser. */
    readonly sealcase?: SealcaseApi;
  }
}

/** An error that came back in a result envelope: screens show `message` and branch on `code`. */
export class BridgeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

export function getApi(): SealcaseApi {
  const api = window.sealcase;
  if (api === undefined) {
    throw new BridgeError(
      'NO_BRIDGE',
      'Sealcase is not connected to its main process (no window.sealcase).',
    );
  }
  return api;
}

/** Unwraps a result envelope: the value, or a `BridgeError` carrying the code. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (result.ok) return result.value;
  throw new BridgeError(result.error.code, result.error.message);
}

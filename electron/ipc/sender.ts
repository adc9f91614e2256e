/** Scheme and origin the app's own pages are served from (`protocol.handle` in electron/main). */
export const APP_SCHEME = 'sealcase';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The parts of Electron's `WebFrameMain` the check needs. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * Only the top frame of our own page may call main. A subframe, a page from any other origin
 * (were one ever loaded) or a destroyed frame (`null`) is refused.
 */
export function isTrustedSender(frame: FrameLike | null | undefined): boolean {
  if (frame === null || frame === undefined) return false;
  if (frame.parent !== null && frame.parent !== undefined) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
}

/**
 * Content-Security-Policy of every page: nothing from any remote origin, no inline script or
 * style, no eval, no plugins, no frames. Sent as a response header by the session and repeated
 * in `renderer/index.html` as a meta tag (a unit test keeps the two identical).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

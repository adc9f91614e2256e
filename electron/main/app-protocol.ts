import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './csp';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Serves the built renderer for `sealcase://app/…`. Paths are resolved inside `root` only; anything
 * else is a 404. Responses carry the CSP header.
 */
export async function serveAppFile(root: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    // A malformed escape (`%E0%A4%A`) throws URIError: refuse it like any other bad path.
    return new Response('not found', { status: 404 });
  }
  const full = normalize(join(root, relative));
  if (!full.startsWith(root.endsWith(sep) ? root : root + sep)) {
    return new Response('not found', { status: 404 });
  }
  try {
    const body = await readFile(full);
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': MIME[extname(full)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return new Response('not found', { status: 404 });
  }
}

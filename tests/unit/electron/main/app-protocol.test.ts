import { mkdir, writeFile } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { serveAppFile } from '../../../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/main/csp';
import { tempDir } from '../../../helpers/temp-dir';

// readFile passes through, but every path it is asked for is recorded, so a test can prove that
// nothing outside the root was even opened.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, readFile: vi.fn(actual.readFile) };
});
const readFileSpy = vi.mocked(fsp.readFile);

const SECRET = 'TOP-SECRET-OUTSIDE-THE-ROOT';

let base: string;
let root: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ path: base, cleanup } = await tempDir());
  root = join(base, 'root');
  await mkdir(join(root, 'assets', 'img'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'app.css'), 'body{}');
  await writeFile(join(root, 'assets', 'img', 'logo.svg'), '<svg/>');
  await writeFile(join(root, 'assets', 'data.json'), '{}');
  await writeFile(join(root, 'assets', 'blob.bin'), new Uint8Array([0, 1, 2, 255]));
  // Targets a traversal would reach: a file beside the root and a sibling folder whose name
  // starts with the root's name.
  await writeFile(join(base, 'secret.txt'), SECRET);
  await mkdir(join(base, 'root-evil'));
  await writeFile(join(base, 'root-evil', 'index.html'), SECRET);
});

afterAll(async () => {
  await cleanup();
});

beforeEach(() => {
  readFileSpy.mockClear();
});

function readPathsOutsideRoot(): string[] {
  return readFileSpy.mock.calls
    .map((call) => String(call[0]))
    .filter((p) => {
      const rel = relative(root, p);
      return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
    });
}

describe('serveAppFile', () => {
  it.each([
    ['/', 'index.html', 'text/html; charset=utf-8'],
    ['/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['/assets/app.js', 'assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'assets/app.css', 'text/css; charset=utf-8'],
    ['/assets/img/logo.svg', 'assets/img/logo.svg', 'image/svg+xml'],
    ['/assets/data.json', 'assets/data.json', 'application/json'],
    ['/assets/blob.bin', 'assets/blob.bin', 'application/octet-stream'],
    ['/assets/app.js?v=1#x', 'assets/app.js', 'text/javascript; charset=utf-8'],
  ])('serves %s with its content type and the CSP', async (path, file, type) => {
    const response = await serveAppFile(root, `sealcase://app${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const body = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(body).equals(await fsp.readFile(join(root, file)))).toBe(true);
  });

  it('serves from a root given with a trailing slash', async () => {
    const response = await serveAppFile(`${root}/`, 'sealcase://app/assets/app.js');
    expect(response.status).toBe(200);
  });

  it.each(['/missing.js', '/assets', '/assets/', '/assets/img/'])(
    'answers 404 for %s',
    async (path) => {
      const response = await serveAppFile(root, `sealcase://app${path}`);
      expect(response.status).toBe(404);
    },
  );

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%2froot-evil%2findex.html',
    '/%2e%2e%2froot-evil/index.html',
    '/..%5csecret.txt',
    '//etc/passwd',
    '/%2Fetc%2Fpasswd',
    '/{ABSOLUTE_SECRET}',
    '/%E0%A4%A',
    '/%',
    '/index.html%00.js',
  ])('refuses %s with 403/404 and reads nothing outside the root', async (template) => {
    // The temp folder is only known once the suite runs: an absolute path to the secret, encoded.
    const path = template.replace(
      '{ABSOLUTE_SECRET}',
      encodeURIComponent(join(base, 'secret.txt')),
    );
    const response = await serveAppFile(root, `sealcase://app${path}`);
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain(SECRET);
    expect(readPathsOutsideRoot()).toEqual([]);
  });

  it('the spy does see reads (so the check above is not vacuous)', async () => {
    await serveAppFile(root, 'sealcase://app/assets/app.js');
    expect(readFileSpy.mock.calls.map((c) => String(c[0]))).toEqual([
      join(root, 'assets', 'app.js'),
    ]);
  });
});

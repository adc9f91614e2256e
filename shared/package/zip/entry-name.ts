/**
 * Safety of a zip entry name (zip-slip, CVE-2018-1002200 class): a name is used as a relative path
 * under the package root and nothing else. Returns why a name is unsafe, or null when it is safe.
 */
export function unsafeNameReason(name: string): string | null {
  if (name.length === 0) return 'the name is empty';
  if (name.includes('\u0000')) return 'the name holds a NUL byte';
  // eslint-disable-next-line no-control-regex
  if (/[\u0001-\u001f\u007f]/.test(name)) return 'the name holds a control character';
  if (name.includes('\\')) return 'the name holds a backslash';
  if (name.startsWith('/')) return 'the name is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'the name starts with a drive letter';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  for (const s of segments) {
    if (s === '..') return 'the name has a ".." segment';
    if (s === '.') return 'the name has a "." segment';
    if (s === '') return 'the name has an empty segment ("//")';
  }
  return null;
}

/**
 * The key two names collide under when extracted on a case-insensitive, normalising file system
 * (macOS, Windows): Unicode NFC, then lower case.
 */
export function collisionKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

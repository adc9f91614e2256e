import { spawnSync } from 'node:child_process';

/** OpenSSL on PATH, or null (tests that need it skip and print why). */
export const OPENSSL: string | null = (() => {
  const probe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return probe.status === 0 ? 'openssl' : null;
})();

export function openssl(
  args: readonly string[],
  env: Record<string, string> = {},
  input?: Uint8Array,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('openssl', args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    ...(input === undefined ? {} : { input }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function skipReason(): string {
  return 'openssl is not on PATH: OpenSSL interoperability checks skipped';
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary folder per test; `cleanup()` removes it. */
export async function tempDir(
  prefix = 'sealcase-test-',
): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** Deterministic clock and ids for services under test. */
export function fixedDeps(casesRoot: string) {
  let n = 0;
  return {
    casesRoot,
    now: () => new Date('2026-11-22T10:00:00.000Z'),
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    toolVersion: '0.0.0-test',
  };
}

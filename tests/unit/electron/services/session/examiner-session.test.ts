import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ExaminerSession } from '../../../../../electron/services/session';
import { isSealcaseError } from '../../../../../shared/errors';
import { tempDir } from '../../../../helpers/temp-dir';
import { TEST_PASSPHRASE, testIdentity } from '../../../../helpers/test-identity';

let dir: { path: string; cleanup: () => Promise<void> };
let file: string;

beforeAll(async () => {
  dir = await tempDir();
  const { p12, identity } = testIdentity('Ann Tamm');
  identity.lock();
  file = join(dir.path, 'ann.p12');
  await writeFile(file, p12);
}, 60_000);
afterAll(async () => dir.cleanup());

describe('ExaminerSession', () => {
  it('unlocks, reports who (never key material), and lock drops the key', async () => {
    const session = new ExaminerSession();
    expect(session.status().unlocked).toBe(false);
    const status = await session.unlock(file, TEST_PASSPHRASE);
    expect(status).toMatchObject({ unlocked: true, name: 'Ann Tamm' });
    expect(JSON.stringify(status)).not.toMatch(/PRIVATE|BEGIN/);
    const signer = session.signer();
    expect(signer).not.toBeNull();
    session.lock();
    expect(session.signer()).toBeNull();
    expect(() => signer!.sign(new Uint8Array([1]))).toThrow();
  });

  it('a wrong passphrase: PASSPHRASE_WRONG, and the session stays as it was', async () => {
    const session = new ExaminerSession();
    const error = await session.unlock(file, 'wrong').catch((e: unknown) => e);
    expect(isSealcaseError(error) && error.code).toBe('PASSPHRASE_WRONG');
    expect(session.status().unlocked).toBe(false);
  });

  it('locks itself after the idle time', async () => {
    vi.useFakeTimers();
    try {
      const session = new ExaminerSession(() => new Date(), 1000);
      await session.unlock(file, TEST_PASSPHRASE);
      vi.advanceTimersByTime(999);
      expect(session.status().unlocked).toBe(true);
      vi.advanceTimersByTime(2);
      expect(session.status().unlocked).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a certificate outside its validity period', async () => {
    const session = new ExaminerSession(() => new Date(Date.now() + 5 * 365 * 86_400_000));
    const error = await session.unlock(file, TEST_PASSPHRASE).catch((e: unknown) => e);
    expect(isSealcaseError(error) && error.code).toBe('IDENTITY_EXPIRED');
    expect(session.status().unlocked).toBe(false);
  });
});

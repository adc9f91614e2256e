import { createExaminer, MIN_WRITE_ITERATIONS, unlock } from '../../electron/services/identity';
import type { UnlockedIdentity } from '../../electron/services/identity';

export const TEST_PASSPHRASE = 'test passphrase';

/**
 * A fresh self-signed examiner identity for tests (RSA-3072; PKCS#12 with the minimum iteration
 * count so that tests stay fast — never what Sealcase writes for a real examiner).
 */
export function testIdentity(name = 'Test Examiner'): {
  p12: Uint8Array;
  identity: UnlockedIdentity;
} {
  const p12 = createExaminer({
    name,
    org: 'Test Lab',
    validityYears: 1,
    passphrase: TEST_PASSPHRASE,
    iterations: MIN_WRITE_ITERATIONS,
  });
  return { p12, identity: unlock(p12, TEST_PASSPHRASE) };
}

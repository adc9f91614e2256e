import { resolve } from 'node:path';
import { IdentityError } from '../../shared/errors';
import { readIdentityFile, unlock, type UnlockedIdentity } from '../services/identity';
import type { CliIo } from './io';
import { PASSPHRASE_ENV, readPassphrase, type PassphrasePrompt } from './passphrase';

/**
 * `--identity FILE.p12`: reads the file, asks for its passphrase (SEALCASE_PASSPHRASE or the
 * terminal) and unlocks it for signing. A certificate outside its validity period does not sign.
 */
export async function unlockIdentityFile(
  io: CliIo,
  prompt: PassphrasePrompt,
  file: string,
  now: Date,
): Promise<UnlockedIdentity> {
  const p12 = await readIdentityFile(resolve(io.cwd, file));
  const passphrase = await readPassphrase(io, prompt, {
    envVar: PASSPHRASE_ENV,
    question: `Passphrase for ${file}`,
  });
  const identity = unlock(p12, passphrase, { where: file });
  if (now < identity.notBefore || now > identity.notAfter) {
    identity.lock();
    throw new IdentityError(
      'IDENTITY_EXPIRED',
      `${file}: the certificate is valid from ${identity.notBefore.toISOString()} to ${identity.notAfter.toISOString()}, not now`,
      { where: file },
    );
  }
  return identity;
}

import { SealcaseError } from './sealcase-error';

export const IDENTITY_ERROR_CODES = [
  /** The passphrase does not open the PKCS#12 file (MAC or key decryption failed). */
  'PASSPHRASE_WRONG',
  /** No passphrase in the environment and no terminal to ask on. */
  'PASSPHRASE_MISSING',
  /** Not a PKCS#12 file, corrupt, or not an identity (no key, several keys, no matching certificate). */
  'IDENTITY_INVALID',
  /** A PKCS#12 feature, key type or key size Sealcase does not accept (e.g. RSA < 2048, EC keys). */
  'IDENTITY_UNSUPPORTED',
  /** The certificate is outside its validity period (expired or not yet valid). */
  'IDENTITY_EXPIRED',
  /** The issuing CA cannot issue: not a CA certificate, or its key cannot sign certificates. */
  'IDENTITY_CA_INVALID',
  /** `sign()` was called after `lock()`. */
  'IDENTITY_LOCKED',
  /** The output file already exists; identities are never overwritten. */
  'IDENTITY_EXISTS',
  /** The file cannot be read or written. */
  'IDENTITY_IO',
] as const;
export type IdentityErrorCode = (typeof IDENTITY_ERROR_CODES)[number];

export class IdentityError extends SealcaseError<IdentityErrorCode> {
  readonly area = 'identity';
  override readonly name = 'IdentityError';
}

import { createHash, webcrypto } from 'node:crypto';
import type { RangeSha256, WebCryptoEngine } from '../../../shared/cms';

/** Node's WebCrypto as the engine the pure CMS code takes. */
export const nodeWebCrypto: WebCryptoEngine = webcrypto as unknown as WebCryptoEngine;

/** SHA-256 over views of a (possibly very large) buffer, fed to one incremental hash. */
export const nodeRangeSha256: RangeSha256 = (parts) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};

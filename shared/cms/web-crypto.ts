/**
 * The part of WebCrypto (`globalThis.crypto` in a browser, `node:crypto`.webcrypto in Node) the
 * CMS code uses. Declared here because shared/ compiles without the DOM lib; both runtimes'
 * `Crypto` objects satisfy it.
 */
export interface WebCryptoEngine {
  readonly subtle: {
    digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
    importKey(
      format: 'spki',
      keyData: Uint8Array,
      algorithm: { name: string; hash: string },
      extractable: boolean,
      keyUsages: ['verify'],
    ): Promise<unknown>;
    verify(
      algorithm: string,
      key: never,
      signature: Uint8Array,
      data: Uint8Array,
    ): Promise<boolean>;
  };
}

/** Digest algorithms the CMS code accepts, by WebCrypto name. */
export type DigestName = 'SHA-256' | 'SHA-384' | 'SHA-512';

export const DIGEST_LENGTH: Readonly<Record<DigestName, number>> = {
  'SHA-256': 32,
  'SHA-384': 48,
  'SHA-512': 64,
};

export async function digest(
  engine: WebCryptoEngine,
  name: DigestName,
  data: Uint8Array,
): Promise<Uint8Array> {
  return new Uint8Array(await engine.subtle.digest(name, data));
}

/** RSASSA-PKCS1-v1_5 verification; false (never a throw) when the key cannot be used. */
export async function verifyRsaPkcs1(
  engine: WebCryptoEngine,
  spki: Uint8Array,
  hash: DigestName,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<'valid' | 'invalid' | 'unusable-key'> {
  let key: unknown;
  try {
    key = await engine.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash }, false, [
      'verify',
    ]);
  } catch {
    return 'unusable-key';
  }
  try {
    return (await engine.subtle.verify('RSASSA-PKCS1-v1_5', key as never, signature, data))
      ? 'valid'
      : 'invalid';
  } catch {
    return 'invalid';
  }
}

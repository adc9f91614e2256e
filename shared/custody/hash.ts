import { concatBytes, toHex, utf8Encode } from './bytes';
import type { CheckedLines } from './checked-lines';

/**
 * The crypto the custody code needs, injected so the same code runs on Node's crypto (main, CLI)
 * and WebCrypto (verify.html). Every method may answer synchronously or with a promise.
 */
export type MaybePromise<T> = T | Promise<T>;

export interface CertificateInfo {
  /** Start and end of the validity period, milliseconds since 1970-01-01T00:00:00Z, inclusive. */
  readonly notBefore: number;
  readonly notAfter: number;
  /** The subject's commonName, when there is one. */
  readonly subjectCommonName: string | null;
  /** basicConstraints cA = TRUE. */
  readonly isCA: boolean;
}

export interface CustodyCrypto {
  sha256(data: Uint8Array): MaybePromise<Uint8Array>;
  /**
   * RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §8.2) of `data` under the RSA public key of the DER
   * certificate `certDer`: WebCrypto's `verify({ name: 'RSASSA-PKCS1-v1_5' }, key, sig, data)` with
   * a key imported with `hash: 'SHA-256'`. False (never a throw) for a bad signature or a non-RSA key.
   */
  verifyRsaSha256(
    certDer: Uint8Array,
    data: Uint8Array,
    signature: Uint8Array,
  ): MaybePromise<boolean>;
  /** Parses a DER certificate; throws if it is not one. */
  inspectCertificate(certDer: Uint8Array): MaybePromise<CertificateInfo>;
  /**
   * True when `issuerDer` issued `certDer`: issuer name matches the issuer's subject and the
   * certificate's signature verifies under the issuer's public key.
   */
  isIssuedBy(certDer: Uint8Array, issuerDer: Uint8Array): MaybePromise<boolean>;
  /**
   * Optional: the checks of each line on its own (FORMAT.md §9 steps 1–2.4, the record hash, the
   * leaf hash and the signature against `certs[actor.cert]`) for a ledger given as bytes, done
   * elsewhere — Node's crypto runs them on worker threads. Yields consecutive runs from line 0
   * and stops after the first line that fails; must answer exactly as `checkLinesInThread`.
   */
  checkLedgerLines?(
    ledger: Uint8Array,
    certs: ReadonlyMap<string, Uint8Array>,
  ): AsyncIterable<CheckedLines>;
}

export type Sha256 = (data: Uint8Array) => MaybePromise<Uint8Array>;

function ascii(text: string): Uint8Array {
  return utf8Encode(text)!;
}

/** Domain-separation prefixes (ASCII, ending in one NUL byte). */
export const RECORD_PREFIX_TEXT = 'sealcase/ledger/v1 record\u0000';
export const CHECKPOINT_PREFIX_TEXT = 'sealcase/ledger/v1 checkpoint\u0000';
export const RECORD_PREFIX: Uint8Array = ascii(RECORD_PREFIX_TEXT);
export const CHECKPOINT_PREFIX: Uint8Array = ascii(CHECKPOINT_PREFIX_TEXT);

/** `prev` of the record with seq 0. */
export const ZERO_HASH = '0'.repeat(64);

/** The bytes a record signature covers: RECORD_PREFIX ‖ UTF-8(JCS(record without sig)). */
export function recordToBeSigned(canonicalUnsigned: string): Uint8Array {
  return concatBytes(RECORD_PREFIX, ascii8(canonicalUnsigned));
}

/** The bytes a checkpoint signature covers: CHECKPOINT_PREFIX ‖ UTF-8(JCS(checkpoint without sig)). */
export function checkpointToBeSigned(canonicalUnsigned: string): Uint8Array {
  return concatBytes(CHECKPOINT_PREFIX, ascii8(canonicalUnsigned));
}

function ascii8(text: string): Uint8Array {
  const bytes = utf8Encode(text);
  // canonicalize refuses lone surrogates, so canonical text always encodes.
  if (bytes === null) throw new TypeError('canonical text contains a lone surrogate');
  return bytes;
}

/** Hex SHA-256 of to-be-signed bytes: the record hash or the checkpoint hash. */
export async function hashHex(sha256: Sha256, toBeSigned: Uint8Array): Promise<string> {
  return toHex(await sha256(toBeSigned));
}

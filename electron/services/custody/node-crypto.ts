import { constants, verify, X509Certificate, type KeyObject } from 'node:crypto';
import type { CertificateInfo, CustodyCrypto } from '../../../shared/custody';
import { rsaPublicKey, sha256 } from './check-chunk';
import { defaultLedgerWorkerUrl, lineWorkers, type LineWorkerOptions } from './line-workers';

export interface NodeCustodyCryptoOptions {
  /**
   * Line-check workers for `verifyLedger` on ledger bytes. `undefined`: the worker next to the
   * bundle (`out/workers/ledger-worker.js`, or `SEALCASE_LEDGER_WORKER`) when there is one;
   * `null`: every check in this thread.
   */
  readonly ledgerWorkers?: LineWorkerOptions | null;
}

/**
 * The custody crypto interface on Node's own crypto (OpenSSL): SHA-256, RSASSA-PKCS1-v1_5/SHA-256
 * verification and X.509 inspection. Parsed certificates are cached per DER buffer, so verifying
 * a ledger parses each signer's certificate once. With a worker script, whole ledgers are checked
 * line by line on every core (`checkLedgerLines`, see line-workers.ts).
 */
export interface NodeCustodyCrypto extends CustodyCrypto {
  /** Starts the line-check workers ahead of a `verifyLedger` call (no-op without workers). */
  warmUp(): void;
}

export function createNodeCustodyCrypto(options: NodeCustodyCryptoOptions = {}): NodeCustodyCrypto {
  const parsed = new WeakMap<Uint8Array, X509Certificate>();
  // X509Certificate#publicKey builds a new KeyObject on every access: cache it (≈4× faster).
  const keys = new WeakMap<Uint8Array, KeyObject | null>();

  function x509(der: Uint8Array): X509Certificate {
    let cert = parsed.get(der);
    if (cert === undefined) {
      cert = new X509Certificate(der);
      parsed.set(der, cert);
    }
    return cert;
  }

  const crypto: CustodyCrypto = {
    sha256,

    /**
     * Runs in libuv's thread pool (the callback form of crypto.verify), so the verifier's
     * signatures in flight are checked on every core.
     */
    verifyRsaSha256(
      certDer: Uint8Array,
      data: Uint8Array,
      signature: Uint8Array,
    ): Promise<boolean> {
      let key = keys.get(certDer);
      if (key === undefined) {
        key = rsaPublicKey(certDer);
        keys.set(certDer, key);
      }
      if (key === null) return Promise.resolve(false);
      const publicKey = key;
      return new Promise((resolve) => {
        try {
          verify(
            'sha256',
            data,
            { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
            signature,
            (error, valid) => resolve(error === null && valid),
          );
        } catch {
          resolve(false);
        }
      });
    },

    inspectCertificate(certDer: Uint8Array): CertificateInfo {
      const cert = x509(certDer);
      const cn = /^CN=(.*)$/m.exec(cert.subject)?.[1] ?? null;
      return {
        notBefore: Date.parse(cert.validFrom),
        notAfter: Date.parse(cert.validTo),
        subjectCommonName: cn,
        isCA: cert.ca,
      };
    },

    isIssuedBy(certDer: Uint8Array, issuerDer: Uint8Array): boolean {
      try {
        const cert = x509(certDer);
        const issuer = x509(issuerDer);
        return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
      } catch {
        return false;
      }
    },
  };
  const workers =
    options.ledgerWorkers === undefined
      ? (() => {
          const url = defaultLedgerWorkerUrl();
          return url === null ? null : { url };
        })()
      : options.ledgerWorkers;
  if (workers === null) return { ...crypto, warmUp: () => undefined };
  const pool = lineWorkers(workers, crypto);
  crypto.checkLedgerLines = pool.checkLedgerLines;
  return { ...crypto, warmUp: pool.warmUp };
}

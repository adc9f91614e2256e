import { createPrivateKey, sign, webcrypto, X509Certificate, type KeyObject } from 'node:crypto';
import type { CustodyCrypto } from '../../shared/custody';
import { createNodeCustodyCrypto } from '../../electron/services/custody/node-crypto';

/** Node's crypto, as main and the CLI use it. */
export const nodeCustodyCrypto: CustodyCrypto = createNodeCustodyCrypto();

/**
 * WebCrypto for digests and signatures (what verify.html will use in a browser), every answer a
 * promise; certificate inspection still comes from Node (a browser verifier brings its own parser).
 */
export function webCustodyCrypto(): CustodyCrypto {
  const subtle = webcrypto.subtle;
  const keys = new WeakMap<Uint8Array, Promise<CryptoKey>>();
  const node = createNodeCustodyCrypto();
  return {
    async sha256(data) {
      return new Uint8Array(await subtle.digest('SHA-256', data));
    },
    async verifyRsaSha256(certDer, data, signature) {
      let key = keys.get(certDer);
      if (key === undefined) {
        const spki = new X509Certificate(certDer).publicKey.export({ type: 'spki', format: 'der' });
        key = subtle.importKey(
          'spki',
          spki,
          { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
          false,
          ['verify'],
        );
        keys.set(certDer, key);
      }
      return subtle.verify({ name: 'RSASSA-PKCS1-v1_5' }, await key, signature, data);
    },
    async inspectCertificate(certDer) {
      return node.inspectCertificate(certDer);
    },
    async isIssuedBy(certDer, issuerDer) {
      return node.isIssuedBy(certDer, issuerDer);
    },
  };
}

/** RSASSA-PKCS1-v1_5/SHA-256 signer over to-be-signed bytes, as the ledger writer will sign. */
export function rsaSigner(privateKeyPem: string): (toBeSigned: Uint8Array) => Uint8Array {
  const key: KeyObject = createPrivateKey(privateKeyPem);
  return (toBeSigned) => new Uint8Array(sign('sha256', toBeSigned, key));
}

/** DER bytes of a PEM certificate. */
export function certDer(pem: string): Uint8Array {
  return new Uint8Array(new X509Certificate(pem).raw);
}

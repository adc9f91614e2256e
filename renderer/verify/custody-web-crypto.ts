import { Certificate } from 'pkijs';
import type { CertificateInfo, CustodyCrypto } from '../../shared/custody';
import { verifyRsaPkcs1, type DigestName, type WebCryptoEngine } from '../../shared/cms';

/** Certificate signature algorithms the verifier page accepts (RSA PKCS#1 v1.5). */
const RSA_SIGNATURE_DIGESTS: Readonly<Record<string, DigestName>> = {
  '1.2.840.113549.1.1.11': 'SHA-256',
  '1.2.840.113549.1.1.12': 'SHA-384',
  '1.2.840.113549.1.1.13': 'SHA-512',
};
const BASIC_CONSTRAINTS = '2.5.29.19';
const KEY_USAGE = '2.5.29.15';
const SUBJECT_KEY_ID = '2.5.29.14';
const AUTHORITY_KEY_ID = '2.5.29.35';
/** keyUsage bit 5 (RFC 5280 §4.2.1.3), in the first byte of the BIT STRING: 0x04. */
const KEY_CERT_SIGN = 0x04;

function extension(cert: Certificate, oid: string) {
  return cert.extensions?.find((e) => e.extnID === oid);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * OpenSSL's X509_check_issued, which Node's `checkIssued` uses: the names match, the issuer's
 * subject key identifier equals the certificate's authority key identifier when both are
 * present, and an issuer with a keyUsage extension has keyCertSign.
 */
function mayHaveIssued(cert: Certificate, issuer: Certificate): boolean {
  if (!cert.issuer.isEqual(issuer.subject)) return false;
  const aki = extension(cert, AUTHORITY_KEY_ID)?.parsedValue as
    { keyIdentifier?: { valueBlock: { valueHexView: Uint8Array } } } | undefined;
  const ski = extension(issuer, SUBJECT_KEY_ID)?.parsedValue as
    { valueBlock: { valueHexView: Uint8Array } } | undefined;
  if (aki?.keyIdentifier !== undefined && ski !== undefined) {
    if (!sameBytes(aki.keyIdentifier.valueBlock.valueHexView, ski.valueBlock.valueHexView)) {
      return false;
    }
  }
  const usage = extension(issuer, KEY_USAGE)?.parsedValue as
    { valueBlock: { valueHexView: Uint8Array } } | undefined;
  if (usage !== undefined) {
    const first = usage.valueBlock.valueHexView[0] ?? 0;
    if ((first & KEY_CERT_SIGN) === 0) return false;
  }
  return true;
}

/**
 * The custody crypto interface (shared/custody/hash.ts) on WebCrypto and pkijs, for the offline
 * verifier page: the same checks Node's OpenSSL-backed implementation makes
 * (electron/services/custody/node-crypto.ts), tested side by side on the same certificates.
 */
export function createWebCustodyCrypto(engine: WebCryptoEngine): CustodyCrypto {
  const parsed = new WeakMap<Uint8Array, Certificate>();
  const spkis = new WeakMap<Uint8Array, Uint8Array>();

  function certificate(der: Uint8Array): Certificate {
    let cert = parsed.get(der);
    if (cert === undefined) {
      cert = Certificate.fromBER(new Uint8Array(der));
      parsed.set(der, cert);
    }
    return cert;
  }

  function spkiOf(der: Uint8Array): Uint8Array {
    let spki = spkis.get(der);
    if (spki === undefined) {
      spki = new Uint8Array(certificate(der).subjectPublicKeyInfo.toSchema().toBER());
      spkis.set(der, spki);
    }
    return spki;
  }

  return {
    async sha256(data: Uint8Array): Promise<Uint8Array> {
      return new Uint8Array(await engine.subtle.digest('SHA-256', data));
    },

    async verifyRsaSha256(certDer, data, signature): Promise<boolean> {
      let spki: Uint8Array;
      try {
        spki = spkiOf(certDer);
      } catch {
        return false;
      }
      return (await verifyRsaPkcs1(engine, spki, 'SHA-256', signature, data)) === 'valid';
    },

    inspectCertificate(certDer: Uint8Array): CertificateInfo {
      const cert = certificate(certDer);
      const cn = cert.subject.typesAndValues.find((tv) => tv.type === '2.5.4.3');
      const cnValue = (cn?.value as { valueBlock?: { value?: unknown } } | undefined)?.valueBlock
        ?.value;
      const constraints = extension(cert, BASIC_CONSTRAINTS);
      const isCA = (constraints?.parsedValue as { cA?: boolean } | undefined)?.cA === true;
      return {
        notBefore: cert.notBefore.value.getTime(),
        notAfter: cert.notAfter.value.getTime(),
        subjectCommonName: typeof cnValue === 'string' ? cnValue : null,
        isCA,
      };
    },

    async isIssuedBy(certDer: Uint8Array, issuerDer: Uint8Array): Promise<boolean> {
      try {
        const cert = certificate(certDer);
        const issuer = certificate(issuerDer);
        if (!mayHaveIssued(cert, issuer)) return false;
        const digestName = RSA_SIGNATURE_DIGESTS[cert.signatureAlgorithm.algorithmId];
        if (digestName === undefined) return false;
        const signature = cert.signatureValue.valueBlock.valueHexView;
        return (
          (await verifyRsaPkcs1(engine, spkiOf(issuerDer), digestName, signature, cert.tbsView)) ===
          'valid'
        );
      } catch {
        return false;
      }
    },
  };
}

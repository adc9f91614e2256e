import * as asn1js from 'asn1js';
import { Certificate as PkiCertificate, type AlgorithmIdentifier, type Certificate } from 'pkijs';
import { bytesEqual } from './bytes';
import { OID } from './oids';
import { verifyRsaPkcs1, type DigestName, type WebCryptoEngine } from './web-crypto';

/** The hash of an RSA PKCS#1 v1.5 signature algorithm, or null for any other algorithm. */
export function rsaSignatureHash(oid: string): DigestName | null {
  switch (oid) {
    case OID.sha256WithRSAEncryption:
      return 'SHA-256';
    case OID.sha384WithRSAEncryption:
      return 'SHA-384';
    case OID.sha512WithRSAEncryption:
      return 'SHA-512';
    default:
      return null;
  }
}

/** AlgorithmIdentifier parameters that are absent or NULL (all our algorithms take none). */
export function hasNoParameters(algorithm: AlgorithmIdentifier): boolean {
  const params = algorithm.algorithmParams as unknown;
  return params === undefined || params instanceof asn1js.Null;
}

function encoded(value: AlgorithmIdentifier | Certificate['issuer']): Uint8Array {
  return new Uint8Array(value.toSchema().toBER());
}

/**
 * Names compared byte for byte (pkijs' isEqual folds case and spaces, which would let a changed
 * byte in an unsigned copy of a name go unseen).
 */
export function sameName(a: Certificate['issuer'], b: Certificate['issuer']): boolean {
  return bytesEqual(encoded(a), encoded(b));
}

export interface CertificateProblem {
  readonly index: number;
  /** damaged: fails its issuer's signature or is off the chain; chain-open: no carried issuer. */
  readonly kind: 'damaged' | 'chain-open';
}

async function signedBy(
  cert: Certificate,
  issuer: Certificate,
  engine: WebCryptoEngine,
): Promise<boolean | null> {
  const hash = rsaSignatureHash(cert.signatureAlgorithm.algorithmId);
  if (hash === null) return null; // not RSA: cannot be checked here
  const spki = new Uint8Array(issuer.subjectPublicKeyInfo.toSchema().toBER());
  const verdict = await verifyRsaPkcs1(
    engine,
    spki,
    hash,
    new Uint8Array(cert.signatureValue.valueBlock.valueHexView),
    new Uint8Array(cert.tbsView),
  );
  return verdict === 'valid';
}

/**
 * Integrity of the certificates a CMS carries (they lie outside what the signature covers).
 * From the signer certificate, each issuer is looked up among the carried certificates by name
 * and must verify it, up to a self-signed certificate that verifies itself. Every carried
 * certificate must be on that path, and each one's outer signatureAlgorithm must equal the one
 * in its TBS. A chain that ends open (its root not carried) is reported as such: the top
 * certificate's bytes cannot be checked, so a changed byte there would go unseen. Certificates
 * not signed with RSA cannot be checked here. Trust (does the chain end at an anchor?) is the
 * caller's question.
 */
export async function firstBrokenCertificate(
  certs: readonly Certificate[],
  signerIndex: number,
  engine: WebCryptoEngine,
): Promise<CertificateProblem | null> {
  for (let i = 0; i < certs.length; i++) {
    const cert = certs[i]!;
    if (
      !bytesEqual(encoded(cert.signature), encoded(cert.signatureAlgorithm)) ||
      cert.signatureValue.valueBlock.unusedBits !== 0
    ) {
      return { index: i, kind: 'damaged' };
    }
  }
  const onPath = new Set<number>();
  let index = signerIndex;
  for (;;) {
    onPath.add(index);
    const cert = certs[index]!;
    if (sameName(cert.subject, cert.issuer)) {
      if ((await signedBy(cert, cert, engine)) === false) return { index, kind: 'damaged' };
      break;
    }
    const issuerIndex = certs.findIndex(
      (c, i) => !onPath.has(i) && sameName(c.subject, cert.issuer),
    );
    if (issuerIndex === -1) return { index, kind: 'chain-open' };
    if ((await signedBy(cert, certs[issuerIndex]!, engine)) === false) {
      return { index, kind: 'damaged' };
    }
    index = issuerIndex;
  }
  for (let i = 0; i < certs.length; i++) if (!onPath.has(i)) return { index: i, kind: 'damaged' };
  return null;
}

/**
 * True when the DER certificate is self-signed: its issuer name equals its subject byte for byte
 * and its own key verifies its signature. Unlike OpenSSL's `X509_check_issued` (which Node's
 * `checkIssued` uses), this does not ask for keyCertSign: an examiner's self-signed certificate
 * (digitalSignature and nonRepudiation only) is self-signed too. False for anything unreadable.
 */
export async function isSelfSigned(der: Uint8Array, engine: WebCryptoEngine): Promise<boolean> {
  try {
    const cert = PkiCertificate.fromBER(new Uint8Array(der));
    return sameName(cert.subject, cert.issuer) && (await signedBy(cert, cert, engine)) === true;
  } catch {
    return false;
  }
}

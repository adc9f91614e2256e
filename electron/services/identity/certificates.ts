import { createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { IdentityError } from '../../../shared/errors';
import { der, toBinary } from './asn1';

/**
 * X.509 certificates built with node-forge and signed with Node's crypto: forge assembles the
 * TBSCertificate, Node signs it (sha256WithRSAEncryption), so the private key never enters
 * forge's JavaScript big integers.
 */

export interface Subject {
  readonly name: string;
  readonly org: string;
  readonly email?: string;
}

/** X.520 upper bounds: commonName and organizationName ≤ 64 characters. */
const MAX_NAME = 64;

function checkText(value: string, what: string): string {
  const text = value.trim();
  if (text.length === 0) throw new IdentityError('IDENTITY_INVALID', `${what} is empty`);
  if (text.length > MAX_NAME) {
    throw new IdentityError('IDENTITY_INVALID', `${what} is longer than ${MAX_NAME} characters`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    throw new IdentityError('IDENTITY_INVALID', `${what} contains control characters`);
  }
  return text;
}

function checkEmail(value: string): string {
  // rfc822Name is an IA5String: ASCII only, one @, no spaces.
  if (!/^[\x21-\x7e]+@[\x21-\x7e]+$/.test(value) || value.split('@').length !== 2) {
    throw new IdentityError('IDENTITY_INVALID', `"${value}" is not an e-mail address`);
  }
  return value;
}

export function checkValidityYears(years: number): number {
  if (!Number.isInteger(years) || years < 1 || years > 30) {
    throw new IdentityError('IDENTITY_INVALID', `validity of ${years} years: use 1 to 30`);
  }
  return years;
}

export function distinguishedName(subject: Subject): forge.pki.CertificateField[] {
  const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
  return [
    { shortName: 'CN', value: checkText(subject.name, 'name'), valueTagClass: utf8 },
    { shortName: 'O', value: checkText(subject.org, 'organisation'), valueTagClass: utf8 },
  ];
}

function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40; // positive, and always 16 bytes long
  return bytes.toString('hex');
}

function forgePublicKey(key: KeyObject): forge.pki.PublicKey {
  const pem = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  return forge.pki.publicKeyFromPem(pem);
}

/** The subject key identifier (SHA-1 of the public key, RFC 5280 §4.2.1.2 method 1) as bytes. */
function keyIdentifier(cert: forge.pki.Certificate): string {
  const existing = cert.getExtension('subjectKeyIdentifier') as
    { subjectKeyIdentifier?: string } | null | undefined;
  if (existing?.subjectKeyIdentifier !== undefined) {
    return forge.util.hexToBytes(existing.subjectKeyIdentifier);
  }
  return cert.generateSubjectKeyIdentifier().getBytes();
}

/** Position of `issuer` in a v3 TBSCertificate: [0] version, serial, signature, issuer, … */
const TBS_ISSUER = 3;
/** Position of `subject` in a v3 TBSCertificate. */
const TBS_SUBJECT = 5;

/**
 * Signs the certificate's TBSCertificate with Node's crypto and returns the DER certificate.
 * `issuerName`, when given, is the issuer certificate's subject exactly as encoded there: RFC 5280
 * chains match names, and re-encoding forge's decoded attributes would encode non-ASCII text
 * twice (forge keeps UTF8String values as raw bytes), so a lab CA named "Лаборатория" would
 * issue certificates that no longer chain to it.
 */
function signCertificate(
  cert: forge.pki.Certificate,
  issuerKey: KeyObject,
  issuerName?: forge.asn1.Asn1,
): Buffer {
  const sha256WithRSA = forge.pki.oids['sha256WithRSAEncryption'];
  if (sha256WithRSA === undefined) throw new Error('forge lacks the sha256WithRSAEncryption OID');
  cert.signatureOid = sha256WithRSA;
  cert.siginfo.algorithmOid = sha256WithRSA;
  // Exported by forge (cert.sign uses it) but missing from @types/node-forge.
  const { getTBSCertificate } = forge.pki as unknown as {
    getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1;
  };
  const tbs = getTBSCertificate(cert);
  if (issuerName !== undefined) {
    (tbs.value as forge.asn1.Asn1[])[TBS_ISSUER] = issuerName;
  }
  cert.tbsCertificate = tbs;
  const signature = sign('sha256', der(tbs), issuerKey);
  (cert as { signature: unknown }).signature = toBinary(signature);
  return der(forge.pki.certificateToAsn1(cert));
}

function baseCertificate(
  publicKey: KeyObject,
  subject: forge.pki.CertificateField[],
  notBefore: Date,
  notAfter: Date,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forgePublicKey(publicKey);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject(subject);
  return cert;
}

export interface Validity {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** notBefore = now (whole seconds), notAfter = the same instant `years` later. */
export function validityFrom(now: Date, years: number): Validity {
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + checkValidityYears(years));
  return { notBefore, notAfter };
}

/** A self-signed lab CA: basicConstraints CA (pathLen 0), keyUsage keyCertSign + cRLSign. */
export function labCaCertificate(key: KeyObject, subject: Subject, validity: Validity): Buffer {
  const dn = distinguishedName(subject);
  const cert = baseCertificate(key, dn, validity.notBefore, validity.notAfter);
  cert.setIssuer(dn);
  cert.setExtensions([
    { name: 'basicConstraints', critical: true, cA: true, pathLenConstraint: 0 },
    { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.setExtensions([
    ...cert.extensions,
    { name: 'authorityKeyIdentifier', keyIdentifier: keyIdentifier(cert) },
  ]);
  return signCertificate(cert, key);
}

export interface Issuer {
  /** DER of the issuing certificate. */
  readonly certificateDer: Uint8Array;
  readonly key: KeyObject;
}

/**
 * An examiner certificate: keyUsage digitalSignature + nonRepudiation, extKeyUsage
 * emailProtection (so `openssl cms -verify` accepts it with the default purpose), the e-mail
 * address as an rfc822Name subjectAltName. Self-signed when `issuer` is 'self-signed'.
 */
export function examinerCertificate(
  publicKey: KeyObject,
  subject: Subject,
  validity: Validity,
  issuer: Issuer | { readonly selfSigned: KeyObject },
): Buffer {
  const dn = distinguishedName(subject);
  const cert = baseCertificate(publicKey, dn, validity.notBefore, validity.notAfter);
  let authorityKeyId: string;
  let signer: KeyObject;
  let issuerName: forge.asn1.Asn1 | undefined;
  if ('selfSigned' in issuer) {
    cert.setIssuer(dn);
    signer = issuer.selfSigned;
    authorityKeyId = cert.generateSubjectKeyIdentifier().getBytes();
  } else {
    const caAsn1 = forge.asn1.fromDer(toBinary(issuer.certificateDer));
    const caCert = forge.pki.certificateFromAsn1(caAsn1);
    cert.setIssuer(caCert.subject.attributes);
    const caTbs = (caAsn1.value as forge.asn1.Asn1[])[0];
    issuerName = (caTbs?.value as forge.asn1.Asn1[] | undefined)?.[TBS_SUBJECT];
    if (issuerName === undefined) throw new Error('the CA certificate has no subject');
    signer = issuer.key;
    authorityKeyId = keyIdentifier(caCert);
  }
  const extensions: object[] = [
    { name: 'basicConstraints', critical: true, cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: authorityKeyId },
  ];
  if (subject.email !== undefined) {
    extensions.push({
      name: 'subjectAltName',
      altNames: [{ type: 1, value: checkEmail(subject.email) }],
    });
  }
  cert.setExtensions(extensions);
  return signCertificate(cert, signer, issuerName);
}

/** keyUsage bits as forge reads them, or null when the certificate has no keyUsage extension. */
export function keyUsageOf(certificateDer: Uint8Array): {
  digitalSignature: boolean;
  nonRepudiation: boolean;
  keyCertSign: boolean;
} | null {
  const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(toBinary(certificateDer)));
  const ku = cert.getExtension('keyUsage') as
    | { digitalSignature?: boolean; nonRepudiation?: boolean; keyCertSign?: boolean }
    | null
    | undefined;
  if (ku === undefined || ku === null) return null; // forge returns null when absent
  return {
    digitalSignature: ku.digitalSignature === true,
    nonRepudiation: ku.nonRepudiation === true,
    keyCertSign: ku.keyCertSign === true,
  };
}

import {
  createPublicKey,
  generateKeyPairSync,
  hash,
  sign as cryptoSign,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import forge from 'node-forge';
import { IdentityError, isSealcaseError } from '../../../shared/errors';
import { Asn1ShapeError, decodeDirectoryString, toBinary } from './asn1';
import {
  examinerCertificate,
  keyUsageOf,
  labCaCertificate,
  validityFrom,
  type Subject,
} from './certificates';
import { readPkcs12, WrongPassphrase, writePkcs12 } from './pkcs12';

/** RSA modulus for keys Sealcase generates. */
export const GENERATED_KEY_BITS = 3072;
/** Smallest RSA modulus Sealcase accepts from an imported identity. */
export const MIN_IMPORTED_KEY_BITS = 2048;

export interface CommonOptions {
  /** Clock, for certificate validity; defaults to the system clock. */
  readonly now?: () => Date;
  /** PKCS#12 iterations; defaults to PKCS12_WRITE_PARAMETERS.iterations (600,000). */
  readonly iterations?: number;
  /** How the file is named in messages (a path); defaults to "the identity". */
  readonly where?: string;
}

/** What `identity show` prints and what the ledger needs to name a signer. */
export interface IdentityInfo {
  /** The certificate subject's common name. */
  readonly name: string;
  /** RFC 4514-style one-line subject, e.g. `CN=Ann Tamm, O=Lab`. */
  readonly subject: string;
  readonly issuer: string;
  /** Hex, as in the certificate. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly selfSigned: boolean;
  /** Hex SHA-256 of the DER certificate. */
  readonly certSha256: string;
}

export interface UnlockedIdentity extends IdentityInfo {
  readonly certificateDer: Uint8Array;
  /** Issuer first, root last; empty for a self-signed certificate. */
  readonly chainDer: readonly Uint8Array[];
  readonly locked: boolean;
  /** RSASSA-PKCS1-v1_5 with SHA-256 over `data`. Throws IDENTITY_LOCKED after `lock()`. */
  sign(data: Uint8Array): Uint8Array;
  /** Drops the private key. Idempotent. */
  lock(): void;
}

// ── reading and validating ───────────────────────────────────────────────────

interface Opened {
  readonly key: KeyObject;
  readonly leaf: X509Certificate;
  readonly chain: readonly X509Certificate[];
}

function label(where: string | undefined): string {
  return where ?? 'the identity';
}

function wrongPassphrase(where: string | undefined, cause?: unknown): IdentityError {
  return new IdentityError('PASSPHRASE_WRONG', `passphrase does not unlock ${label(where)}`, {
    ...(where === undefined ? {} : { where }),
    cause,
  });
}

function invalid(where: string | undefined, detail: string, cause?: unknown): IdentityError {
  return new IdentityError('IDENTITY_INVALID', `${label(where)}: ${detail}`, {
    ...(where === undefined ? {} : { where }),
    cause,
  });
}

function spki(key: KeyObject): Buffer {
  return createPublicKey(key).export({ type: 'spki', format: 'der' });
}

function rsaBits(key: KeyObject): number | null {
  if (key.asymmetricKeyType !== 'rsa') return null;
  return key.asymmetricKeyDetails?.modulusLength ?? null;
}

/** Reads a PKCS#12 file into exactly one RSA key, its certificate and the rest as a chain. */
function open(p12: Uint8Array, passphrase: string, where: string | undefined): Opened {
  let contents;
  try {
    contents = readPkcs12(p12, passphrase);
  } catch (error) {
    if (error instanceof WrongPassphrase) throw wrongPassphrase(where, error);
    if (isSealcaseError(error)) {
      throw new IdentityError(
        error.code as IdentityError['code'],
        `${label(where)}: ${error.message}`,
        {
          ...(where === undefined ? {} : { where }),
          cause: error,
        },
      );
    }
    const detail = error instanceof Asn1ShapeError ? error.message : 'not a PKCS#12 file';
    throw invalid(where, `not a readable PKCS#12 file (${detail})`, error);
  }

  if (contents.keys.length === 0) throw invalid(where, 'holds no private key');
  if (contents.keys.length > 1) {
    throw invalid(where, `holds ${contents.keys.length} private keys; an identity has exactly one`);
  }
  const [{ key } = { key: undefined }] = contents.keys;
  if (key === undefined) throw invalid(where, 'holds no private key');
  const bits = rsaBits(key);
  if (bits === null) {
    throw new IdentityError(
      'IDENTITY_UNSUPPORTED',
      `${label(where)}: the key is ${key.asymmetricKeyType ?? 'of an unknown type'}; Sealcase signs with RSA`,
      where === undefined ? undefined : { where },
    );
  }
  if (bits < MIN_IMPORTED_KEY_BITS) {
    throw new IdentityError(
      'IDENTITY_UNSUPPORTED',
      `${label(where)}: the RSA key has ${bits} bits; at least ${MIN_IMPORTED_KEY_BITS} are needed`,
      where === undefined ? undefined : { where },
    );
  }

  let certificates: X509Certificate[];
  try {
    certificates = contents.certificates.map((c) => new X509Certificate(c.der));
  } catch (error) {
    throw invalid(where, 'holds a certificate that cannot be parsed', error);
  }
  const publicKey = spki(key);
  const matching = certificates.filter((c) =>
    c.publicKey.export({ type: 'spki', format: 'der' }).equals(publicKey),
  );
  const [leaf] = matching;
  if (leaf === undefined) throw invalid(where, 'holds no certificate for its private key');

  // Order the chain from the leaf's issuer upwards; certificates that do not chain go last.
  const rest = certificates.filter((c) => !matching.includes(c));
  const chain: X509Certificate[] = [];
  let current = leaf;
  while (!isSelfSigned(current)) {
    const next = rest.find((c) => !chain.includes(c) && current.checkIssued(c));
    if (next === undefined) break;
    chain.push(next);
    current = next;
  }
  chain.push(...rest.filter((c) => !chain.includes(c)));
  return { key, leaf, chain };
}

/**
 * Self-signed: subject equals issuer and its own key verifies it. (`checkIssued(itself)` is not
 * enough: OpenSSL also wants keyCertSign, which a self-signed examiner certificate lacks.)
 */
function isSelfSigned(cert: X509Certificate): boolean {
  return cert.subject === cert.issuer && cert.verify(cert.publicKey);
}

/** One-line RFC 4514-ish rendering of a forge distinguished name, most significant first. */
function formatName(attributes: readonly forge.pki.CertificateField[]): string {
  return attributes
    .map(
      (a) =>
        `${a.shortName ?? a.name ?? a.type ?? '?'}=${decodeDirectoryString(a.value, a.valueTagClass)}`,
    )
    .join(', ');
}

function infoOf(leaf: X509Certificate): IdentityInfo {
  const der = leaf.raw;
  const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(toBinary(der)));
  const cn = cert.subject.getField('CN') as forge.pki.CertificateField | null;
  return {
    name:
      cn === null
        ? formatName(cert.subject.attributes)
        : decodeDirectoryString(cn.value, cn.valueTagClass),
    subject: formatName(cert.subject.attributes),
    issuer: formatName(cert.issuer.attributes),
    serialNumber: cert.serialNumber,
    notBefore: new Date(leaf.validFrom),
    notAfter: new Date(leaf.validTo),
    selfSigned: isSelfSigned(leaf),
    certSha256: hash('sha256', der, 'hex'),
  };
}

function checkCurrentlyValid(info: IdentityInfo, now: Date, where: string | undefined): void {
  if (now < info.notBefore || now > info.notAfter) {
    throw new IdentityError(
      'IDENTITY_EXPIRED',
      `${label(where)}: the certificate is valid from ${info.notBefore.toISOString()} to ${info.notAfter.toISOString()}, not at ${now.toISOString()}`,
      where === undefined ? undefined : { where },
    );
  }
}

/**
 * Each unlocked identity's private key, reachable only from this module (a WeakMap rather than
 * a `#private` field, which the Electronegativity scanner cannot parse).
 */
const KEYS = new WeakMap<object, KeyObject>();

class Unlocked implements UnlockedIdentity {
  readonly name: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly selfSigned: boolean;
  readonly certSha256: string;
  readonly certificateDer: Uint8Array;
  readonly chainDer: readonly Uint8Array[];
  // A true private field: invisible to structured clone, JSON, IPC and property enumeration.

  constructor(opened: Opened) {
    const info = infoOf(opened.leaf);
    this.name = info.name;
    this.subject = info.subject;
    this.issuer = info.issuer;
    this.serialNumber = info.serialNumber;
    this.notBefore = info.notBefore;
    this.notAfter = info.notAfter;
    this.selfSigned = info.selfSigned;
    this.certSha256 = info.certSha256;
    this.certificateDer = new Uint8Array(opened.leaf.raw);
    this.chainDer = opened.chain.map((c) => new Uint8Array(c.raw));
    KEYS.set(this, opened.key);
  }

  get locked(): boolean {
    return !KEYS.has(this);
  }

  sign(data: Uint8Array): Uint8Array {
    const key = KEYS.get(this);
    if (key === undefined) {
      throw new IdentityError('IDENTITY_LOCKED', `the identity of ${this.name} is locked`);
    }
    return new Uint8Array(cryptoSign('sha256', data, key));
  }

  /**
   * Drops the only reference to the KeyObject. What this can and cannot wipe: the private key
   * lives in OpenSSL's memory behind the KeyObject (never in a JS Buffer or string: the PKCS#12
   * reader hands the encrypted PKCS#8 straight to `createPrivateKey`); OpenSSL clears RSA private
   * components when the object is freed, which happens when V8 collects the KeyObject — not
   * at a time JavaScript can force. The passphrase is a JS string and cannot be wiped at all.
   * Intermediate secrets the PKCS#12 code puts in Buffers (derived keys, a plaintext PKCS#8 from
   * a legacy or unencrypted key bag) are zero-filled right after use.
   */
  lock(): void {
    KEYS.delete(this);
  }
}

/** Opens an identity for signing. Certificate validity is not checked here (see importIdentity). */
export function unlock(
  p12: Uint8Array,
  passphrase: string,
  options: Pick<CommonOptions, 'where'> = {},
): UnlockedIdentity {
  return new Unlocked(open(p12, passphrase, options.where));
}

/** Reads an identity file and describes it (for `identity show`); the key is dropped at once. */
export function describeIdentity(
  p12: Uint8Array,
  passphrase: string,
  options: Pick<CommonOptions, 'where'> = {},
): IdentityInfo & { readonly chain: readonly IdentityInfo['subject'][] } {
  const opened = open(p12, passphrase, options.where);
  return {
    ...infoOf(opened.leaf),
    chain: opened.chain.map((c) => c.subject.split('\n').join(', ')),
  };
}

// ── creating ─────────────────────────────────────────────────────────────────

function generateKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: GENERATED_KEY_BITS }).privateKey;
}

export interface LabCaOptions extends CommonOptions {
  readonly name: string;
  readonly org: string;
  readonly validityYears: number;
  readonly passphrase: string;
}

export interface LabCa {
  readonly p12: Uint8Array;
  readonly certificatePem: string;
  readonly certificateDer: Uint8Array;
}

/** A new lab CA: RSA-3072, self-signed, basicConstraints CA (pathLen 0), keyCertSign + cRLSign. */
export function createLabCa(options: LabCaOptions): LabCa {
  const now = (options.now ?? (() => new Date()))();
  const key = generateKey();
  const subject: Subject = { name: options.name, org: options.org };
  const certificateDer = labCaCertificate(key, subject, validityFrom(now, options.validityYears));
  const p12 = writePkcs12({
    key,
    certificates: [certificateDer],
    passphrase: options.passphrase,
    friendlyName: options.name.trim(),
    ...(options.iterations === undefined ? {} : { iterations: options.iterations }),
  });
  return {
    p12,
    certificatePem: new X509Certificate(certificateDer).toString(),
    certificateDer: new Uint8Array(certificateDer),
  };
}

export interface ExaminerOptions extends CommonOptions {
  readonly name: string;
  readonly org: string;
  readonly email?: string;
  /** The lab CA that issues the certificate, or 'self-signed' (the default). */
  readonly ca?:
    | { readonly p12: Uint8Array; readonly passphrase: string; readonly where?: string }
    | 'self-signed';
  readonly validityYears: number;
  readonly passphrase: string;
}

/**
 * A new examiner identity: an RSA-3072 key and a certificate (digitalSignature, nonRepudiation,
 * EKU emailProtection), issued by the given lab CA or self-signed, written as PKCS#12 with the
 * CA certificate in the chain. With a CA, the certificate never outlives the CA's.
 */
export function createExaminer(options: ExaminerOptions): Uint8Array {
  const now = (options.now ?? (() => new Date()))();
  const subject: Subject = {
    name: options.name,
    org: options.org,
    ...(options.email === undefined ? {} : { email: options.email }),
  };
  let validity = validityFrom(now, options.validityYears);
  const ca = options.ca ?? 'self-signed';

  if (ca === 'self-signed') {
    const key = generateKey();
    const certificate = examinerCertificate(key, subject, validity, { selfSigned: key });
    return writePkcs12({
      key,
      certificates: [certificate],
      passphrase: options.passphrase,
      friendlyName: options.name.trim(),
      ...(options.iterations === undefined ? {} : { iterations: options.iterations }),
    });
  }

  // Open and check the CA before generating anything: a wrong passphrase costs nothing.
  const opened = open(ca.p12, ca.passphrase, ca.where);
  const caInfo = infoOf(opened.leaf);
  const caWhere = ca.where ?? 'the CA';
  if (!opened.leaf.ca) {
    throw new IdentityError(
      'IDENTITY_CA_INVALID',
      `${caWhere}: the certificate is not a CA certificate`,
      {
        where: caWhere,
      },
    );
  }
  const usage = keyUsageOf(opened.leaf.raw);
  if (usage !== null && !usage.keyCertSign) {
    throw new IdentityError(
      'IDENTITY_CA_INVALID',
      `${caWhere}: the CA key may not sign certificates (keyUsage)`,
      {
        where: caWhere,
      },
    );
  }
  checkCurrentlyValid(caInfo, now, caWhere);
  if (validity.notAfter > caInfo.notAfter) validity = { ...validity, notAfter: caInfo.notAfter };

  const key = generateKey();
  const certificate = examinerCertificate(key, subject, validity, {
    certificateDer: opened.leaf.raw,
    key: opened.key,
  });
  return writePkcs12({
    key,
    certificates: [certificate, opened.leaf.raw, ...opened.chain.map((c) => c.raw)],
    passphrase: options.passphrase,
    friendlyName: options.name.trim(),
    ...(options.iterations === undefined ? {} : { iterations: options.iterations }),
  });
}

// ── importing ────────────────────────────────────────────────────────────────

export interface ImportedIdentity {
  /** The same key and certificates, re-encrypted with Sealcase's PKCS#12 parameters. */
  readonly p12: Uint8Array;
  readonly info: IdentityInfo;
}

/**
 * Validates a PKCS#12 from an agency PKI — exactly one private key, a certificate for it that
 * is valid now, RSA ≥ 2048, a keyUsage (if present) that allows signing — and re-encrypts it
 * with Sealcase's parameters under the same passphrase.
 */
export function importIdentity(
  p12: Uint8Array,
  passphrase: string,
  options: CommonOptions = {},
): ImportedIdentity {
  const where = options.where;
  const opened = open(p12, passphrase, where);
  const info = infoOf(opened.leaf);
  checkCurrentlyValid(info, (options.now ?? (() => new Date()))(), where);
  const usage = keyUsageOf(opened.leaf.raw);
  if (usage !== null && !usage.digitalSignature && !usage.nonRepudiation) {
    throw new IdentityError(
      'IDENTITY_UNSUPPORTED',
      `${label(where)}: the certificate's keyUsage allows neither digitalSignature nor nonRepudiation`,
      where === undefined ? undefined : { where },
    );
  }
  const rewritten = writePkcs12({
    key: opened.key,
    certificates: [opened.leaf.raw, ...opened.chain.map((c) => c.raw)],
    passphrase,
    friendlyName: info.name,
    ...(options.iterations === undefined ? {} : { iterations: options.iterations }),
  });
  return { p12: rewritten, info };
}

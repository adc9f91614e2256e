import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  hash,
  pbkdf2Sync,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import forge from 'node-forge';
import { IdentityError } from '../../../shared/errors';
import {
  Asn1ShapeError,
  bmp,
  child,
  children,
  der,
  explicit0,
  fromBinary,
  int,
  nul,
  octets,
  oid,
  parse,
  readExplicit0,
  readInt,
  readOctets,
  readOid,
  seq,
  set,
  toBinary,
  type Node,
} from './asn1';

/**
 * PKCS#12 (RFC 7292) written and read with Node's crypto (OpenSSL) for every key derivation and
 * cipher, and node-forge only for ASN.1. Why not forge's `toPkcs12Asn1`/`pkcs12FromAsn1`: its
 * PBKDF2 is pure JavaScript (600,000 iterations ≈ 5 s to write and again to read, vs ≈ 0.3 s in
 * Node), its MAC is hard-coded HMAC-SHA-1, and it feeds PBES2 the passphrase as a "binary string",
 * so a non-ASCII passphrase derives a different key than OpenSSL would. See CONTEXT.md.
 */

/** What Sealcase writes. Stated in CONTEXT.md; change only with a measured reason. */
export const PKCS12_WRITE_PARAMETERS = {
  /** Key bag: PKCS#8 shrouded key bag, PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC. */
  keyBag: 'PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC',
  /** Iterations of PBKDF2 and of the PKCS#12 MAC key derivation (OWASP 2023 PBKDF2-SHA256 figure). */
  iterations: 600_000,
  saltBytes: 16,
  /** Integrity: HMAC-SHA256 with the RFC 7292 Appendix B key derivation (SHA-256). */
  mac: 'HMAC-SHA256',
  /** Certificate bags are stored unencrypted (certificates are public), under the MAC. */
  certificates: 'unencrypted, MAC-protected',
} as const;

/** Refuse files whose iteration counts would stall the process (a denial of service). */
const MAX_ITERATIONS = 10_000_000;
/** Lowest count we write (tests may go this low; the default is 600,000). */
export const MIN_WRITE_ITERATIONS = 1_000;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
  friendlyName: '1.2.840.113549.1.9.20',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSHA256: '1.2.840.113549.2.9',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

/** Digest OIDs accepted in a MAC, with the hash's output and block sizes (u, v of RFC 7292 B.2). */
const MAC_DIGESTS: Readonly<Record<string, { name: string; u: number; v: number }>> = {
  '1.3.14.3.2.26': { name: 'sha1', u: 20, v: 64 },
  '2.16.840.1.101.3.4.2.4': { name: 'sha224', u: 28, v: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', u: 32, v: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', u: 48, v: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', u: 64, v: 128 },
};

const PBKDF2_PRFS: Readonly<Record<string, string>> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

const PBES2_CIPHERS: Readonly<Record<string, { name: string; keyLength: number }>> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

/** RFC 7292 B.1: the MAC's password is a BMPString (UTF-16BE) with a two-byte null terminator. */
function bmpPassword(passphrase: string): Buffer {
  const utf16 = Buffer.from(passphrase + '\0', 'utf16le');
  return utf16.swap16();
}

function repeatTo(bytes: Buffer, blockSize: number): Buffer {
  if (bytes.length === 0) return Buffer.alloc(0);
  const length = blockSize * Math.ceil(bytes.length / blockSize);
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) out[i] = bytes[i % bytes.length] ?? 0;
  return out;
}

/**
 * RFC 7292 Appendix B.2 key derivation for the MAC key (ID 3), one hash block long (n = u), with
 * Node's one-shot `crypto.hash` (≈1.3 µs per iteration; 600,000 iterations ≈ 0.8 s).
 */
function pkcs12MacKey(
  digest: { name: string; u: number; v: number },
  passphrase: string,
  salt: Buffer,
  iterations: number,
): Buffer {
  const password = bmpPassword(passphrase);
  const input = Buffer.concat([
    Buffer.alloc(digest.v, 3),
    repeatTo(salt, digest.v),
    repeatTo(password, digest.v),
  ]);
  let a: Buffer = hash(digest.name, input, 'buffer');
  for (let i = 1; i < iterations; i += 1) a = hash(digest.name, a, 'buffer');
  password.fill(0);
  input.fill(0);
  return a;
}

function checkIterations(count: number, what: string): void {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new Asn1ShapeError(`${what}: iteration count ${count} is not valid`);
  }
  if (count > MAX_ITERATIONS) {
    throw new IdentityError(
      'IDENTITY_UNSUPPORTED',
      `${what}: iteration count ${count} is above Sealcase's limit of ${MAX_ITERATIONS}`,
    );
  }
}

// ── writing ──────────────────────────────────────────────────────────────────

export interface WritePkcs12Options {
  /** The private key; exported as PKCS#8 only long enough to encrypt it, then zero-filled. */
  readonly key: KeyObject;
  /** DER certificates: the key's own certificate first, then its chain (issuer, …, root). */
  readonly certificates: readonly Uint8Array[];
  readonly passphrase: string;
  readonly iterations?: number;
  readonly friendlyName?: string;
}

function pbes2Encrypt(plain: Buffer, passphrase: string, iterations: number): Node {
  const salt = randomBytes(PKCS12_WRITE_PARAMETERS.saltBytes);
  const iv = randomBytes(16);
  // RFC 8018 leaves the passphrase encoding open; UTF-8 is what OpenSSL and Node use.
  const key = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), salt, iterations, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  key.fill(0);
  const algorithm = seq([
    oid(OID.pbes2),
    seq([
      seq([
        oid(OID.pbkdf2),
        seq([octets(salt), int(iterations), int(32), seq([oid(OID.hmacWithSHA256), nul()])]),
      ]),
      seq([oid(OID.aes256Cbc), octets(iv)]),
    ]),
  ]);
  return seq([algorithm, octets(encrypted)]);
}

function dataContentInfo(content: Node): Node {
  return seq([oid(OID.data), explicit0(octets(der(content)))]);
}

/** Builds a PKCS#12 file: one certificate ContentInfo, one shrouded key bag, HMAC-SHA256 MAC. */
export function writePkcs12(options: WritePkcs12Options): Uint8Array {
  const iterations = options.iterations ?? PKCS12_WRITE_PARAMETERS.iterations;
  if (!Number.isSafeInteger(iterations) || iterations < MIN_WRITE_ITERATIONS) {
    throw new RangeError(`iterations must be an integer ≥ ${MIN_WRITE_ITERATIONS}`);
  }
  const [leaf] = options.certificates;
  if (leaf === undefined) throw new RangeError('at least one certificate is needed');
  const localKeyId = hash('sha1', leaf, 'buffer');
  const attributes = [seq([oid(OID.localKeyId), set([octets(localKeyId)])])];
  if (options.friendlyName !== undefined) {
    attributes.push(seq([oid(OID.friendlyName), set([bmp(options.friendlyName)])]));
  }

  const certBags = options.certificates.map((cert, i) => {
    const bag = [
      oid(OID.certBag),
      explicit0(seq([oid(OID.x509Certificate), explicit0(octets(cert))])),
    ];
    if (i === 0) bag.push(set(attributes));
    return seq(bag);
  });

  const plainKey = options.key.export({ type: 'pkcs8', format: 'der' });
  let keyBag: Node;
  try {
    keyBag = seq([
      oid(OID.shroudedKeyBag),
      explicit0(pbes2Encrypt(plainKey, options.passphrase, iterations)),
      set(attributes),
    ]);
  } finally {
    plainKey.fill(0);
  }

  const authSafe = der(seq([dataContentInfo(seq(certBags)), dataContentInfo(seq([keyBag]))]));
  const macSalt = randomBytes(PKCS12_WRITE_PARAMETERS.saltBytes);
  const sha256 = MAC_DIGESTS[OID.sha256];
  if (sha256 === undefined) throw new Error('unreachable: sha256 digest table entry');
  const macKey = pkcs12MacKey(sha256, options.passphrase, macSalt, iterations);
  const mac = createHmac('sha256', macKey).update(authSafe).digest();
  macKey.fill(0);

  const pfx = seq([
    int(3),
    seq([oid(OID.data), explicit0(octets(authSafe))]),
    seq([seq([seq([oid(OID.sha256), nul()]), octets(mac)]), octets(macSalt), int(iterations)]),
  ]);
  return new Uint8Array(der(pfx));
}

// ── reading ──────────────────────────────────────────────────────────────────

export interface Pkcs12Contents {
  readonly keys: readonly { readonly key: KeyObject; readonly localKeyId: string | null }[];
  readonly certificates: readonly { readonly der: Buffer; readonly localKeyId: string | null }[];
  /** Whether a MAC was present and verified (files without a MAC are accepted, but noted). */
  readonly macVerified: boolean;
}

/** Signals that the passphrase is wrong; the caller words the message with the file's path. */
export class WrongPassphrase extends Error {}

function verifyMac(macData: Node, authSafe: Buffer, passphrase: string): void {
  const digestInfo = child(macData, 0, 'MacData.mac');
  const digestOid = readOid(
    child(child(digestInfo, 0, 'mac.digestAlgorithm'), 0, 'algorithm'),
    'mac algorithm',
  );
  const expected = readOctets(child(digestInfo, 1, 'mac.digest'), 'mac.digest');
  const salt = readOctets(child(macData, 1, 'MacData.macSalt'), 'macSalt');
  const items = children(macData, 'MacData');
  const iterations = items[2] === undefined ? 1 : readInt(items[2], 'MacData.iterations');
  checkIterations(iterations, 'PKCS#12 MAC');
  const digest = MAC_DIGESTS[digestOid];
  if (digest === undefined) {
    throw new IdentityError(
      'IDENTITY_UNSUPPORTED',
      `PKCS#12 MAC algorithm ${digestOid} is not supported`,
    );
  }
  const macKey = pkcs12MacKey(digest, passphrase, salt, iterations);
  const actual = createHmac(digest.name, macKey).update(authSafe).digest();
  macKey.fill(0);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new WrongPassphrase();
  }
}

/** Decrypts a PKCS#7 EncryptedData's content: PBES2 through Node, PKCS#12 PBE (3DES, RC2) through forge. */
function decryptContent(algorithm: Node, encrypted: Buffer, passphrase: string): Buffer {
  const algorithmOid = readOid(child(algorithm, 0, 'encryption algorithm'), 'encryption algorithm');
  const params = child(algorithm, 1, 'encryption parameters');
  if (algorithmOid === OID.pbes2) {
    const kdf = child(params, 0, 'PBES2.keyDerivationFunc');
    if (readOid(child(kdf, 0, 'kdf'), 'kdf') !== OID.pbkdf2) {
      throw new IdentityError('IDENTITY_UNSUPPORTED', 'PBES2 key derivation other than PBKDF2');
    }
    const kdfParams = children(child(kdf, 1, 'PBKDF2-params'), 'PBKDF2-params');
    const salt = readOctets(kdfParams[0], 'PBKDF2 salt');
    const iterations = readInt(kdfParams[1], 'PBKDF2 iterations');
    checkIterations(iterations, 'PBKDF2');
    let prf = 'sha1';
    for (const extra of kdfParams.slice(2)) {
      if (extra.type === forge.asn1.Type.SEQUENCE) {
        const prfOid = readOid(child(extra, 0, 'PBKDF2 prf'), 'PBKDF2 prf');
        const name = PBKDF2_PRFS[prfOid];
        if (name === undefined)
          throw new IdentityError('IDENTITY_UNSUPPORTED', `PBKDF2 PRF ${prfOid}`);
        prf = name;
      }
    }
    const scheme = child(params, 1, 'PBES2.encryptionScheme');
    const cipherOid = readOid(child(scheme, 0, 'cipher'), 'cipher');
    const cipher = PBES2_CIPHERS[cipherOid];
    if (cipher === undefined)
      throw new IdentityError('IDENTITY_UNSUPPORTED', `PBES2 cipher ${cipherOid}`);
    const iv = readOctets(child(scheme, 1, 'cipher iv'), 'cipher iv');
    const key = pbkdf2Sync(
      Buffer.from(passphrase, 'utf8'),
      salt,
      iterations,
      cipher.keyLength,
      prf,
    );
    try {
      const decipher = createDecipheriv(cipher.name, key, iv);
      return Buffer.concat([decipher.update(encrypted), decipher.final()]);
    } catch {
      throw new WrongPassphrase();
    } finally {
      key.fill(0);
    }
  }
  // Legacy PKCS#12 PBE (pbeWithSHAAnd3-KeyTripleDES-CBC, pbeWithSHAAnd40BitRC2-CBC): OpenSSL 3
  // keeps RC2 in its legacy provider, which Node does not load, so forge does these in JS.
  let decipher: forge.cipher.BlockCipher;
  try {
    decipher = (
      forge.pki as unknown as {
        pbe: { getCipher(oid: string, params: Node, password: string): forge.cipher.BlockCipher };
      }
    ).pbe.getCipher(algorithmOid, params, passphrase);
  } catch {
    throw new IdentityError(
      'IDENTITY_UNSUPPORTED',
      `encryption algorithm ${algorithmOid} is not supported`,
    );
  }
  decipher.update(forge.util.createBuffer(toBinary(encrypted)));
  if (!decipher.finish()) throw new WrongPassphrase();
  return fromBinary(decipher.output.getBytes());
}

function attributesOf(bag: Node[]): { localKeyId: string | null } {
  let localKeyId: string | null = null;
  const attrs = bag[2];
  if (attrs !== undefined && Array.isArray(attrs.value)) {
    for (const attr of attrs.value as Node[]) {
      if (readOid(child(attr, 0, 'attribute'), 'attribute type') === OID.localKeyId) {
        const value = child(child(attr, 1, 'attribute values'), 0, 'localKeyId');
        localKeyId = readOctets(value, 'localKeyId').toString('hex');
      }
    }
  }
  return { localKeyId };
}

function privateKeyFromShrouded(encryptedDer: Buffer, passphrase: string): KeyObject {
  try {
    return createPrivateKey({ key: encryptedDer, format: 'der', type: 'pkcs8', passphrase });
  } catch {
    // Node (OpenSSL 3 without its legacy provider) cannot do RC2; forge can. forge returns null
    // for a wrong passphrase.
  }
  let info: Node | null;
  try {
    info = forge.pki.decryptPrivateKeyInfo(parse(encryptedDer), passphrase);
  } catch {
    throw new WrongPassphrase();
  }
  if (info === null) throw new WrongPassphrase();
  const plain = der(info);
  try {
    return createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' });
  } catch {
    throw new WrongPassphrase();
  } finally {
    plain.fill(0);
  }
}

function readSafeContents(
  bytes: Buffer,
  passphrase: string,
  out: {
    keys: Pkcs12Contents['keys'][number][];
    certificates: Pkcs12Contents['certificates'][number][];
  },
  depth: number,
): void {
  if (depth > 4) throw new Asn1ShapeError('SafeContents nested too deeply');
  for (const bagNode of children(parse(bytes), 'SafeContents')) {
    const bag = children(bagNode, 'SafeBag');
    const bagId = readOid(bag[0], 'SafeBag.bagId');
    const value = readExplicit0(bag[1], 'SafeBag.bagValue');
    const { localKeyId } = attributesOf(bag);
    switch (bagId) {
      case OID.keyBag: {
        const plain = der(value);
        try {
          out.keys.push({
            key: createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' }),
            localKeyId,
          });
        } catch {
          throw new Asn1ShapeError('key bag: not a readable PKCS#8 private key');
        } finally {
          plain.fill(0);
        }
        break;
      }
      case OID.shroudedKeyBag:
        out.keys.push({ key: privateKeyFromShrouded(der(value), passphrase), localKeyId });
        break;
      case OID.certBag: {
        if (readOid(child(value, 0, 'CertBag.certId'), 'CertBag.certId') === OID.x509Certificate) {
          const certDer = readOctets(
            readExplicit0(child(value, 1, 'CertBag.certValue'), 'certValue'),
            'certValue',
          );
          out.certificates.push({ der: certDer, localKeyId });
        }
        break;
      }
      case OID.safeContentsBag:
        readSafeContents(der(value), passphrase, out, depth + 1);
        break;
      default:
        // CRL and secret bags carry nothing an identity needs.
        break;
    }
  }
}

/**
 * Reads a PKCS#12 file. Throws `WrongPassphrase` when the MAC (or, without a MAC, a decryption)
 * fails, `Asn1ShapeError` when the structure is not PKCS#12, `IdentityError('IDENTITY_UNSUPPORTED')`
 * for public-key integrity mode, unknown algorithms and absurd iteration counts.
 */
export function readPkcs12(bytes: Uint8Array, passphrase: string): Pkcs12Contents {
  const pfx = children(parse(bytes), 'PFX');
  if (readInt(pfx[0], 'PFX.version') !== 3) throw new Asn1ShapeError('PFX.version is not 3');
  const authSafeInfo = children(pfx[1], 'PFX.authSafe');
  const contentType = readOid(authSafeInfo[0], 'authSafe.contentType');
  if (contentType === OID.signedData) {
    throw new IdentityError(
      'IDENTITY_UNSUPPORTED',
      'PKCS#12 public-key integrity mode (signedData) is not supported',
    );
  }
  if (contentType !== OID.data) throw new Asn1ShapeError('authSafe is not PKCS#7 data');
  const authSafe = readOctets(
    readExplicit0(authSafeInfo[1], 'authSafe.content'),
    'authSafe.content',
  );

  let macVerified = false;
  if (pfx[2] !== undefined) {
    verifyMac(pfx[2], authSafe, passphrase);
    macVerified = true;
  }

  const out: {
    keys: Pkcs12Contents['keys'][number][];
    certificates: Pkcs12Contents['certificates'][number][];
  } = { keys: [], certificates: [] };
  for (const info of children(parse(authSafe), 'AuthenticatedSafe')) {
    const type = readOid(child(info, 0, 'ContentInfo.contentType'), 'ContentInfo.contentType');
    if (type === OID.data) {
      readSafeContents(
        readOctets(readExplicit0(child(info, 1, 'content'), 'content'), 'content'),
        passphrase,
        out,
        0,
      );
    } else if (type === OID.encryptedData) {
      const encryptedData = readExplicit0(child(info, 1, 'content'), 'EncryptedData');
      const eci = child(encryptedData, 1, 'EncryptedContentInfo');
      const algorithm = child(eci, 1, 'contentEncryptionAlgorithm');
      const encrypted = readOctets(child(eci, 2, 'encryptedContent'), 'encryptedContent');
      readSafeContents(decryptContent(algorithm, encrypted, passphrase), passphrase, out, 0);
    } else {
      throw new IdentityError(
        'IDENTITY_UNSUPPORTED',
        `PKCS#12 content type ${type} (public-key privacy mode) is not supported`,
      );
    }
  }
  return { ...out, macVerified };
}

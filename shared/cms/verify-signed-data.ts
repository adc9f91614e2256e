import * as asn1js from 'asn1js';
import { Certificate, ContentInfo, SignedData, type SignerInfo } from 'pkijs';
import {
  digestNameOf,
  issuerSerialMatches,
  readSigningCertificateV2,
  singleValue,
} from './attributes';
import { bytesEqual, copyBytes, isStrictDer, toHex } from './bytes';
import {
  firstBrokenCertificate,
  hasNoParameters,
  rsaSignatureHash,
  sameName,
} from './certificates';
import type { CmsFinding, CmsFindingCode } from './findings';
import { subjectOf } from './names';
import { OID } from './oids';
import {
  digest,
  DIGEST_LENGTH,
  verifyRsaPkcs1,
  type DigestName,
  type WebCryptoEngine,
} from './web-crypto';

/** CMS larger than this is refused unread (our signatures are a few KiB). */
export const MAX_CMS_BYTES = 1024 * 1024;
/** More certificates than this in one CMS is refused. */
export const MAX_CMS_CERTIFICATES = 32;

/** What the signature covers: the content, or its digest (with the algorithm that made it). */
export type SignedContent =
  | { readonly content: Uint8Array; readonly digest?: never }
  | {
      readonly digest: Uint8Array;
      readonly digestAlgorithm?: DigestName;
      readonly content?: never;
    };

export interface CmsSignerDetails {
  readonly certificateDer: Uint8Array;
  /** Hex SHA-256 of the DER certificate. */
  readonly certSha256: string;
  /** e.g. `CN=Ann Tamm, O=Test Lab`. */
  readonly subject: string;
}

export interface CmsVerification {
  /** True when there are no findings. */
  readonly ok: boolean;
  readonly findings: readonly CmsFinding[];
  /** The signer certificate, when the CMS names one it carries. */
  readonly signer: CmsSignerDetails | null;
  /** The signingTime attribute (ISO 8601), when present. */
  readonly signingTime: string | null;
  /** Every certificate the CMS carries (DER), signer first when found. */
  readonly certificates: readonly Uint8Array[];
}

interface Parsed {
  readonly signedData: SignedData;
  readonly signerInfo: SignerInfo;
  /** Original DER of each carried certificate, in order. */
  readonly certificatesDer: Uint8Array[];
}

class Refused {
  constructor(
    readonly code: CmsFindingCode,
    readonly message: string,
    readonly where?: string,
  ) {}
}

function parse(cmsDer: Uint8Array): Parsed | Refused {
  const bytes = copyBytes(cmsDer);
  // asn1js tolerates lengths that disagree with their content; DER does not.
  if (!isStrictDer(bytes))
    return new Refused('CMS_MALFORMED', 'not one well-formed DER object', 'CMS');
  const asn1 = asn1js.fromBER(bytes);
  if (asn1.offset !== bytes.length)
    return new Refused('CMS_MALFORMED', 'not readable as BER', 'CMS');
  const contentInfo = new ContentInfo({ schema: asn1.result });
  if (contentInfo.contentType !== OID.signedData) {
    return new Refused(
      'CMS_MALFORMED',
      `content type ${contentInfo.contentType} is not signedData`,
    );
  }
  const signedData = new SignedData({ schema: contentInfo.content });
  if (signedData.encapContentInfo.eContent !== undefined) {
    return new Refused('CMS_NOT_DETACHED', 'the signed data embeds its content');
  }
  if (signedData.signerInfos.length !== 1) {
    return new Refused(
      'CMS_SIGNER_COUNT',
      `${signedData.signerInfos.length} signer infos; exactly one is verified`,
    );
  }
  const signerInfo = signedData.signerInfos[0]!;
  const structure = structureProblem(signedData, signerInfo);
  if (structure !== null) return new Refused('CMS_MALFORMED', structure);
  // The original certificate encodings: the [0] IMPLICIT field of the SignedData SEQUENCE.
  const fields = (contentInfo.content as asn1js.Sequence).valueBlock.value;
  const certSet = fields.find((f) => f.idBlock.tagClass === 3 && f.idBlock.tagNumber === 0);
  const certificatesDer =
    certSet instanceof asn1js.Constructed
      ? certSet.valueBlock.value.map((c) => new Uint8Array(c.valueBeforeDecodeView))
      : [];
  if (certificatesDer.length > MAX_CMS_CERTIFICATES) {
    return new Refused(
      'CMS_MALFORMED',
      `${certificatesDer.length} certificates; at most ${MAX_CMS_CERTIFICATES}`,
    );
  }
  return { signedData, signerInfo, certificatesDer };
}

/**
 * The parts of SignedData the signature does not cover must still be exactly what RFC 5652
 * says for a detached id-data signature, so that no byte of the CMS can change unnoticed.
 */
function structureProblem(signedData: SignedData, signerInfo: SignerInfo): string | null {
  if (signedData.encapContentInfo.eContentType !== OID.data) {
    return `encapsulated content type ${signedData.encapContentInfo.eContentType} is not id-data`;
  }
  const bySki = signerInfo.sid instanceof asn1js.Primitive;
  if (signerInfo.version !== (bySki ? 3 : 1)) {
    return `signer info version ${signerInfo.version} does not fit its signer identifier`;
  }
  // RFC 5652 §5.1: version 3 when a signer info is version 3, else 1 (no other-format parts).
  if (signedData.version !== (bySki ? 3 : 1)) return `SignedData version ${signedData.version}`;
  if (
    !hasNoParameters(signerInfo.digestAlgorithm) ||
    !hasNoParameters(signerInfo.signatureAlgorithm)
  ) {
    return 'algorithm parameters other than NULL';
  }
  const listed = signedData.digestAlgorithms.filter(
    (a) => a.algorithmId === signerInfo.digestAlgorithm.algorithmId && hasNoParameters(a),
  );
  if (listed.length !== 1 || signedData.digestAlgorithms.length !== 1) {
    return 'digestAlgorithms does not list exactly the signer digest algorithm';
  }
  if (signerInfo.unsignedAttrs !== undefined) return 'unsigned attributes are not accepted';
  return null;
}

function findSigner(parsed: Parsed): { cert: Certificate; der: Uint8Array } | null {
  const { signedData, signerInfo, certificatesDer } = parsed;
  const certs = signedData.certificates ?? [];
  for (let i = 0; i < certs.length; i++) {
    const cert = certs[i];
    const der = certificatesDer[i];
    if (!(cert instanceof Certificate) || der === undefined) continue;
    const sid = signerInfo.sid as unknown;
    if (sid instanceof asn1js.Primitive) {
      // subjectKeyIdentifier [0]
      const ski = cert.extensions?.find((e) => e.extnID === '2.5.29.14');
      const value = ski?.parsedValue as asn1js.OctetString | undefined;
      if (
        value !== undefined &&
        bytesEqual(value.valueBlock.valueHexView, sid.valueBlock.valueHexView)
      ) {
        return { cert, der };
      }
    } else if (
      typeof sid === 'object' &&
      sid !== null &&
      'issuer' in sid &&
      'serialNumber' in sid
    ) {
      const { issuer, serialNumber } = sid as {
        issuer: Certificate['issuer'];
        serialNumber: asn1js.Integer;
      };
      if (sameName(cert.issuer, issuer) && cert.serialNumber.isEqual(serialNumber))
        return { cert, der };
    }
  }
  return null;
}

/** The signature's hash: from shaNWithRSAEncryption, or the digest algorithm for rsaEncryption. */
function signatureHash(oid: string, digestName: DigestName): DigestName | null {
  return oid === OID.rsaEncryption ? digestName : rsaSignatureHash(oid);
}

function result(
  findings: CmsFinding[],
  signer: CmsSignerDetails | null,
  signingTime: string | null,
  certificates: readonly Uint8Array[],
): CmsVerification {
  return { ok: findings.length === 0, findings, signer, signingTime, certificates };
}

/**
 * Verifies a detached CMS SignedData over `signed` (the content or its digest) with WebCrypto.
 * Checks: structure, one signer, supported algorithms, contentType and messageDigest attributes,
 * the signature over the signed attributes, and that signingCertificateV2 names the signer
 * certificate. Never throws; every problem is a finding. Trust (chains, anchors) is the caller's.
 */
export async function verifySignedData(
  cmsDer: Uint8Array,
  signed: SignedContent,
  engine: WebCryptoEngine,
): Promise<CmsVerification> {
  try {
    return await verifyUnsafe(cmsDer, signed, engine);
  } catch (error) {
    // asn1js/pkijs throw on shapes they do not expect (and a deep nesting can overflow the stack).
    const detail = error instanceof Error ? error.message : String(error);
    return result(
      [
        {
          code: 'CMS_MALFORMED',
          message: `not a readable CMS signature (${detail})`,
          where: 'CMS',
        },
      ],
      null,
      null,
      [],
    );
  }
}

async function verifyUnsafe(
  cmsDer: Uint8Array,
  signed: SignedContent,
  engine: WebCryptoEngine,
): Promise<CmsVerification> {
  if (cmsDer.length > MAX_CMS_BYTES) {
    return result(
      [
        {
          code: 'CMS_TOO_LARGE',
          message: `${cmsDer.length} bytes; at most ${MAX_CMS_BYTES}`,
          where: 'CMS',
        },
      ],
      null,
      null,
      [],
    );
  }
  const parsed = parse(cmsDer);
  if (parsed instanceof Refused) {
    const finding: CmsFinding = {
      code: parsed.code,
      message: parsed.message,
      ...(parsed.where === undefined ? {} : { where: parsed.where }),
    };
    return result([finding], null, null, []);
  }
  const { signerInfo, certificatesDer } = parsed;
  const findings: CmsFinding[] = [];

  // The signer certificate.
  const found = findSigner(parsed);
  const signer: CmsSignerDetails | null =
    found === null
      ? null
      : {
          certificateDer: found.der,
          certSha256: toHex(await digest(engine, 'SHA-256', found.der)),
          subject: subjectOf(found.cert),
        };
  const certificates =
    found === null
      ? certificatesDer
      : [found.der, ...certificatesDer.filter((d) => d !== found.der)];

  // Algorithms.
  const digestName = digestNameOf(signerInfo.digestAlgorithm.algorithmId);
  const sigHash =
    digestName === null
      ? null
      : signatureHash(signerInfo.signatureAlgorithm.algorithmId, digestName);
  if (digestName === null || sigHash === null) {
    findings.push({
      code: 'CMS_UNSUPPORTED_ALGORITHM',
      message: `digest ${signerInfo.digestAlgorithm.algorithmId} with signature ${signerInfo.signatureAlgorithm.algorithmId} is not SHA-2 with RSA PKCS#1 v1.5`,
      where: 'signerInfo',
    });
    return result(findings, signer, null, certificates);
  }

  // Signed attributes.
  const attributes = signerInfo.signedAttrs?.attributes ?? [];
  const contentType = singleValue(attributes, OID.contentType);
  const messageDigest = singleValue(attributes, OID.messageDigest);
  if (
    signerInfo.signedAttrs === undefined ||
    !(contentType instanceof asn1js.ObjectIdentifier) ||
    contentType.valueBlock.toString() !== OID.data ||
    !(messageDigest instanceof asn1js.OctetString)
  ) {
    findings.push({
      code: 'CMS_SIGNED_ATTRS_INVALID',
      message: 'signed attributes must hold one contentType (id-data) and one messageDigest',
      where: 'signedAttrs',
    });
    return result(findings, signer, null, certificates);
  }
  const timeValue = singleValue(attributes, OID.signingTime);
  const signingTime =
    timeValue instanceof asn1js.UTCTime || timeValue instanceof asn1js.GeneralizedTime
      ? timeValue.toDate().toISOString()
      : null;

  // messageDigest against the content.
  let actual: Uint8Array | null = null;
  let claimed: DigestName = digestName;
  if (signed.content !== undefined) actual = await digest(engine, digestName, signed.content);
  else {
    claimed = signed.digestAlgorithm ?? 'SHA-256';
    if (claimed === digestName) actual = signed.digest;
  }
  if (actual === null) {
    findings.push({
      code: 'CMS_UNSUPPORTED_ALGORITHM',
      message: `the signature uses ${digestName} but the content was hashed with ${claimed}`,
      where: 'signerInfo',
    });
  } else if (
    actual.length !== DIGEST_LENGTH[digestName] ||
    !bytesEqual(actual, messageDigest.valueBlock.valueHexView)
  ) {
    findings.push({
      code: 'CMS_DIGEST_MISMATCH',
      message: 'the content does not match the signed messageDigest',
      where: 'messageDigest',
    });
  }

  if (found === null) {
    findings.push({
      code: 'CMS_NO_SIGNER_CERT',
      message: 'the certificate named by the signer info is not in the signature',
      where: 'signerInfo.sid',
    });
    return result(findings, signer, signingTime, certificates);
  }

  const carried = (parsed.signedData.certificates ?? []).filter(
    (c): c is Certificate => c instanceof Certificate,
  );
  const broken = await firstBrokenCertificate(carried, carried.indexOf(found.cert), engine);
  if (broken !== null) {
    findings.push(
      broken.kind === 'damaged'
        ? {
            code: 'CMS_CERT_INVALID',
            message: `carried certificate ${broken.index + 1} is not part of an intact chain from the signer`,
            where: `certificates[${broken.index}]`,
          }
        : {
            code: 'CMS_CHAIN_INCOMPLETE',
            message: `the issuer of carried certificate ${broken.index + 1} is not carried: the chain cannot be checked to its root`,
            where: `certificates[${broken.index}]`,
          },
    );
  }

  // The signature over the signed attributes, exactly as encoded (tag switched to SET).
  const toBeSigned = new Uint8Array(signerInfo.signedAttrs.encodedValue);
  toBeSigned[0] = 0x31;
  const spki = new Uint8Array(found.cert.subjectPublicKeyInfo.toSchema().toBER());
  const verdict = await verifyRsaPkcs1(
    engine,
    spki,
    sigHash,
    new Uint8Array(signerInfo.signature.valueBlock.valueHexView),
    toBeSigned,
  );
  switch (verdict) {
    case 'valid':
      break;
    case 'invalid':
      findings.push({
        code: 'CMS_SIGNATURE_INVALID',
        message: 'the signature does not verify under the signer certificate',
        where: 'signerInfo.signature',
      });
      break;
    case 'unusable-key':
      findings.push({
        code: 'CMS_UNSUPPORTED_ALGORITHM',
        message: 'the signer certificate does not hold a usable RSA key',
        where: 'signer certificate',
      });
      break;
  }

  // signingCertificateV2 binds the certificate to the signature.
  const essValue = singleValue(attributes, OID.signingCertificateV2);
  if (essValue === null) {
    findings.push({
      code: 'CMS_SIGNING_CERT_MISSING',
      message: 'no signingCertificateV2 attribute binds the signer certificate',
      where: 'signedAttrs',
    });
  } else {
    const ess = essValue === 'invalid' ? null : readSigningCertificateV2(essValue);
    const certHash = ess?.hash == null ? null : await digest(engine, ess.hash, found.der);
    if (
      ess === null ||
      certHash === null ||
      !bytesEqual(certHash, ess.certHash) ||
      !issuerSerialMatches(ess, found.cert)
    ) {
      findings.push({
        code: 'CMS_SIGNING_CERT_MISMATCH',
        message: 'signingCertificateV2 does not name the signer certificate',
        where: 'signedAttrs.signingCertificateV2',
      });
    }
  }
  return result(findings, signer, signingTime, certificates);
}

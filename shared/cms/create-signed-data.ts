import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Certificate,
  ContentInfo,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
} from 'pkijs';
import { CmsError } from '../errors';
import { buildSignedAttributes, DIGEST_OID } from './attributes';
import { copyBytes } from './bytes';
import { OID } from './oids';
import { digest, DIGEST_LENGTH, type WebCryptoEngine } from './web-crypto';

/**
 * Who signs: a certificate, its chain (issuer first), and a function that makes an
 * RSASSA-PKCS1-v1_5 SHA-256 signature over the bytes it is given — the unlocked examiner
 * identity (`UnlockedIdentity` satisfies this). The private key never comes here.
 */
export interface CmsSigner {
  readonly certificateDer: Uint8Array;
  readonly chainDer: readonly Uint8Array[];
  sign(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

export type SignedDataInput = {
  readonly signer: CmsSigner;
  /** Always detached: the content is never embedded. */
  readonly detached: true;
  /** The signingTime attribute; omitted when not given (PAdES puts the time in /M instead). */
  readonly signingTime?: Date;
} & (
  | { readonly content: Uint8Array; readonly digest?: never }
  | { readonly digest: Uint8Array; readonly content?: never }
);

function parseCertificate(der: Uint8Array, what: string): Certificate {
  try {
    return Certificate.fromBER(copyBytes(der));
  } catch (error) {
    throw new CmsError('CMS_SIGNER_INVALID', `the ${what} is not an X.509 certificate`, {
      where: what,
      cause: error,
    });
  }
}

function sha256WithRsa(): AlgorithmIdentifier {
  return new AlgorithmIdentifier({
    algorithmId: OID.sha256WithRSAEncryption,
    algorithmParams: new asn1js.Null(),
  });
}

/**
 * A detached CMS SignedData (RFC 5652) in DER: SHA-256, sha256WithRSAEncryption, signed
 * attributes contentType, messageDigest, signingCertificateV2 (ESS, RFC 5035) and, when given,
 * signingTime; the signer certificate and its chain included. CAdES-BES shaped.
 */
export async function createSignedData(
  input: SignedDataInput,
  engine: WebCryptoEngine,
): Promise<Uint8Array> {
  if (input.detached !== true) {
    throw new CmsError('CMS_INPUT_INVALID', 'only detached signatures are made');
  }
  let messageDigest: Uint8Array;
  if (input.content !== undefined) {
    messageDigest = await digest(engine, 'SHA-256', input.content);
  } else if (input.digest !== undefined) {
    if (input.digest.length !== DIGEST_LENGTH['SHA-256']) {
      throw new CmsError(
        'CMS_INPUT_INVALID',
        `a SHA-256 digest has 32 bytes, not ${input.digest.length}`,
      );
    }
    messageDigest = input.digest;
  } else {
    throw new CmsError('CMS_INPUT_INVALID', 'give the content or its SHA-256 digest');
  }

  const { signer } = input;
  const leaf = parseCertificate(signer.certificateDer, 'signer certificate');
  const chain = signer.chainDer.map((der, i) =>
    parseCertificate(der, `chain certificate ${i + 1}`),
  );
  const leafSha256 = await digest(engine, 'SHA-256', signer.certificateDer);

  const signedAttrs = new SignedAndUnsignedAttributes({
    type: 0,
    attributes: buildSignedAttributes({
      messageDigest,
      signerCert: leaf,
      signerCertSha256: leafSha256,
      ...(input.signingTime === undefined ? {} : { signingTime: input.signingTime }),
    }),
  });
  // What is signed is the DER of the attributes as a SET (tag 0x31), RFC 5652 §5.4.
  const toBeSigned = new Uint8Array(signedAttrs.toSchema().toBER());
  toBeSigned[0] = 0x31;

  const signature = await signer.sign(toBeSigned);
  const modulusBytes = rsaModulusBytes(leaf);
  if (!(signature instanceof Uint8Array) || signature.length !== modulusBytes) {
    throw new CmsError(
      'CMS_SIGNATURE_FAILED',
      `the signer returned ${signature instanceof Uint8Array ? `${signature.length} bytes` : 'no bytes'}, not an RSA signature of ${modulusBytes} bytes`,
    );
  }

  const signerInfo = new SignerInfo({
    version: 1,
    sid: new IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
    digestAlgorithm: new AlgorithmIdentifier({ algorithmId: DIGEST_OID['SHA-256'] }),
    signedAttrs,
    signatureAlgorithm: sha256WithRsa(),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const signedData = new SignedData({
    version: 1,
    digestAlgorithms: [new AlgorithmIdentifier({ algorithmId: DIGEST_OID['SHA-256'] })],
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [leaf, ...chain],
    signerInfos: [signerInfo],
  });
  const contentInfo = new ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

/** Length in bytes of the certificate's RSA modulus (the length of its signatures). */
function rsaModulusBytes(cert: Certificate): number {
  const spki = cert.subjectPublicKeyInfo;
  if (spki.algorithm.algorithmId !== OID.rsaEncryption) {
    throw new CmsError('CMS_SIGNER_INVALID', 'the signer certificate does not hold an RSA key', {
      where: 'signer certificate',
    });
  }
  const key = asn1js.fromBER(spki.subjectPublicKey.valueBlock.valueHexView);
  const modulus =
    key.result instanceof asn1js.Sequence ? key.result.valueBlock.value[0] : undefined;
  if (!(modulus instanceof asn1js.Integer)) {
    throw new CmsError('CMS_SIGNER_INVALID', 'the signer certificate has an unreadable RSA key', {
      where: 'signer certificate',
    });
  }
  const bytes = modulus.valueBlock.valueHexView;
  return bytes[0] === 0 ? bytes.length - 1 : bytes.length;
}

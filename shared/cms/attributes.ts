import * as asn1js from 'asn1js';
import { Attribute, Certificate, GeneralName } from 'pkijs';
import { bytesEqual, compareDer } from './bytes';
import { OID } from './oids';
import type { DigestName } from './web-crypto';

export const DIGEST_OID: Readonly<Record<DigestName, string>> = {
  'SHA-256': OID.sha256,
  'SHA-384': OID.sha384,
  'SHA-512': OID.sha512,
};

export function digestNameOf(oid: string): DigestName | null {
  switch (oid) {
    case OID.sha256:
      return 'SHA-256';
    case OID.sha384:
      return 'SHA-384';
    case OID.sha512:
      return 'SHA-512';
    default:
      return null;
  }
}

function attribute(type: string, value: asn1js.AsnType): Attribute {
  return new Attribute({ type, values: [value] });
}

/** UTCTime for 1950–2049 and GeneralizedTime otherwise (RFC 5652 §11.3). */
function timeValue(date: Date): asn1js.AsnType {
  const year = date.getUTCFullYear();
  const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
  return year >= 1950 && year < 2050
    ? new asn1js.UTCTime({ valueDate: whole })
    : new asn1js.GeneralizedTime({ valueDate: whole });
}

/**
 * ESS signing-certificate-v2 (RFC 5035): one ESSCertIDv2 for the signer certificate, SHA-256
 * (the DEFAULT, so the algorithm is omitted as DER requires), with issuerSerial.
 */
function signingCertificateV2(cert: Certificate, certSha256: Uint8Array): asn1js.AsnType {
  const issuer = new GeneralName({ type: 4, value: cert.issuer });
  const issuerSerial = new asn1js.Sequence({
    value: [new asn1js.Sequence({ value: [issuer.toSchema()] }), cert.serialNumber],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: certSha256 }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

export interface SignedAttributesInput {
  readonly messageDigest: Uint8Array;
  readonly signerCert: Certificate;
  readonly signerCertSha256: Uint8Array;
  readonly signingTime?: Date;
}

/** The signed attributes, in DER SET OF order (so the SET we sign is the one we embed). */
export function buildSignedAttributes(input: SignedAttributesInput): Attribute[] {
  const attributes = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: input.messageDigest })),
    attribute(
      OID.signingCertificateV2,
      signingCertificateV2(input.signerCert, input.signerCertSha256),
    ),
  ];
  if (input.signingTime !== undefined) {
    attributes.push(attribute(OID.signingTime, timeValue(input.signingTime)));
  }
  const encoded = attributes.map((a) => ({
    a,
    der: new Uint8Array(a.toSchema().toBER()),
  }));
  encoded.sort((x, y) => compareDer(x.der, y.der));
  return encoded.map((e) => e.a);
}

// ── reading ──────────────────────────────────────────────────────────────────

/** The single value of the attribute `type`; null when absent; 'invalid' when repeated or multi-valued. */
export function singleValue(
  attributes: readonly Attribute[],
  type: string,
): asn1js.AsnType | null | 'invalid' {
  const found = attributes.filter((a) => a.type === type);
  if (found.length === 0) return null;
  const values = found[0]?.values ?? [];
  if (found.length > 1 || values.length !== 1) return 'invalid';
  return values[0] as asn1js.AsnType;
}

export interface EssCertIdV2 {
  readonly hash: DigestName | null;
  readonly certHash: Uint8Array;
  /** DER of the issuer Name and the serial's content octets, when issuerSerial is present. */
  readonly issuerSerial: { readonly issuerDer: Uint8Array; readonly serial: Uint8Array } | null;
}

/** The first ESSCertIDv2 of a signingCertificateV2 value, or null when it is malformed. */
export function readSigningCertificateV2(value: asn1js.AsnType): EssCertIdV2 | null {
  if (!(value instanceof asn1js.Sequence)) return null;
  const certs = value.valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) return null;
  const first = certs.valueBlock.value[0];
  if (!(first instanceof asn1js.Sequence)) return null;
  const parts = [...first.valueBlock.value];
  let hash: DigestName | null = 'SHA-256';
  if (parts[0] instanceof asn1js.Sequence) {
    const oid = parts[0].valueBlock.value[0];
    hash = oid instanceof asn1js.ObjectIdentifier ? digestNameOf(oid.valueBlock.toString()) : null;
    parts.shift();
  }
  const certHash = parts[0];
  if (!(certHash instanceof asn1js.OctetString)) return null;
  let issuerSerial: EssCertIdV2['issuerSerial'] = null;
  const is = parts[1];
  if (is !== undefined) {
    if (!(is instanceof asn1js.Sequence)) return null;
    const [names, serial] = is.valueBlock.value;
    const name = names instanceof asn1js.Sequence ? names.valueBlock.value[0] : undefined;
    const directory =
      name instanceof asn1js.Constructed &&
      name.idBlock.tagClass === 3 &&
      name.idBlock.tagNumber === 4
        ? name.valueBlock.value[0]
        : undefined;
    if (directory === undefined || !(serial instanceof asn1js.Integer)) return null;
    issuerSerial = {
      issuerDer: new Uint8Array(directory.toBER()),
      serial: new Uint8Array(serial.valueBlock.valueHexView),
    };
  }
  return { hash, certHash: new Uint8Array(certHash.valueBlock.valueHexView), issuerSerial };
}

/** True when issuerSerial (if present) names `cert`. */
export function issuerSerialMatches(id: EssCertIdV2, cert: Certificate): boolean {
  if (id.issuerSerial === null) return true;
  const issuerDer = new Uint8Array(cert.issuer.toSchema().toBER());
  const serial = new Uint8Array(cert.serialNumber.valueBlock.valueHexView);
  return (
    bytesEqual(id.issuerSerial.issuerDer, issuerDer) && bytesEqual(id.issuerSerial.serial, serial)
  );
}

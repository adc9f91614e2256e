import * as asn1js from 'asn1js';
import { ContentInfo, SignedData } from 'pkijs';
import { bytesEqual } from '../../custody/bytes';

const ID_DATA = '1.2.840.113549.1.7.1';

/**
 * Problems with the parts of a CMS SignedData that its signature does not cover, or null. The
 * tag manifest's `.p7s` is covered by nothing but itself (FORMAT.md §5), so every byte of it must
 * be pinned: strict DER (parsing and re-encoding give the same bytes), versions 1, content type
 * id-data, the digestAlgorithms set equal to the signer's, no unsigned attributes. (Carried
 * certificates are compared with data/certs by the caller.)
 */
export function cmsStrictProblem(der: Uint8Array): string | null {
  try {
    const bytes = Uint8Array.from(der);
    const asn1 = asn1js.fromBER(bytes);
    if (asn1.offset !== bytes.length) return 'not a single DER object';
    if (!bytesEqual(new Uint8Array(asn1.result.toBER(false)), bytes)) {
      return 'not in DER form (re-encoding differs)';
    }
    const info = new ContentInfo({ schema: asn1.result });
    const sd = new SignedData({ schema: info.content });
    if (sd.version !== 1) return `SignedData version ${sd.version}, expected 1`;
    if (sd.encapContentInfo.eContentType !== ID_DATA) return 'content type is not id-data';
    if (sd.crls !== undefined && sd.crls.length > 0) return 'carries CRLs';
    const signer = sd.signerInfos[0];
    if (sd.signerInfos.length !== 1 || signer === undefined) return 'not exactly one signer';
    if (signer.version !== 1) return `SignerInfo version ${signer.version}, expected 1`;
    if (signer.unsignedAttrs !== undefined) return 'carries unsigned attributes';
    if (sd.digestAlgorithms.length !== 1) return 'digestAlgorithms is not one algorithm';
    const setAlg = new Uint8Array(sd.digestAlgorithms[0]!.toSchema().toBER(false));
    const signerAlg = new Uint8Array(signer.digestAlgorithm.toSchema().toBER(false));
    if (!bytesEqual(setAlg, signerAlg)) return "digestAlgorithms differs from the signer's";
    return null;
  } catch (error) {
    return `not a readable CMS (${error instanceof Error ? error.message : String(error)})`;
  }
}

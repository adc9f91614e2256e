/**
 * `data/certs/` (shared/package/FORMAT.md §6.3): every certificate of the case as DER and PEM,
 * named by its SHA-256, and `index.json` saying which is an examiner's, which a lab CA, and which
 * are the anchors the case trusts.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { ExportError } from '../../../shared/errors/export-error';
import { certPath, CERT_INDEX_JSON, type CertIndexV1 } from '../../../shared/package';
import { readCaseTrust } from '../custody';
import type { BagWriter } from './bag-writer';

export interface WrittenCerts {
  readonly index: CertIndexV1;
}

const hex = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

export async function writeCerts(
  caseDir: string,
  bag: BagWriter,
  extra: readonly Uint8Array[],
): Promise<WrittenCerts> {
  const trust = await readCaseTrust(caseDir);
  const anchors = new Set(trust.anchors.map(hex));
  const all = new Map<string, Uint8Array>();
  for (const der of [...trust.certificates, ...trust.anchors, ...extra]) all.set(hex(der), der);
  const entries: CertIndexV1['certs'] = [];
  for (const sha256 of [...all.keys()].sort()) {
    const der = all.get(sha256)!;
    let x509: X509Certificate;
    try {
      x509 = new X509Certificate(der);
    } catch (error) {
      throw new ExportError('EXPORT_CASE_INVALID', `certs/${sha256}.der: not a certificate`, {
        where: `certs/${sha256}.der`,
        cause: error,
      });
    }
    await bag.writeFile(certPath(sha256, 'der'), der);
    await bag.writeFile(certPath(sha256, 'pem'), x509.toString());
    entries.push({
      sha256,
      role: x509.ca ? 'lab-ca' : 'examiner',
      anchor: anchors.has(sha256),
      subject: x509.subject.split('\n').join(', '),
    });
  }
  const index: CertIndexV1 = { v: 1, certs: entries };
  await bag.writeFile(CERT_INDEX_JSON, `${JSON.stringify(index, null, 2)}\n`);
  return { index };
}

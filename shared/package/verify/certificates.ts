import { isSelfSigned } from '../../cms';
import { bytesEqual, fromBase64, toHex, utf8Decode } from '../../custody/bytes';
import { CERT_INDEX_JSON, certPath } from '../layout';
import { CertIndexV1 } from '../package-json';
import { parseJsonFile } from './json-file';
import type { VerifyRun } from './run';

const MAX_CERT_BYTES = 1024 * 1024;

/** The DER inside a one-certificate PEM file, or null when it is not exactly that. */
export function pemCertificate(text: string): Uint8Array | null {
  const m =
    /^-----BEGIN CERTIFICATE-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END CERTIFICATE-----\r?\n?$/.exec(
      text,
    );
  if (m === null) return null;
  return fromBase64(m[1]!.replace(/\r?\n/g, ''));
}

/**
 * FORMAT.md §7.7: every `data/certs/<sha256>.der` parses and is named by its SHA-256, its `.pem`
 * holds the same DER, `index.json` validates and lists exactly these; each certificate chains to
 * an anchor of the index (a certificate that is an anchor trusts itself).
 */
export async function checkCertificates(run: VerifyRun): Promise<void> {
  await run.step('certificates', 'Certificates (data/certs)', 'CERT_INVALID', async () => {
    const { custody } = run.deps;
    if (!run.has(CERT_INDEX_JSON)) {
      run.add('CERT_INVALID', CERT_INDEX_JSON, 'the certificate index is missing');
      return 'no certificate index';
    }
    const index = parseJsonFile(
      run,
      CERT_INDEX_JSON,
      await run.read(CERT_INDEX_JSON, MAX_CERT_BYTES),
      CertIndexV1,
      'CERT_INVALID',
    );
    if (index === null) return 'the certificate index does not validate';
    run.certIndex = index;
    const listed = new Set(index.certs.map((c) => c.sha256));
    for (const p of run.files.keys()) {
      const m = /^data\/certs\/([0-9a-f]{64})\.(der|pem)$/.exec(p);
      if (m !== null && !listed.has(m[1]!)) {
        run.add('CERT_INVALID', p, 'not listed in data/certs/index.json');
      }
    }
    const infos = new Map<
      string,
      { der: Uint8Array; notBefore: number; notAfter: number; isCA: boolean }
    >();
    for (const entry of index.certs) {
      const derPath = certPath(entry.sha256, 'der');
      const pemPath = certPath(entry.sha256, 'pem');
      if (!run.has(derPath)) {
        run.add('CERT_INVALID', derPath, 'listed in data/certs/index.json, not present');
        continue;
      }
      const der = await run.read(derPath, MAX_CERT_BYTES);
      const actual = toHex(await custody.sha256(der));
      if (actual !== entry.sha256) {
        run.add(
          'CERT_INVALID',
          derPath,
          `named by SHA-256 ${entry.sha256}, its bytes hash to ${actual}`,
        );
        continue;
      }
      try {
        const info = await custody.inspectCertificate(der);
        infos.set(entry.sha256, { der, ...info });
      } catch {
        run.add('CERT_INVALID', derPath, 'not a readable X.509 certificate');
        continue;
      }
      if (!run.has(pemPath)) run.add('CERT_INVALID', pemPath, 'the PEM form is missing');
      else {
        const pem = pemCertificate(utf8Decode(await run.read(pemPath, MAX_CERT_BYTES)) ?? '');
        if (pem === null || !bytesEqual(pem, der)) {
          run.add('CERT_INVALID', pemPath, `is not the PEM form of ${derPath}`);
        }
      }
    }
    const anchors = index.certs.filter((c) => c.anchor && infos.has(c.sha256));
    for (const entry of index.certs) {
      const info = infos.get(entry.sha256);
      if (info === undefined) continue;
      let trusted = false;
      let anchorSha: string | null = null;
      for (const a of anchors) {
        const ai = infos.get(a.sha256)!;
        if (a.sha256 === entry.sha256) {
          // An anchor is trusted because the recipient pins its fingerprint (FORMAT.md §6.3); it
          // must still be a CA or self-signed (an examiner's own certificate has no keyCertSign,
          // so OpenSSL's issuer check would refuse it).
          trusted = ai.isCA || (await isSelfSigned(info.der, run.deps.engine));
          if (!trusted)
            run.add(
              'CERT_INVALID',
              certPath(a.sha256, 'der'),
              'an anchor that is neither a CA nor self-signed',
            );
        } else if (ai.isCA && (await issued(run, info.der, ai.der))) trusted = true;
        if (trusted) {
          anchorSha = a.sha256;
          break;
        }
      }
      run.certs.set(entry.sha256, {
        sha256: entry.sha256,
        der: info.der,
        role: entry.role,
        anchor: entry.anchor,
        subject: entry.subject,
        trusted,
        anchorSha,
        notBefore: info.notBefore,
        notAfter: info.notAfter,
      });
    }
    const untrusted = [...run.certs.values()].filter((c) => !c.trusted).length;
    return `${run.certs.size} certificates, ${anchors.length} anchor(s)${untrusted > 0 ? `, ${untrusted} not chaining to an anchor` : ''}`;
  });
}

async function issued(run: VerifyRun, cert: Uint8Array, issuer: Uint8Array): Promise<boolean> {
  try {
    return await run.deps.custody.isIssuedBy(cert, issuer);
  } catch {
    return false;
  }
}

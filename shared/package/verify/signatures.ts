import { verifySignedData, type CmsVerification } from '../../cms';
import { bytesEqual, toHex, utf8Decode } from '../../custody/bytes';
import {
  CHECKPOINT_JSON,
  MANIFEST_P7S,
  MANIFEST_TXT,
  TAGMANIFEST_P7S,
  TAGMANIFEST_TXT,
} from '../layout';
import type { PackageFindingCode } from '../finding-codes';
import { cmsStrictProblem } from './cms-strict';
import type { PackageCert, VerifyRun } from './run';

const MAX_P7S_BYTES = 1024 * 1024;

/**
 * Trust of a CMS signer found in a package signature: a certificate of data/certs with role
 * `examiner`, chaining to an anchor, valid at `at` (ms). Adds SIGNER_* findings for `file`.
 */
export function checkSigner(
  run: VerifyRun,
  file: string,
  cms: CmsVerification,
  at: number | null,
): PackageCert | null {
  if (cms.signer === null) return null;
  const cert = run.certs.get(cms.signer.certSha256);
  if (cert === undefined || cert.role !== 'examiner') {
    run.add(
      'SIGNER_UNKNOWN',
      file,
      `signed by ${cms.signer.subject} (certificate ${cms.signer.certSha256}), not an examiner certificate of data/certs`,
    );
    return null;
  }
  if (!cert.trusted) {
    run.add('SIGNER_UNTRUSTED', file, `the signer ${cert.subject} does not chain to an anchor`);
  } else if (at !== null) {
    const anchor = cert.anchorSha === null ? undefined : run.certs.get(cert.anchorSha);
    for (const [who, c] of [
      ['certificate', cert],
      ["issuing CA's certificate", anchor],
    ] as const) {
      if (c !== undefined && (at < c.notBefore || at > c.notAfter)) {
        run.add(
          'SIGNER_UNTRUSTED',
          file,
          `the signer's ${who} is not valid at ${new Date(at).toISOString()} (valid ${new Date(c.notBefore).toISOString()} to ${new Date(c.notAfter).toISOString()})`,
        );
      }
    }
  }
  // Every certificate the CMS carries must be one the package holds (a carried certificate is
  // not covered by the signature: pin it to the manifest-covered data/certs).
  for (const der of cms.certificates) {
    if (![...run.certs.values()].some((c) => bytesEqual(c.der, der))) {
      run.add('SIGNER_UNKNOWN', file, 'carries a certificate that is not in data/certs');
      break;
    }
  }
  return cert;
}

/** The time a signature was made: its signingTime, else the package checkpoint's time. */
export async function signingTimeOf(run: VerifyRun, cms: CmsVerification): Promise<number | null> {
  if (cms.signingTime !== null) return Date.parse(cms.signingTime);
  if (!run.has(CHECKPOINT_JSON)) return null;
  try {
    const text = utf8Decode(await run.read(CHECKPOINT_JSON, MAX_P7S_BYTES)) ?? '';
    const at = (JSON.parse(text) as { at?: unknown }).at;
    return typeof at === 'string' ? Date.parse(at) : null;
  } catch {
    return null;
  }
}

/** FORMAT.md §7.8: both detached signatures verify over their manifests, by a trusted examiner. */
export async function checkSignatures(run: VerifyRun): Promise<void> {
  await run.step(
    'signatures',
    'Manifest signatures (CMS)',
    'MANIFEST_SIGNATURE_INVALID',
    async () => {
      const parts: string[] = [];
      const pairs: [string, string, Uint8Array | null, PackageFindingCode][] = [
        [MANIFEST_P7S, MANIFEST_TXT, run.manifestBytes, 'MANIFEST_SIGNATURE_INVALID'],
        [TAGMANIFEST_P7S, TAGMANIFEST_TXT, run.tagManifestBytes, 'TAGMANIFEST_SIGNATURE_INVALID'],
      ];
      for (const [p7s, content, bytes, code] of pairs) {
        if (!run.has(p7s)) continue; // reported by the completeness check
        if (bytes === null) {
          parts.push(`${p7s}: not checked (${content} unreadable)`);
          continue;
        }
        const der = await run.read(p7s, MAX_P7S_BYTES);
        const cms = await verifySignedData(der, { content: bytes }, run.deps.engine);
        for (const f of cms.findings) {
          // A digest mismatch means the signed file changed (or was replaced): name it.
          const file = f.code === 'CMS_DIGEST_MISMATCH' ? content : p7s;
          run.add(code, file, `${p7s}: ${f.code}: ${f.message}`);
        }
        if (p7s === TAGMANIFEST_P7S) {
          const strict = cmsStrictProblem(der);
          if (strict !== null) run.add(code, p7s, strict);
        }
        const signer = checkSigner(run, p7s, cms, await signingTimeOf(run, cms));
        if (cms.ok && signer !== null) {
          run.signer ??= { subject: signer.subject, sha256: signer.sha256 };
          parts.push(
            `${p7s}: valid, signed by ${signer.subject}${cms.signingTime === null ? '' : ` at ${cms.signingTime}`}`,
          );
        } else parts.push(`${p7s}: not valid`);
      }
      if (run.manifestBytes !== null) {
        parts.push(`manifest SHA-256 ${toHex(await run.deps.custody.sha256(run.manifestBytes))}`);
      }
      return parts.join('; ');
    },
  );
}

import {
  CMS_FINDING_CODES,
  verifyPdfSignatures,
  type CmsFindingCode,
  type PdfFinding,
} from '../../cms';
import type { PackageFindingCode } from '../finding-codes';
import { REPORT_PDF } from '../layout';
import { checkSigner, signingTimeOf } from './signatures';
import type { VerifyRun } from './run';

/** The report is read whole to check its signature; larger is a finding, not an allocation. */
export const MAX_REPORT_BYTES = 1024 * 1024 * 1024;

function isCmsCode(code: PdfFinding['code']): code is CmsFindingCode {
  return (CMS_FINDING_CODES as readonly string[]).includes(code);
}

/** A PDF finding's package code: any CMS problem makes the signature invalid. */
function codeFor(f: PdfFinding): PackageFindingCode {
  const code = f.code;
  if (isCmsCode(code)) return 'PDF_SIGNATURE_INVALID';
  switch (code) {
    case 'PDF_NOT_WHOLE_FILE_SIGNED':
      return 'PDF_NOT_TOTAL';
    case 'PDF_NO_SIGNATURE':
    case 'PDF_TOO_MANY_SIGNATURES':
    case 'PDF_BYTERANGE_INVALID':
    case 'PDF_CONTENTS_INVALID':
      return 'PDF_MALFORMED';
  }
}

/**
 * FORMAT.md §7.9: data/report.pdf carries one signature covering the whole file but its
 * /Contents, the CMS verifies over the signed ranges, the signer is a trusted examiner; and the
 * file is the one the (signed) manifest lists.
 */
export async function checkReport(run: VerifyRun): Promise<void> {
  await run.step('report', 'Report signature (data/report.pdf)', 'PDF_MALFORMED', async () => {
    if (!run.has(REPORT_PDF)) return 'skipped: data/report.pdf is missing';
    const pdf = await run.read(REPORT_PDF, MAX_REPORT_BYTES);
    const result = await verifyPdfSignatures(pdf, {
      engine: run.deps.engine,
      ...(run.deps.rangeSha256 === undefined ? {} : { sha256: run.deps.rangeSha256 }),
    });
    for (const f of result.findings) {
      run.add(
        codeFor(f),
        REPORT_PDF,
        `${f.code}: ${f.message}${f.where === undefined ? '' : ` (${f.where})`}`,
      );
    }
    if (result.signatures.length > 1) {
      run.add(
        'PDF_NOT_TOTAL',
        REPORT_PDF,
        `${result.signatures.length} signatures; Sealcase signs once`,
      );
    }
    const signers: string[] = [];
    for (const s of result.signatures) {
      if (s.cms === null) continue;
      const cert = checkSigner(run, REPORT_PDF, s.cms, await signingTimeOf(run, s.cms));
      if (cert !== null) signers.push(cert.subject);
    }
    const listed = run.manifest?.find((e) => e.path === REPORT_PDF);
    const inManifest = listed !== undefined && run.digests.get(REPORT_PDF) === listed.sha256;
    return `${result.ok ? 'signature valid, whole file signed' : 'signature not valid'}${signers.length > 0 ? ` by ${signers.join(', ')}` : ''}; ${inManifest ? 'the file is the one the manifest lists' : 'the file is NOT the one the manifest lists'}`;
  });
}

import { BAG_INFO_TXT } from '../layout';
import {
  checkBagInfo,
  checkCompleteness,
  checkContainer,
  checkDeclaration,
  checkManifests,
} from './bag-steps';
import { checkCertificates } from './certificates';
import { checkContent } from './content';
import { checkFixity } from './fixity';
import { checkLedger, checkProofs } from './ledger';
import type { PackageReader } from './reader';
import { checkReport } from './report';
import { VerifyRun } from './run';
import { checkSignatures } from './signatures';
import { CHECK_IDS, type CheckId, type PackageVerification, type VerifyPackageDeps } from './types';

const TITLES: Record<CheckId, string> = {
  container: 'Container: entries safe to read',
  declaration: 'BagIt declaration (bagit.txt)',
  'bag-info': 'Bag metadata (bag-info.txt)',
  manifests: 'Manifests parse',
  completeness: 'Completeness (no file missing, none added)',
  fixity: 'Fixity (every SHA-256)',
  certificates: 'Certificates (data/certs)',
  signatures: 'Manifest signatures (CMS)',
  report: 'Report signature (data/report.pdf)',
  ledger: 'Custody ledger and checkpoint',
  proofs: 'Merkle proofs (inclusion, consistency)',
  content: 'Originals, decisions and events',
};

/**
 * Verifies a Sealcase package (FORMAT.md §7) read through `reader`, in the order the format gives.
 * Never throws for a bad package: every problem is a finding `{ code, file, message }` and every
 * step a check; a step that cannot run is `skipped` with the reason. Errors of the reader that
 * are not about the package (a programming error) do propagate.
 */
export async function verifyPackage(
  reader: PackageReader,
  deps: VerifyPackageDeps,
): Promise<PackageVerification> {
  const run = new VerifyRun(reader, deps);
  const rest = (from: CheckId, why: string): void => {
    for (const id of CHECK_IDS.slice(CHECK_IDS.indexOf(from))) run.skip(id, TITLES[id], why);
  };

  if (!(await checkContainer(run))) rest('declaration', 'the container could not be read safely');
  else if (!(await checkDeclaration(run))) rest('bag-info', 'not a BagIt 1.0 bag');
  else if (!(await checkBagInfo(run)))
    rest('manifests', `unsupported package version (${BAG_INFO_TXT})`);
  else {
    await checkManifests(run);
    await checkCompleteness(run);
    await checkFixity(run);
    await checkCertificates(run);
    await checkSignatures(run);
    await checkReport(run);
    const checkpoint = await checkLedger(run);
    await checkProofs(run, checkpoint);
    await checkContent(run);
  }

  const anchors = [...run.certs.values()]
    .filter((c) => c.anchor)
    .map((c) => ({ sha256: c.sha256, subject: c.subject }));
  let bytes = 0;
  for (const f of run.files.values()) bytes += f.size;
  return {
    valid: run.findings.length === 0,
    findings: run.findings,
    checks: run.checks,
    summary: {
      form: reader.form,
      packageId: run.bagInfo?.['External-Identifier'] ?? null,
      caseNumber: run.bagInfo?.['Sealcase-Case-Number'] ?? null,
      files: run.files.size,
      bytes,
      manifestSha256: run.digests.get('manifest-sha256.txt') ?? null,
      ledger: run.ledger === null ? null : { records: run.ledger.records, root: run.ledger.root },
      anchors,
      signer: run.signer,
    },
  };
}

export { TITLES as CHECK_TITLES };

import type { CheckId } from '../../../shared/package/verify/types';

/** What each verification step proves when it passes (shared/package/FORMAT.md §7). */
export const CHECK_PROVES: Readonly<Record<CheckId, string>> = {
  container: 'Reading the zip cannot write outside its folder or exhaust memory.',
  declaration: 'The package is a BagIt 1.0 bag.',
  'bag-info': 'The package metadata is well-formed and of a version this verifier reads.',
  manifests: 'The manifests are well-formed and name only safe paths.',
  completeness: 'Nothing was added to the package or removed from it.',
  fixity: 'No byte of a listed file changed since the manifests were written.',
  certificates: 'The certificates are well-formed and listed with their roles and anchors.',
  signatures: 'The manifests — hence every file — are as the examiner holding that key wrote them.',
  report: 'The PDF report is signed by the examiner and unchanged, independently of the manifest.',
  ledger: 'Every custody record is signed, chained and covered by the signed checkpoint.',
  proofs:
    'Every record is in the checkpoint’s Merkle tree, and this ledger extends the one an earlier package showed.',
  content:
    'Every original is the acquired one, every decision is recorded, every event points to an original present.',
};

export function checkProves(id: string): string {
  return (CHECK_PROVES as Readonly<Record<string, string>>)[id] ?? '';
}

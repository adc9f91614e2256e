import type { CustodyCrypto } from '../../custody';
import type { IncrementalHash } from '../../digest';
import type { RangeSha256, WebCryptoEngine } from '../../cms';
import type { PackageFindingCode } from '../finding-codes';

export interface PackageFinding {
  readonly code: PackageFindingCode;
  /** The bag path the finding is about (`.` for the package as a whole). */
  readonly file: string;
  readonly message: string;
}

export type CheckStatus = 'pass' | 'fail' | 'skipped';

export const CHECK_IDS = [
  'container',
  'declaration',
  'bag-info',
  'manifests',
  'completeness',
  'fixity',
  'certificates',
  'signatures',
  'report',
  'ledger',
  'proofs',
  'content',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface PackageCheck {
  readonly id: CheckId;
  readonly title: string;
  readonly status: CheckStatus;
  /** What was checked and found, in one or two sentences (also for `skipped`: why). */
  readonly detail: string;
}

export interface PackageVerification {
  /** True when there is not a single finding. */
  readonly valid: boolean;
  readonly findings: readonly PackageFinding[];
  readonly checks: readonly PackageCheck[];
  readonly summary: PackageSummary;
}

export interface PackageSummary {
  readonly form: 'folder' | 'zip';
  readonly packageId: string | null;
  readonly caseNumber: string | null;
  readonly files: number;
  readonly bytes: number;
  /** Hex SHA-256 of manifest-sha256.txt (what `export.created` and later packages name). */
  readonly manifestSha256: string | null;
  readonly ledger: { readonly records: number; readonly root: string } | null;
  /** The trust anchors used, by SHA-256: compare them with the fingerprint the lab publishes. */
  readonly anchors: readonly { readonly sha256: string; readonly subject: string }[];
  /** Signer of the manifest (subject and certificate SHA-256). */
  readonly signer: { readonly subject: string; readonly sha256: string } | null;
}

export interface VerifyProgress {
  readonly check: CheckId;
  readonly done: number;
  readonly total: number;
}

/** What the pure verifier needs from its runtime (Node: node:crypto; browser: WebCrypto + JS). */
export interface VerifyPackageDeps {
  /** A fresh incremental SHA-256 (Node's createHash; shared/digest in a browser). */
  readonly createSha256: () => IncrementalHash;
  /** Ledger signatures and certificate inspection (shared/custody). */
  readonly custody: CustodyCrypto;
  /** CMS and PDF signature checks (shared/cms). */
  readonly engine: WebCryptoEngine;
  /** SHA-256 over the PDF's signed ranges; defaults to WebCrypto. */
  readonly rangeSha256?: RangeSha256;
  /** Bytes-hashed progress for the fixity check. */
  readonly onProgress?: (progress: VerifyProgress) => void;
}

import { PackageError } from '../../errors';
import type { BagInfo } from '../bag-info';
import type { PackageFindingCode } from '../finding-codes';
import type { ManifestEntry } from '../manifest';
import type { CertIndexV1 } from '../package-json';
import type { PackageFile, PackageReader } from './reader';
import type {
  CheckId,
  CheckStatus,
  PackageCheck,
  PackageFinding,
  VerifyPackageDeps,
} from './types';

/** A certificate of `data/certs`, read and inspected by the certificates check. */
export interface PackageCert {
  readonly sha256: string;
  readonly der: Uint8Array;
  readonly role: 'examiner' | 'lab-ca';
  readonly anchor: boolean;
  readonly subject: string;
  /** Chains to an anchor of the index (or is one). */
  readonly trusted: boolean;
  /** The anchor it chains to (its own SHA-256 when it is one); null when untrusted. */
  readonly anchorSha: string | null;
  readonly notBefore: number;
  readonly notAfter: number;
}

/**
 * The state one verification builds up, step by step: what each step found (findings, one check
 * per step) and what later steps need (the listing, parsed tag files, computed digests, certs).
 */
export class VerifyRun {
  readonly findings: PackageFinding[] = [];
  readonly checks: PackageCheck[] = [];
  files = new Map<string, PackageFile>();
  bagInfo: BagInfo | null = null;
  manifest: ManifestEntry[] | null = null;
  tagManifest: ManifestEntry[] | null = null;
  manifestBytes: Uint8Array | null = null;
  tagManifestBytes: Uint8Array | null = null;
  /** SHA-256 (hex) of every file hashed by the fixity check, by path. */
  readonly digests = new Map<string, string>();
  certIndex: CertIndexV1 | null = null;
  readonly certs = new Map<string, PackageCert>();
  signer: { subject: string; sha256: string } | null = null;
  ledger: { records: number; root: string; checkpointAt: string } | null = null;
  /** Record hashes (hex) of the verified ledger, in seq order. */
  recordHashes: string[] = [];
  /** Artefact SHA-256s named by `artefact.acquired` records; decision SHA-256s by `analysis.recorded`. */
  readonly acquired = new Set<string>();
  readonly decisions = new Set<string>();

  constructor(
    readonly reader: PackageReader,
    readonly deps: VerifyPackageDeps,
  ) {}

  add(code: PackageFindingCode, file: string, message: string): void {
    this.findings.push({ code, file, message });
  }

  /**
   * Runs one step and records its check: `fail` when the step added findings, else `pass`; a step
   * returns `SKIP + why` when it could not run. A thrown PackageError becomes a finding: its own
   * code for a zip problem, else `fallback` (what the step reports for an unreadable file).
   */
  async step(
    id: CheckId,
    title: string,
    fallback: PackageFindingCode,
    body: () => Promise<string>,
  ): Promise<CheckStatus> {
    const before = this.findings.length;
    let detail: string;
    try {
      detail = await body();
    } catch (error) {
      // A reader that fails as such (I/O, unreadable) is not a finding about the package.
      if (
        !(error instanceof PackageError) ||
        error.code === 'PKG_IO' ||
        error.code === 'PKG_UNREADABLE'
      )
        throw error;
      const code = error.code.startsWith('ZIP_') ? (error.code as PackageFindingCode) : fallback;
      this.add(code, error.where ?? '.', error.message);
      detail = error.message;
    }
    const status: CheckStatus =
      this.findings.length > before ? 'fail' : detail.startsWith(SKIP) ? 'skipped' : 'pass';
    if (detail.startsWith(SKIP)) detail = detail.slice(SKIP.length);
    this.checks.push({ id, title, status, detail });
    return status;
  }

  skip(id: CheckId, title: string, why: string): void {
    this.checks.push({ id, title, status: 'skipped', detail: why });
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /** Reads a whole (small) file, refusing more than `maxBytes`. */
  async read(path: string, maxBytes: number): Promise<Uint8Array> {
    const file = this.files.get(path);
    if (file === undefined) {
      throw new PackageError('PKG_FILE_NOT_FOUND', `${path} is not in the package`, {
        where: path,
      });
    }
    if (file.size > maxBytes) {
      throw new PackageError(
        'PKG_FILE_TOO_LARGE',
        `${path}: ${file.size} bytes, more than the ${maxBytes} this check reads`,
        { where: path },
      );
    }
    const out = new Uint8Array(file.size);
    let at = 0;
    await this.reader.stream(path, (chunk) => {
      if (at + chunk.length > out.length) {
        throw new PackageError('PKG_IO', `${path} grew while it was read`, { where: path });
      }
      out.set(chunk, at);
      at += chunk.length;
    });
    if (at !== out.length) {
      throw new PackageError('PKG_IO', `${path} shrank while it was read`, { where: path });
    }
    return out;
  }
}

/** Prefix of a step's detail that marks it skipped. */
export const SKIP = 'skipped: ';

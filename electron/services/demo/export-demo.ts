import { randomBytes } from 'node:crypto';
import { exportPackage, loadVerifierPage, type ExportResult } from '../export';
import { loadReportFonts } from '../export/report-fonts';
import type { UnlockedIdentity } from '../identity';
import { signManifest, signPdf } from '../signing';

export interface DemoExportOptions {
  readonly toolVersion: string;
  /** The bytes of verify.html (default: the built page, `out/verify/`). */
  readonly verifierPage?: () => Promise<Uint8Array>;
  readonly now?: () => Date;
}

/** The demo case exported as a signed folder package at OUT, every event in the report. */
export async function exportDemoPackage(
  caseDir: string,
  out: string,
  identity: UnlockedIdentity,
  options: DemoExportOptions,
): Promise<ExportResult> {
  return exportPackage(caseDir, { out, events: 'all' }, identity, {
    now: options.now ?? (() => new Date()),
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    toolVersion: options.toolVersion,
    fonts: () => loadReportFonts(),
    verifierPage: options.verifierPage ?? (() => loadVerifierPage()),
    signPdf,
    signManifest,
  });
}

/**
 * `exportPackage`: writes a case as a signed evidence package (shared/package/FORMAT.md), as a
 * folder or a zip, atomically: everything is built under `<out>.tmp-<random>/` beside `<out>`,
 * fsynced, and renamed; any failure removes the temp and leaves nothing under the final name.
 * After the rename the ledger gets `export.created` with the manifest's hash.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { lstat, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { CmsSigner } from '../../../shared/cms';
import { toHex } from '../../../shared/custody';
import { ExportError } from '../../../shared/errors/export-error';
import { buildCaseUco } from '../../../shared/interchange/case-uco';
import { RedactionStatementV1 } from '../../../shared/interchange/redaction-statement';
import {
  CASE_FILE_NAME,
  readCaseFile,
  type AttributionDecisionV1,
  type BookmarkDecisionV1,
  type ClockCorrectionV1,
  type FileArtefact,
  type ParseDecisionV1,
} from '../../../shared/model';
import {
  ATTRIBUTION_JSONL,
  BAG_INFO_TXT,
  BAGIT_DECLARATION,
  BAGIT_TXT,
  CASE_JSON,
  CASE_UCO_JSONLD,
  certPath,
  CHECKPOINT_JSON,
  EVENTS_JSONL,
  formatBagInfo,
  formatManifest,
  LEDGER_JSONL,
  MANIFEST_P7S,
  MANIFEST_TXT,
  originalPath,
  packageIdFromRandom,
  payloadOxum,
  PROOFS_JSON,
  README_TXT,
  REDACTION_JSON,
  REPORT_PDF,
  safeOriginalName,
  TAGMANIFEST_P7S,
  TAGMANIFEST_TXT,
  TIMESKETCH_JSONL,
  VERIFY_HTML,
  type ExportCreatedDetailsV1,
} from '../../../shared/package';
import {
  buildReport,
  type PageSizeName,
  type ReportAttachment,
  type ReportFonts,
} from '../../../shared/report';
import { readDecisions } from '../analysis/decision-store';
import { CustodyLedger, type LedgerSigner } from '../custody';
import { fsyncDir } from '../fs/atomic';
import { readArtefacts } from '../intake';
import type { SignPdfOptions } from '../signing';
import { replayAttributions } from './attribution-replay';
import { BagWriter, exportIo } from './bag-writer';
import { writeCerts } from './certs';
import { startCopy } from './copy-originals';
import { sealCustody } from './custody-seal';
import { deriveEvents, type EventSelection } from './derive-events';
import { readmeText } from './readme';
import {
  LEFT_OUT_REASON,
  redactReportInput,
  scanBagForLeaks,
  writeDecisions,
} from './redacted-parts';
import { assembleReportInput } from './report-input';
import {
  checkRedactFields,
  ExportRedaction,
  fullPackageOf,
  precheckFullPackage,
  removeSalt,
  writeSalt,
  type FullPackage,
  type RedactionSaltV1,
  type RedactOption,
} from './redaction';
import { writeZip } from './zip-writer';

/** The examiner who exports: the unlocked identity satisfies this. */
export type ExportSigner = LedgerSigner & CmsSigner;

export interface ExportOptions {
  /** The package folder, or with `zip` the zip file (must end in `.zip`). */
  readonly out: string;
  readonly zip?: boolean;
  readonly pageSize?: 'a4' | 'letter';
  /** Embed the originals in the PDF as attachments (up to `MAX_ATTACHED_BYTES` in all). */
  readonly attachOriginals?: boolean;
  /** The report's timeline: bookmarked events or all (default all). events.jsonl holds all. */
  readonly events?: EventSelection;
  /**
   * Write a redacted derivative of the case's most recent full export instead (FORMAT.md §10):
   * the chosen fields become salted commitments, originals are left out, the salt stays in the
   * case (`exports/redaction-salts/`).
   */
  readonly redact?: RedactOption;
}

/** Steps at which a test may inject a failure (`deps.step`). */
export const EXPORT_STEPS = [
  'custody',
  'originals',
  'events',
  'report',
  'manifest',
  'rename',
  'zip',
] as const;
export type ExportStep = (typeof EXPORT_STEPS)[number];

export interface ExportDeps {
  readonly now: () => Date;
  readonly randomBytes: (n: number) => Uint8Array;
  readonly toolVersion: string;
  readonly fonts: () => Promise<ReportFonts>;
  /** The bytes of verify.html (`loadVerifierPage` in the app and CLI). */
  readonly verifierPage: () => Promise<Uint8Array>;
  readonly signPdf: (
    doc: Awaited<ReturnType<typeof buildReport>>,
    signer: CmsSigner,
    options: SignPdfOptions,
  ) => Promise<Uint8Array>;
  readonly signManifest: (bytes: Uint8Array, signer: CmsSigner) => Promise<Uint8Array>;
  readonly onProgress?: (stage: string, done: number, total: number) => void;
  /** Called as each step begins; a test throws here to prove nothing is left behind. */
  readonly step?: (step: ExportStep) => void | Promise<void>;
}

export interface ExportResult {
  readonly path: string;
  readonly form: 'folder' | 'zip';
  readonly packageId: string;
  readonly manifestSha256: string;
  readonly tagmanifestSha256: string;
  readonly files: number;
  readonly bytes: number;
  readonly events: number;
  readonly checkpoint: { size: number; root: string; hash: string };
  readonly warnings: readonly string[];
  /** A redacted derivative: the full package it links to and where the case keeps its salt. */
  readonly redaction: { fullPackage: FullPackage; saltFile: string } | null;
}

/** Attachments beyond this many bytes in all are left out of the PDF (they stay in data/originals). */
export const MAX_ATTACHED_BYTES = 64 * 1024 * 1024;

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw exportIo(path, 'checking', error);
  }
}

function checkOptions(options: ExportOptions): { final: string; pageSize: PageSizeName } {
  const bad = (message: string) => new ExportError('EXPORT_OPTIONS_INVALID', message);
  if (options.redact !== undefined) {
    checkRedactFields(options.redact);
    if (options.attachOriginals === true) {
      throw bad('a redacted derivative leaves the originals out: it cannot attach them to the PDF');
    }
  }
  const final = resolve(options.out);
  if (options.zip === true && !final.endsWith('.zip')) {
    throw bad(`${final}: a zip package's name must end in .zip`);
  }
  const page = options.pageSize ?? 'a4';
  if (page !== 'a4' && page !== 'letter') throw bad(`page size ${String(page)}: use a4 or letter`);
  if (options.events !== undefined && options.events !== 'all' && options.events !== 'bookmarked') {
    throw bad(`events ${String(options.events)}: use bookmarked or all`);
  }
  return { final, pageSize: page === 'a4' ? 'A4' : 'Letter' };
}

export async function exportPackage(
  caseDir: string,
  options: ExportOptions,
  signer: ExportSigner,
  deps: ExportDeps,
): Promise<ExportResult> {
  const { final, pageSize } = checkOptions(options);
  const form = options.zip === true ? 'zip' : 'folder';
  if (await exists(final)) {
    throw new ExportError(
      'EXPORT_TARGET_EXISTS',
      `${final} exists; a package is never overwritten`,
      {
        where: final,
      },
    );
  }
  if (options.redact !== undefined) await precheckFullPackage(caseDir);
  const verifyHtml = await deps.verifierPage();
  const staging = `${final.replace(/\.zip$/, '')}.tmp-${toHex(deps.randomBytes(8))}`;
  const zipTemp = `${final}.tmp-${toHex(deps.randomBytes(8))}`;
  try {
    await mkdir(staging);
  } catch (error) {
    throw exportIo(staging, 'creating the staging folder', error);
  }
  let saltPath: string | null = null;
  const running: { stop?: () => Promise<void> } = {};
  try {
    const written = await writeBag(
      caseDir,
      staging,
      options,
      pageSize,
      verifyHtml,
      signer,
      deps,
      running,
    );
    if (written.salt !== null) saltPath = await writeSalt(caseDir, written.salt);
    await deps.step?.('rename');
    if (await exists(final)) {
      throw new ExportError('EXPORT_TARGET_EXISTS', `${final} appeared during the export`, {
        where: final,
      });
    }
    if (form === 'zip') {
      await deps.step?.('zip');
      await writeZip(staging, basename(final).replace(/\.zip$/, ''), zipTemp);
      await rename(zipTemp, final);
      await rm(staging, { recursive: true, force: true });
    } else {
      await rename(staging, final);
    }
    await fsyncDir(dirname(final));
    const { salt, ...rest } = written;
    const result: ExportResult = {
      ...rest,
      path: final,
      form,
      redaction: salt === null ? null : { fullPackage: salt.fullPackage, saltFile: saltPath! },
    };
    const details: ExportCreatedDetailsV1 = {
      packageId: result.packageId,
      manifestSha256: result.manifestSha256,
      tagmanifestSha256: result.tagmanifestSha256,
      files: result.files,
      bytes: result.bytes,
      checkpoint: result.checkpoint,
      redaction: salt === null ? 'none' : 'redacted',
      ...(salt === null ? {} : { fullPackage: salt.fullPackage.manifestSha256 }),
      form,
    };
    const { ledger } = await CustodyLedger.open(caseDir, deps, signer);
    await ledger.append(signer, {
      action: 'export.created',
      reason:
        salt === null
          ? `package ${result.packageId} written to ${final}`
          : `redacted derivative ${result.packageId} of package ${salt.fullPackage.packageId} written to ${final}`,
      details: { ...details, path: final },
    });
    return result;
  } catch (error) {
    await running.stop?.();
    await rm(staging, { recursive: true, force: true });
    await rm(zipTemp, { force: true });
    await removeSalt(saltPath);
    throw error;
  }
}

type Written = Omit<ExportResult, 'path' | 'form' | 'redaction'> & {
  /** The salt record to keep in the case (a redacted derivative), else null. */
  readonly salt: RedactionSaltV1 | null;
};

async function readJsonFile(path: string): Promise<{ bytes: Buffer; json: unknown }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw exportIo(path, 'reading', error);
  }
  try {
    return { bytes, json: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch (error) {
    throw new ExportError('EXPORT_CASE_INVALID', `${path}: not JSON`, {
      where: path,
      cause: error,
    });
  }
}

function examinerOf(signer: ExportSigner, org: string | null) {
  const cert = new X509Certificate(signer.certificateDer);
  const o = /(?:^|\n)O=([^\n]*)/.exec(cert.subject)?.[1] ?? null;
  return {
    name: signer.name,
    org: org ?? o,
    subject: cert.subject.split('\n').join(', '),
    certSha256: signer.certSha256,
  };
}

async function writeBag(
  caseDir: string,
  staging: string,
  options: ExportOptions,
  pageSize: PageSizeName,
  verifyHtml: Uint8Array,
  signer: ExportSigner,
  deps: ExportDeps,
  running: { stop?: () => Promise<void> },
): Promise<Written> {
  const bag = new BagWriter(staging);
  const generatedAt = deps.now().toISOString();
  const warnings: string[] = [];

  // Gather: case file, originals, decisions.
  const casePath = join(caseDir, CASE_FILE_NAME);
  const caseJson = await readJsonFile(casePath);
  const caseFile = readCaseFile(caseJson.json, casePath);
  const listing = await readArtefacts(caseDir);
  const decisions = await readDecisions(caseDir);
  const problem = listing.problems[0] ?? decisions.problems[0];
  if (problem !== undefined) {
    const where =
      'line' in problem ? `artefacts.jsonl:${problem.line}` : `ledger record ${problem.seq}`;
    throw new ExportError('EXPORT_CASE_INVALID', `${where}: ${problem.message}`, { where });
  }
  const files = new Map<string, FileArtefact>();
  for (const r of listing.records)
    if (r.entry === 'file' && !files.has(r.digests.sha256)) files.set(r.digests.sha256, r);
  const originals = [...files.values()].sort((a, b) =>
    a.digests.sha256 < b.digests.sha256 ? -1 : 1,
  );
  const parse = new Map<string, { sha256: string; decision: ParseDecisionV1 }>();
  const bookmarks: BookmarkDecisionV1[] = [];
  const corrections = new Map<string, ClockCorrectionV1>();
  const attributions: Array<{ sha256: string; decision: AttributionDecisionV1 }> = [];
  for (const d of decisions.decisions) {
    const x = d.decision;
    switch (x.kind) {
      case 'parse':
        parse.set(x.artefact, { sha256: d.sha256, decision: x });
        break;
      case 'bookmark':
        bookmarks.push(x);
        break;
      case 'clock-correction':
        corrections.set(x.artefact, x);
        break;
      case 'attribution':
        attributions.push({ sha256: d.sha256, decision: x });
        break;
    }
  }

  // Custody: a fresh checkpoint, the ledger cut there, proofs.
  await deps.step?.('custody');
  const { ledger } = await CustodyLedger.open(caseDir, deps, signer);
  const sealed = await sealCustody(caseDir, ledger, signer, 'checkpoint for an export');
  const packageId = packageIdFromRandom(deps.randomBytes(16));
  await bag.writeFile(CASE_JSON, caseJson.bytes);
  await bag.writeFile(LEDGER_JSONL, sealed.ledgerBytes);
  await bag.writeFile(CHECKPOINT_JSON, sealed.checkpointText);
  await bag.writeFile(PROOFS_JSON, `${JSON.stringify(sealed.proofs)}\n`);
  const certs = await writeCerts(caseDir, bag, [signer.certificateDer, ...signer.chainDer]);
  const redaction =
    options.redact === undefined
      ? null
      : new ExportRedaction(options.redact, deps.randomBytes(32), fullPackageOf(sealed.records));

  // Originals, copied from the vault on a worker with their SHA-256 checked, while the events
  // and the report are made here (never in a derivative).
  await deps.step?.('originals');
  deps.onProgress?.('originals', 0, originals.length);
  const copy = await startCopy(
    bag,
    (redaction === null ? originals : []).map((f) => ({
      path: originalPath(f.digests.sha256, safeOriginalName(f.original.name)),
      source: join(caseDir, f.blob),
      expected: f.digests.sha256,
    })),
    (d, t) => deps.onProgress?.('originals', d, t),
  );
  running.stop = copy.stop;

  // Derived events, attribution, interchange files.
  await deps.step?.('events');
  const events = await bag.openStream(EVENTS_JSONL);
  const timesketch = await bag.openStream(TIMESKETCH_JSONL);
  let derived;
  try {
    derived = await deriveEvents({
      caseDir,
      files: originals,
      parseDecisions: parse,
      bookmarks,
      selection: options.events ?? 'all',
      events,
      timesketch,
      onProgress: (d, t) => deps.onProgress?.('events', d, t),
      ...(redaction === null ? {} : { transform: (e) => redaction.redactor.redactEvent(e) }),
    });
  } finally {
    await events.close();
    await timesketch.close();
  }
  warnings.push(...derived.warnings);
  const attributionOut = await bag.openStream(ATTRIBUTION_JSONL);
  let replayed;
  try {
    replayed = await replayAttributions(
      caseDir,
      attributions,
      attributionOut,
      redaction === null ? undefined : (r) => redaction.redactor.redactResult(r),
    );
  } finally {
    await attributionOut.close();
  }
  // Decisions, byte-identical; a derivative leaves out those holding a withheld value.
  const kept = await writeDecisions(bag, caseDir, decisions.decisions, redaction?.needles() ?? []);
  const uco = await buildCaseUco(
    {
      caseFile,
      artefacts: listing.records,
      ledger: sealed.records,
      decisions: kept.map((d) => ({ sha256: d.sha256, decision: d.decision })),
      toolVersion: deps.toolVersion,
      export: {
        packageId,
        createdAt: generatedAt,
        by: { name: signer.name, cert: signer.certSha256 },
      },
    },
    (data) => createHash('sha256').update(data).digest(),
  );
  await bag.writeFile(CASE_UCO_JSONLD, `${JSON.stringify(uco, null, 1)}\n`);

  // The report, built and signed.
  await deps.step?.('report');
  deps.onProgress?.('report', 0, 1);
  const caseExaminer = caseFile.examiners.find((e) => e.certificateSha256 === signer.certSha256);
  const examiner = examinerOf(signer, caseExaminer?.org ?? null);
  const attachments: ReportAttachment[] = [];
  if (options.attachOriginals === true && redaction === null) {
    const total = originals.reduce((n, f) => n + f.size, 0);
    if (total > MAX_ATTACHED_BYTES) {
      warnings.push(
        `originals not attached to the PDF: ${total} bytes exceed ${MAX_ATTACHED_BYTES}`,
      );
    } else {
      for (const f of originals) {
        attachments.push({
          name: `${f.digests.sha256.slice(0, 12)}-${safeOriginalName(f.original.name)}`,
          bytes: new Uint8Array(await readFile(join(caseDir, f.blob))),
          mimeType: 'application/octet-stream',
          description: `original ${f.original.name}, SHA-256 ${f.digests.sha256}`,
        });
      }
    }
  }
  const input = assembleReportInput({
    caseFile,
    examiner,
    packageId,
    generatedAt,
    files: originals,
    records: sealed.records,
    checkpoint: sealed.checkpoint,
    derived,
    selection: options.events ?? 'all',
    attribution: replayed,
    clockCorrections: [...corrections.values()],
    toolVersion: deps.toolVersion,
  });
  const statement =
    redaction?.statement({
      originals: originals.length,
      decisions: decisions.decisions.length - kept.length,
      reason: LEFT_OUT_REASON,
    }) ?? null;
  let reportInput = input;
  if (redaction !== null && statement !== null) {
    reportInput = redactReportInput(input, statement, redaction.needles());
    await bag.writeFile(
      REDACTION_JSON,
      `${JSON.stringify(RedactionStatementV1.parse(statement), null, 2)}\n`,
    );
  }
  const doc = await buildReport(reportInput, await deps.fonts(), { pageSize, attachments });
  const pdf = await deps.signPdf(doc, signer, {
    reason: `Evidence report for case ${caseFile.number}, package ${packageId}`,
    location: examiner.org ?? 'unknown',
    name: signer.name,
    contactInfo: examiner.subject,
    signingTime: deps.now(),
  });
  await bag.writeFile(REPORT_PDF, pdf);
  deps.onProgress?.('report', 1, 1);

  // Tag files, manifests and their signatures, once every original is in.
  await copy.done;
  await deps.step?.('manifest');
  const anchors = certs.index.certs.filter((c) => c.anchor);
  await bag.writeFile(BAGIT_TXT, BAGIT_DECLARATION);
  await bag.writeFile(
    BAG_INFO_TXT,
    formatBagInfo({
      'Bagging-Date': generatedAt.slice(0, 10),
      'Payload-Oxum': payloadOxum(bag.payloadBytes, bag.payload.length),
      'External-Identifier': packageId,
      'Source-Organization': examiner.org ?? 'unknown',
      'Contact-Name': signer.name,
      'External-Description': `Sealcase evidence package for case ${caseFile.number}`,
      'Bag-Software-Agent': `Sealcase ${deps.toolVersion}`,
      'Sealcase-Package-Version': '1',
      'Sealcase-Case-Number': caseFile.number,
      'Sealcase-Case-Id': caseFile.id,
      'Sealcase-Tool-Version': deps.toolVersion,
      'Sealcase-Redaction': redaction === null ? 'none' : 'redacted',
      ...(redaction === null ? {} : { 'Sealcase-Full-Package': redaction.full.manifestSha256 }),
      'Sealcase-Ledger-Size': String(sealed.checkpoint.size),
      'Sealcase-Checkpoint-Root': sealed.checkpoint.root,
    }),
  );
  const manifest = formatManifest(bag.payload);
  const manifestSha256 = await bag.writeFile(MANIFEST_TXT, manifest);
  await bag.writeFile(MANIFEST_P7S, await deps.signManifest(Buffer.from(manifest, 'utf8'), signer));
  await bag.writeFile(
    README_TXT,
    readmeText({
      packageId,
      caseNumber: caseFile.number,
      caseTitle: caseFile.title,
      examiner: signer.name,
      organisation: examiner.org ?? 'unknown',
      createdAt: generatedAt,
      toolVersion: deps.toolVersion,
      originals: redaction === null ? originals.length : 0,
      events: derived.count,
      ledgerRecords: sealed.checkpoint.size,
      checkpointRoot: sealed.checkpoint.root,
      anchors: anchors.map((a) => ({ pem: certPath(a.sha256, 'pem'), sha256: a.sha256 })),
      redaction:
        statement === null
          ? null
          : {
              fullPackage: statement.derivedFrom.manifestSha256,
              fullPackageId: statement.derivedFrom.packageId ?? 'unknown',
              withheld: statement.requested,
              originalsLeftOut: originals.length,
              decisionsLeftOut: decisions.decisions.length - kept.length,
            },
    }),
  );
  await bag.writeFile(VERIFY_HTML, verifyHtml);
  const tagmanifest = formatManifest(bag.tags);
  const tagmanifestSha256 = await bag.writeFile(TAGMANIFEST_TXT, tagmanifest);
  await bag.writeFile(
    TAGMANIFEST_P7S,
    await deps.signManifest(Buffer.from(tagmanifest, 'utf8'), signer),
  );
  await bag.syncFolders();
  if (redaction !== null) await scanBagForLeaks(bag, redaction.needles());
  return {
    packageId,
    manifestSha256,
    tagmanifestSha256,
    files: bag.payload.length + bag.tags.length,
    bytes: bag.totalBytes,
    events: derived.count,
    checkpoint: sealed.proofs.checkpoint,
    warnings,
    salt:
      redaction === null
        ? null
        : {
            format: 'sealcase/redaction-salt',
            version: 1,
            packageId,
            fullPackage: redaction.full,
            fields: statement?.requested ?? [],
            salt: toHex(redaction.salt),
            createdAt: generatedAt,
          },
  };
}

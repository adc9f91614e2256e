/**
 * The redacted derivative (issue 8; shared/package/FORMAT.md §10): the full package it derives
 * from, the commitments (shared/interchange `Redactor`), the salt kept in the case (never in the
 * package), and the last check that no withheld value is left in clear in any file of the bag.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { LEDGER_FILE_NAME, LedgerRecordV1, type VerifiedRecord } from '../../../shared/custody';
import { ExportError } from '../../../shared/errors/export-error';
import { InterchangeError } from '../../../shared/errors';
import { parseFieldList } from '../../../shared/interchange/redact-fields';
import { Redactor } from '../../../shared/interchange/redact';
import type { RedactionStatement } from '../../../shared/interchange/redaction-statement';
import { ExportCreatedDetailsV1 } from '../../../shared/package';
import { fsyncDir } from '../fs/atomic';
import { exportIo } from './bag-writer';

/** `ExportOptions.redact`: the fields to withhold (shared/interchange's default list when absent). */
export interface RedactOption {
  readonly fields?: readonly string[];
}

export interface FullPackage {
  readonly packageId: string;
  readonly manifestSha256: string;
}

/** Where the salts live in the case folder: `exports/redaction-salts/<package uuid>.json`. */
export const REDACTION_SALTS_DIR = join('exports', 'redaction-salts');

/** Withheld values shorter than this (UTF-8 bytes) are not searched for by the leak check. */
export const MIN_SCANNED_BYTES = 4;

/** The salt file (FORMAT.md §10.3): what a later proof of a withheld value needs. */
export const RedactionSaltV1 = z
  .object({
    format: z.literal('sealcase/redaction-salt'),
    version: z.literal(1),
    packageId: z.string().min(1).max(200),
    fullPackage: z
      .object({
        packageId: z.string().min(1).max(200),
        manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
      })
      .strict(),
    fields: z.array(z.string().min(1).max(210)).max(1000),
    /** The 32 salt bytes, hex. */
    salt: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: z.string().min(1).max(40),
  })
  .strict();
export type RedactionSaltV1 = z.infer<typeof RedactionSaltV1>;

/** The field list, checked up front: an unknown field is `EXPORT_OPTIONS_INVALID` naming it. */
export function checkRedactFields(redact: RedactOption): void {
  try {
    if (redact.fields !== undefined) parseFieldList(redact.fields);
  } catch (error) {
    if (!(error instanceof InterchangeError)) throw error;
    throw new ExportError('EXPORT_OPTIONS_INVALID', error.message, {
      where: error.where ?? 'redact.fields',
      cause: error,
    });
  }
}

function latestFull(records: Iterable<{ seq: number; action: string; details: unknown }>) {
  let found: FullPackage | null = null;
  for (const r of records) {
    if (r.action !== 'export.created') continue;
    const d = ExportCreatedDetailsV1.safeParse(r.details);
    if (d.success && d.data.redaction === 'none') {
      found = { packageId: d.data.packageId, manifestSha256: d.data.manifestSha256 };
    }
  }
  if (found === null) {
    throw new ExportError(
      'EXPORT_NO_FULL_PACKAGE',
      'a redacted derivative links to a full package of the case, and this case has none yet: export the full package first',
      { where: 'ledger.jsonl' },
    );
  }
  return found;
}

/** The case's most recent full export, from the (verified) records of the package's ledger. */
export function fullPackageOf(records: readonly VerifiedRecord[]): FullPackage {
  return latestFull(records.map((r) => r.record));
}

/** The same answer read cheaply from ledger.jsonl, before the export signs anything. */
export async function precheckFullPackage(caseDir: string): Promise<void> {
  const path = join(caseDir, LEDGER_FILE_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw exportIo(path, 'reading', error);
  }
  const records = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      const r = LedgerRecordV1.safeParse(JSON.parse(line));
      if (r.success) records.push(r.data);
    } catch {
      // a damaged line: the ledger verification of the export reports it
    }
  }
  latestFull(records);
}

/** Commitments, the values withheld, the leak check and the statement of one derivative. */
export class ExportRedaction {
  readonly redactor: Redactor;

  constructor(
    redact: RedactOption,
    readonly salt: Uint8Array,
    readonly full: FullPackage,
  ) {
    this.redactor = new Redactor({
      salt,
      ...(redact.fields === undefined ? {} : { fields: redact.fields }),
      sha256: async (data) => new Uint8Array(createHash('sha256').update(data).digest()),
    });
  }

  /**
   * The withheld values to search for, as UTF-8 bytes: long enough, and not an IP address (an
   * address withheld in an identity column stays, by design, in the address fields where it is
   * the evidence: shared/interchange FORMAT.md §3.2).
   */
  needles(): Buffer[] {
    return this.redactor
      .withheldValues()
      .filter((v) => isIP(v) === 0)
      .map((v) => Buffer.from(v, 'utf8'))
      .filter((b) => b.length >= MIN_SCANNED_BYTES);
  }

  statement(leftOut: RedactionStatement['leftOut']): RedactionStatement {
    return { ...this.redactor.statement(this.full), ...(leftOut === undefined ? {} : { leftOut }) };
  }
}

/** Byte offset of the first needle in `bytes`, or -1. */
export function findLeak(bytes: Uint8Array, needles: readonly Buffer[]): number {
  const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let first = -1;
  for (const n of needles) {
    const at = haystack.indexOf(n);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  return first;
}

const SCAN_CHUNK = 4 * 1024 * 1024;

/** Streams a file of the bag through `findLeak` (chunks overlap by the longest needle). */
export async function scanFileForLeak(
  full: string,
  bagPath: string,
  needles: readonly Buffer[],
): Promise<void> {
  if (needles.length === 0) return;
  const overlap = Math.max(...needles.map((n) => n.length)) - 1;
  const handle = await open(full, 'r').catch((error: unknown) => {
    throw exportIo(full, 'reading', error);
  });
  try {
    const buffer = Buffer.allocUnsafe(SCAN_CHUNK + overlap);
    let kept = 0;
    let base = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, kept, SCAN_CHUNK, null);
      if (bytesRead === 0) break;
      const at = findLeak(buffer.subarray(0, kept + bytesRead), needles);
      if (at >= 0) throw leak(bagPath, `byte ${base + at}`);
      const end = kept + bytesRead;
      const keep = Math.min(overlap, end);
      buffer.copy(buffer, 0, end - keep, end);
      base += end - keep;
      kept = keep;
    }
  } finally {
    await handle.close();
  }
}

export function leak(bagPath: string, where: string): ExportError {
  return new ExportError(
    'EXPORT_REDACTION_LEAK',
    `${bagPath} (${where}): holds a withheld value in clear, so no redacted derivative is written; withhold the field that carries it too, or leave the value out of the case's text`,
    { where: bagPath },
  );
}

/** `exports/redaction-salts/<uuid>.json` under the case (created exclusively, 0600, fsynced). */
export async function writeSalt(caseDir: string, salt: RedactionSaltV1): Promise<string> {
  const dir = join(caseDir, REDACTION_SALTS_DIR);
  const path = join(dir, `${salt.packageId.replace(/^urn:uuid:/, '')}.json`);
  try {
    await mkdir(dir, { recursive: true });
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(RedactionSaltV1.parse(salt), null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsyncDir(dir);
  } catch (error) {
    throw exportIo(path, 'writing the redaction salt', error);
  }
  return path;
}

export async function removeSalt(path: string | null): Promise<void> {
  if (path !== null) await rm(path, { force: true });
}

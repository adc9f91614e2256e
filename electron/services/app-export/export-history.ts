import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LEDGER_FILE_NAME } from '../../../shared/custody';
import { CustodyError } from '../../../shared/errors';
import { ExportCreatedDetailsV1 } from '../../../shared/package';

export interface ExportRecord {
  readonly seq: number;
  readonly at: string;
  readonly by: string;
  readonly reason: string;
  /** Where the export wrote it (details.path); the package may have moved since. */
  readonly path: string | null;
  readonly packageId: string | null;
  readonly manifestSha256: string | null;
  readonly form: 'folder' | 'zip' | null;
  readonly redaction: 'none' | 'redacted' | null;
  readonly files: number | null;
  readonly bytes: number | null;
  readonly ledgerRecords: number | null;
}

export interface ExportHistory {
  readonly exports: ExportRecord[];
  readonly problems: { line: number; message: string }[];
}

/**
 * The case's earlier exports, from the `export.created` records of its ledger, oldest first. The
 * ledger is read, not verified (the Custody screen verifies it); a line that is not JSON is a
 * problem with its line number, and a record whose details do not validate is listed with what
 * its reason says and nulls for the rest.
 */
export async function listExports(caseDir: string): Promise<ExportHistory> {
  const path = join(caseDir, LEDGER_FILE_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exports: [], problems: [] };
    throw new CustodyError('CUSTODY_IO', `${path}: cannot read the ledger`, {
      where: path,
      cause: error,
    });
  }
  const exports: ExportRecord[] = [];
  const problems: { line: number; message: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '' || !line.includes('"export.created"')) continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      problems.push({ line: i + 1, message: 'not a JSON record' });
      continue;
    }
    if (record['action'] !== 'export.created') continue;
    const actor = record['actor'] as { name?: unknown } | undefined;
    const raw = record['details'] as Record<string, unknown> | undefined;
    const { path: written, ...rest } = raw ?? {};
    const details = ExportCreatedDetailsV1.safeParse(rest);
    const d = details.success ? details.data : null;
    exports.push({
      seq: typeof record['seq'] === 'number' ? record['seq'] : i,
      at: typeof record['at'] === 'string' ? record['at'] : '',
      by: typeof actor?.name === 'string' ? actor.name : '',
      reason: typeof record['reason'] === 'string' ? record['reason'] : '',
      path: typeof written === 'string' ? written : null,
      packageId: d?.packageId ?? null,
      manifestSha256: d?.manifestSha256 ?? null,
      form: d?.form ?? null,
      redaction: d?.redaction ?? null,
      files: d?.files ?? null,
      bytes: d?.bytes ?? null,
      ledgerRecords: d?.checkpoint.size ?? null,
    });
    if (!details.success) {
      problems.push({ line: i + 1, message: 'export.created details do not validate' });
    }
  }
  return { exports, problems };
}

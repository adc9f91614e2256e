/**
 * The custody part of a package (shared/package/FORMAT.md §6.1–6.2): a fresh signed checkpoint
 * over the whole ledger, the ledger cut at that checkpoint, an inclusion proof of every record,
 * and — when the case was exported before — a consistency proof from that export's checkpoint.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  canonicalJson,
  checkpointFileName,
  checkpointToBeSigned,
  CheckpointV1,
  consistencyProof,
  fromHex,
  leafHash,
  LEDGER_FILE_NAME,
  toHex,
  verifyLedger,
  type Checkpoint,
  type VerifiedRecord,
} from '../../../shared/custody';
import { ExportError } from '../../../shared/errors/export-error';
import { ExportCreatedDetailsV1, type ProofsV1 } from '../../../shared/package';
import {
  createNodeCustodyCrypto,
  readCaseTrust,
  verifyCaseLedger,
  type CustodyLedger,
  type LedgerSigner,
} from '../custody';
import { exportIo } from './bag-writer';
import { allInclusionProofs } from './merkle-proofs';

const sha256 = (d: Uint8Array): Uint8Array => createHash('sha256').update(d).digest();

export interface SealedCustody {
  readonly checkpoint: Checkpoint;
  /** The checkpoint file's bytes (JCS + LF). */
  readonly checkpointText: string;
  readonly checkpointHash: string;
  /** `ledger.jsonl` cut after the last record the checkpoint covers. */
  readonly ledgerBytes: Uint8Array;
  readonly records: readonly VerifiedRecord[];
  readonly proofs: ProofsV1;
}

function caseInvalid(message: string, where: string): ExportError {
  return new ExportError('EXPORT_CASE_INVALID', message, { where });
}

async function readText(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw exportIo(path, 'reading', error);
  }
}

/** Hex checkpoint hash (custody FORMAT.md §7). */
export function checkpointHash(checkpoint: Checkpoint): string {
  const { sig: _sig, ...unsigned } = checkpoint;
  return createHash('sha256')
    .update(checkpointToBeSigned(canonicalJson(unsigned)))
    .digest('hex');
}

/** The first `size` lines of a ledger (each ends in LF). */
function cutLedger(bytes: Uint8Array, size: number, where: string): Uint8Array {
  let seen = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a && ++seen === size) return bytes.subarray(0, i + 1);
  }
  throw caseInvalid(`${where}: fewer than ${size} records after the checkpoint`, where);
}

export async function sealCustody(
  caseDir: string,
  ledger: CustodyLedger,
  signer: LedgerSigner,
  reason: string,
): Promise<SealedCustody> {
  const ledgerPath = join(caseDir, LEDGER_FILE_NAME);
  const before = await verifyCaseLedger(caseDir);
  if (!before.ok) {
    const bad = before.firstBad;
    throw caseInvalid(
      `${ledgerPath}: the ledger does not verify (${bad?.code ?? 'unknown'} at record ${bad?.seq ?? '?'}: ${bad?.message ?? ''}); a package is never written from a broken ledger`,
      ledgerPath,
    );
  }
  const checkpoint = await ledger.checkpoint(signer, reason);
  const checkpointPath = join(caseDir, checkpointFileName(checkpoint.size));
  const checkpointText = (await readText(checkpointPath)).toString('utf8');
  const ledgerBytes = cutLedger(
    new Uint8Array(await readText(ledgerPath)),
    checkpoint.size,
    ledgerPath,
  );
  const verified = await verifyLedger(ledgerBytes, {
    crypto: createNodeCustodyCrypto(),
    trust: await readCaseTrust(caseDir),
    checkpoints: [checkpointText],
  });
  if (!verified.ok || verified.root !== checkpoint.root) {
    throw caseInvalid(
      `${checkpointPath}: the new checkpoint does not match the ledger (${verified.firstBad?.code ?? 'root differs'})`,
      checkpointPath,
    );
  }
  const hash = checkpointHash(checkpoint);
  const leaves: Uint8Array[] = [];
  for (const r of verified.records) leaves.push(await leafHash(sha256, fromHex(r.hash)!));
  const paths = await allInclusionProofs(sha256, leaves);
  return {
    checkpoint,
    checkpointText,
    checkpointHash: hash,
    ledgerBytes,
    records: verified.records,
    proofs: {
      v: 1,
      checkpoint: { size: checkpoint.size, root: checkpoint.root, hash },
      inclusion: verified.records.map((r, i) => ({
        seq: r.seq,
        record: r.hash,
        path: paths[i]!.map(toHex),
      })),
      consistency: await previousExport(caseDir, verified.records, leaves),
    },
  };
}

/** The consistency proof from the latest earlier export's checkpoint, or null on a first export. */
async function previousExport(
  caseDir: string,
  records: readonly VerifiedRecord[],
  leaves: readonly Uint8Array[],
): Promise<ProofsV1['consistency']> {
  const last = [...records].reverse().find((r) => r.record.action === 'export.created');
  if (last === undefined) return null;
  const where = `ledger record ${last.seq}`;
  const details = ExportCreatedDetailsV1.safeParse(last.record.details);
  if (!details.success) {
    throw caseInvalid(`${where}: export.created details are not readable`, where);
  }
  const d = details.data;
  const file = join(caseDir, checkpointFileName(d.checkpoint.size));
  let previous: Checkpoint;
  try {
    previous = CheckpointV1.parse(JSON.parse((await readText(file)).toString('utf8')));
  } catch (error) {
    if (error instanceof ExportError) throw error;
    throw caseInvalid(`${file}: the previous export's checkpoint is not readable`, file);
  }
  if (previous.root !== d.checkpoint.root || checkpointHash(previous) !== d.checkpoint.hash) {
    throw caseInvalid(`${file}: not the checkpoint the previous export (${where}) names`, file);
  }
  const path = await consistencyProof(sha256, leaves, previous.size, leaves.length);
  return {
    previous: { packageId: d.packageId, manifestSha256: d.manifestSha256, checkpoint: previous },
    path: path.map(toHex),
  };
}

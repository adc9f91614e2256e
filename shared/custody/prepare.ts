import { CustodyError } from '../errors';
import { toBase64 } from './bytes';
import { canonicalJson } from './canonical';
import { checkpointToBeSigned, hashHex, recordToBeSigned, ZERO_HASH, type Sha256 } from './hash';
import {
  CheckpointV1,
  describeIssues,
  LEDGER_VERSION,
  LedgerRecordV1,
  UnsignedCheckpointV1,
  UnsignedRecordV1,
  type Checkpoint,
  type LedgerRecord,
  type UnsignedCheckpoint,
  type UnsignedRecord,
} from './record';

/**
 * Pure builders for the writer (electron/services/custody): prepare → sign `toBeSigned` with
 * RSASSA-PKCS1-v1_5/SHA-256 → finish → append `line`. Nothing here reads a clock or a key.
 */

/** The last record of the ledger (its seq and record hash), or `null` for an empty ledger. */
export interface PrevRef {
  readonly seq: number;
  readonly hash: string;
}

export type RecordFields = Omit<UnsignedRecord, 'v' | 'seq' | 'prev'>;

export interface Prepared<T> {
  /** The record or checkpoint without `sig`. */
  readonly value: T;
  /** JCS of `value`. */
  readonly canonical: string;
  /** Hex SHA-256 of `toBeSigned`: the record hash (a Merkle leaf's data) or the checkpoint hash. */
  readonly hash: string;
  /** Domain prefix ‖ UTF-8(canonical): the exact message to sign. */
  readonly toBeSigned: Uint8Array;
}

function invalid(what: string, detail: string): never {
  throw new CustodyError('CUSTODY_RECORD_INVALID', `${what} is not valid: ${detail}`);
}

export async function prepareRecord(
  prev: PrevRef | null,
  fields: RecordFields,
  sha256: Sha256,
): Promise<Prepared<UnsignedRecord>> {
  const candidate = {
    ...fields,
    v: LEDGER_VERSION,
    seq: prev === null ? 0 : prev.seq + 1,
    prev: prev === null ? ZERO_HASH : prev.hash,
  };
  const parsed = UnsignedRecordV1.safeParse(candidate);
  if (!parsed.success) invalid('record', describeIssues(parsed.error));
  const canonical = canonicalJson(candidate);
  const toBeSigned = recordToBeSigned(canonical);
  return { value: parsed.data, canonical, hash: await hashHex(sha256, toBeSigned), toBeSigned };
}

function checkSignature(signature: Uint8Array): void {
  if (!(signature instanceof Uint8Array) || signature.length === 0) {
    throw new CustodyError('CUSTODY_SIGNATURE_INVALID', 'signature must be non-empty bytes');
  }
}

/** Adds the signature; `line` is what gets appended to ledger.jsonl (JCS + "\n"). */
export function finishRecord(
  prepared: Prepared<UnsignedRecord>,
  signature: Uint8Array,
): { record: LedgerRecord; line: string } {
  checkSignature(signature);
  const record = { ...prepared.value, sig: toBase64(signature) };
  const parsed = LedgerRecordV1.safeParse(record);
  if (!parsed.success) invalid('record', describeIssues(parsed.error));
  return { record: parsed.data, line: `${canonicalJson(record)}\n` };
}

export type CheckpointFields = Omit<UnsignedCheckpoint, 'v'>;

export async function prepareCheckpoint(
  fields: CheckpointFields,
  sha256: Sha256,
): Promise<Prepared<UnsignedCheckpoint>> {
  const candidate = { ...fields, v: LEDGER_VERSION };
  const parsed = UnsignedCheckpointV1.safeParse(candidate);
  if (!parsed.success) invalid('checkpoint', describeIssues(parsed.error));
  const canonical = canonicalJson(candidate);
  const toBeSigned = checkpointToBeSigned(canonical);
  return { value: parsed.data, canonical, hash: await hashHex(sha256, toBeSigned), toBeSigned };
}

/** Adds the signature; `text` is the content of `checkpoints/NNNNNNNN.json` (JCS + "\n"). */
export function finishCheckpoint(
  prepared: Prepared<UnsignedCheckpoint>,
  signature: Uint8Array,
): { checkpoint: Checkpoint; text: string } {
  checkSignature(signature);
  const checkpoint = { ...prepared.value, sig: toBase64(signature) };
  const parsed = CheckpointV1.safeParse(checkpoint);
  if (!parsed.success) invalid('checkpoint', describeIssues(parsed.error));
  return { checkpoint: parsed.data, text: `${canonicalJson(checkpoint)}\n` };
}

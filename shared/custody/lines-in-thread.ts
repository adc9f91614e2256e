import { concatBytes, utf8Decode } from './bytes';
import { MAX_RECORD_BYTES } from './canonical';
import {
  CheckedLinesBuilder,
  SIG_INVALID,
  SIG_NOT_BASE64,
  SIG_NO_CERT,
  SIG_VALID,
  type CheckedLines,
} from './checked-lines';
import { recordToBeSigned, type CustodyCrypto } from './hash';
import { checkSegment, unsignedText } from './line-check';
import type { LedgerRecord } from './record';

/** `ledger.jsonl` as text, as bytes (preferred: exact bytes), or as complete lines without "\n". */
export type LedgerInput = string | Uint8Array | readonly string[];

export interface Segment {
  readonly text: string | null;
  readonly bytes: number;
  readonly complete: boolean;
}

/** The input split at "\n" (FORMAT.md §9 step 1); a line over the size bound is not decoded. */
export function splitInput(input: LedgerInput): Segment[] {
  if (typeof input === 'string') {
    const parts = input.split('\n');
    const last = parts.pop()!;
    const out = parts.map((text) => ({ text, bytes: text.length, complete: true }));
    if (last !== '') out.push({ text: last, bytes: last.length, complete: false });
    return out;
  }
  if (input instanceof Uint8Array) {
    const out: Segment[] = [];
    let start = 0;
    for (;;) {
      const nl = input.indexOf(0x0a, start);
      const end = nl === -1 ? input.length : nl;
      if (nl === -1 && start === input.length) break;
      const bytes = end - start;
      const text = bytes > MAX_RECORD_BYTES ? '' : utf8Decode(input, start, end);
      out.push({ text, bytes, complete: nl !== -1 });
      if (nl === -1) break;
      start = nl + 1;
    }
    return out;
  }
  return input.map((text) => ({ text, bytes: text.length, complete: true }));
}

const LEAF_PREFIX = new Uint8Array([0x00]);

async function signatureVerdict(
  crypto: CustodyCrypto,
  certs: ReadonlyMap<string, Uint8Array>,
  record: LedgerRecord,
  toBeSigned: Uint8Array,
  signature: Uint8Array | null,
): Promise<number> {
  const der = certs.get(record.actor.cert);
  if (der === undefined) return SIG_NO_CERT;
  if (signature === null) return SIG_NOT_BASE64;
  try {
    return (await crypto.verifyRsaSha256(der, toBeSigned, signature)) === true
      ? SIG_VALID
      : SIG_INVALID;
  } catch {
    return SIG_INVALID;
  }
}

/**
 * The stateless checks of every line in this thread, through the injected crypto (WebCrypto in a
 * browser): runs of `batch` lines whose hashes and signatures are checked concurrently.
 * `certs`: DER certificates by hex SHA-256. Stops after the first line that fails.
 */
export async function* checkLinesInThread(
  input: LedgerInput,
  certs: ReadonlyMap<string, Uint8Array>,
  crypto: CustodyCrypto,
  batch = 256,
): AsyncGenerator<CheckedLines> {
  const segments = splitInput(input);
  for (let first = 0; first < segments.length; first += batch) {
    const end = Math.min(segments.length, first + batch);
    const run = new CheckedLinesBuilder(first, end - first, { spans: false, records: true });
    const pending: Promise<void>[] = [];
    let failure: CheckedLines['failure'] = null;
    for (let i = first; i < end; i++) {
      const verdict = checkSegment(segments[i]!, i === segments.length - 1, MAX_RECORD_BYTES);
      if (!verdict.ok) {
        failure = { code: verdict.code, message: verdict.message };
        break;
      }
      const record = verdict.record;
      const toBeSigned = recordToBeSigned(unsignedText(segments[i]!.text!, verdict));
      const k = run.add(record, Date.parse(record.at));
      pending.push(
        (async () => {
          const hash = await crypto.sha256(toBeSigned);
          run.hashes.set(hash, 32 * k);
          run.leaves.set(await crypto.sha256(concatBytes(LEAF_PREFIX, hash)), 32 * k);
          run.sigs[k] = await signatureVerdict(
            crypto,
            certs,
            record,
            toBeSigned,
            verdict.signature,
          );
        })(),
      );
    }
    await Promise.all(pending);
    yield run.finish(failure);
    if (failure !== null) return;
  }
}

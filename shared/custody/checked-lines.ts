import { LEDGER_ACTIONS, type LedgerAction, type LedgerRecord } from './record';
import type { LineFailureCode } from './line-check';

/**
 * The stateless half of ledger verification, as columns: for a run of consecutive lines, what
 * each line is (its record's seq, prev, time, action, signer), its record hash, its Merkle leaf
 * hash and whether its signature verifies under the certificate its `actor.cert` names. The
 * stateful half (seq order, chain, signer trust, references, checkpoints) runs over these in
 * order in `verifyLedger`. Columns, not objects, so a run crosses threads as a few transferable
 * buffers; everything here is plain data.
 */

/** Signature verdicts (`sigs` column). */
export const SIG_VALID = 0;
export const SIG_INVALID = 1;
/** `sig` is not canonical base64 (§2). */
export const SIG_NOT_BASE64 = 2;
/** No certificate with the SHA-256 `actor.cert` was supplied (not checked). */
export const SIG_NO_CERT = 3;

export interface CheckedLines {
  /** Index (0-based line position) of the first line of the run. */
  readonly first: number;
  /** Lines of the run that passed steps 2.1–2.4; line `first + count` is `failure`'s, if any. */
  readonly count: number;
  /** The stateless finding on line `first + count`; the run ends there. */
  readonly failure: { readonly code: LineFailureCode; readonly message: string } | null;
  /** 32 bytes per line: the record hash H (§3). */
  readonly hashes: Uint8Array;
  /** 32 bytes per line: the Merkle leaf hash SHA-256(0x00 ‖ H) (§6). */
  readonly leaves: Uint8Array;
  /** 32 bytes per line: the record's `prev`. */
  readonly prevs: Uint8Array;
  readonly seqs: Float64Array;
  /** `at` in ms since the epoch (its text is `new Date(ms).toISOString()`: §2 makes it so). */
  readonly atMs: Float64Array;
  /** Index into LEDGER_ACTIONS. */
  readonly actions: Uint8Array;
  /** Index into `certs`. */
  readonly certIds: Uint32Array;
  /**
   * The `actor.cert` values `certIds` point into, each once (the producer may list certificates
   * no line of the run names).
   */
  readonly certs: readonly string[];
  /** SIG_VALID, SIG_INVALID, SIG_NOT_BASE64 or SIG_NO_CERT per line. */
  readonly sigs: Uint8Array;
  /** Byte offsets of each line in the ledger bytes (start, end without "\n"), when from bytes. */
  readonly spans: Float64Array | null;
  /** The parsed records, when the producer kept them (else read back from `spans`). */
  readonly records: readonly LedgerRecord[] | null;
  /**
   * Optional: the Merkle root (MTH, §6) of the run's leaves, given when the run has no failure and
   * its count is a power of two; the verifier adds it in one step when the run starts at a multiple
   * of its count.
   */
  readonly subtreeRoot: Uint8Array | null;
}

const ACTION_INDEX = new Map<string, number>(LEDGER_ACTIONS.map((a, i) => [a, i]));

export function actionAt(lines: CheckedLines, k: number): LedgerAction {
  return LEDGER_ACTIONS[lines.actions[k]!]!;
}

/** True when some line of the run is a record with `action`. */
export function runHasAction(lines: CheckedLines, action: LedgerAction): boolean {
  return lines.actions.includes(ACTION_INDEX.get(action)!);
}

/** Fills the columns of one run, line by line, in order. */
export class CheckedLinesBuilder {
  readonly hashes: Uint8Array;
  readonly leaves: Uint8Array;
  readonly prevs: Uint8Array;
  readonly seqs: Float64Array;
  readonly atMs: Float64Array;
  readonly actions: Uint8Array;
  readonly certIds: Uint32Array;
  readonly sigs: Uint8Array;
  readonly spans: Float64Array | null;
  readonly records: LedgerRecord[] | null;
  private readonly certs: string[] = [];
  private readonly certIndex = new Map<string, number>();
  count = 0;

  constructor(
    readonly first: number,
    capacity: number,
    options: {
      spans: boolean;
      records: boolean;
      /** Certificates to list first (so a line naming one takes no new-certificate path). */
      certs?: Iterable<string>;
    },
  ) {
    for (const cert of options.certs ?? []) this.idOf(cert);
    this.hashes = new Uint8Array(32 * capacity);
    this.leaves = new Uint8Array(32 * capacity);
    this.prevs = new Uint8Array(32 * capacity);
    this.seqs = new Float64Array(capacity);
    this.atMs = new Float64Array(capacity);
    this.actions = new Uint8Array(capacity);
    this.certIds = new Uint32Array(capacity);
    this.sigs = new Uint8Array(capacity);
    this.spans = options.spans ? new Float64Array(2 * capacity) : null;
    this.records = options.records ? [] : null;
  }

  /**
   * Adds a line that passed steps 2.1–2.4 and returns its index in the run; the caller then
   * writes its hash, leaf and signature verdict at that index.
   */
  add(record: LedgerRecord, atMs: number): number {
    this.records?.push(record);
    const k = this.push(record.seq, record.action, record.actor.cert, atMs);
    for (let i = 0; i < 32; i++) {
      const h = hexValue(record.prev.charCodeAt(2 * i));
      this.prevs[32 * k + i] = (h << 4) | hexValue(record.prev.charCodeAt(2 * i + 1));
    }
    return k;
  }

  /**
   * `add` for a line known by its fields (a builder that keeps no records): `prev` is the 64
   * lower-case hex digits at `bytes[prevAt]`.
   */
  addFields(
    fields: { readonly seq: number; readonly action: LedgerAction; readonly atMs: number },
    cert: string,
    bytes: Uint8Array,
    prevAt: number,
  ): number {
    const k = this.push(fields.seq, fields.action, cert, fields.atMs);
    for (let i = 0; i < 32; i++) {
      const h = hexValue(bytes[prevAt + 2 * i]!);
      this.prevs[32 * k + i] = (h << 4) | hexValue(bytes[prevAt + 2 * i + 1]!);
    }
    return k;
  }

  /** Byte offsets of line `k` in the ledger (start, end without "\n"), for a builder with spans. */
  setSpan(k: number, start: number, end: number): void {
    if (this.spans === null) return;
    this.spans[2 * k] = start;
    this.spans[2 * k + 1] = end;
  }

  private push(seq: number, action: LedgerAction, cert: string, atMs: number): number {
    const k = this.count++;
    this.seqs[k] = seq;
    this.atMs[k] = atMs;
    this.actions[k] = ACTION_INDEX.get(action)!;
    this.certIds[k] = this.idOf(cert);
    return k;
  }

  /** The index of `cert` in the run's `certs`, listed when new. */
  private idOf(cert: string): number {
    let id = this.certIndex.get(cert);
    if (id === undefined) {
      id = this.certs.length;
      this.certs.push(cert);
      this.certIndex.set(cert, id);
    }
    return id;
  }

  /**
   * The run, its columns cut to the lines added, with the finding on the next line (if any) and
   * the subtree root (if given). Arguments, not fields set late: a field first written after the
   * builder is in use changes its shape, and the optimised code that used it is thrown away.
   */
  finish(
    failure: CheckedLines['failure'] = null,
    subtreeRoot: Uint8Array | null = null,
  ): CheckedLines {
    const n = this.count;
    return {
      first: this.first,
      count: n,
      failure,
      hashes: this.hashes.subarray(0, 32 * n),
      leaves: this.leaves.subarray(0, 32 * n),
      prevs: this.prevs.subarray(0, 32 * n),
      seqs: this.seqs.subarray(0, n),
      atMs: this.atMs.subarray(0, n),
      actions: this.actions.subarray(0, n),
      certIds: this.certIds.subarray(0, n),
      certs: this.certs,
      sigs: this.sigs.subarray(0, n),
      spans: this.spans === null ? null : this.spans.subarray(0, 2 * n),
      records: this.records,
      subtreeRoot,
    };
  }
}

/** Value of a lower-case hex digit's code (already checked). */
function hexValue(c: number): number {
  return (c & 0xf) + (c >> 6) * 9;
}

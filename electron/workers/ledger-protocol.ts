import type { CheckedLines } from '../../shared/custody';

/**
 * Messages between the ledger verifier (main thread, `electron/services/custody/line-workers.ts`)
 * and its line-check workers (`ledger-worker.ts`). A job is a run of whole lines of the ledger,
 * copied and transferred; the answer is the run's columns (shared/custody/checked-lines.ts),
 * transferred back.
 */
export interface LedgerCheckJob {
  readonly type: 'check';
  readonly job: number;
  /** The lines' bytes (each ends with "\n", except perhaps the very last of the ledger). */
  readonly bytes: Uint8Array;
  /** Byte offset of `bytes` in the ledger (the runs' `spans` are ledger offsets). */
  readonly offset: number;
  /** Line index of the first line. */
  readonly first: number;
  /** The job ends the ledger: its last line is the ledger's last (torn-write rules). */
  readonly last: boolean;
  /** DER certificates by hex SHA-256 (the case's signers and lab CAs). */
  readonly certs: ReadonlyArray<readonly [string, Uint8Array]>;
}

export type ToLedgerWorker = LedgerCheckJob;

export type FromLedgerWorker =
  | { readonly type: 'checked'; readonly job: number; readonly lines: CheckedLines }
  | { readonly type: 'failed'; readonly job: number; readonly message: string };

/** The buffers of a run, for the transfer list. */
export function runBuffers(lines: CheckedLines): ArrayBuffer[] {
  const views = [
    lines.hashes,
    lines.leaves,
    lines.prevs,
    lines.seqs,
    lines.atMs,
    lines.actions,
    lines.certIds,
    lines.sigs,
    ...(lines.spans === null ? [] : [lines.spans]),
    ...(lines.subtreeRoot === null ? [] : [lines.subtreeRoot]),
  ];
  return [...new Set(views.map((v) => v.buffer as ArrayBuffer))];
}

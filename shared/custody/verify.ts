import canonicalize from 'canonicalize';
import { fromBase64, fromHex, toHex, utf8Decode } from './bytes';
import {
  actionAt,
  runHasAction,
  SIG_NOT_BASE64,
  SIG_VALID,
  type CheckedLines,
} from './checked-lines';
import { checkpointToBeSigned, type CertificateInfo, type CustodyCrypto } from './hash';
import { parseCanonical } from './line-check';
import { checkLinesInThread, type LedgerInput } from './lines-in-thread';
import { MerkleAccumulator } from './merkle';
import {
  CheckpointV1,
  describeIssues,
  LEDGER_ACTIONS,
  type Checkpoint,
  type LedgerRecord,
} from './record';

export type { LedgerInput } from './lines-in-thread';

/** Why verification stopped (FORMAT.md §9 lists when each applies). */
export const LEDGER_FAILURE_CODES = [
  'TORN_RECORD',
  'MALFORMED_RECORD',
  'NOT_CANONICAL',
  'SEQ_GAP',
  'CHAIN_BROKEN',
  'HASH_MISMATCH',
  'BAD_SIGNATURE',
  'UNKNOWN_SIGNER',
  'CERT_UNTRUSTED',
  'CERT_INVALID_AT_TIME',
  'BAD_REFERENCE',
  'CHECKPOINT_MISMATCH',
  'BAD_CHECKPOINT_SIGNATURE',
  'LEDGER_TRUNCATED',
  'EMPTY_LEDGER',
] as const;
export type LedgerFailureCode = (typeof LEDGER_FAILURE_CODES)[number];

/** Findings that do not make the ledger invalid but that a reader should see. */
export const LEDGER_WARNING_CODES = [
  'CLOCK_BACKWARDS',
  'ACTOR_NAME_MISMATCH',
  'PENDING_TRANSFER',
  'TAIL_NOT_CHECKPOINTED',
] as const;
export type LedgerWarningCode = (typeof LEDGER_WARNING_CODES)[number];

export interface LedgerFailure {
  /** The first record that fails (for a checkpoint: the last record it covers, see FORMAT.md). */
  readonly seq: number;
  readonly code: LedgerFailureCode;
  readonly message: string;
  /** Index into `options.checkpoints` when the failure is in a checkpoint. */
  readonly checkpoint?: number;
}

export interface LedgerWarning {
  readonly seq: number | null;
  readonly code: LedgerWarningCode;
  readonly message: string;
}

export interface VerifiedRecord {
  readonly seq: number;
  /** Hex record hash (the Merkle leaf's data). */
  readonly hash: string;
  readonly record: LedgerRecord;
}

export interface LedgerTrust {
  /** DER certificates that may appear as `actor.cert` (the case's or the package's certs/). */
  readonly certificates: readonly Uint8Array[];
  /** DER lab CA certificates. A signer is trusted if it is one of these or issued by one. */
  readonly anchors: readonly Uint8Array[];
}

export interface VerifyLedgerOptions {
  readonly crypto: CustodyCrypto;
  readonly trust: LedgerTrust;
  /** Contents of checkpoint files (`checkpoints/NNNNNNNN.json`), each JCS + "\n". */
  readonly checkpoints?: readonly string[];
  /** A head named elsewhere (an export manifest): the record at `size - 1` must hash to `hash`. */
  readonly expectedHead?: { readonly size: number; readonly hash: string };
}

export interface LedgerVerification {
  readonly ok: boolean;
  /** The records that verified, in order: all of them when `ok`, else those before `firstBad`. */
  readonly records: readonly VerifiedRecord[];
  readonly firstBad: LedgerFailure | null;
  readonly warnings: readonly LedgerWarning[];
  /** Hex Merkle root over `records`. */
  readonly root: string;
}

type SignerResult =
  | {
      readonly ok: true;
      readonly der: Uint8Array;
      readonly info: CertificateInfo;
      readonly issuer: CertificateInfo;
    }
  | { readonly ok: false; readonly code: LedgerFailureCode; readonly message: string };

class Failure extends Error {
  constructor(
    readonly code: LedgerFailureCode,
    message: string,
  ) {
    super(message);
  }
}

function fail(code: LedgerFailureCode, message: string): never {
  throw new Failure(code, message);
}

function withoutSig<T extends { sig: string }>(value: T): Omit<T, 'sig'> {
  const copy: Partial<T> = { ...value };
  delete copy.sig;
  return copy as Omit<T, 'sig'>;
}

function utcMs(at: string): number {
  return Date.parse(at);
}

function sameBytes(a: Uint8Array, at: number, b: Uint8Array, bAt: number): boolean {
  for (let i = 0; i < 32; i++) if (a[at + i] !== b[bAt + i]) return false;
  return true;
}

/** Actions (by index in LEDGER_ACTIONS) whose records need no in-order check of their own. */
const PLAIN_ACTIONS: readonly boolean[] = LEDGER_ACTIONS.map(
  (a) => a !== 'custody.transferred' && a !== 'custody.accepted' && a !== 'checkpoint.signed',
);
const CASE_CREATED = LEDGER_ACTIONS.indexOf('case.created');

const BAD_SIGNATURE_MESSAGE = 'the RSASSA-PKCS1-v1_5/SHA-256 signature does not verify';

/** Where a verified record's `hash` and `record` come from, and what they were once read. */
interface RecordSource {
  readonly lines: CheckedLines;
  readonly k: number;
  readonly bytes: Uint8Array | null;
  hash: string | undefined;
  record: LedgerRecord | undefined;
}

const SOURCE = Symbol('source');
type Sourced = VerifiedRecord & { readonly [SOURCE]: RecordSource };

/** A property descriptor without a prototype: `Object.defineProperty` reads it fastest. */
function descriptor(d: PropertyDescriptor): PropertyDescriptor {
  return Object.freeze(Object.assign(Object.create(null) as PropertyDescriptor, d));
}

/**
 * `hash` and `record` as own enumerable getters (spreading, cloning or JSON still copy them),
 * shared by every record: one object shape, no closures per record (≈ 160 bytes a record instead
 * of ≈ 520, which the verifier's GC felt). The source is a non-enumerable member. Three
 * `Object.defineProperty` calls cost ≈ 0.6 µs, one `Object.defineProperties` ≈ 1 µs.
 */
const HASH_MEMBER = descriptor({
  enumerable: true,
  get(this: Sourced): string {
    const s = this[SOURCE];
    s.hash ??= toHex(s.lines.hashes.subarray(32 * s.k, 32 * s.k + 32));
    return s.hash;
  },
});
const RECORD_MEMBER = descriptor({
  enumerable: true,
  get(this: Sourced): LedgerRecord {
    const s = this[SOURCE];
    if (s.record === undefined) {
      // The line was checked as a canonical record of §2: it decodes and parses.
      const { spans } = s.lines;
      const text = utf8Decode(s.bytes!, spans![2 * s.k]!, spans![2 * s.k + 1]!)!;
      s.record = JSON.parse(text) as LedgerRecord;
    }
    return s.record;
  },
});

/**
 * A verified record whose `hash` and `record` are derived when first read: from the columns, and
 * from the line's bytes when the checking thread did not keep the parsed record.
 */
function verifiedRecord(
  seq: number,
  lines: CheckedLines,
  k: number,
  bytes: Uint8Array | null,
): VerifiedRecord {
  const source: RecordSource = { lines, k, bytes, hash: undefined, record: lines.records?.[k] };
  const r = { seq };
  Object.defineProperty(r, SOURCE, { value: source });
  Object.defineProperty(r, 'hash', HASH_MEMBER);
  Object.defineProperty(r, 'record', RECORD_MEMBER);
  return r as VerifiedRecord;
}

/**
 * Verifies a custody ledger (FORMAT.md §9). Never throws for a bad ledger: the first failing
 * record is reported in `firstBad`; crypto errors are reported as the check they belong to.
 *
 * Two halves: the checks of each line on its own (steps 1–2.4, the hash and the signature), done
 * by `crypto.checkLedgerLines` when the crypto offers it (Node: worker threads) or else here
 * (`checkLinesInThread`), and the checks in order over those results (seq, chain, signer trust,
 * references, Merkle tree, checkpoints), always here.
 */
export async function verifyLedger(
  input: LedgerInput,
  options: VerifyLedgerOptions,
): Promise<LedgerVerification> {
  const { crypto } = options;
  const sha256 = (data: Uint8Array) => crypto.sha256(data);
  const warnings: LedgerWarning[] = [];
  const records: VerifiedRecord[] = [];
  const acc = new MerkleAccumulator(sha256);
  // The leaf hashes stay in their runs; listed only for checkpoint roots of earlier sizes.
  const runs: CheckedLines[] = [];
  const leavesUpTo = (n: number): Uint8Array[] => {
    const out: Uint8Array[] = [];
    for (const run of runs) {
      for (let k = 0; k < run.count && run.first + k < n; k++)
        out.push(run.leaves.subarray(32 * k, 32 * k + 32));
    }
    return out;
  };

  // Trust material, indexed by certificate SHA-256.
  const certs = new Map<string, Uint8Array>();
  const anchors = new Map<string, Uint8Array>();
  for (const der of options.trust.certificates) certs.set(toHex(await sha256(der)), der);
  for (const der of options.trust.anchors) anchors.set(toHex(await sha256(der)), der);
  const anchorInfo = new Map<string, CertificateInfo | null>();
  const signers = new Map<string, SignerResult>();
  const namesChecked = new Set<string>();

  async function inspect(der: Uint8Array): Promise<CertificateInfo | null> {
    try {
      return await crypto.inspectCertificate(der);
    } catch {
      return null;
    }
  }

  async function resolveSigner(fingerprint: string): Promise<SignerResult> {
    const cached = signers.get(fingerprint);
    if (cached !== undefined) return cached;
    const result = await (async (): Promise<SignerResult> => {
      const der = certs.get(fingerprint) ?? anchors.get(fingerprint);
      if (der === undefined) {
        return {
          ok: false,
          code: 'UNKNOWN_SIGNER',
          message: `no certificate with SHA-256 ${fingerprint}`,
        };
      }
      const info = await inspect(der);
      if (info === null)
        return {
          ok: false,
          code: 'CERT_UNTRUSTED',
          message: `certificate ${fingerprint} cannot be read`,
        };
      if (anchors.has(fingerprint)) return { ok: true, der, info, issuer: info };
      for (const [afp, anchorDer] of anchors) {
        if (!anchorInfo.has(afp)) anchorInfo.set(afp, await inspect(anchorDer));
        const ai = anchorInfo.get(afp);
        if (ai === null || ai === undefined || !ai.isCA) continue;
        let issued: boolean;
        try {
          issued = await crypto.isIssuedBy(der, anchorDer);
        } catch {
          issued = false;
        }
        if (issued) return { ok: true, der, info, issuer: ai };
      }
      return {
        ok: false,
        code: 'CERT_UNTRUSTED',
        message: `certificate ${fingerprint} is not issued by a trusted lab CA`,
      };
    })();
    signers.set(fingerprint, result);
    return result;
  }

  /**
   * Steps 2.7 and the name warning of 2.10 for a resolved signer: trusted, valid at `atMs`.
   * Synchronous: the verifier calls it once per record.
   */
  function checkSigner(
    signer: SignerResult,
    cert: string,
    name: () => string,
    atMs: number,
    seq: number | null,
  ): asserts signer is SignerResult & { ok: true } {
    if (!signer.ok) fail(signer.code, signer.message);
    if (
      atMs < signer.info.notBefore ||
      atMs > signer.info.notAfter ||
      atMs < signer.issuer.notBefore ||
      atMs > signer.issuer.notAfter
    ) {
      for (const [who, w] of [
        ['certificate', signer.info],
        ['issuing CA certificate', signer.issuer],
      ] as const) {
        if (atMs < w.notBefore || atMs > w.notAfter) {
          fail(
            'CERT_INVALID_AT_TIME',
            `the signer's ${who} is not valid at ${new Date(atMs).toISOString()} (valid ${new Date(w.notBefore).toISOString()} to ${new Date(w.notAfter).toISOString()})`,
          );
        }
      }
    }
    if (!namesChecked.has(cert)) {
      namesChecked.add(cert);
      const cn = signer.info.subjectCommonName;
      const actorName = name();
      if (cn !== null && cn !== actorName) {
        warnings.push({
          seq,
          code: 'ACTOR_NAME_MISMATCH',
          message: `actor name "${actorName}" differs from the certificate's commonName "${cn}"`,
        });
      }
    }
  }

  async function checkSignature(
    actor: { name: string; cert: string },
    at: string,
    data: Uint8Array,
    sig: string,
    badSignature: LedgerFailureCode,
    seq: number | null,
  ): Promise<void> {
    const signer = await resolveSigner(actor.cert);
    checkSigner(signer, actor.cert, () => actor.name, utcMs(at), seq);
    const signature = fromBase64(sig);
    if (signature === null) fail(badSignature, 'the signature is not canonical base64');
    let valid: boolean;
    try {
      valid = (await crypto.verifyRsaSha256(signer.der, data, signature)) === true;
    } catch {
      valid = false;
    }
    if (!valid) fail(badSignature, BAD_SIGNATURE_MESSAGE);
  }

  const transfers = new Map<string, { to: string; accepted: boolean; seq: number }>();
  const recordedCheckpoints = new Map<number, string>();
  // The previous record's hash: 32 bytes at prevAt32 (zeros before seq 0).
  let prevHash: Uint8Array = new Uint8Array(32);
  let prevAt32 = 0;
  let prevAt = -Infinity;
  let firstBad: LedgerFailure | null = null;

  const bytes = input instanceof Uint8Array ? input : null;
  const signingCerts = new Map<string, Uint8Array>(anchors);
  for (const [fp, der] of certs) signingCerts.set(fp, der);
  const source =
    bytes !== null && crypto.checkLedgerLines !== undefined
      ? crypto.checkLedgerLines(bytes, signingCerts)
      : checkLinesInThread(input, signingCerts, crypto);

  /**
   * The in-order checks of records `from`… of a run that is added to the tree whole, for as long as
   * they are plain: in sequence, chained, signed validly by a signer this run has resolved, valid
   * at the record's time, and of an action that needs no more checks (not custody.transferred,
   * custody.accepted or checkpoint.signed; case.created only at 0). A signer in `runSigners` went
   * through `checkSigner` on its first record in the run (trust, name warning), or verification
   * stopped there.
   * Such a record passes the general loop below with no effect but these (records, the chain, the
   * clock warning), so it is taken here, synchronously and without a promise. Returns the first
   * record not taken (the general loop decides it).
   */
  function plainRecords(lines: CheckedLines, from: number, runSigners: SignerResult[]): number {
    for (let k = from; k < lines.count; k++) {
      const i = lines.first + k;
      if (lines.seqs[k] !== i || !sameBytes(lines.prevs, 32 * k, prevHash, prevAt32)) return k;
      const action = lines.actions[k]!;
      if (PLAIN_ACTIONS[action] !== true || (i === 0) !== (action === CASE_CREATED)) return k;
      const signer = runSigners[lines.certIds[k]!];
      const atMs = lines.atMs[k]!;
      if (signer === undefined || !signer.ok || lines.sigs[k] !== SIG_VALID) return k;
      if (atMs < signer.info.notBefore || atMs > signer.info.notAfter) return k;
      if (atMs < signer.issuer.notBefore || atMs > signer.issuer.notAfter) return k;
      accepted(verifiedRecord(i, lines, k, bytes), lines, k, atMs);
    }
    return lines.count;
  }

  /** What a record that passed every check leaves: the clock warning, the chain, the list. */
  function accepted(verified: VerifiedRecord, lines: CheckedLines, k: number, atMs: number): void {
    if (atMs < prevAt)
      warnings.push({
        seq: verified.seq,
        code: 'CLOCK_BACKWARDS',
        message: `time ${new Date(atMs).toISOString()} is earlier than the previous record's`,
      });
    prevAt = atMs;
    prevHash = lines.hashes;
    prevAt32 = 32 * k;
    records.push(verified);
  }

  runs: for await (const lines of source) {
    runs.push(lines);
    // A run that brings its subtree root and starts where the tree is aligned to it is added in
    // one step at its end, unless a checkpoint.signed record in it needs the root in between.
    const whole =
      lines.subtreeRoot !== null &&
      acc.size === lines.first &&
      lines.first % lines.count === 0 &&
      !runHasAction(lines, 'checkpoint.signed');
    const addLeaves = async (from: number, to: number) => {
      for (let j = from; j < to; j++) {
        const appended = acc.append(lines.leaves.subarray(32 * j, 32 * j + 32));
        if (appended !== undefined) await appended;
      }
    };
    // The record being checked: its parsed form is made at most once, when first read.
    let current: VerifiedRecord | null = null;
    const actorName = () => current!.record.actor.name;
    const runSigners: SignerResult[] = [];
    for (let k = 0; k <= lines.count; k++) {
      // Plain records in a run added whole take the fast loop; it stops at any other.
      if (whole && k < lines.count) k = plainRecords(lines, k, runSigners);
      const i = lines.first + k;
      try {
        if (k === lines.count) {
          if (whole) await acc.appendSubtree(lines.subtreeRoot!, lines.count);
          if (lines.failure === null) break;
          fail(lines.failure.code, lines.failure.message);
        }
        const seq = lines.seqs[k]!;
        if (seq !== i) fail('SEQ_GAP', `expected seq ${i}, found seq ${seq}`);
        if (!sameBytes(lines.prevs, 32 * k, prevHash, prevAt32))
          fail(
            'CHAIN_BROKEN',
            `prev is ${toHex(lines.prevs.subarray(32 * k, 32 * k + 32))}, the hash of seq ${i - 1} is ${toHex(prevHash.subarray(prevAt32, prevAt32 + 32))}`,
          );
        const action = actionAt(lines, k);
        if ((i === 0) !== (action === 'case.created')) {
          fail(
            'MALFORMED_RECORD',
            i === 0 ? 'the first record is not case.created' : 'case.created after seq 0',
          );
        }
        const atMs = lines.atMs[k]!;
        const warningsBefore = warnings.length;
        const certId = lines.certIds[k]!;
        const cert = lines.certs[certId]!;
        let signer = runSigners[certId];
        if (signer === undefined) {
          signer = await resolveSigner(cert);
          runSigners[certId] = signer;
        }
        const verified = verifiedRecord(i, lines, k, bytes);
        current = verified;
        checkSigner(signer, cert, actorName, atMs, i);
        const sig = lines.sigs[k]!;
        if (sig === SIG_NOT_BASE64) fail('BAD_SIGNATURE', 'the signature is not canonical base64');
        if (sig !== SIG_VALID) {
          // A record whose signature fails leaves no warning behind.
          warnings.length = warningsBefore;
          fail('BAD_SIGNATURE', BAD_SIGNATURE_MESSAGE);
        }

        switch (action) {
          case 'custody.transferred': {
            const to = (verified.record.details as { to: { cert: string } }).to.cert;
            transfers.set(toHex(lines.hashes.subarray(32 * k, 32 * k + 32)), {
              to,
              accepted: false,
              seq: i,
            });
            break;
          }
          case 'custody.accepted': {
            const record = verified.record;
            const ref = (record.details as { transfer: string }).transfer;
            const transfer = transfers.get(ref);
            if (transfer === undefined)
              fail('BAD_REFERENCE', `no earlier custody.transferred record has hash ${ref}`);
            if (transfer.accepted)
              fail('BAD_REFERENCE', `the transfer at seq ${transfer.seq} was already accepted`);
            if (transfer.to !== record.actor.cert) {
              fail('BAD_REFERENCE', `the transfer at seq ${transfer.seq} names another receiver`);
            }
            transfer.accepted = true;
            break;
          }
          case 'checkpoint.signed': {
            const d = verified.record.details as { size: number; root: string; checkpoint: string };
            if (d.size > i)
              fail(
                'CHECKPOINT_MISMATCH',
                `checkpoint size ${d.size} is beyond the records before it`,
              );
            const root = toHex(
              d.size === i
                ? await acc.root()
                : await rootOfPrefix(sha256, leavesUpTo(d.size), d.size),
            );
            if (root !== d.root)
              fail(
                'CHECKPOINT_MISMATCH',
                `root of the first ${d.size} records is ${root}, the record says ${d.root}`,
              );
            recordedCheckpoints.set(d.size, d.checkpoint);
            break;
          }
          case 'case.created':
          case 'examiner.added':
          case 'artefact.acquired':
          case 'artefact.verified':
          case 'analysis.recorded':
          case 'export.created':
          case 'ledger.recovered':
            break;
        }

        accepted(verified, lines, k, atMs);
        if (!whole) await addLeaves(k, k + 1);
      } catch (error) {
        if (!(error instanceof Failure)) throw error;
        if (whole && k < lines.count) await addLeaves(0, k);
        firstBad = { seq: i, code: error.code, message: error.message };
        break runs;
      }
    }
  }

  if (firstBad === null && options.expectedHead !== undefined) {
    const { size, hash } = options.expectedHead;
    if (size > records.length) {
      firstBad = {
        seq: records.length,
        code: 'LEDGER_TRUNCATED',
        message: `expected ${size} records, found ${records.length}`,
      };
    } else if (size < 1 || records[size - 1]!.hash !== hash) {
      firstBad = {
        seq: Math.max(0, size - 1),
        code: 'HASH_MISMATCH',
        message: `the record at seq ${size - 1} does not hash to ${hash}`,
      };
    }
  }

  let covered = 0;
  if (firstBad === null && options.checkpoints !== undefined) {
    firstBad = await checkCheckpoints(options.checkpoints);
  }
  if (firstBad === null && records.length === 0) {
    firstBad = { seq: 0, code: 'EMPTY_LEDGER', message: 'the ledger has no records' };
  }
  if (firstBad === null) {
    for (const [hash, t] of transfers) {
      if (!t.accepted)
        warnings.push({
          seq: t.seq,
          code: 'PENDING_TRANSFER',
          message: `transfer ${hash} has not been accepted`,
        });
    }
    // The record announcing the last checkpoint always follows it; on its own it is no gap.
    const tail = records.slice(covered);
    const onlyAnnouncement =
      tail.length === 1 &&
      tail[0]!.record.action === 'checkpoint.signed' &&
      (tail[0]!.record.details as { size: number }).size === covered;
    if (covered < records.length && !onlyAnnouncement) {
      warnings.push({
        seq: covered,
        code: 'TAIL_NOT_CHECKPOINTED',
        message: `records from seq ${covered} on are covered by no checkpoint given: removing them would not be detected`,
      });
    }
  }

  return {
    ok: firstBad === null,
    records,
    firstBad,
    warnings,
    root: toHex(await acc.root()),
  };

  async function checkCheckpoints(texts: readonly string[]): Promise<LedgerFailure | null> {
    const parsed: Array<{ index: number; cp: Checkpoint; hash: string; toBeSigned: Uint8Array }> =
      [];
    for (let k = 0; k < texts.length; k++) {
      const text = texts[k]!;
      const last = records.length - 1;
      try {
        if (!text.endsWith('\n'))
          fail('MALFORMED_RECORD', 'the checkpoint file does not end with a newline');
        const value = parseCanonical(text.slice(0, -1), false);
        if (!value.ok) fail(value.code, value.message);
        const result = CheckpointV1.safeParse(value.value);
        if (!result.success) fail('MALFORMED_RECORD', describeIssues(result.error));
        const toBeSigned = checkpointToBeSigned(canonicalize(withoutSig(result.data))!);
        parsed.push({
          index: k,
          cp: result.data,
          hash: toHex(await sha256(toBeSigned)),
          toBeSigned,
        });
      } catch (error) {
        if (!(error instanceof Failure)) throw error;
        return {
          seq: Math.max(0, last),
          code: error.code,
          message: `checkpoint ${k}: ${error.message}`,
          checkpoint: k,
        };
      }
    }
    parsed.sort((a, b) => a.cp.size - b.cp.size || a.index - b.index);
    const sizes = parsed.map((p) => p.cp.size).filter((s) => s <= records.length);
    const roots = await rootsAt(leavesUpTo(Math.max(0, ...sizes)), sizes);
    for (const { index, cp, hash, toBeSigned } of parsed) {
      const seq = Math.min(cp.size, records.length) - 1;
      try {
        if (cp.size > records.length) {
          return {
            seq: records.length,
            code: 'LEDGER_TRUNCATED',
            message: `checkpoint ${index} covers ${cp.size} records, the ledger has ${records.length}`,
            checkpoint: index,
          };
        }
        await checkSignature(cp.actor, cp.at, toBeSigned, cp.sig, 'BAD_CHECKPOINT_SIGNATURE', null);
        if (roots.get(cp.size) !== cp.root)
          fail(
            'CHECKPOINT_MISMATCH',
            `root of the first ${cp.size} records is ${roots.get(cp.size)}, the checkpoint says ${cp.root}`,
          );
        const recorded = recordedCheckpoints.get(cp.size);
        if (recorded !== undefined && recorded !== hash)
          fail(
            'CHECKPOINT_MISMATCH',
            `the ledger records checkpoint ${recorded} for size ${cp.size}, this one is ${hash}`,
          );
        covered = Math.max(covered, cp.size);
      } catch (error) {
        if (!(error instanceof Failure)) throw error;
        return {
          seq,
          code: error.code,
          message: `checkpoint ${index}: ${error.message}`,
          checkpoint: index,
        };
      }
    }
    return null;
  }

  async function rootsAt(
    leaves: readonly Uint8Array[],
    sizes: readonly number[],
  ): Promise<Map<number, string>> {
    const wanted = new Set(sizes);
    const out = new Map<number, string>();
    const a = new MerkleAccumulator(sha256);
    const max = Math.max(0, ...sizes);
    for (let n = 0; n < max; n++) {
      await a.append(leaves[n]!);
      if (wanted.has(n + 1)) out.set(n + 1, toHex(await a.root()));
    }
    return out;
  }
}

async function rootOfPrefix(
  sha256: (d: Uint8Array) => Uint8Array | Promise<Uint8Array>,
  leaves: readonly Uint8Array[],
  size: number,
): Promise<Uint8Array> {
  const a = new MerkleAccumulator(sha256);
  for (let n = 0; n < size; n++) await a.append(leaves[n]!);
  return a.root();
}

/** Parses a hex record hash for `verifyInclusion` and friends; `null` if it is not 64 hex digits. */
export function hashBytes(hex: string): Uint8Array | null {
  return hex.length === 64 ? fromHex(hex) : null;
}

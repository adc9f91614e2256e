import canonicalize from 'canonicalize';
import { fromBase64, fromHex, toHex, utf8Decode } from './bytes';
import { jsonProblem, MAX_RECORD_BYTES } from './canonical';
import {
  checkpointToBeSigned,
  recordToBeSigned,
  ZERO_HASH,
  type CertificateInfo,
  type CustodyCrypto,
} from './hash';
import { leafHash, MerkleAccumulator } from './merkle';
import {
  CheckpointV1,
  describeIssues,
  LedgerRecordV1,
  type Checkpoint,
  type LedgerRecord,
} from './record';

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

/** `ledger.jsonl` as text, as bytes (preferred: exact bytes), or as complete lines without "\n". */
export type LedgerInput = string | Uint8Array | readonly string[];

interface Segment {
  readonly text: string | null;
  readonly bytes: number;
  readonly complete: boolean;
}

function splitInput(input: LedgerInput): Segment[] {
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

/** Parses one canonical JSON line: JSON, plain and bounded, and byte-identical to its JCS. */
function parseCanonical(text: string, isLast: boolean): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    fail(isLast ? 'TORN_RECORD' : 'MALFORMED_RECORD', 'the line is not JSON');
  }
  const problem = jsonProblem(value);
  if (problem !== null) fail('MALFORMED_RECORD', problem);
  let canonical: string | undefined;
  try {
    canonical = canonicalize(value);
  } catch {
    fail('NOT_CANONICAL', 'the line cannot be canonicalised (RFC 8785)');
  }
  if (canonical !== text) fail('NOT_CANONICAL', 'the line is not in RFC 8785 canonical form');
  return value;
}

function utcMs(at: string): number {
  return Date.parse(at);
}

/**
 * Verifies a custody ledger (FORMAT.md §9). Never throws for a bad ledger: the first failing
 * record is reported in `firstBad`; crypto errors are reported as the check they belong to.
 */
export async function verifyLedger(
  input: LedgerInput,
  options: VerifyLedgerOptions,
): Promise<LedgerVerification> {
  const { crypto } = options;
  const sha256 = (data: Uint8Array) => crypto.sha256(data);
  const warnings: LedgerWarning[] = [];
  const records: VerifiedRecord[] = [];
  const leaves: Uint8Array[] = [];
  const acc = new MerkleAccumulator(sha256);

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
   * The signer checks (known, trusted, valid at the time) run at once; the RSA verification is
   * started and its result returned as a promise, so several can run at the same time.
   */
  async function startSignatureCheck(
    actor: { name: string; cert: string },
    at: string,
    data: Uint8Array,
    sig: string,
    badSignature: LedgerFailureCode,
    seq: number | null,
  ): Promise<{ readonly valid: Promise<boolean> }> {
    const signer = await resolveSigner(actor.cert);
    if (!signer.ok) fail(signer.code, signer.message);
    const t = utcMs(at);
    for (const [who, w] of [
      ['certificate', signer.info],
      ['issuing CA certificate', signer.issuer],
    ] as const) {
      if (t < w.notBefore || t > w.notAfter) {
        fail(
          'CERT_INVALID_AT_TIME',
          `the signer's ${who} is not valid at ${at} (valid ${new Date(w.notBefore).toISOString()} to ${new Date(w.notAfter).toISOString()})`,
        );
      }
    }
    if (!namesChecked.has(actor.cert)) {
      namesChecked.add(actor.cert);
      const cn = signer.info.subjectCommonName;
      if (cn !== null && cn !== actor.name) {
        warnings.push({
          seq,
          code: 'ACTOR_NAME_MISMATCH',
          message: `actor name "${actor.name}" differs from the certificate's commonName "${cn}"`,
        });
      }
    }
    const signature = fromBase64(sig);
    if (signature === null) fail(badSignature, 'the signature is not canonical base64');
    // Wrapped in an object: an async function returning a bare promise would wait for it.
    return {
      valid: Promise.resolve()
        .then(() => crypto.verifyRsaSha256(signer.der, data, signature))
        .then(
          (valid) => valid === true,
          () => false,
        ),
    };
  }

  async function checkSignature(
    actor: { name: string; cert: string },
    at: string,
    data: Uint8Array,
    sig: string,
    badSignature: LedgerFailureCode,
    seq: number | null,
  ): Promise<void> {
    const started = await startSignatureCheck(actor, at, data, sig, badSignature, seq);
    const valid = await started.valid;
    if (!valid) fail(badSignature, 'the RSASSA-PKCS1-v1_5/SHA-256 signature does not verify');
  }

  /**
   * Record signatures in flight (in seq order). They are settled in windows; the first that
   * fails ends verification at its record, whatever was checked after it.
   */
  const inFlight: { seq: number; valid: Promise<boolean> }[] = [];
  const SIGNATURE_WINDOW = 64;
  async function settleSignatures(): Promise<number | null> {
    const batch = inFlight.splice(0, inFlight.length);
    const results = await Promise.all(batch.map((b) => b.valid));
    const bad = results.indexOf(false);
    return bad === -1 ? null : batch[bad]!.seq;
  }

  const segments = splitInput(input);
  const transfers = new Map<string, { to: string; accepted: boolean; seq: number }>();
  const recordedCheckpoints = new Map<number, string>();
  let prevHash = ZERO_HASH;
  let prevAt = -Infinity;
  let firstBad: LedgerFailure | null = null;

  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const isLast = i === segments.length - 1;
    try {
      if (!seg.complete) fail('TORN_RECORD', 'the last line has no newline (an interrupted write)');
      if (seg.bytes > MAX_RECORD_BYTES)
        fail('MALFORMED_RECORD', `the line is longer than ${MAX_RECORD_BYTES} bytes`);
      if (seg.text === null)
        fail(isLast ? 'TORN_RECORD' : 'MALFORMED_RECORD', 'the line is not valid UTF-8');
      if (seg.text === '') fail('MALFORMED_RECORD', 'empty line');
      const value = parseCanonical(seg.text, isLast);
      const parsed = LedgerRecordV1.safeParse(value);
      if (!parsed.success) fail('MALFORMED_RECORD', describeIssues(parsed.error));
      const record = parsed.data;
      if (record.seq !== i) fail('SEQ_GAP', `expected seq ${i}, found seq ${record.seq}`);
      if (record.prev !== prevHash)
        fail('CHAIN_BROKEN', `prev is ${record.prev}, the hash of seq ${i - 1} is ${prevHash}`);
      if ((i === 0) !== (record.action === 'case.created')) {
        fail(
          'MALFORMED_RECORD',
          i === 0 ? 'the first record is not case.created' : 'case.created after seq 0',
        );
      }
      const canonicalUnsigned = canonicalize(withoutSig(value as LedgerRecord))!;
      const toBeSigned = recordToBeSigned(canonicalUnsigned);
      const hashBytes = await sha256(toBeSigned);
      const hash = toHex(hashBytes);
      inFlight.push({
        seq: i,
        valid: (
          await startSignatureCheck(
            record.actor,
            record.at,
            toBeSigned,
            record.sig,
            'BAD_SIGNATURE',
            i,
          )
        ).valid,
      });

      switch (record.action) {
        case 'custody.transferred': {
          const to = (record.details as { to: { cert: string } }).to.cert;
          transfers.set(hash, { to, accepted: false, seq: i });
          break;
        }
        case 'custody.accepted': {
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
          const d = record.details as { size: number; root: string; checkpoint: string };
          if (d.size > i)
            fail(
              'CHECKPOINT_MISMATCH',
              `checkpoint size ${d.size} is beyond the records before it`,
            );
          const root = toHex(
            d.size === i ? await acc.root() : await rootOfPrefix(sha256, leaves, d.size),
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

      const t = utcMs(record.at);
      if (t < prevAt)
        warnings.push({
          seq: i,
          code: 'CLOCK_BACKWARDS',
          message: `time ${record.at} is earlier than the previous record's`,
        });
      prevAt = t;
      prevHash = hash;
      const leaf = await leafHash(sha256, hashBytes);
      leaves.push(leaf);
      await acc.append(leaf);
      records.push({ seq: i, hash, record });
      if (inFlight.length >= SIGNATURE_WINDOW) {
        const badSeq = await settleSignatures();
        if (badSeq !== null) {
          firstBad = badSignatureAt(badSeq);
          break;
        }
      }
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      // A signature of an earlier record that fails comes first.
      const badSeq = await settleSignatures();
      firstBad =
        badSeq !== null
          ? badSignatureAt(badSeq)
          : { seq: i, code: error.code, message: error.message };
      break;
    }
  }
  if (firstBad === null) {
    const badSeq = await settleSignatures();
    if (badSeq !== null) firstBad = badSignatureAt(badSeq);
  }
  inFlight.length = 0;
  let rootNow: Uint8Array | null = null;
  if (firstBad !== null && firstBad.code === 'BAD_SIGNATURE' && records.length > firstBad.seq) {
    // Records after the bad one were looked at before its signature was known: drop them.
    const k = firstBad.seq;
    records.length = k;
    leaves.length = k;
    for (let w = warnings.length - 1; w >= 0; w--) {
      const seq = warnings[w]!.seq;
      if (seq !== null && seq >= k) warnings.splice(w, 1);
    }
    rootNow = await rootOfPrefix(sha256, leaves, k);
  }

  function badSignatureAt(seq: number): LedgerFailure {
    return {
      seq,
      code: 'BAD_SIGNATURE',
      message: 'the RSASSA-PKCS1-v1_5/SHA-256 signature does not verify',
    };
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
    root: toHex(rootNow ?? (await acc.root())),
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
        const result = CheckpointV1.safeParse(value);
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
    const roots = await rootsAt(parsed.map((p) => p.cp.size).filter((s) => s <= leaves.length));
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

  async function rootsAt(sizes: readonly number[]): Promise<Map<number, string>> {
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

import { createHash } from 'node:crypto';
import { mkdir, open, readFile, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CHECKPOINTS_DIR,
  LEDGER_FILE_NAME,
  LedgerRecordV1,
  MerkleAccumulator,
  checkpointFileName,
  finishCheckpoint,
  finishRecord,
  fromHex,
  leafHash,
  prepareCheckpoint,
  prepareRecord,
  toHex,
  type Checkpoint,
  type LedgerAction,
  type LedgerRecord,
  type PrevRef,
  type SubjectRef,
} from '../../../shared/custody';
import { CustodyError } from '../../../shared/errors';
import { fsyncDir, writeFileDurably } from '../fs/atomic';
import { storeSignerCertificates } from './case-certs';
import { withLedgerLock } from './ledger-lock';

/** What signs: the unlocked examiner identity (electron/services/identity) fits this shape. */
export interface LedgerSigner {
  readonly name: string;
  readonly certSha256: string;
  readonly certificateDer: Uint8Array;
  readonly chainDer: readonly Uint8Array[];
  /** The certificate's validity period: a record dated outside it is refused, not written. */
  readonly notBefore: Date;
  readonly notAfter: Date;
  sign(data: Uint8Array): Uint8Array;
}

export interface LedgerDeps {
  readonly now: () => Date;
  readonly toolVersion: string;
}

export interface AppendRequest {
  readonly action: LedgerAction;
  readonly subject?: SubjectRef;
  readonly reason: string;
  readonly details?: Record<string, unknown>;
  readonly tool?: Record<string, string>;
}

/** A torn last line found on open, moved to quarantine/ and recorded. */
export interface Recovery {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

export const QUARANTINE_DIR = 'quarantine';

const sha256 = (data: Uint8Array): Uint8Array => createHash('sha256').update(data).digest();

function ledgerIo(path: string, error: unknown, doing: string): CustodyError {
  const reason = error instanceof Error ? error.message : String(error);
  return new CustodyError('CUSTODY_IO', `${path}: ${doing} failed (${reason})`, {
    where: path,
    cause: error,
  });
}

/**
 * Appends signed records to a case's `ledger.jsonl` (shared/custody/FORMAT.md). Appends are
 * serialised in this process and across processes (a lock file); each record is written whole
 * and fsynced before `append` resolves. Opening repairs a torn last line: its bytes go to
 * `quarantine/`, the ledger is cut back to the last whole record, and a `ledger.recovered`
 * record says so.
 */
export class CustodyLedger {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly introduced = new Set<string>();

  private constructor(
    readonly caseDir: string,
    private readonly deps: LedgerDeps,
    private last: PrevRef | null,
    private readonly tree: MerkleAccumulator,
    introduced: Iterable<string>,
  ) {
    for (const cert of introduced) this.introduced.add(cert);
  }

  get path(): string {
    return join(this.caseDir, LEDGER_FILE_NAME);
  }

  /** Records in the ledger. */
  get size(): number {
    return this.last === null ? 0 : this.last.seq + 1;
  }

  get head(): PrevRef | null {
    return this.last;
  }

  /**
   * Opens (or starts) the ledger of `caseDir`. A torn tail is quarantined and recorded with
   * `signer`'s key; the returned `recovery` says what was found.
   */
  static async open(
    caseDir: string,
    deps: LedgerDeps,
    signer: LedgerSigner,
  ): Promise<{ ledger: CustodyLedger; recovery: Recovery | null }> {
    return withLedgerLock(caseDir, async () => {
      const path = join(caseDir, LEDGER_FILE_NAME);
      let bytes: Uint8Array;
      try {
        bytes = await readFile(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw ledgerIo(path, error, 'reading the ledger');
        }
        bytes = new Uint8Array(0);
      }
      const lastNewline = bytes.lastIndexOf(0x0a);
      const wholeEnd = lastNewline + 1;
      const torn = bytes.subarray(wholeEnd);
      const { last, tree, introduced } = await CustodyLedger.scan(
        path,
        bytes.subarray(0, wholeEnd),
      );
      const ledger = new CustodyLedger(caseDir, deps, last, tree, introduced);
      let recovery: Recovery | null = null;
      if (torn.length > 0) {
        recovery = await ledger.quarantineTail(torn, wholeEnd);
        await ledger.appendLocked(signer, {
          action: 'ledger.recovered',
          reason:
            'an incomplete last record (a write cut short) was found when the ledger was opened',
          details: {
            quarantine: { file: recovery.file, sha256: recovery.sha256, bytes: recovery.bytes },
          },
        });
      }
      return { ledger, recovery };
    });
  }

  /** Reads the whole records: the last one's seq and hash, the Merkle state, known signers. */
  private static async scan(
    path: string,
    whole: Uint8Array,
  ): Promise<{ last: PrevRef | null; tree: MerkleAccumulator; introduced: Set<string> }> {
    const tree = new MerkleAccumulator(sha256);
    const introduced = new Set<string>();
    let last: PrevRef | null = null;
    const text = new TextDecoder('utf-8', { fatal: false }).decode(whole);
    let lineNo = 0;
    for (const line of text.split('\n')) {
      if (line === '') continue;
      lineNo++;
      let record: LedgerRecord;
      try {
        record = LedgerRecordV1.parse(JSON.parse(line));
      } catch {
        throw new CustodyError(
          'CUSTODY_LEDGER_INVALID',
          `${path}:${lineNo}: not a valid ledger record; run \`sealcase ledger verify\` — nothing is appended to a damaged ledger`,
          { where: `${path}:${lineNo}` },
        );
      }
      const { sig: _sig, ...unsigned } = record;
      const prepared = await prepareRecord(
        last,
        {
          at: unsigned.at,
          actor: unsigned.actor,
          action: unsigned.action,
          subject: unsigned.subject,
          reason: unsigned.reason,
          details: unsigned.details,
          tool: unsigned.tool,
        },
        sha256,
      );
      if (prepared.value.seq !== record.seq || prepared.value.prev !== record.prev) {
        throw new CustodyError(
          'CUSTODY_LEDGER_INVALID',
          `${path}:${lineNo}: record ${record.seq} does not follow record ${last?.seq ?? 'none'}; run \`sealcase ledger verify\``,
          { where: `${path}:${lineNo}` },
        );
      }
      last = { seq: record.seq, hash: prepared.hash };
      await tree.append(await leafHash(sha256, fromHex(prepared.hash)!));
      if (record.action === 'examiner.added') introduced.add(record.actor.cert);
    }
    return { last, tree, introduced };
  }

  private async quarantineTail(torn: Uint8Array, wholeEnd: number): Promise<Recovery> {
    const digest = toHex(sha256(torn));
    const dir = join(this.caseDir, QUARANTINE_DIR);
    const name = `ledger-tail-${digest}.bin`;
    const target = join(dir, name);
    try {
      await mkdir(dir, { recursive: true });
      const exists = await stat(target).then(
        () => true,
        () => false,
      );
      // Same bytes, same name: a crash after quarantining and before cutting is repaired again.
      if (!exists) {
        await writeFileDurably(`${target}.tmp-${process.pid}`, target, torn);
      }
      await truncate(this.path, wholeEnd);
      const handle = await open(this.path, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw ledgerIo(this.path, error, 'quarantining a torn last record');
    }
    return { file: `${QUARANTINE_DIR}/${name}`, bytes: torn.length, sha256: digest };
  }

  /**
   * Appends one record signed by `signer`; resolves when it is on disk. A signer new to this
   * ledger is introduced first with an `examiner.added` record carrying its certificate.
   */
  append(signer: LedgerSigner, request: AppendRequest): Promise<LedgerRecord> {
    const run = this.queue.then(() =>
      withLedgerLock(this.caseDir, () => this.appendLocked(signer, request)),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Signs a tree head over every record so far, stores it and records `checkpoint.signed`. */
  checkpoint(signer: LedgerSigner, reason: string): Promise<Checkpoint> {
    const run = this.queue.then(() =>
      withLedgerLock(this.caseDir, () => this.checkpointLocked(signer, reason)),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async appendLocked(signer: LedgerSigner, request: AppendRequest): Promise<LedgerRecord> {
    if (this.introduced.has(signer.certSha256) || request.action === 'examiner.added') {
      return this.writeRecord(signer, request);
    }
    await storeSignerCertificates(this.caseDir, signer);
    // A case's first record is case.created; its creator is introduced right after it.
    if (request.action === 'case.created') {
      const record = await this.writeRecord(signer, request);
      await this.introduce(signer);
      return record;
    }
    await this.introduce(signer);
    return this.writeRecord(signer, request);
  }

  private async introduce(signer: LedgerSigner): Promise<void> {
    await this.writeRecord(signer, {
      action: 'examiner.added',
      reason: `${signer.name} signs records of this case`,
      details: {
        examiner: { name: signer.name, cert: signer.certSha256 },
        certificate: Buffer.from(signer.certificateDer).toString('base64'),
      },
    });
  }

  private async writeRecord(signer: LedgerSigner, request: AppendRequest): Promise<LedgerRecord> {
    const at = this.deps.now();
    if (at < signer.notBefore || at > signer.notAfter) {
      throw new CustodyError(
        'CUSTODY_SIGNER_INVALID',
        `${signer.name}'s certificate is valid from ${signer.notBefore.toISOString()} to ${signer.notAfter.toISOString()}, not at ${at.toISOString()}`,
      );
    }
    const prepared = await prepareRecord(
      this.last,
      {
        at: at.toISOString(),
        actor: { name: signer.name, cert: signer.certSha256 },
        action: request.action,
        subject: request.subject ?? {},
        reason: request.reason,
        details: request.details ?? {},
        tool: { sealcase: this.deps.toolVersion, ...request.tool },
      },
      sha256,
    );
    const { record, line } = finishRecord(prepared, signer.sign(prepared.toBeSigned));
    const data = Buffer.from(line, 'utf8');
    let handle;
    try {
      handle = await open(this.path, 'a', 0o644);
    } catch (error) {
      throw ledgerIo(this.path, error, 'opening the ledger');
    }
    try {
      const before = (await handle.stat()).size;
      try {
        await handle.write(data, 0, data.length);
        await handle.sync();
      } catch (error) {
        // Never leave a partial record: cut back to where this append began.
        await handle.truncate(before).catch(() => undefined);
        await handle.sync().catch(() => undefined);
        throw error;
      }
    } catch (error) {
      throw ledgerIo(this.path, error, 'appending a record');
    } finally {
      await handle.close();
    }
    if (this.last === null) await fsyncDir(this.caseDir);
    this.last = { seq: record.seq, hash: prepared.hash };
    await this.tree.append(await leafHash(sha256, fromHex(prepared.hash)!));
    if (record.action === 'examiner.added') this.introduced.add(record.actor.cert);
    return record;
  }

  private async checkpointLocked(signer: LedgerSigner, reason: string): Promise<Checkpoint> {
    if (this.last === null) {
      throw new CustodyError('CUSTODY_RECORD_INVALID', 'an empty ledger has no checkpoint');
    }
    const size = this.tree.size;
    const root = toHex(await this.tree.root());
    const prepared = await prepareCheckpoint(
      {
        size,
        root,
        at: this.deps.now().toISOString(),
        actor: { name: signer.name, cert: signer.certSha256 },
      },
      sha256,
    );
    const { checkpoint, text } = finishCheckpoint(prepared, signer.sign(prepared.toBeSigned));
    const dir = join(this.caseDir, CHECKPOINTS_DIR);
    const file = join(this.caseDir, checkpointFileName(size));
    try {
      await mkdir(dir, { recursive: true });
      await writeFileDurably(`${file}.tmp-${process.pid}`, file, text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new CustodyError('CUSTODY_IO', `${file}: a checkpoint of this size exists`, {
          where: file,
        });
      }
      throw ledgerIo(file, error, 'writing a checkpoint');
    }
    await this.appendLocked(signer, {
      action: 'checkpoint.signed',
      reason,
      details: { size, root, checkpoint: prepared.hash },
    });
    return checkpoint;
  }
}

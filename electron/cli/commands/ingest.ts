import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { IntakeError, isSealcaseError, type IntakeErrorCode } from '../../../shared/errors';
import {
  IntakeService,
  JsonlAcquisitionRecorder,
  type AcquisitionRecorder,
} from '../../services/intake';
import {
  MultiHasher,
  nodeVaultFs,
  readError,
  type HashAlgorithm,
  type MultiHashOptions,
  type VaultFs,
} from '../../services/vault';
import { resolve } from 'node:path';
import { readCaseFolder } from '../../services/cases';
import {
  CustodyLedger,
  LedgerAcquisitionRecorder,
  recordCaseCreated,
} from '../../services/custody';
import type { UnlockedIdentity } from '../../services/identity';
import { CliExit, EXIT, type CliIo, type ExitCode } from '../io';
import { terminalPrompt, type PassphrasePrompt } from '../passphrase';
import { unlockIdentityFile } from '../unlock-identity';
import { ProgressBar, stderrSink, type ProgressSink } from '../progress';

export interface IngestDeps {
  readonly version: string;
  readonly now?: () => Date;
  readonly uuid?: () => string;
  readonly fs?: VaultFs;
  readonly hashing?: MultiHashOptions;
  readonly progress?: ProgressSink;
  /** Replaces the ledger recorder (tests); by default acquisitions are signed into the ledger. */
  readonly recorder?: (caseDir: string) => AcquisitionRecorder;
  /** Where the identity's passphrase is asked when SEALCASE_PASSPHRASE is not set. */
  readonly prompt?: PassphrasePrompt;
  /** Cancels the intake (SIGINT in the real CLI). */
  readonly signal?: AbortSignal;
}

export interface IngestOptions {
  readonly source?: string;
  readonly receivedFrom?: string;
  readonly note?: string;
  readonly identity: string;
}

/** Verification failures are findings (1); everything else is unusable input or case (2). */
function exitCodeFor(code: IntakeErrorCode): ExitCode {
  switch (code) {
    case 'INTAKE_VERIFY_MISMATCH':
    case 'INTAKE_VAULT_CORRUPT':
      return EXIT.findings;
    case 'INTAKE_INPUT_NOT_FOUND':
    case 'INTAKE_INPUT_UNREADABLE':
    case 'INTAKE_INPUT_UNSUPPORTED':
    case 'INTAKE_SOURCE_CHANGED':
    case 'INTAKE_NOT_WRITABLE':
    case 'INTAKE_DISK_FULL':
    case 'INTAKE_IO':
    case 'INTAKE_CASE_INVALID':
    case 'INTAKE_CANCELLED':
    case 'INTAKE_RECORD_FAILED':
    case 'INTAKE_HASH_WORKER':
    case 'INTAKE_INVALID_PROVENANCE':
      return EXIT.usage;
  }
}

/** `sealcase ingest DIR FILE... [--source T] [--received-from T] [--note T] [--identity P12]` */
export async function ingest(
  io: CliIo,
  dir: string,
  inputs: readonly string[],
  options: IngestOptions,
  deps: IngestDeps,
): Promise<void> {
  const caseDir = resolve(io.cwd, dir);
  const fs = deps.fs ?? nodeVaultFs;
  const now = deps.now ?? (() => new Date());
  const identity = await unlockIdentityFile(
    io,
    deps.prompt ?? terminalPrompt(),
    options.identity,
    now(),
  );
  try {
    await ingestSigned(io, caseDir, inputs, options, deps, fs, now, identity);
  } finally {
    identity.lock();
  }
}

async function ingestSigned(
  io: CliIo,
  caseDir: string,
  inputs: readonly string[],
  options: IngestOptions,
  deps: IngestDeps,
  fs: VaultFs,
  now: () => Date,
  identity: UnlockedIdentity,
): Promise<void> {
  const index = new JsonlAcquisitionRecorder(caseDir, now, fs);
  let ledger: CustodyLedger | null = null;
  const recorder: AcquisitionRecorder =
    deps.recorder?.(caseDir) ??
    (await (async () => {
      const caseFile = await readCaseFolder(caseDir);
      const opened = await CustodyLedger.open(
        caseDir,
        { now, toolVersion: deps.version },
        identity,
      );
      if (opened.recovery !== null) {
        io.err(
          `sealcase: the ledger had an incomplete last record (${opened.recovery.bytes} bytes); it was moved to ${opened.recovery.file} and recorded\n`,
        );
      }
      if (opened.ledger.size === 0) {
        await recordCaseCreated(
          opened.ledger,
          caseFile,
          identity,
          'ledger started at the first signed action',
        );
      }
      ledger = opened.ledger;
      return new LedgerAcquisitionRecorder(opened.ledger, identity, index);
    })());
  const service = new IntakeService({
    caseDir,
    recorder,
    now,
    uuid: deps.uuid ?? randomUUID,
    toolVersion: deps.version,
    fs,
    acquiredBy: identity.name,
    ...(deps.hashing === undefined ? {} : { hashing: deps.hashing }),
  });
  const bar = new ProgressBar(deps.progress ?? stderrSink());
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  deps.signal?.addEventListener('abort', onSigint, { once: true });
  if (deps.signal === undefined) process.once('SIGINT', onSigint);
  try {
    const result = await service.ingest({
      inputs,
      cwd: io.cwd,
      source: options.source,
      receivedFrom: options.receivedFrom,
      note: options.note,
      signal: controller.signal,
      onProgress: (p) => bar.update(p),
      onWarning: (w) => {
        bar.clear();
        io.err(`sealcase: warning: ${w.message}\n`);
      },
      onCleanup: (report) => {
        if (report.removed.length === 0) return;
        const total = report.removed.reduce((n, e) => n + e.size, 0);
        io.err(
          `sealcase: removed ${report.removed.length} temp file(s) (${total} bytes) left by an interrupted intake: ${report.removed.map((e) => e.path).join(', ')}\n`,
        );
      },
    });
    bar.clear();
    if (ledger !== null && result.artefacts.length > 0) {
      await (ledger as CustodyLedger).checkpoint(identity, 'intake batch completed');
    }
    for (const a of result.artefacts) {
      if (a.entry === 'file') io.out(`${a.digests.sha256}  ${a.original.path}\n`);
      else io.out(`symlink  ${a.original.path} -> ${a.target}\n`);
    }
    const files = result.artefacts.filter((a) => a.entry === 'file').length;
    io.err(
      `sealcase: ingested ${files} file(s) (${result.blobsCreated} new in the vault), ${result.artefacts.length - files} symlink(s) recorded, ${result.warnings.length} warning(s)\n`,
    );
  } catch (error) {
    bar.clear();
    if (error instanceof IntakeError) throw new CliExit(exitCodeFor(error.code), error.message);
    if (isSealcaseError(error)) throw new CliExit(EXIT.usage, error.message);
    throw error;
  } finally {
    process.removeListener('SIGINT', onSigint);
    deps.signal?.removeEventListener('abort', onSigint);
  }
}

/**
 * `sealcase hash FILE... [--algorithms md5,sha1,sha256] [--json]`: the intake's one-read hashing
 * without storing anything (hidden; used by `tests/bench/hash.mjs` against the built CLI).
 */
export async function hashFiles(
  io: CliIo,
  files: readonly string[],
  options: { algorithms: string; json?: boolean },
  deps: IngestDeps,
): Promise<void> {
  const wanted = options.algorithms.split(',').map((a) => a.trim());
  const known: readonly HashAlgorithm[] = ['md5', 'sha1', 'sha256'];
  const algorithms = known.filter((a) => wanted.includes(a));
  if (algorithms.length === 0 || algorithms.length !== wanted.length) {
    throw new CliExit(EXIT.usage, `--algorithms: choose from ${known.join(',')}`);
  }
  // MD5 alone on one worker, the SHAs on the other (see multi-hash.ts); one worker if one algorithm.
  const groups: HashAlgorithm[][] = [
    algorithms.filter((a) => a === 'md5'),
    algorithms.filter((a) => a !== 'md5'),
  ].filter((g) => g.length > 0);
  const hasher = await MultiHasher.create({ ...deps.hashing, groups });
  try {
    for (const file of files) {
      const path = resolve(io.cwd, file);
      let handle: Awaited<ReturnType<VaultFs['open']>>;
      try {
        handle = await (deps.fs ?? nodeVaultFs).open(path, 'r');
      } catch (error) {
        throw new CliExit(EXIT.usage, readError(error, path, 'opening').message);
      }
      try {
        const started = performance.now();
        const size = (await handle.stat()).size;
        const result = await hasher.pump({
          expectedSize: size,
          read: async (view, position) =>
            (await handle.read(view, 0, view.length, position)).bytesRead,
        });
        const seconds = (performance.now() - started) / 1000;
        if (options.json === true) {
          io.out(
            `${JSON.stringify({ path, bytes: result.bytes, seconds, mode: result.mode, digests: result.digests, maxRssKiB: process.resourceUsage().maxRSS })}\n`,
          );
        } else {
          io.out(`${algorithms.map((a) => result.digests[a]).join('  ')}  ${path}\n`);
        }
      } finally {
        await handle.close();
      }
    }
  } finally {
    await hasher.close();
  }
}

/** Adds `ingest` (and the hidden `hash`) to the program (called from `program.ts`). */
export function registerIngestCommands(program: Command, io: CliIo, deps: IngestDeps): void {
  program
    .command('hash', { hidden: true })
    .description(
      'MD5, SHA-1 and SHA-256 of files in one read, as intake computes them; stores nothing',
    )
    .argument('<FILE...>', 'files to hash')
    .option('--algorithms <LIST>', 'comma-separated: md5,sha1,sha256', 'md5,sha1,sha256')
    .option('--json', 'one JSON line per file with timing and peak memory')
    .exitOverride()
    .action(async (files: string[], options: { algorithms: string; json?: boolean }) =>
      hashFiles(io, files, options, deps),
    );
  program
    .command('ingest')
    .description(
      'copy files or folders into the case vault with MD5, SHA-1 and SHA-256, and record each acquisition',
    )
    .argument('<DIR>', 'the case folder')
    .argument(
      '<FILE...>',
      'files or folders to ingest (folders are walked; symlinks recorded, not followed)',
    )
    .option('--source <TEXT>', 'where the evidence came from (medium, system, location)')
    .option(
      '--received-from <TEXT>',
      'from whom it was received, e.g. "ISP reply from X via LE portal, ref 123"',
    )
    .option('--note <TEXT>', 'a free note kept with each acquisition')
    .requiredOption(
      '--identity <FILE.p12>',
      'examiner identity that signs each artefact.acquired record (passphrase: SEALCASE_PASSPHRASE or a prompt)',
    )
    .exitOverride()
    .action(async (dir: string, files: string[], options: IngestOptions) =>
      ingest(io, dir, files, options, deps),
    );
}

import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { isSealcaseError } from '../../../shared/errors';
import type { ExportDeps } from '../../services/export';
import { CliExit, EXIT, type CliIo } from '../io';
import { terminalPrompt, type PassphrasePrompt } from '../passphrase';
import { stderrSink, type ProgressSink } from '../progress';
import { unlockIdentityFile } from '../unlock-identity';

export interface ExportCommandDeps {
  readonly version: string;
  readonly prompt?: PassphrasePrompt;
  readonly progress?: ProgressSink;
  /** Overrides of the export's deps (tests inject the verifier page, clock, …). */
  readonly export?: Partial<ExportDeps>;
}

export interface ExportCommandOptions {
  readonly out: string;
  readonly zip?: boolean;
  readonly identity: string;
  readonly pageSize?: string;
  readonly attachOriginals?: boolean;
  readonly events?: string;
  readonly redact?: boolean;
  /** Comma-separated field list for --redact (default: shared/interchange's list). */
  readonly withhold?: string;
}

/** `--redact [--withhold F,…]` as the export's `redact` option; --withhold alone is a usage error. */
function redactOption(options: ExportCommandOptions): { redact?: { fields?: string[] } } {
  if (options.redact !== true) {
    if (options.withhold !== undefined) {
      throw new CliExit(EXIT.usage, 'export failed: --withhold needs --redact');
    }
    return {};
  }
  if (options.withhold === undefined) return { redact: {} };
  const fields = options.withhold
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if (fields.length === 0)
    throw new CliExit(EXIT.usage, 'export failed: --withhold names no field');
  return { redact: { fields } };
}

/** `sealcase export DIR --out PKG [--zip] --identity FILE.p12 …`: one line on success or failure. */
export async function exportCommand(
  io: CliIo,
  dir: string,
  options: ExportCommandOptions,
  deps: ExportCommandDeps,
): Promise<void> {
  // Loaded here, not at the top: pdf-lib, fontkit and pkijs cost ≈0.5 s of every CLI start.
  const { exportPackage, loadVerifierPage } = await import('../../services/export');
  const { loadReportFonts } = await import('../../services/export/report-fonts');
  const { signManifest, signPdf } = await import('../../services/signing');
  const sink = deps.progress ?? stderrSink();
  const now = deps.export?.now ?? (() => new Date());
  let drawn = false;
  try {
    const redact = redactOption(options);
    const identity = await unlockIdentityFile(
      io,
      deps.prompt ?? terminalPrompt(),
      options.identity,
      now(),
    );
    try {
      const result = await exportPackage(
        resolve(io.cwd, dir),
        {
          out: resolve(io.cwd, options.out),
          ...(options.zip === true ? { zip: true } : {}),
          ...(options.pageSize === undefined
            ? {}
            : { pageSize: options.pageSize as 'a4' | 'letter' }),
          ...(options.attachOriginals === true ? { attachOriginals: true } : {}),
          ...(options.events === undefined
            ? {}
            : { events: options.events as 'bookmarked' | 'all' }),
          ...redact,
        },
        identity,
        {
          now,
          randomBytes: (n) => new Uint8Array(randomBytes(n)),
          toolVersion: deps.version,
          fonts: () => loadReportFonts(),
          verifierPage: () => loadVerifierPage(),
          signPdf,
          signManifest,
          onProgress: (stage, done, total) => {
            if (!sink.isTTY) return;
            sink.write(`\r\x1b[2Kexport: ${stage} ${done}/${total}`);
            drawn = true;
          },
          ...deps.export,
        },
      );
      if (drawn) sink.write('\r\x1b[2K');
      const derived =
        result.redaction === null
          ? ''
          : `; redacted derivative of ${result.redaction.fullPackage.manifestSha256}, salt kept in ${result.redaction.saltFile}`;
      io.out(
        `${result.path}: package ${result.packageId}, ${result.files} files, ${result.bytes} bytes, ${result.events} events; manifest SHA-256 ${result.manifestSha256}${derived}\n`,
      );
      for (const w of result.warnings) io.err(`warning: ${w}\n`);
    } finally {
      identity.lock();
    }
  } catch (error) {
    if (drawn) sink.write('\r\x1b[2K');
    if (error instanceof CliExit) throw error;
    const message = isSealcaseError(error)
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
    throw new CliExit(EXIT.usage, `export failed: ${message}`);
  }
}

export function registerExportCommand(program: Command, io: CliIo, deps: ExportCommandDeps): void {
  program
    .command('export')
    .description('write the case DIR as a signed evidence package (BagIt folder or zip)')
    .argument('<DIR>', 'the case folder')
    .requiredOption('--out <PKG>', 'the package folder to create (with --zip: the .zip file)')
    .option('--zip', 'write one zip file instead of a folder')
    .requiredOption('--identity <FILE.p12>', 'examiner identity that signs the package')
    .option('--page-size <SIZE>', 'report page size: a4 or letter', 'a4')
    .option('--attach-originals', 'embed the originals in the PDF report as attachments')
    .option('--events <WHICH>', "report timeline: 'bookmarked' or 'all' events", 'all')
    .option(
      '--redact',
      "write a redacted derivative of the case's latest full export: withheld fields become salted commitments, originals are left out",
    )
    .option(
      '--withhold <FIELDS>',
      'with --redact: comma-separated fields to withhold (default user,subscriber,callingStationId,mac,hostname,from,to,for,identity.*)',
    )
    .exitOverride()
    .action(async (dir: string, options: ExportCommandOptions) =>
      exportCommand(io, dir, options, deps),
    );
}

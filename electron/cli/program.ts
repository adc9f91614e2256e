import { Command, CommanderError } from 'commander';
import { registerAttributeCommand } from './commands/attribute';
import { caseInit, type CaseInitOptions } from './commands/case-init';
import { registerCustodyCommands } from './commands/custody';
import { registerExportCommand } from './commands/export';
import { registerIdentityCommands } from './commands/identity';
import { registerIngestCommands } from './commands/ingest';
import { registerInventoryCommand } from './commands/inventory';
import { registerLedgerCommands } from './commands/ledger';
import { registerParseCommands } from './commands/parse';
import { registerReproduceCommand } from './commands/reproduce';
import { registerVerifyCommand } from './commands/verify';
import { PASSPHRASE_ENV, terminalPrompt, type PassphrasePrompt } from './passphrase';
import { CliExit, EXIT, type CliIo, type ExitCode } from './io';

/** Service errors so far are all about input that cannot be used: bad usage, unreadable or unwritable paths. */
function exitCodeForError(error: unknown): ExitCode {
  return error instanceof CliExit ? error.exitCode : EXIT.usage;
}

export interface ProgramDeps {
  /** Where passphrases are asked when the environment has none (tests inject one). */
  readonly prompt?: PassphrasePrompt;
}

export function buildProgram(io: CliIo, version: string, deps: ProgramDeps = {}): Command {
  const prompt = (): PassphrasePrompt => deps.prompt ?? terminalPrompt();
  const program = new Command('sealcase')
    .description(
      'Sealcase: sealed evidence vault, signed custody ledger, attribution and verifiable exports',
    )
    .version(version, '-V, --version', 'print the Sealcase version')
    .helpOption('-h, --help', 'show help')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  const caseCmd = program
    .command('case')
    .description('create and inspect case folders')
    .exitOverride();
  caseCmd
    .command('init')
    .description('create a new case folder DIR (NAME.sealcase) with case.json')
    .argument('<DIR>', 'folder to create; must not exist yet')
    .requiredOption('--number <NUM>', 'case number, e.g. 2026/0417')
    .requiredOption('--title <TEXT>', 'short case title')
    .option('--authority <TEXT>', 'legal authority: warrant, production order, consent…')
    .requiredOption(
      '--identity <FILE.p12>',
      `examiner identity that signs the case's first ledger records (passphrase: ${PASSPHRASE_ENV} or a prompt)`,
    )
    .exitOverride()
    .action(async (dir: string, options: CaseInitOptions) =>
      caseInit(io, prompt(), dir, options, version),
    );

  program
    .command('demo')
    .description('run the pipeline headless on built-in sample data into DIR')
    .argument('<DIR>', 'a new or empty folder')
    .exitOverride()
    .action(async (dir: string) => (await import('./commands/demo')).demo(io, dir, version));

  registerIdentityCommands(program, io, deps.prompt === undefined ? {} : { prompt: deps.prompt });
  registerLedgerCommands(program, io);
  registerCustodyCommands(program, io, {
    version,
    ...(deps.prompt === undefined ? {} : { prompt: deps.prompt }),
  });
  registerIngestCommands(program, io, {
    version,
    ...(deps.prompt === undefined ? {} : { prompt: deps.prompt }),
  });
  registerInventoryCommand(program, io, version);
  registerParseCommands(program, io);
  registerAttributeCommand(program, io);
  registerReproduceCommand(program, io, version);
  registerExportCommand(program, io, {
    version,
    ...(deps.prompt === undefined ? {} : { prompt: deps.prompt }),
  });
  registerVerifyCommand(program, io);

  return program;
}

/** Runs the CLI and returns the exit code; prints one clear line on failure. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  version: string,
  deps: ProgramDeps = {},
): Promise<ExitCode> {
  const program = buildProgram(io, version, deps);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        // help shown because no command was given (`sealcase`, `sealcase case`) is bad usage
        (error.code === 'commander.help' && error.exitCode === 0)
      ) {
        return EXIT.ok;
      }
      // commander has already printed its one-line message.
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`sealcase: error: ${message}\n`);
    return exitCodeForError(error);
  }
}

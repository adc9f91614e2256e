import { Command, CommanderError, Option } from 'commander';
import { caseInit } from './commands/case-init';
import { demo } from './commands/demo';
import { registerIdentityCommands } from './commands/identity';
import { CliExit, EXIT, type CliIo, type ExitCode } from './io';

/** Service errors so far are all about input that cannot be used: bad usage, unreadable or unwritable paths. */
function exitCodeForError(error: unknown): ExitCode {
  return error instanceof CliExit ? error.exitCode : EXIT.usage;
}

export function buildProgram(io: CliIo, version: string): Command {
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
    .addOption(
      new Option(
        '--identity <FILE.p12>',
        'examiner identity (arrives with the custody ledger)',
      ).hideHelp(),
    )
    .exitOverride()
    .action(
      async (
        dir: string,
        options: { number: string; title: string; authority?: string; identity?: string },
      ) => {
        if (options.identity !== undefined) {
          throw new CliExit(
            EXIT.usage,
            '--identity is not supported yet: signing identities arrive with the custody ledger',
          );
        }
        await caseInit(io, dir, options, version);
      },
    );

  program
    .command('demo')
    .description('run the pipeline headless on built-in sample data into DIR')
    .argument('<DIR>', 'a new or empty folder')
    .exitOverride()
    .action(async (dir: string) => demo(io, dir, version));

  registerIdentityCommands(program, io);

  return program;
}

/** Runs the CLI and returns the exit code; prints one clear line on failure. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  version: string,
): Promise<ExitCode> {
  const program = buildProgram(io, version);
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

import { realpath, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { readArtefacts } from '../../services/intake';
import { dfxmlInventory, hashdeepListing, type InventoryFormat } from '../../services/vault';
import { CliExit, EXIT, type CliIo } from '../io';

export interface InventoryOptions {
  readonly format: InventoryFormat;
  readonly relative?: boolean;
  readonly out?: string;
}

/** `sealcase inventory DIR --format hashdeep|dfxml [--relative] [--out FILE]` */
export async function inventory(
  io: CliIo,
  dir: string,
  options: InventoryOptions,
  version: string,
): Promise<void> {
  let caseDir: string;
  try {
    // hashdeep names files by their real absolute path; match it.
    caseDir = await realpath(resolve(io.cwd, dir));
  } catch {
    throw new CliExit(EXIT.usage, `${resolve(io.cwd, dir)}: case folder does not exist`);
  }
  const listing = await readArtefacts(caseDir);
  for (const p of listing.problems) {
    io.err(`sealcase: warning: ${caseDir}/artefacts.jsonl line ${p.line}: ${p.message}\n`);
  }
  const commandLine = `sealcase inventory ${dir} --format ${options.format}${options.relative === true ? ' --relative' : ''}`;
  const common = {
    caseDir,
    relative: options.relative === true,
    commandLine,
    toolVersion: version,
  };
  const text =
    options.format === 'hashdeep'
      ? hashdeepListing(listing.records, common)
      : dfxmlInventory(listing.records, common);
  if (options.out === undefined) {
    io.out(text);
    return;
  }
  const out = resolve(io.cwd, options.out);
  try {
    await writeFile(out, text, { flag: 'wx' });
  } catch (error) {
    throw new CliExit(
      EXIT.usage,
      `${out}: cannot write (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

/** Adds `inventory` to the program (called from `program.ts`). */
export function registerInventoryCommand(program: Command, io: CliIo, version: string): void {
  program
    .command('inventory')
    .description("list the case's artefacts as a hashdeep listing or DFXML")
    .argument('<DIR>', 'the case folder')
    .addOption(
      new Option('--format <FORMAT>', 'hashdeep or dfxml')
        .choices(['hashdeep', 'dfxml'])
        .makeOptionMandatory(),
    )
    .option('--relative', 'name blobs vault/sha256/… (audit from the case folder with hashdeep -l)')
    .option('--out <FILE>', 'write to FILE (must not exist) instead of stdout')
    .exitOverride()
    .action(async (dir: string, options: InventoryOptions) => inventory(io, dir, options, version));
}

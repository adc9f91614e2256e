import { resolve } from 'node:path';
import type { Command } from 'commander';
import { verifyCaseLedger } from '../../services/custody';
import { CliExit, EXIT, type CliIo } from '../io';

/** `sealcase ledger verify DIR [--json]`: 0 valid, 1 not valid (first bad record named), 2 unreadable. */
async function ledgerVerify(io: CliIo, dir: string, options: { json?: boolean }): Promise<void> {
  const caseDir = resolve(io.cwd, dir);
  const result = await verifyCaseLedger(caseDir);
  if (options.json === true) {
    io.out(
      `${JSON.stringify({
        ok: result.ok,
        records: result.records.length,
        root: result.root,
        firstBad: result.firstBad,
        warnings: result.warnings,
      })}\n`,
    );
  } else {
    for (const w of result.warnings) {
      io.err(
        `${caseDir}: warning: ${w.seq === null ? '' : `record ${w.seq}: `}${w.code}: ${w.message}\n`,
      );
    }
    if (result.ok) {
      io.out(`ledger valid: ${result.records.length} records, Merkle root ${result.root}\n`);
    }
  }
  if (result.firstBad !== null) {
    const bad = result.firstBad;
    throw new CliExit(
      EXIT.findings,
      `ledger not valid: ${caseDir}: record ${bad.seq}: ${bad.code}: ${bad.message}`,
    );
  }
}

export function registerLedgerCommands(program: Command, io: CliIo): Command {
  const ledger = program
    .command('ledger')
    .description('the custody ledger of a case')
    .exitOverride();
  ledger
    .command('verify')
    .description(
      'verify every record, signature, certificate and checkpoint; exit 0 valid, 1 not valid, 2 unreadable',
    )
    .argument('<DIR>', 'case folder')
    .option('--json', 'print the result as one JSON line')
    .exitOverride()
    .action(async (dir: string, options: { json?: boolean }) => ledgerVerify(io, dir, options));
  return ledger;
}

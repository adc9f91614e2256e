import { resolve } from 'node:path';
import type { Command } from 'commander';
import { isSealcaseError } from '../../../shared/errors';
import type {
  ArtefactOutcome,
  LineDifference,
  ReproduceReport,
  RunOutcome,
} from '../../services/reproduce';
import { CliExit, EXIT, type CliIo } from '../io';

const MARK = { identical: 'SAME', differs: 'DIFF', 'cannot-reproduce': 'CANT' } as const;

function renderDifference(d: LineDifference | null): string {
  if (d?.first == null) return '';
  const f = d.first;
  return (
    `        ${d.file} line ${f.line}: ${d.differing} differing, ${d.missing} missing, ${d.extra} extra\n` +
    `        re-derived: ${f.expected ?? '(no line)'}\n` +
    `        package:    ${f.actual ?? '(no line)'}\n`
  );
}

function renderArtefact(a: ArtefactOutcome): string {
  const what = `${a.name} (${a.format} ${a.parserVersion}, ${a.artefact.slice(0, 12)}…)`;
  const tail =
    a.status === 'identical'
      ? `${a.events} events identical`
      : `${a.code ?? ''}: ${a.reason ?? ''}`;
  return `  ${MARK[a.status]}  ${what}: ${tail}\n${renderDifference(a.difference)}`;
}

function renderRun(r: RunOutcome): string {
  const tail =
    r.status === 'identical'
      ? `${r.results} results identical, SHA-256 ${r.resultsSha256.recorded}`
      : `${r.code ?? ''}: ${r.reason ?? ''}`;
  return `  ${MARK[r.status]}  attribution run ${r.file}: ${tail}\n${renderDifference(r.difference)}`;
}

/** The human form: one line per original and per run, the differences, then the result. */
export function renderReproduction(report: ReproduceReport): string {
  let out = `Reproducing ${report.package.label} (${report.package.form}) with Sealcase ${report.tool.version}, attribution engine ${report.tool.engineVersion}\n`;
  out += `Events (data/events.jsonl), ${report.artefacts.length} original(s) with a parse decision:\n`;
  for (const a of report.artefacts) out += renderArtefact(a);
  out += `Attribution (data/attribution.jsonl), ${report.runs.length} recorded run(s):\n`;
  for (const r of report.runs) out += renderRun(r);
  if (report.findings.length > 0) {
    out += `Findings (${report.findings.length}):\n`;
    for (const f of report.findings) out += `  ${f.code}  ${f.file}: ${f.message}\n`;
  }
  out += report.ok
    ? 'Result: REPRODUCED (every derivation identical)\n'
    : `Result: NOT REPRODUCED (${report.findings.length} findings)\n`;
  return out;
}

/**
 * `sealcase reproduce PKG [--json]`: exit 0 when every derivation is identical, 1 when anything
 * differs or cannot be reproduced, 2 when the package cannot be read or its manifest does not
 * match what was read. Read-only: writes nothing anywhere.
 */
export async function reproduceCommand(
  io: CliIo,
  pkg: string,
  options: { json?: boolean },
  toolVersion: string,
): Promise<void> {
  const path = resolve(io.cwd, pkg);
  let report: ReproduceReport;
  try {
    // Loaded on use: the package reader pulls in pkijs (see export.ts).
    const { openPackage } = await import('../../services/package');
    const { reproducePackage } = await import('../../services/reproduce');
    const opened = await openPackage(path);
    try {
      report = await reproducePackage(opened.reader, { toolVersion });
    } finally {
      await opened.close();
    }
  } catch (error) {
    if (isSealcaseError(error)) {
      throw new CliExit(EXIT.usage, `cannot reproduce ${path}: ${error.code}: ${error.message}`);
    }
    throw error;
  }
  const text = options.json === true ? `${JSON.stringify(report)}\n` : renderReproduction(report);
  if (io.outAsync !== undefined) await io.outAsync(text);
  else io.out(text);
  if (!report.ok) {
    const first = report.findings[0]!;
    throw new CliExit(
      EXIT.findings,
      `not reproduced: ${path}: ${report.findings.length} findings, the first ${first.code} in ${first.file}`,
    );
  }
}

export function registerReproduceCommand(program: Command, io: CliIo, version: string): Command {
  return program
    .command('reproduce')
    .description(
      're-derive events and attribution results from the originals in a package (folder or zip) and compare; exit 0 identical, 1 differs or cannot be reproduced, 2 unreadable',
    )
    .argument('<PKG>', 'package folder or .zip')
    .option('--json', 'print the result as one JSON object')
    .exitOverride()
    .action(async (pkg: string, options: { json?: boolean }) =>
      reproduceCommand(io, pkg, options, version),
    );
}

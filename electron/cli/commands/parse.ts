import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ParseError } from '../../../shared/errors';
import type { Locator, ParseWarning } from '../../../shared/model';
import { createDefaultRegistry, validateParseOptions } from '../../../shared/parsers';
import { parseFile, sha256OfFile } from '../../services/parse';
import { CliExit, EXIT, type CliIo } from '../io';

export interface ParseCliOptions {
  readonly format?: string;
  readonly assumeZone?: string;
  readonly year?: string;
  readonly logFormat?: string;
  readonly profile?: string;
  readonly ambiguousTime?: string;
}

/** `FILE:LINE`, `FILE:Sheet!C12`, `FILE:@4096`, or `FILE` for whole-file warnings. */
export function whereOf(file: string, locator: Locator | null): string {
  if (locator === null) return file;
  if ('header' in locator) {
    const at = locator.line === undefined ? '' : `:${locator.line}`;
    const msg = locator.message === undefined ? '' : `, message ${locator.message}`;
    return `${file}${at} (${locator.header} #${locator.index}${msg})`;
  }
  if ('offset' in locator) return `${file}:@${locator.offset}`;
  if ('row' in locator) {
    const sheet = locator.sheet === undefined ? '' : `${locator.sheet}!`;
    return `${file}:${sheet}${locator.column ?? ''}${locator.row}`;
  }
  return `${file}:${locator.line}`;
}

export function formatWarning(file: string, w: ParseWarning): string {
  return `${whereOf(file, w.locator)}: ${w.message} [${w.code}]\n`;
}

async function readProfile(io: CliIo, file: string): Promise<unknown> {
  const path = resolve(io.cwd, file);
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    const why =
      error instanceof SyntaxError
        ? 'not JSON'
        : ((error as NodeJS.ErrnoException).code ?? 'unreadable');
    throw new CliExit(EXIT.usage, `${path}: cannot read the column profile (${why})`);
  }
}

/** `sealcase parse FILE [--format NAME] [--assume-zone Z] [--year Y] [--log-format S] [--profile P]` */
export async function parseCommand(io: CliIo, file: string, opts: ParseCliOptions): Promise<void> {
  const path = resolve(io.cwd, file);
  const raw: Record<string, unknown> = {};
  if (opts.assumeZone !== undefined) raw.assumeZone = opts.assumeZone;
  if (opts.year !== undefined) raw.year = opts.year;
  if (opts.logFormat !== undefined) raw.logFormat = opts.logFormat;
  if (opts.ambiguousTime !== undefined) raw.ambiguousTime = opts.ambiguousTime;
  if (opts.profile !== undefined) raw.profile = await readProfile(io, opts.profile);
  let artefact: string;
  try {
    artefact = await sha256OfFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (code ?? 'error');
    throw new CliExit(EXIT.usage, `${path}: cannot read (${why})`);
  }
  raw.artefact = artefact;
  try {
    const options = validateParseOptions(raw);
    const write = io.outAsync ?? ((text: string) => io.out(text));
    const result = await parseFile(
      {
        path,
        options,
        registry: createDefaultRegistry(),
        ...(opts.format === undefined ? {} : { format: opts.format }),
      },
      async (out) => {
        if (out.warnings.length > 0)
          io.err(out.warnings.map((w) => formatWarning(file, w)).join(''));
        if (out.events.length === 0) return;
        let text = '';
        for (const e of out.events) text += `${JSON.stringify(e)}\n`;
        await write(text);
      },
    );
    const s = result.summary;
    const suppressed = Object.values(s.suppressed).reduce((a, b) => a + b, 0);
    io.err(
      `sealcase: ${file}: ${s.events} events, ${s.warnings + suppressed} warnings (${result.parser.name} ${result.parser.version})\n`,
    );
    if (s.error !== null && s.error.code !== 'PARSE_CANCELLED') {
      throw new CliExit(EXIT.usage, `${file}: ${s.error.message}`);
    }
  } catch (error) {
    if (error instanceof ParseError) throw new CliExit(EXIT.usage, error.message);
    throw error;
  }
}

/** `sealcase formats [--json]` */
export function formatsCommand(io: CliIo, opts: { json?: boolean }): void {
  const parsers = createDefaultRegistry().list();
  if (opts.json === true) {
    for (const p of parsers) {
      io.out(
        `${JSON.stringify({ name: p.name, version: p.version, description: p.description, kinds: p.kinds, eventTypes: p.eventTypes })}\n`,
      );
    }
    return;
  }
  const width = Math.max(...parsers.map((p) => p.name.length), 4);
  for (const p of parsers) {
    io.out(
      `${p.name.padEnd(width)}  ${p.version.padEnd(7)}  ${p.eventTypes.join(', ')}\n${' '.repeat(width + 11)}${p.description}\n`,
    );
  }
}

export function registerParseCommands(program: Command, io: CliIo): void {
  program
    .command('parse')
    .description('parse an evidence file into events (JSON lines on stdout, warnings on stderr)')
    .argument('<FILE>', 'the file to parse (text log, email, CSV or XLSX)')
    .option('--format <NAME>', 'parser to use (see `sealcase formats`); detected when absent')
    .option(
      '--assume-zone <IANA_ZONE>',
      'zone of local times that carry no zone, e.g. Europe/Tallinn',
    )
    .option('--year <YYYY>', 'year of the first yearless syslog timestamp')
    .option('--log-format <STR>', 'Apache LogFormat or nginx log_format string')
    .option('--profile <FILE.json>', 'column profile for isp-reply / nat-csv tables')
    .option(
      '--ambiguous-time <earlier|later>',
      'reading of local times in a DST overlap (default earlier)',
    )
    .exitOverride()
    .action(async (file: string, opts: ParseCliOptions) => parseCommand(io, file, opts));
  program
    .command('formats')
    .description('list the formats `sealcase parse` reads')
    .option('--json', 'one JSON object per line')
    .exitOverride()
    .action((opts: { json?: boolean }) => formatsCommand(io, opts));
}

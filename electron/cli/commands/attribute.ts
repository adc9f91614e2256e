import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  createAttributionEngine,
  observationsFromEvents,
  readObservationsCsv,
  type AttributionResult,
  type Observation,
} from '../../../shared/attribution';
import { ParseError } from '../../../shared/errors';
import { SealcaseEvent } from '../../../shared/model';
import { createDefaultRegistry, validateParseOptions } from '../../../shared/parsers';
import { decodeHead, parseFile, readHeadBytes, sha256OfFile } from '../../services/parse';
import { CliExit, EXIT, type CliIo } from '../io';
import { formatWarning } from './parse';

export interface AttributeCliOptions {
  readonly observations: string;
  readonly records: string[];
  readonly tolerance?: string;
  readonly assumeZone?: string;
  readonly year?: string;
  readonly json?: boolean;
}

/** Largest observations file read whole (CSV or JSONL). */
const MAX_OBSERVATIONS_BYTES = 512 * 1024 * 1024;

async function readText(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliExit(
      EXIT.usage,
      `${path}: cannot read the ${what} (${code === 'ENOENT' ? 'no such file' : (code ?? 'error')})`,
    );
  }
}

/** JSON lines of events (`sealcase parse` output): the first non-blank character is `{`. */
function looksLikeJsonl(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{';
}

function eventsFromJsonl(text: string, file: string, io: CliIo) {
  const events: SealcaseEvent[] = [];
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      io.err(`${file}:${line}: not JSON; skipped [ATTRIBUTE_LINE_INVALID]\n`);
      continue;
    }
    const parsed = SealcaseEvent.safeParse(value);
    if (parsed.success) events.push(parsed.data);
    else io.err(`${file}:${line}: not an event of the schema; skipped [ATTRIBUTE_LINE_INVALID]\n`);
  }
  return events;
}

async function loadObservations(io: CliIo, file: string): Promise<Observation[]> {
  const path = resolve(io.cwd, file);
  const bytes = await readText(path, 'observations');
  if (bytes.length > MAX_OBSERVATIONS_BYTES) {
    throw new CliExit(EXIT.usage, `${path}: larger than ${MAX_OBSERVATIONS_BYTES} bytes`);
  }
  const text = bytes.toString('utf8');
  const artefact = createHash('sha256').update(bytes).digest('hex');
  if (looksLikeJsonl(text)) {
    const { observations, skipped } = observationsFromEvents(eventsFromJsonl(text, file, io));
    if (skipped > 0) {
      io.err(`${file}: ${skipped} event(s) are not observations (no address or no UTC time)\n`);
    }
    return observations;
  }
  const { observations, warnings } = readObservationsCsv(text, artefact);
  for (const w of warnings) io.err(formatWarning(file, w));
  return observations;
}

function statusWord(r: AttributionResult): string {
  return r.status === 'unique'
    ? 'UNIQUE'
    : r.status === 'ambiguous'
      ? 'AMBIGUOUS'
      : r.status === 'none'
        ? 'NONE'
        : 'NO COVERAGE';
}

/** The readable table: one block per observation, reasons in plain words. */
export function formatResult(r: AttributionResult, index: number): string {
  const o = r.observation;
  const where = `${o.ip}${o.port === undefined ? '' : ` port ${o.port}`} at ${o.ts}`;
  const lines = [`${index + 1}. ${where}: ${statusWord(r)}`];
  if (r.subscribers.length > 0) lines.push(`   account(s): ${r.subscribers.join(', ')}`);
  if (r.sharedBy !== null && r.sharedBy > 0)
    lines.push(`   shared by ${r.sharedBy} account(s) in the window`);
  for (const step of r.path) {
    const to =
      step.to.account !== undefined
        ? `account ${step.to.account}`
        : step.to.ip !== undefined
          ? `inside ${step.to.ip}${step.to.vrf === undefined ? '' : ` (vrf ${step.to.vrf})`}`
          : 'not held';
    const loc = 'line' in step.locator ? `line ${step.locator.line}` : JSON.stringify(step.locator);
    lines.push(
      `   ${'  '.repeat(step.depth)}- ${step.kind} ${step.from.ip}${step.from.port === undefined ? '' : `:${step.from.port}`} → ${to} [${step.interval.start ?? '…'} – ${step.interval.end ?? '…'}${step.interval.endInferred ? ', end inferred' : ''}] (${step.artefact?.slice(0, 12) ?? 'no artefact'}… ${loc})`,
    );
  }
  for (const reason of r.reasons) lines.push(`   ! ${reason.code}: ${reason.message}`);
  return `${lines.join('\n')}\n`;
}

export async function attributeCommand(io: CliIo, opts: AttributeCliOptions): Promise<void> {
  let tolerance = 0;
  if (opts.tolerance !== undefined) {
    tolerance = Number(opts.tolerance);
    if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 86_400) {
      throw new CliExit(EXIT.usage, `--tolerance ${opts.tolerance}: expected seconds, 0 to 86400`);
    }
  }
  const raw: Record<string, unknown> = {};
  if (opts.assumeZone !== undefined) raw.assumeZone = opts.assumeZone;
  if (opts.year !== undefined) raw.year = opts.year;
  let base;
  try {
    base = validateParseOptions(raw);
  } catch (error) {
    if (error instanceof ParseError) throw new CliExit(EXIT.usage, error.message);
    throw error;
  }
  const observations = await loadObservations(io, opts.observations);
  const engine = createAttributionEngine({ toleranceSeconds: tolerance });
  const registry = createDefaultRegistry();
  for (const file of opts.records) {
    const path = resolve(io.cwd, file);
    let head: string;
    let artefact: string;
    try {
      head = decodeHead(await readHeadBytes(path, 4096));
      artefact = await sha256OfFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliExit(
        EXIT.usage,
        `${path}: cannot read the records (${code === 'ENOENT' ? 'no such file' : (code ?? 'error')})`,
      );
    }
    if (looksLikeJsonl(head)) {
      engine.addRecords(eventsFromJsonl((await readFile(path)).toString('utf8'), file, io));
      continue;
    }
    try {
      const result = await parseFile({ path, options: { ...base, artefact }, registry }, (out) => {
        if (out.warnings.length > 0) {
          io.err(out.warnings.map((w) => formatWarning(file, w)).join(''));
        }
        engine.addRecords(out.events);
      });
      io.err(`sealcase: ${file}: ${result.summary.events} records (${result.parser.name})\n`);
    } catch (error) {
      if (error instanceof ParseError) throw new CliExit(EXIT.usage, error.message);
      throw error;
    }
  }
  engine.build();
  for (const w of engine.warnings()) {
    io.err(`sealcase: ${w.message} (${w.count}×) [${w.code}]\n`);
  }
  const write = io.outAsync ?? ((t: string) => io.out(t));
  // Full results are made one at a time as they are written, not held all at once.
  const set = engine.attributeSet(observations);
  if (opts.json === true) {
    for (let i = 0; i < set.length; i++) await write(`${JSON.stringify(set.result(i))}\n`);
    return;
  }
  let caveat: string | undefined;
  for (let i = 0; i < set.length; i++) {
    const r = set.result(i);
    caveat = r.caveat;
    await write(`${i > 0 ? '\n' : ''}${formatResult(r, i)}`);
  }
  if (caveat !== undefined) await write(`\nNote: ${caveat}\n`);
}

export function registerAttributeCommand(program: Command, io: CliIo): void {
  program
    .command('attribute')
    .description(
      'attribute observations (ip, port, time) to ISP accounts through NAT and AAA/DHCP/ISP records',
    )
    .requiredOption(
      '--observations <FILE>',
      'CSV of ip,port,time (time with an offset or Z; port may be empty) or events JSONL',
    )
    .requiredOption(
      '--records <FILE...>',
      'record files: raw artefacts (format detected) or `sealcase parse` output',
    )
    .option('--tolerance <SECONDS>', 'match intervals within ± this many seconds (default 0)')
    .option('--assume-zone <IANA_ZONE>', 'zone of local times in record files that carry none')
    .option('--year <YYYY>', 'year of the first yearless syslog timestamp in record files')
    .option('--json', 'one JSON line per observation')
    .exitOverride()
    .action(async (opts: AttributeCliOptions) => attributeCommand(io, opts));
}

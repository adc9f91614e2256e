/**
 * Parsing one evidence file, for the CLI (`sealcase parse`) and main (the app's Parse action):
 * choose the parser (`--format` or detection on the head), stream the file through it, and hand
 * each batch of events and warnings to a sink. XLSX files go through the spreadsheet reader to the
 * table formats. Failures before any parsing (missing file, unknown format, bad options) are
 * `ParseError`s; failures while reading end the run with `summary.error` and keep what was read.
 */
import { basename } from 'node:path';
import { stat } from 'node:fs/promises';
import { ParseError } from '../../../shared/errors';
import {
  createDefaultRegistry,
  createTableSinkFor,
  isTableFormat,
  runParser,
  type DetectCandidate,
  type OutputSink,
  type ParseOptions,
  type ParseOutput,
  type Parser,
  type ParserRegistry,
  type RunSummary,
} from '../../../shared/parsers';
import { looksLikeXlsx, MAX_XLSX_BYTES, readXlsx } from '../spreadsheet';
import { decodeBlocks, decodeHead, HEAD_BYTES, readHeadBytes, textChunks } from './text-source';

/**
 * The bytes of an evidence file that is not a file of its own on disk: an original read from
 * inside a zip package (`sealcase reproduce`). Each call of `blocks()` is a fresh pass from the
 * first byte; leaving the loop early ends that pass.
 */
export interface ParseByteSource {
  readonly size: number;
  blocks(): AsyncIterable<Uint8Array>;
}

export interface ParseFileRequest {
  readonly path: string;
  /** Read the bytes from here instead of `path` (which then only names the file in messages). */
  readonly source?: ParseByteSource;
  /** The name detection sees (a vault blob's original name); the path's base name by default. */
  readonly fileName?: string;
  /** `--format NAME`; detection when absent. */
  readonly format?: string;
  /** Validated options (validateParseOptions). */
  readonly options: ParseOptions;
  readonly registry?: ParserRegistry;
  readonly signal?: AbortSignal;
  readonly validateEvents?: boolean;
  readonly onBytes?: (bytes: number, total: number) => void;
}

export interface ParseFileResult {
  readonly parser: { readonly name: string; readonly version: string };
  /** Detection scores on the head (empty when `--format` was given). */
  readonly detected: readonly DetectCandidate[];
  readonly input: 'text' | 'xlsx';
  readonly summary: RunSummary;
}

function unreadable(path: string, error: unknown): ParseError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : (code ?? (error instanceof Error ? error.message : String(error)));
  return new ParseError('PARSE_UNREADABLE', `${path}: cannot read (${why})`, { where: path });
}

export async function parseFile(req: ParseFileRequest, sink: OutputSink): Promise<ParseFileResult> {
  const registry = req.registry ?? createDefaultRegistry();
  const fileName = req.fileName ?? basename(req.path);
  let head: Uint8Array;
  let size: number;
  try {
    if (req.source === undefined) {
      const info = await stat(req.path);
      if (info.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
      size = info.size;
      head = await readHeadBytes(req.path);
    } else {
      size = req.source.size;
      head = await sourceBytes(req.source, HEAD_BYTES);
    }
  } catch (error) {
    throw unreadable(req.path, error);
  }

  if (looksLikeXlsx(head, fileName)) return parseWorkbook(req, registry, sink);

  const sample = { head: decodeHead(head), fileName };
  const detected = req.format === undefined ? registry.detectFormat(sample) : [];
  const parser: Parser = registry.choose(sample, req.format);
  const onBytes = (bytes: number): void => req.onBytes?.(bytes, size);
  const summary = await runParser(
    parser,
    req.source === undefined
      ? textChunks(req.path, {
          ...(req.signal === undefined ? {} : { signal: req.signal }),
          onBytes,
        })
      : decodeBlocks(req.source.blocks(), { onBytes }),
    sink,
    {
      options: req.options,
      fileName,
      ...(req.signal === undefined ? {} : { signal: req.signal }),
      ...(req.validateEvents === undefined ? {} : { validateEvents: req.validateEvents }),
    },
  );
  return {
    parser: { name: parser.name, version: parser.version },
    detected,
    input: 'text',
    summary,
  };
}

async function parseWorkbook(
  req: ParseFileRequest,
  registry: ParserRegistry,
  sink: OutputSink,
): Promise<ParseFileResult> {
  const format = req.format ?? req.options.profile?.format ?? 'isp-reply';
  const parser = registry.get(format);
  if (parser === undefined || !isTableFormat(format)) {
    throw new ParseError(
      'PARSE_FORMAT_NOT_FOUND',
      `${req.path}: a spreadsheet can be read as isp-reply or nat-csv, not "${format}"`,
      { where: req.path },
    );
  }
  let workbook;
  try {
    workbook = await readXlsx(
      req.source === undefined ? req.path : await sourceBytes(req.source, MAX_XLSX_BYTES, true),
    );
  } catch (error) {
    throw new ParseError(
      'PARSE_UNREADABLE',
      `${req.path}: not a readable XLSX workbook (${error instanceof Error ? error.message : String(error)})`,
      { where: req.path, cause: error },
    );
  }
  const profile = req.options.profile;
  const sheets = profile?.sheet !== undefined ? [profile.sheet] : workbook.sheets;
  let events = 0;
  let warnings = 0;
  for (const sheet of sheets) {
    if (!workbook.sheets.includes(sheet)) {
      await sink({
        events: [],
        warnings: [
          {
            code: 'TABLE_SHEET_MISSING',
            message: `the workbook has no sheet "${sheet}" (sheets: ${workbook.sheets.join(', ')})`,
            locator: null,
          },
        ],
      });
      warnings++;
      continue;
    }
    const tableSink = createTableSinkFor(format, req.options, { dateSystem: workbook.dateSystem });
    for (const row of workbook.rows(sheet)) {
      if (req.signal?.aborted === true) break;
      const out = tableSink.row(row.cells, { sheet: row.sheet, row: row.row });
      const filled = fill(out, req.options.artefact);
      events += filled.events.length;
      warnings += filled.warnings.length;
      if (filled.events.length > 0 || filled.warnings.length > 0) await sink(filled);
    }
    const end = fill(tableSink.end(), req.options.artefact);
    const named = {
      events: end.events,
      warnings: end.warnings.map((w) =>
        w.locator === null ? { ...w, message: `sheet "${sheet}": ${w.message}` } : w,
      ),
    };
    events += named.events.length;
    warnings += named.warnings.length;
    if (named.events.length > 0 || named.warnings.length > 0) await sink(named);
  }
  const cancelled = req.signal?.aborted === true;
  return {
    parser: { name: parser.name, version: parser.version },
    detected: [],
    input: 'xlsx',
    summary: {
      parser: { name: parser.name, version: parser.version },
      events,
      warnings,
      suppressed: {},
      complete: !cancelled,
      error: cancelled ? new ParseError('PARSE_CANCELLED', 'the parse was cancelled') : null,
    },
  };
}

function fill(out: ParseOutput, artefact?: string): ParseOutput {
  if (artefact === undefined) return out;
  return {
    ...out,
    events: out.events.map((e) => (e.artefact === undefined ? { ...e, artefact } : e)),
  };
}

/** The first `max` bytes of a source; with `whole`, all of it, refusing a source larger than `max`. */
async function sourceBytes(
  source: ParseByteSource,
  max: number,
  whole = false,
): Promise<Uint8Array> {
  if (whole && source.size > max) {
    throw new Error(`${source.size} bytes; larger than ${max} is refused`);
  }
  const out = new Uint8Array(Math.min(max, source.size));
  let at = 0;
  for await (const block of source.blocks()) {
    const take = Math.min(block.length, out.length - at);
    out.set(block.subarray(0, take), at);
    at += take;
    if (at === out.length) break;
  }
  return out.subarray(0, at);
}

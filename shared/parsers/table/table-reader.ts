/**
 * The shared driver of table formats: finds the header row (by the profile's column names, or the
 * built-in names of headers.ts), then hands every later row to the format's row mapper. Two
 * sources feed it: CSV text (`createCsvTableParser`, a `StreamingParser`) and spreadsheet rows read
 * in main (`createTableSink`, for XLSX through electron/services/spreadsheet).
 */
import type { Locator, ParseWarning, SealcaseEvent } from '../../model/event';
import { createCsvSplitter, detectDelimiter } from '../csv';
import type { Emit } from '../line-parser';
import type { ParseOptions, ParseOutput, ParserContext, StreamingParser } from '../types';
import type { ExcelDateSystem } from '../../time/excel';
import type { TableCell } from './cells';
import { cellText } from './cells';
import { mapColumns } from './headers';
import type { TableProfile } from './profile';

/** Rows searched for the header before giving up. */
export const HEADER_SEARCH_ROWS = 50;

export interface RowMapper {
  row(cells: readonly TableCell[], locator: Locator, emit: Emit): void;
}

export interface TableSpec<F extends string> {
  readonly format: TableProfile['format'];
  /** Warning prefix, e.g. `ISP`. */
  readonly area: string;
  readonly names: Readonly<Record<F, readonly string[]>>;
  /** Why these columns are not enough to read rows (e.g. "no IP column"), or null when they are. */
  missing(columns: ReadonlyMap<F, number>): string | null;
  createMapper(
    columns: ReadonlyMap<F, number>,
    header: readonly string[],
    options: ParseOptions,
    source: TableSource,
  ): RowMapper;
}

function profileFor<F extends string>(
  spec: TableSpec<F>,
  options: ParseOptions,
): { columns?: Partial<Record<F, string>>; headerRow?: number } {
  const p = options.profile;
  if (p === undefined || p.format !== spec.format) return {};
  const out: { columns?: Partial<Record<F, string>>; headerRow?: number } = {
    columns: p.columns as Partial<Record<F, string>>,
  };
  if (p.headerRow !== undefined) out.headerRow = p.headerRow;
  return out;
}

/** What the table's source says about itself (XLSX: the workbook's date system). */
export interface TableSource {
  readonly dateSystem?: ExcelDateSystem;
}

export interface TableSink {
  /** One row (1-based `row` in the locator is the row number the analyst sees). */
  row(cells: readonly TableCell[], locator: Locator): ParseOutput;
  end(): ParseOutput;
}

/** A header-finding, row-mapping sink for one table (one CSV file or one worksheet). */
export function createTableSink<F extends string>(
  spec: TableSpec<F>,
  options: ParseOptions,
  source: TableSource = {},
): TableSink {
  const profile = profileFor(spec, options);
  let mapper: RowMapper | null = null;
  let seen = 0;
  let skippedBefore = 0;
  let givenUp = false;
  let bestMissing: string | null = null;
  let out: { events: SealcaseEvent[]; warnings: ParseWarning[] } = { events: [], warnings: [] };
  const emit: Emit = {
    event: (e) => out.events.push(e),
    warning: (code, message, locator) => out.warnings.push({ code, message, locator }),
    warnings: (list) => {
      for (const w of list) out.warnings.push(w);
    },
  };
  const take = (): ParseOutput => {
    const r = out;
    out = { events: [], warnings: [] };
    return r;
  };
  const tryHeader = (cells: readonly TableCell[], locator: Locator, forced: boolean): boolean => {
    const header = cells.map((c) => cellText(c));
    const columns = mapColumns(header, spec.names, profile.columns);
    const missing = spec.missing(columns);
    if (missing !== null) {
      if (forced || bestMissing === null) bestMissing = missing;
      if (forced) {
        emit.warning(
          `${spec.area}_HEADER_INCOMPLETE`,
          `the header row does not name the columns needed: ${missing}`,
          locator,
        );
      }
      return false;
    }
    const used = [...columns.entries()]
      .map(([field, at]) => `${field} ← "${header[at] ?? ''}"`)
      .join(', ');
    if (profile.columns === undefined) {
      emit.warning(
        'TABLE_COLUMNS_INFERRED',
        `no column profile was given; columns were matched by their names: ${used}. Check them and save them as a profile`,
        locator,
      );
    }
    mapper = spec.createMapper(columns, header, options, source);
    return true;
  };
  return {
    row(cells, locator) {
      if (mapper !== null) {
        if (cells.every((c) => cellText(c) === '')) return take();
        mapper.row(cells, locator, emit);
        return take();
      }
      if (givenUp) return take();
      seen++;
      const forced = profile.headerRow !== undefined;
      if (forced && seen !== profile.headerRow) {
        skippedBefore++;
        return take();
      }
      if (tryHeader(cells, locator, forced)) {
        if (skippedBefore > 0) {
          emit.warning(
            'TABLE_ROWS_BEFORE_HEADER',
            `${skippedBefore} row(s) before the header row were not read as data`,
            locator,
          );
        }
        return take();
      }
      skippedBefore++;
      if (forced || seen >= HEADER_SEARCH_ROWS) {
        givenUp = true;
        if (!forced) {
          emit.warning(
            `${spec.area}_HEADER_NOT_FOUND`,
            `no header row naming the needed columns in the first ${HEADER_SEARCH_ROWS} rows (${bestMissing ?? 'no known column names'}); give a column profile`,
            null,
          );
        }
      }
      return take();
    },
    end() {
      if (mapper === null && !givenUp) {
        emit.warning(
          `${spec.area}_HEADER_NOT_FOUND`,
          seen === 0
            ? 'the table is empty'
            : `no header row naming the needed columns (${bestMissing ?? 'no known column names'}); give a column profile`,
          null,
        );
      }
      return take();
    },
  };
}

/** CSV text → rows → the table sink, as a `StreamingParser` (delimiter from the profile or detected). */
export function createCsvTableParser<F extends string>(
  spec: TableSpec<F>,
  options: ParseOptions,
  ctx: ParserContext,
): StreamingParser {
  const sink = createTableSink(spec, options);
  const configured = options.profile?.delimiter;
  let splitter: ReturnType<typeof createCsvSplitter> | null = null;
  let pending = '';
  const merge = (into: { events: SealcaseEvent[]; warnings: ParseWarning[] }, o: ParseOutput) => {
    for (const e of o.events) into.events.push(e);
    for (const w of o.warnings) into.warnings.push(w);
  };
  const feed = (text: string, final: boolean): ParseOutput => {
    const out = { events: [] as SealcaseEvent[], warnings: [] as ParseWarning[] };
    if (splitter === null) {
      pending += text;
      if (!final && pending.length < 65536 && pending.split('\n', 6).length < 6) return out;
      splitter = createCsvSplitter({
        delimiter: configured ?? detectDelimiter(pending),
        maxRecordLength: ctx.maxLineLength,
      });
      text = pending;
      pending = '';
    }
    const batch = final ? mergeBatches(splitter.push(text), splitter.end()) : splitter.push(text);
    for (const w of batch.warnings) out.warnings.push(w);
    for (const r of batch.records) merge(out, sink.row(r.fields, { line: r.line }));
    if (final) merge(out, sink.end());
    return out;
  };
  return {
    push: (chunk) => feed(chunk, false),
    end: () => feed('', true),
  };
}

function mergeBatches<T extends { records: unknown[]; warnings: ParseWarning[] }>(a: T, b: T): T {
  return { ...a, records: [...a.records, ...b.records], warnings: [...a.warnings, ...b.warnings] };
}

/**
 * XLSX → table rows for the table parsers (shared/parsers/table). exceljs reads the workbook (ISP
 * replies are small: the whole workbook is read at once, bounded by `MAX_XLSX_BYTES`); every cell
 * becomes text or a number, date cells become Excel serials again in the workbook's own date
 * system (1900 or 1904), so shared/time converts them honestly — exceljs's own `Date` objects
 * pretend the cell was UTC.
 */
import { stat } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import type { TableCell } from '../../../shared/parsers';
import type { ExcelDateSystem } from '../../../shared/time';

/** Larger workbooks are refused (PARSE_UNREADABLE) rather than exhausting memory. */
export const MAX_XLSX_BYTES = 256 * 1024 * 1024;

export interface SheetRow {
  readonly sheet: string;
  /** 1-based, as the spreadsheet shows it. */
  readonly row: number;
  readonly cells: TableCell[];
}

export interface Workbook {
  readonly dateSystem: ExcelDateSystem;
  readonly sheets: readonly string[];
  rows(sheet: string): Iterable<SheetRow>;
}

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (the 1900 system's day 0) to 1970-01-01. */
const EPOCH_OFFSET_1900 = 25569;

function dateToSerial(date: Date, system: ExcelDateSystem): number {
  // Inverse of exceljs's excelToDate: ms = (serial - 25569 + (1904 ? 1462 : 0)) * 86400000.
  return date.getTime() / MS_PER_DAY + EPOCH_OFFSET_1900 - (system === '1904' ? 1462 : 0);
}

function cellValue(value: ExcelJS.CellValue, system: ExcelDateSystem): TableCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateToSerial(value, system);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return null;
      if (typeof result === 'object' && 'error' in result) return String(result.error);
      return cellValue(result as ExcelJS.CellValue, system);
    }
    if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value as unknown as string);
}

/** A workbook from its path, or from its bytes (an original read from inside a zip package). */
export async function readXlsx(input: string | Uint8Array): Promise<Workbook> {
  const size = typeof input === 'string' ? (await stat(input)).size : input.length;
  if (size > MAX_XLSX_BYTES) {
    throw new Error(`the workbook is ${size} bytes; larger than ${MAX_XLSX_BYTES} is refused`);
  }
  // Loaded on first use: exceljs costs ≈0.25 s to load, and most commands never read a workbook.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  if (typeof input === 'string') await wb.xlsx.readFile(input);
  else await wb.xlsx.load(Buffer.from(input.buffer, input.byteOffset, input.length) as never);
  const dateSystem: ExcelDateSystem = wb.properties.date1904 ? '1904' : '1900';
  const sheets = wb.worksheets.map((ws) => ws.name);
  return {
    dateSystem,
    sheets,
    *rows(sheet) {
      const ws = wb.getWorksheet(sheet);
      if (ws === undefined) return;
      const out: SheetRow[] = [];
      ws.eachRow({ includeEmpty: false }, (row, n) => {
        const values = row.values as ExcelJS.CellValue[];
        const cells: TableCell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i], dateSystem));
        out.push({ sheet, row: n, cells });
      });
      yield* out;
    },
  };
}

/** ZIP local-file magic; XLSX is a ZIP with `xl/` parts. */
export function looksLikeXlsx(head: Uint8Array, name: string): boolean {
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  if (!zip) return false;
  const latin = new TextDecoder('latin1').decode(head);
  return name.toLowerCase().endsWith('.xlsx') || latin.includes('xl/');
}

/**
 * A streaming RFC 4180 record splitter for the CSV-shaped formats (Kea leases, NAT CSV exports,
 * ISP replies). Quoted fields with `""` escapes and embedded newlines, LF / CRLF / CR line ends,
 * a leading BOM, and a bound on one record's size. One pass, character by character, state kept
 * across chunks: nothing is re-scanned, nothing backtracks. Never throws.
 *
 * Lenient where real exports are sloppy, and says so: a quote inside an unquoted field is kept as
 * text; text after a closing quote is appended (`"abc"x` → `abcx`) with `CSV_QUOTE_STRAY`; a quote
 * still open at the end is closed there with `CSV_QUOTE_UNTERMINATED`. Blank lines are skipped.
 */
import type { ParseWarning } from '../model/event';

export interface CsvRecord {
  readonly fields: string[];
  /** 1-based line where the record starts. */
  readonly line: number;
}

export interface CsvBatch {
  readonly records: CsvRecord[];
  readonly warnings: ParseWarning[];
}

export interface CsvSplitterOptions {
  /** One character; default `,`. */
  readonly delimiter?: string;
  /** Longest record kept (characters); longer records are skipped with `CSV_RECORD_TOO_LONG`. */
  readonly maxRecordLength: number;
}

export interface CsvSplitter {
  push(chunk: string): CsvBatch;
  end(): CsvBatch;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export function createCsvSplitter(options: CsvSplitterOptions): CsvSplitter {
  const delimiter = (options.delimiter ?? ',').charCodeAt(0);
  const max = options.maxRecordLength;
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let afterQuote = false;
  let fieldQuoted = false;
  let strayWarned = false;
  let length = 0;
  let skipping = false;
  let skippedCR = false;
  let first = true;
  let out: { records: CsvRecord[]; warnings: ParseWarning[] } = { records: [], warnings: [] };

  const resetRecord = (): void => {
    fields = [];
    field = '';
    inQuotes = false;
    afterQuote = false;
    fieldQuoted = false;
    strayWarned = false;
    length = 0;
    skipping = false;
  };

  const endRecord = (): void => {
    if (!skipping) {
      fields.push(field);
      const blank = fields.length === 1 && fields[0] === '' && !fieldQuoted;
      if (!blank) out.records.push({ fields, line: recordLine });
    }
    resetRecord();
  };

  const take = (): CsvBatch => {
    const r = out;
    out = { records: [], warnings: [] };
    return r;
  };

  const feed = (chunk: string): void => {
    let i = 0;
    if (first && chunk.length > 0) {
      first = false;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    for (; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (skippedCR) {
        skippedCR = false;
        if (c === LF) {
          if (inQuotes && !skipping) field += '\n';
          continue;
        }
      }
      if (!skipping && ++length > max) {
        skipping = true;
        out.warnings.push({
          code: 'CSV_RECORD_TOO_LONG',
          message: `the record starting on line ${recordLine} is longer than ${max} characters; it was skipped`,
          locator: { line: recordLine },
        });
      }
      if (inQuotes) {
        if (c === QUOTE) {
          inQuotes = false;
          afterQuote = true;
        } else {
          if (c === LF || c === CR) {
            line++;
            if (c === CR) skippedCR = true;
          }
          if (!skipping) field += chunk[i];
        }
        continue;
      }
      if (afterQuote && c === QUOTE) {
        // `""` inside a quoted field: one quote.
        inQuotes = true;
        afterQuote = false;
        if (!skipping) field += '"';
        continue;
      }
      if (c === delimiter) {
        if (!skipping) fields.push(field);
        field = '';
        afterQuote = false;
        fieldQuoted = false;
        continue;
      }
      if (c === LF || c === CR) {
        endRecord();
        line++;
        recordLine = line;
        if (c === CR) skippedCR = true;
        continue;
      }
      if (c === QUOTE && field === '' && !fieldQuoted) {
        inQuotes = true;
        fieldQuoted = true;
        continue;
      }
      if (afterQuote && !strayWarned) {
        strayWarned = true;
        out.warnings.push({
          code: 'CSV_QUOTE_STRAY',
          message: `line ${line}: text after a closing quote; it was kept as part of the field`,
          locator: { line },
        });
      }
      afterQuote = false;
      if (!skipping) field += chunk[i];
    }
  };

  return {
    push(chunk) {
      feed(chunk);
      return take();
    },
    end() {
      if (inQuotes) {
        out.warnings.push({
          code: 'CSV_QUOTE_UNTERMINATED',
          message: `the quoted field opened in the record on line ${recordLine} is never closed; the record ends at the end of the file`,
          locator: { line: recordLine },
        });
      }
      if (field !== '' || fields.length > 0 || fieldQuoted) endRecord();
      else resetRecord();
      return take();
    },
  };
}

const CANDIDATES = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CANDIDATES)[number];

/**
 * The delimiter that splits the first lines of `head` into the most fields, consistently:
 * counts outside quotes on up to 8 lines; ties go to `,`. Spreadsheet exports in locales with a
 * decimal comma use `;`.
 */
export function detectDelimiter(head: string): CsvDelimiter {
  const lines: string[] = [];
  let start = 0;
  while (lines.length < 8 && start < head.length) {
    let end = head.indexOf('\n', start);
    if (end < 0) end = head.length;
    const text = head.slice(start, end).replace(/\r$/, '');
    if (text.length > 0) lines.push(text);
    start = end + 1;
  }
  let best: CsvDelimiter = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    // The most frequent non-zero count, weighted by how many lines share it: title rows and
    // notes above the header do not outvote the table.
    const freq = new Map<number, number>();
    for (const l of lines) {
      const c = countOutsideQuotes(l, d);
      if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    }
    for (const [count, times] of freq) {
      const score = times * 1000 + count;
      if (score > bestScore) {
        best = d;
        bestScore = score;
      }
    }
  }
  return best;
}

function countOutsideQuotes(text: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

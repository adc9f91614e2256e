import type { RGB } from 'pdf-lib';
import type { FontKey } from './fonts';
import { COLORS, TYPE } from './theme';
import type { ReportWriter } from './writer';

export interface Column {
  readonly header: string;
  /** Relative width; the table fills the content width in proportion. */
  readonly weight: number;
  readonly font?: FontKey;
  readonly align?: 'left' | 'right';
}

export type Cell =
  string | { readonly text: string; readonly font?: FontKey; readonly color?: RGB };

export interface TableSpec {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
  /** A full-width title row above the column headers, repeated with "(continued)" on new pages. */
  readonly caption?: string;
  /** Column header row (default true). */
  readonly headers?: boolean;
  /** Light stripes on every other row (default true). */
  readonly stripes?: boolean;
}

const PAD_X = 3.5;
const PAD_Y = 2.6;

interface CellLines {
  readonly lines: string[];
  readonly font: FontKey;
  readonly size: number;
  readonly color: RGB;
}

function sizeOf(font: FontKey): number {
  return font === 'mono' ? TYPE.tableMono : TYPE.table;
}

/**
 * The table engine: column widths by weight, every cell word-wrapped to its column (long tokens
 * broken, see wrap.ts), header rows repeated after each page break, and rows taller than the room
 * left split across pages line by line, so nothing is ever drawn outside its cell or the page.
 */
export function drawTable(w: ReportWriter, spec: TableSpec): void {
  const total = spec.columns.reduce((s, c) => s + c.weight, 0);
  const widths = spec.columns.map((c) => (c.weight / total) * w.contentWidth);
  const xs = widths.map((_, i) => w.left + widths.slice(0, i).reduce((s, v) => s + v, 0));

  const layoutCell = (cell: Cell | undefined, col: number, fallback: FontKey): CellLines => {
    const c = typeof cell === 'string' || cell === undefined ? { text: cell ?? '' } : cell;
    const font = c.font ?? spec.columns[col]?.font ?? fallback;
    const size = sizeOf(font);
    return {
      lines: w.wrap(c.text, font, size, widths[col]! - 2 * PAD_X),
      font,
      size,
      color: c.color ?? COLORS.text,
    };
  };
  const heightOf = (cells: readonly CellLines[]) =>
    Math.max(...cells.map((c) => c.lines.length * w.lineHeight(c.size))) + 2 * PAD_Y;

  const header =
    spec.headers === false
      ? null
      : spec.columns.map((c, i) => layoutCell({ text: c.header, font: 'bold' }, i, 'bold'));
  const headerHeight = header === null ? 0 : heightOf(header);
  const captionSize = TYPE.table + 0.6;
  const captionHeight =
    spec.caption === undefined ? 0 : w.lineHeight(captionSize) * 1 + 2 * PAD_Y + 1;

  const drawCaption = (continued: boolean) => {
    if (spec.caption === undefined) return;
    const text = continued ? `${spec.caption} (continued)` : spec.caption;
    const line = w.wrap(text, 'bold', captionSize, w.contentWidth - 2 * PAD_X)[0] ?? '';
    w.page.rect(w.left, w.y - captionHeight, w.contentWidth, captionHeight, COLORS.accent);
    w.drawLine(
      w.page,
      line,
      w.left + PAD_X,
      w.y - PAD_Y - captionSize,
      'bold',
      captionSize,
      COLORS.headerFill,
    );
    w.y -= captionHeight;
  };
  const drawHeader = (continued: boolean) => {
    drawCaption(continued);
    if (header === null) return;
    w.page.rect(w.left, w.y - headerHeight, w.contentWidth, headerHeight, COLORS.headerFill);
    drawSlice(
      header,
      header.map((c) => c.lines.length),
      headerHeight,
    );
  };
  const drawSlice = (cells: readonly CellLines[], counts: readonly number[], height: number) => {
    cells.forEach((c, i) => {
      const lh = w.lineHeight(c.size);
      const right = spec.columns[i]?.align === 'right';
      for (let k = 0; k < counts[i]!; k++) {
        const text = c.lines[k]!;
        const x = right
          ? xs[i]! + widths[i]! - PAD_X - w.fonts.width(c.font, text, c.size)
          : xs[i]! + PAD_X;
        w.drawLine(w.page, text, x, w.y - PAD_Y - k * lh - c.size * 0.93, c.font, c.size, c.color);
      }
    });
    w.y -= height;
    w.page.line(w.left, w.y, w.left + w.contentWidth, w.y, { thickness: 0.4, color: COLORS.rule });
  };

  const usable = w.top - w.bottom;
  const head = captionHeight + headerHeight;
  const minRow = w.lineHeight(TYPE.table) * 2 + 2 * PAD_Y;
  w.ensure(Math.min(usable, head + minRow));
  drawHeader(false);

  spec.rows.forEach((row, r) => {
    let cells = spec.columns.map((_, i) => layoutCell(row[i], i, 'regular'));

    for (;;) {
      const need = heightOf(cells);
      if (need > w.room && (need <= usable - head || w.room < minRow)) {
        w.newPage();
        drawHeader(true);
      }
      const fits = need <= w.room;
      const counts = cells.map((c) =>
        fits
          ? c.lines.length
          : Math.min(
              c.lines.length,
              Math.max(0, Math.floor((w.room - 2 * PAD_Y) / w.lineHeight(c.size))),
            ),
      );
      const height = fits ? need : w.room;
      if (spec.stripes !== false && r % 2 === 1) {
        w.page.rect(w.left, w.y - height, w.contentWidth, height, COLORS.stripe);
      }
      drawSlice(cells, counts, height);
      if (fits) break;
      cells = cells.map((c, i) => ({ ...c, lines: c.lines.slice(counts[i]) }));

      w.newPage();
      drawHeader(true);
    }
  });
  w.space(8);
}

/** A two-column "field: value" table (cover, declaration, artefacts, checkpoint, findings). */
export function drawFields(
  w: ReportWriter,
  rows: readonly (readonly Cell[])[],
  caption?: string,
  labelWeight = 22,
): void {
  drawTable(w, {
    columns: [
      { header: 'Field', weight: labelWeight, font: 'bold' },
      { header: 'Value', weight: 100 - labelWeight },
    ],
    headers: false,
    stripes: false,
    rows,
    ...(caption === undefined ? {} : { caption }),
  });
}

import { COLORS, MARGIN, TYPE } from './theme';
import type { ReportWriter } from './writer';

export interface RunningText {
  /** Left of the footer: the case number (and title, shortened to fit). */
  readonly caseLine: string;
  /** Left of the running head (not on the first page). */
  readonly head: string;
}

/** Longest prefix of `text` (cut at a word, with an ellipsis) that fits `width`. */
function fit(w: ReportWriter, text: string, size: number, width: number): string {
  const printable = w.fonts.printable('regular', text);
  if (w.fonts.width('regular', printable, size) <= width) return printable;
  let cut = printable;
  while (cut.length > 1 && w.fonts.width('regular', `${cut}…`, size) > width) {
    const space = cut.lastIndexOf(' ');
    cut = space > cut.length / 2 ? cut.slice(0, space) : cut.slice(0, -1);
  }
  return `${cut.trimEnd()}…`;
}

/**
 * Stamp "page N of M" and the case line on every page, and the running head on every page but
 * the cover. Runs after the layout, when M is known.
 */
export function stampFooters(w: ReportWriter, text: RunningText): void {
  const total = w.pages.length;
  const size = TYPE.small;
  const footY = MARGIN.bottom - 30;
  const headY = w.pageHeight - MARGIN.top + 22;
  w.contents.forEach((page, i) => {
    const pageText = `page ${i + 1} of ${total}`;
    const pageWidth = w.fonts.width('regular', pageText, size);
    page.line(w.left, footY + 11, w.left + w.contentWidth, footY + 11, {
      thickness: 0.5,
      color: COLORS.rule,
    });
    w.drawLine(
      page,
      fit(w, text.caseLine, size, w.contentWidth - pageWidth - 24),
      w.left,
      footY,
      'regular',
      size,
      COLORS.muted,
    );
    w.drawLine(
      page,
      pageText,
      w.left + w.contentWidth - pageWidth,
      footY,
      'regular',
      size,
      COLORS.muted,
    );
    if (i > 0) {
      w.drawLine(
        page,
        fit(w, text.head, size, w.contentWidth),
        w.left,
        headY,
        'regular',
        size,
        COLORS.muted,
      );
    }
  });
}

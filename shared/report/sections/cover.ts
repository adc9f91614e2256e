import type { ReportInput } from '../input';
import { drawFields } from '../layout/table';
import { COLORS, TYPE } from '../layout/theme';
import type { ReportWriter } from '../layout/writer';
import { utc } from '../format';

/** Where the contents list goes on the cover, filled once page numbers are known. */
export interface ContentsSlot {
  readonly pageIndex: number;
  readonly top: number;
}

export function drawCover(w: ReportWriter, input: ReportInput): ContentsSlot {
  w.newPage();
  w.space(30);
  w.text('FORENSIC EXAMINATION REPORT', { font: 'bold', size: 10, color: COLORS.muted, after: 6 });
  w.text(`Case ${input.case.number}`, {
    font: 'bold',
    size: TYPE.title,
    color: COLORS.accent,
    after: 4,
  });
  w.text(input.case.title, { size: 14, after: 18 });
  const e = input.examiner;
  drawFields(
    w,
    [
      ['Case number', input.case.number],
      ['Case title', input.case.title],
      ['Legal authority', input.case.authority ?? 'none recorded'],
      ['Examiner', e.org === null ? e.name : `${e.name}, ${e.org}`],
      ['Examiner certificate', e.subject],
      ['Certificate SHA-256', { text: e.certSha256, font: 'mono' }],
      ['Report date', utc(input.generatedAt)],
      ['Package ID', { text: input.packageId, font: 'mono' }],
      ['Case opened', utc(input.case.created)],
      ['Case ID', { text: input.case.caseId, font: 'mono' }],
      [
        'Contents in figures',
        `${input.artefacts.length} artefacts, ${input.custody.records.length} custody records, ` +
          `${input.timeline.events.length} timeline events, ${input.emails.length} email messages, ` +
          `${input.attribution.length} attribution findings`,
      ],
    ],
    undefined,
    26,
  );
  w.space(10);
  return { pageIndex: w.pages.length - 1, top: w.y };
}

/** The contents list on the cover: one line per section with its page number. */
export function drawContents(w: ReportWriter, slot: ContentsSlot): void {
  const page = w.contents[slot.pageIndex]!;
  const size = TYPE.body;
  const lh = w.lineHeight(size) + 1.5;
  let y = slot.top - size;
  w.drawLine(page, 'Contents', w.left, y, 'bold', size + 1, COLORS.accent);
  y -= lh + 3;
  for (const entry of w.outline.filter((o) => o.level === 0)) {
    if (y < w.bottom) break;
    const number = String(entry.pageIndex + 1);
    const numberWidth = w.fonts.width('regular', number, size);
    const title = w.wrap(entry.title, 'regular', size, w.contentWidth - 60)[0] ?? '';
    const titleWidth = w.fonts.width('regular', title, size);
    w.drawLine(page, title, w.left, y, 'regular', size);
    page.line(w.left + titleWidth + 6, y + 2, w.left + w.contentWidth - numberWidth - 6, y + 2, {
      thickness: 0.4,
      color: COLORS.rule,
      dash: [1, 2.5],
    });
    w.drawLine(page, number, w.left + w.contentWidth - numberWidth, y, 'regular', size);
    y -= lh;
  }
}

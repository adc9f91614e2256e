import type { ReportInput } from '../input';
import { drawFields } from '../layout/table';
import { TYPE } from '../layout/theme';
import type { ReportWriter } from '../layout/writer';
import { utc } from '../format';

export function drawDeclaration(w: ReportWriter, input: ReportInput): void {
  w.heading("Examiner's declaration", 0);
  w.paragraphs(input.declaration, { size: TYPE.body + 0.5, after: 8 });
  w.space(6);
  const e = input.examiner;
  drawFields(
    w,
    [
      ['Examiner', e.org === null ? e.name : `${e.name}, ${e.org}`],
      ['Certificate subject', e.subject],
      ['Certificate SHA-256', { text: e.certSha256, font: 'mono' }],
      ['Date', utc(input.generatedAt)],
      [
        'Signature',
        'This document carries a digital signature made with the key of the certificate above. ' +
          'The signature covers every byte of the document, including any embedded originals; ' +
          'any later change makes it fail validation.',
      ],
    ],
    'Signed by',
    26,
  );
}

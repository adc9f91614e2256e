import type { ReportInput } from '../input';
import { drawTable } from '../layout/table';
import type { ReportWriter } from '../layout/writer';

export function drawGlossary(w: ReportWriter, input: ReportInput): void {
  w.heading('Glossary', 0);
  drawTable(w, {
    columns: [
      { header: 'Term', weight: 24, font: 'bold' },
      { header: 'Meaning', weight: 76 },
    ],
    rows: input.glossary.map((g) => [g.term, g.definition]),
  });
}

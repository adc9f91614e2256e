import type { ReportInput } from '../input';
import { drawFields } from '../layout/table';
import type { ReportWriter } from '../layout/writer';
import { bytes, utc } from '../format';

export function drawArtefacts(w: ReportWriter, input: ReportInput): void {
  w.heading('Artefact inventory', 0);
  w.text(
    `${input.artefacts.length} original artefacts were acquired into the case vault. Each is identified by ` +
      'its SHA-256 digest; elsewhere in this report A1, A2, … refer to the numbers below. MD5 and SHA-1 ' +
      'are given for comparison with other tools.',
  );
  if (input.artefacts.length === 0) {
    w.text('No artefacts were acquired.');
    return;
  }
  input.artefacts.forEach((a, i) => {
    drawFields(
      w,
      [
        ['File name', a.name],
        ['Kind', a.kind],
        ['Size', bytes(a.size)],
        ['SHA-256', { text: a.sha256, font: 'mono' }],
        ['SHA-1', { text: a.sha1, font: 'mono' }],
        ['MD5', { text: a.md5, font: 'mono' }],
        ['Acquired', `${utc(a.acquiredAt)} by ${a.acquiredBy === '' ? 'unknown' : a.acquiredBy}`],
        ['Method', a.method],
        ['Received from', a.receivedFrom ?? 'not recorded'],
        ['Source', a.source ?? 'not recorded'],
        ...(a.note === null ? [] : [['Note', a.note]]),
      ],
      `A${i + 1}  ${a.name}`,
    );
  });
}

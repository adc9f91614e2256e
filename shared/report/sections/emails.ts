import type { ReportInput } from '../input';
import { drawTable } from '../layout/table';
import type { ReportWriter } from '../layout/writer';
import { type ArtefactLabels, cellTime } from '../format';

function delay(s: number | null): string {
  if (s === null) return '—';
  return `${s}\u00a0s`;
}

export function drawEmails(w: ReportWriter, input: ReportInput, labels: ArtefactLabels): void {
  w.heading('Email transmission paths', 0);
  w.text(
    'For each message, the Received headers in order from the earliest hop (the bottom header, hop 1) ' +
      'to the last. HELO is what the sending machine claimed; rDNS and IP are what the receiving server ' +
      'recorded, and only the IP was observed by that server. Delays are measured from the previous dated ' +
      'hop; a negative delay points to a clock error on one of the two servers.',
  );
  if (input.emails.length === 0) {
    w.text('No email messages are part of this report.');
    return;
  }
  input.emails.forEach((m, i) => {
    const title = `Message ${i + 1}: ${m.subject ?? '(no subject)'}`;
    w.heading(title, 1, 80);
    w.text(`Message-ID: ${m.messageId ?? 'none'}   Artefact: ${labels.label(m.artefact)}`, {
      size: 8,
    });
    drawTable(w, {
      columns: [
        { header: 'Hop', weight: 5, align: 'right' },
        { header: 'From (HELO, rDNS, IP)', weight: 30 },
        { header: 'By, with', weight: 20 },
        { header: 'Time (UTC) and raw date', weight: 21 },
        { header: 'Delay', weight: 7 },
        { header: 'Flags', weight: 17 },
      ],
      rows: m.hops.map((h) => [
        String(h.hop),
        `HELO ${h.helo ?? '—'}\nrDNS ${h.rdns ?? '—'}\nIP ${h.ip ?? '—'}`,
        `${h.by ?? '—'}\nwith ${h.with ?? '—'}`,
        `${cellTime(h.time)}\n${h.timeRaw === '' ? '(no date)' : h.timeRaw}`,
        delay(h.delaySeconds),
        h.flags.length === 0 ? '—' : h.flags.join('\n'),
      ]),
    });
  });
}

import { describeEvent } from '../../model';
import type { ReportInput } from '../input';
import { drawTable } from '../layout/table';
import type { ReportWriter } from '../layout/writer';
import { type ArtefactLabels, cellTime, shifted, signedSeconds, zoneText } from '../format';

/** The recorded time, then the corrected one (its date only when the day changes). */
function correctedTime(ts: string, seconds: number): string {
  const after = shifted(ts, seconds) ?? ts;
  const day = after.slice(0, 10) === ts.slice(0, 10) ? '' : `${after.slice(0, 10)}\n`;
  return `${cellTime(ts)}\ncorr. ${signedSeconds(seconds)}\n${day}${after.slice(11, 23)}`;
}

export function drawTimeline(w: ReportWriter, input: ReportInput, labels: ArtefactLabels): void {
  const { events, selection, notes } = input.timeline;
  w.heading('Timeline', 0);
  w.text(
    `Events shown: ${selection.statement} (${events.length} events). Times are UTC; the raw timestamp ` +
      'is the text exactly as in the source, with how its time zone was known. An event whose zone ' +
      'could not be known has no UTC time. Where the analyst recorded a clock correction for an ' +
      'artefact, the corrected time is shown under the recorded one.',
  );
  if (events.length === 0) {
    w.text('No events were chosen for this report.');
    return;
  }
  const corrections = new Map(
    input.method.clockCorrections.map((c) => [c.artefact, c.offsetSeconds]),
  );
  const noteText = new Map<number, string[]>();
  for (const n of notes) noteText.set(n.event, [...(noteText.get(n.event) ?? []), n.text]);
  drawTable(w, {
    columns: [
      { header: '#', weight: 4, align: 'right' },
      { header: 'Time (UTC)', weight: 14 },
      { header: 'Raw timestamp and zone', weight: 20, font: 'mono' },
      { header: 'Type', weight: 13 },
      { header: 'What the record says', weight: 37 },
      { header: 'Source', weight: 12 },
    ],
    rows: events.map((e, i) => {
      const correction = e.artefact === undefined ? undefined : corrections.get(e.artefact);
      const time =
        correction === undefined || e.ts === null
          ? cellTime(e.ts)
          : correctedTime(e.ts, correction);
      const extra = noteText.get(i)?.map((t) => `Note: ${t}`) ?? [];
      const flags =
        e.flags !== undefined && e.flags.length > 0 ? [`Flags: ${e.flags.join(', ')}`] : [];
      return [
        String(i + 1),
        time,
        `${e.tsRaw === '' ? '(none)' : e.tsRaw}\n${zoneText(e.zone)}`,
        e.type,
        [describeEvent(e), ...flags, ...extra].join('\n'),
        labels.where(e.artefact, e.locator),
      ];
    }),
  });
}

import type { ReportInput } from '../input';
import { drawTable } from '../layout/table';
import type { ReportWriter } from '../layout/writer';
import { type ArtefactLabels, signedSeconds, utc } from '../format';

function optionsText(options: ReportInput['method']['parseRuns'][number]['options']): string {
  const parts: string[] = [];
  if (options.assumeZone !== undefined) parts.push(`assume zone ${options.assumeZone}`);
  if (options.year !== undefined) parts.push(`year ${options.year}`);
  if (options.logFormat !== undefined) parts.push(`log format ${options.logFormat}`);
  if (options.ambiguousTime !== undefined)
    parts.push(`ambiguous local time: ${options.ambiguousTime}`);
  if (options.profile !== undefined) parts.push(`table profile ${JSON.stringify(options.profile)}`);
  return parts.length === 0 ? 'defaults (no options)' : parts.join('\n');
}

export function drawMethod(w: ReportWriter, input: ReportInput, labels: ArtefactLabels): void {
  const m = input.method;
  w.heading('Method', 0);
  w.text(
    `This report was produced by Sealcase ${m.sealcaseVersion}. Originals were copied into a ` +
      'content-addressed vault and hashed (MD5, SHA-1, SHA-256) as they were read, then verified by ' +
      're-reading. Each original was parsed with the parser and options below; every derived event keeps ' +
      'the digest of its original and the position of its record (line, header, byte offset, cell). ' +
      'Raw timestamps were converted to UTC only where their zone was stated in the record, declared by ' +
      'the analyst, or an epoch value. Clock corrections were applied to the times read from the named ' +
      'artefacts before attribution. Attribution joined each observation through the NAT, AAA, DHCP and ' +
      'operator records listed, within the stated tolerance.',
  );
  w.text(
    'To repeat the work, verify the package and re-derive everything from the originals: "reproduce" ' +
      're-parses every original with the recorded parser versions and options and re-runs the attribution ' +
      'with the recorded engine version, tolerance and corrections, reporting any difference. The same ' +
      'steps can be taken one by one with "parse" and "attribute":',
    { after: 3 },
  );
  for (const command of [
    'sealcase verify PKG',
    'sealcase reproduce PKG',
    'sealcase parse FILE --format NAME [--assume-zone ZONE] [--year YYYY]',
    `sealcase attribute --observations FILE --records FILE... --tolerance ${m.toleranceSeconds}`,
  ]) {
    w.text(command, { font: 'mono', size: 8, indent: 14, after: 1 });
  }
  w.space(6);
  w.heading('Tools and versions', 1);
  drawTable(w, {
    columns: [
      { header: 'Tool', weight: 40 },
      { header: 'Version', weight: 60 },
    ],
    rows: [
      ['Sealcase', m.sealcaseVersion],
      ['Attribution engine', m.attributionEngineVersion],
      ...m.tools.map((t) => [t.name, t.version]),
    ],
  });
  w.heading('Parse runs', 1);
  if (m.parseRuns.length === 0) w.text('No artefact was parsed.');
  else
    drawTable(w, {
      columns: [
        { header: 'Artefact', weight: 24 },
        { header: 'Parser', weight: 16 },
        { header: 'Options', weight: 30 },
        { header: 'Decision record (SHA-256)', weight: 30, font: 'mono' },
      ],
      rows: m.parseRuns.map((r) => [
        `${labels.label(r.artefact)} ${r.artefactName}`,
        `${r.format} ${r.parserVersion}`,
        optionsText(r.options),
        r.decision ?? 'format detected at export',
      ]),
    });
  w.heading('Clock corrections', 1);
  if (m.clockCorrections.length === 0) w.text('No clock corrections were recorded.');
  else
    drawTable(w, {
      columns: [
        { header: 'Artefact', weight: 24 },
        { header: 'Correction', weight: 14 },
        { header: 'Reason', weight: 38 },
        { header: 'Recorded', weight: 24 },
      ],
      rows: m.clockCorrections.map((c) => [
        `${labels.label(c.artefact)} ${c.artefactName}`,
        signedSeconds(c.offsetSeconds),
        c.reason,
        `${utc(c.decidedAt)}\nby ${c.decidedBy}`,
      ]),
    });
  w.heading('Attribution settings', 1);
  w.text(
    `Tolerance: ${m.toleranceSeconds} seconds either side of each observed time. ` +
      `Attribution engine version ${m.attributionEngineVersion}.`,
  );
  if (m.notes.length > 0) {
    w.heading('Further notes', 1);
    for (const n of m.notes) w.paragraphs(n);
  }
}

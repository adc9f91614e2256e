import type { LedgerRecord } from '../../custody/record';
import type { ReportInput } from '../input';
import { drawFields, drawTable } from '../layout/table';
import type { ReportWriter } from '../layout/writer';
import { type ArtefactLabels, cellTime, utc } from '../format';

/** A detail value for people: hashes whole, long blobs (a certificate in base64) cut short. */
function shortValue(v: string | number | boolean): string {
  const s = String(v);
  if (s.length <= 96 || /^[0-9a-f]{64,128}$/.test(s)) return s;
  return `${s.slice(0, 40)}… (${s.length} characters, in the ledger)`;
}

/** Scalar details worth showing (hashes, sizes, names); nested values are summarised. */
function detailLines(details: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of Object.keys(details).sort()) {
    const v = details[key];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      out.push(`${key}: ${shortValue(v)}`);
    else if (v !== null && typeof v === 'object' && 'name' in v && typeof v.name === 'string')
      out.push(`${key}: ${v.name}`);
    if (out.length >= 6) break;
  }
  return out;
}

function subjectText(r: LedgerRecord, labels: ArtefactLabels): string {
  const parts: string[] = [];
  for (const a of r.subject.artefacts ?? []) parts.push(`${labels.label(a)} ${a}`);
  const ids = r.subject.ids ?? [];
  if (ids.length > 0)
    parts.push(
      `ids: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ` (+${ids.length - 5})` : ''}`,
    );
  parts.push(...detailLines(r.details));
  return parts.length === 0 ? '—' : parts.join('\n');
}

export function drawCustody(w: ReportWriter, input: ReportInput, labels: ArtefactLabels): void {
  const { records, checkpoint } = input.custody;
  w.heading('Chain of custody', 0);
  w.text(
    `The custody ledger holds ${records.length} signed records, one per action on the evidence, each ` +
      'carrying the hash of the record before it. A checkpoint signed by the examiner seals the ledger: ' +
      'it states the number of records and the Merkle root (RFC 9162) over them. Any change to any record ' +
      'changes the root. The ledger itself travels in the package and is checked by "sealcase verify".',
  );
  drawFields(
    w,
    [
      ['Records covered', String(checkpoint.size)],
      ['Merkle root', { text: checkpoint.root, font: 'mono' }],
      ['Signed at', utc(checkpoint.signedAt)],
      ['Signed by', checkpoint.signer],
      ['Signer certificate', { text: checkpoint.signerCert, font: 'mono' }],
    ],
    'Checkpoint',
  );
  drawTable(w, {
    caption: 'Ledger records',
    columns: [
      { header: 'Seq', weight: 5, align: 'right' },
      { header: 'Time (UTC)', weight: 14 },
      { header: 'Actor', weight: 13 },
      { header: 'Action', weight: 15 },
      { header: 'Subject and details', weight: 32, font: 'mono' },
      { header: 'Reason', weight: 21 },
    ],
    rows: records.map((r) => [
      String(r.seq),
      cellTime(r.at),
      `${r.actor.name}\nSealcase ${r.tool.sealcase}`,
      r.action,
      subjectText(r, labels),
      r.reason,
    ]),
  });
}

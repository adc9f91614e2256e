import type { ReportAttributionFinding, ReportInput } from '../input';
import { drawFields, drawTable } from '../layout/table';
import type { ReportWriter } from '../layout/writer';
import { type ArtefactLabels, cellTime, utc } from '../format';

export const ACCOUNT_HOLDER_CAVEAT =
  'Attribution names the holder of an internet account, not a person. The account holder is the ' +
  'subscriber the network operator had on record for the address (and port) at that time. Anyone ' +
  'using that connection — members of the household or business, guests, a neighbour on an open ' +
  'wireless network, or an intruder — would appear the same way. Each finding states the records it ' +
  'rests on and every reason it may be weaker than it looks.';

type Status = ReportAttributionFinding['status'];

export function statusText(status: Status): string {
  switch (status) {
    case 'unique':
      return 'Unique: the records show exactly one account holding this address (and port) at that time.';
    case 'ambiguous':
      return 'Ambiguous: the records show more than one account that could have held this address at that time.';
    case 'none':
      return 'None: the records cover that time, but no account held this address (and port).';
    case 'no-coverage':
      return 'No coverage: the records supplied do not cover this address at that time; nothing can be said.';
  }
}

function sharedText(n: number): string {
  if (n === 0) return 'no account held this address in the window searched';
  if (n === 1) return 'one account held this address in the window searched';
  return `${n} accounts held this address in the window searched; without the source port they cannot be told apart`;
}

function observationText(f: ReportAttributionFinding, labels: ArtefactLabels): string {
  const o = f.observation;
  const port = o.port === undefined ? 'no port logged' : `port ${o.port}`;
  const where =
    o.artefact === undefined ? o.source : `${o.source}, ${labels.where(o.artefact, o.locator)}`;
  const zone = o.zoneSource === undefined ? '' : `\nzone of the observed time: ${o.zoneSource}`;
  return `${o.ip}, ${port}\n${utc(o.ts)}\nfrom ${where}${zone}`;
}

function pathRows(f: ReportAttributionFinding, labels: ArtefactLabels): string[][] {
  return f.path.map((s, i) => {
    const from = `${s.from.ip}${s.from.port === undefined ? '' : ` port ${s.from.port}`}${s.from.vrf === undefined ? '' : ` vrf ${s.from.vrf}`}`;
    const toParts: string[] = [];
    if (s.to.ip !== undefined) toParts.push(s.to.ip);
    if (s.to.portStart !== undefined)
      toParts.push(`ports ${s.to.portStart}–${s.to.portEnd ?? s.to.portStart}`);
    if (s.to.account !== undefined)
      toParts.push(
        `account ${s.to.account}${s.to.accountField === undefined ? '' : ` (${s.to.accountField})`}`,
      );
    const iv = s.interval;
    const interval = `from ${cellTime(iv.start)}${iv.startInferred ? ' (inferred)' : ''}\nto ${iv.end === null ? 'open' : cellTime(iv.end)}${iv.endInferred ? ' (inferred)' : ''}`;
    const records = s.records.map((r) => `${r.role}: ${labels.where(r.artefact, r.locator)}`);
    return [
      `${i + 1}${s.parent === null ? '' : ` ← ${s.parent + 1}`}`,
      s.kind,
      from,
      toParts.length === 0 ? '—' : toParts.join('\n'),
      interval,
      [labels.where(s.artefact, s.locator), ...records].join('\n') +
        (s.note === undefined ? '' : `\n${s.note}`),
    ];
  });
}

export function drawAttribution(w: ReportWriter, input: ReportInput, labels: ArtefactLabels): void {
  w.heading('Attribution findings', 0);
  w.note(ACCOUNT_HOLDER_CAVEAT, { font: 'bold' });
  w.text(
    `${input.attribution.length} observations were attributed with engine version ` +
      `${input.method.attributionEngineVersion} and a tolerance of ${input.method.toleranceSeconds} s ` +
      'either side of each observed time. The evidence path lists each record used, from the observed ' +
      'public address to the account; "← n" marks a step that continues step n.',
  );
  if (input.attribution.length === 0) {
    w.text('No attribution was part of this report.');
    return;
  }
  input.attribution.forEach((f, i) => {
    const port = f.observation.port === undefined ? '' : `:${f.observation.port}`;
    w.heading(`Finding ${i + 1}: ${f.observation.ip}${port} — ${f.status}`, 1, 120);
    drawFields(
      w,
      [
        ['Observation', observationText(f, labels)],
        ['Status', statusText(f.status)],
        ['Account holder(s)', f.subscribers.length === 0 ? 'none' : f.subscribers.join('\n')],
        ...(f.sharedBy === null ? [] : [['Address shared by', sharedText(f.sharedBy)]]),
        ['Window searched', `${utc(f.window.start)} to ${utc(f.window.end)}`],
        [
          'Reasons',
          f.reasons.length === 0
            ? 'none'
            : f.reasons.map((r) => `${r.code}: ${r.message}`).join('\n'),
        ],
        ['Caveat', f.caveat],
      ],
      undefined,
      20,
    );
    if (f.path.length > 0) {
      drawTable(w, {
        caption: `Finding ${i + 1}: evidence path`,
        columns: [
          { header: 'Step', weight: 6 },
          { header: 'Kind', weight: 15 },
          { header: 'Looked up', weight: 18 },
          { header: 'Maps to', weight: 19 },
          { header: 'Interval (UTC)', weight: 18 },
          { header: 'Records', weight: 24 },
        ],
        rows: pathRows(f, labels),
      });
    }
  });
}

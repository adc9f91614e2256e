import type { CustodyRecordViewValue } from '../../../shared/contracts';

export interface CustodyRecordTableProps {
  readonly records: readonly CustodyRecordViewValue[];
  /** The first record that failed verification, shown after the verified ones. */
  readonly failedSeq: number | null;
}

const ACTION_LABELS: Readonly<Record<string, string>> = {
  'case.created': 'Case created',
  'examiner.added': 'Examiner added',
  'artefact.acquired': 'Artefact acquired',
  'artefact.verified': 'Artefact verified',
  'analysis.recorded': 'Analysis recorded',
  'custody.transferred': 'Custody transferred',
  'custody.accepted': 'Custody accepted',
  'export.created': 'Export created',
  'ledger.recovered': 'Ledger recovered',
  'checkpoint.signed': 'Checkpoint signed',
};

function shortHash(hex: string): string {
  return `${hex.slice(0, 12)}…`;
}

/** The ledger as a readable list: who, what, when, on which artefact, why; each with its badge. */
export function CustodyRecordTable({ records, failedSeq }: CustodyRecordTableProps) {
  return (
    <table className="table custody-table">
      <caption className="visually-hidden">Custody ledger records</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">When (UTC)</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">Subject</th>
          <th scope="col">Why</th>
          <th scope="col">Check</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <tr key={r.seq}>
            <td className="mono">{r.seq}</td>
            <td className="mono nowrap">{r.at.replace('T', ' ')}</td>
            <td>
              {r.actor.name}
              <span className="muted small mono block" title={r.actor.cert}>
                cert {shortHash(r.actor.cert)}
              </span>
            </td>
            <td>{ACTION_LABELS[r.action] ?? r.action}</td>
            <td className="mono small">
              {r.artefacts.map((a) => (
                <span key={a} className="block" title={a}>
                  sha256 {shortHash(a)}
                </span>
              ))}
              {r.ids.map((id) => (
                <span key={id} className="block">
                  {id}
                </span>
              ))}
            </td>
            <td className="clamp" title={r.reason}>
              {r.reason}
            </td>
            <td>
              <span className="badge badge-ok" title={`record hash ${r.hash}`}>
                Verified
              </span>
            </td>
          </tr>
        ))}
        {failedSeq !== null && (
          <tr className="row-failed">
            <td className="mono">{failedSeq}</td>
            <td colSpan={5}>This record and every record after it could not be verified.</td>
            <td>
              <span className="badge badge-bad">Failed</span>
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

import type { ExportRecordViewValue } from '../../../shared/contracts';
import { formatBytes } from './ArtefactTable';

export interface ExportHistoryProps {
  readonly exports: readonly ExportRecordViewValue[];
}

const short = (hex: string | null) => (hex === null ? '—' : `${hex.slice(0, 16)}…`);

/** Earlier exports of the case, newest first, from the ledger's `export.created` records. */
export function ExportHistory({ exports }: ExportHistoryProps) {
  if (exports.length === 0) {
    return (
      <p className="muted">
        No export of this case yet. Each export is recorded in the custody ledger; later exports
        prove, with a consistency proof, that they extend the earlier ones.
      </p>
    );
  }
  return (
    <div className="scroll-x">
      <table className="table">
        <caption className="visually-hidden">Earlier exports of this case</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When (UTC)</th>
            <th scope="col">By</th>
            <th scope="col">Package</th>
            <th scope="col">Manifest SHA-256</th>
            <th scope="col">Form</th>
            <th scope="col">Size</th>
          </tr>
        </thead>
        <tbody>
          {[...exports].reverse().map((e) => (
            <tr key={e.seq}>
              <td className="mono">{e.seq}</td>
              <td className="mono nowrap">{e.at.replace('T', ' ')}</td>
              <td>{e.by}</td>
              <td>
                <span className="mono small block break">{e.packageId ?? '—'}</span>
                <span className="muted small block break">{e.path ?? e.reason}</span>
              </td>
              <td className="mono small" title={e.manifestSha256 ?? undefined}>
                {short(e.manifestSha256)}
              </td>
              <td>
                {e.form ?? '—'}
                {e.redaction === 'redacted' ? ', redacted' : ''}
              </td>
              <td className="nowrap">
                {e.bytes === null ? '—' : formatBytes(e.bytes)}
                {e.files === null ? '' : `, ${e.files} files`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

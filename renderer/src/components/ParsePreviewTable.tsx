import {
  describeEvent,
  describeLocator,
  type ParseWarning,
  type SealcaseEvent,
} from '../../../shared/model';

const where = describeLocator;

const utc = (ts: string | null) =>
  ts === null ? null : ts.replace('T', ' ').replace('.000Z', 'Z');

export interface ParsePreviewTableProps {
  readonly events: readonly SealcaseEvent[];
}

/** The first events of a parse: UTC time (or why there is none), the raw time, what it records. */
export function ParsePreviewTable({ events }: ParsePreviewTableProps) {
  return (
    <table className="table preview-table">
      <caption className="visually-hidden">First events of the parse</caption>
      <thead>
        <tr>
          <th scope="col">Where</th>
          <th scope="col">Time (UTC)</th>
          <th scope="col">As written</th>
          <th scope="col">Zone</th>
          <th scope="col">Type</th>
          <th scope="col">Event</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e, i) => (
          <tr key={i}>
            <td className="nowrap small">{where(e.locator)}</td>
            <td className="mono nowrap small">
              {utc(e.ts) ?? <span className="badge badge-bad">no UTC time</span>}
            </td>
            <td className="mono small break">{e.tsRaw === '' ? '—' : e.tsRaw}</td>
            <td className="small nowrap">
              {e.zone.source}
              {e.zone.offset !== null && ` ${e.zone.offset}`}
              {e.zone.ambiguous === true && (
                <span className="badge badge-bad" title="DST gap or overlap">
                  ambiguous
                </span>
              )}
            </td>
            <td className="mono small nowrap">{e.type}</td>
            <td className="mono small break">
              {describeEvent(e)}
              {e.flags !== undefined && e.flags.length > 0 && (
                <span className="muted"> [{e.flags.join(', ')}]</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface ParseWarningListProps {
  readonly warnings: readonly ParseWarning[];
}

export function ParseWarningList({ warnings }: ParseWarningListProps) {
  return (
    <ul className="warnings small">
      {warnings.map((w, i) => (
        <li key={i}>
          {/* Many messages already start with their line ("line 12 …"): no second prefix. */}
          {!w.message.startsWith(`${where(w.locator)} `) &&
            !w.message.startsWith(`${where(w.locator)}:`) && (
              <>
                <span className="mono">{where(w.locator)}</span>:{' '}
              </>
            )}
          {w.message} <span className="muted mono">[{w.code}]</span>
        </li>
      ))}
    </ul>
  );
}

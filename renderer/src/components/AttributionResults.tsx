import { Fragment, useState } from 'react';
import type { AttributionResultValue } from '../../../shared/contracts';
import { describeLocator } from '../../../shared/model';
import { EvidenceLinkPair, type EvidenceLinks } from './EvidenceLinks';
import { EvidencePath, utc } from './EvidencePath';

export interface AttributionResultsProps {
  readonly results: readonly AttributionResultValue[];
  /** Artefact SHA-256 → original name, to name the evidence on each path step. */
  readonly names: ReadonlyMap<string, string>;
  /** Routes of "Show in timeline" / "Show in artefact" for the observation and each step. */
  readonly links?: EvidenceLinks | undefined;
  /** The expanded row (controlled), when the screen keeps it; otherwise the table does. */
  readonly open?: number | null | undefined;
  readonly onOpenChange?: ((row: number | null) => void) | undefined;
}

const STATUS_TEXT: Readonly<Record<AttributionResultValue['status'], string>> = {
  unique: 'unique',
  ambiguous: 'ambiguous',
  none: 'not mapped',
  'no-coverage': 'no coverage',
};

const STATUS_HELP: Readonly<Record<AttributionResultValue['status'], string>> = {
  unique: 'Exactly one account held this address (and port) at that time.',
  ambiguous: 'More than one account fits: the records cannot tell them apart.',
  none: 'Records cover this address and time, but none maps it to an account.',
  'no-coverage': 'No record covers this address at this time: nothing can be said.',
};

/** Results coloured by status; each row opens to its evidence path and the reasons in words. */
export function AttributionResults(props: AttributionResultsProps) {
  const { results, names, links } = props;
  const [ownOpen, setOwnOpen] = useState<number | null>(null);
  const open = props.open === undefined ? ownOpen : props.open;
  const setOpen = (row: number | null) => {
    setOwnOpen(row);
    props.onOpenChange?.(row);
  };
  return (
    <table className="table attribution-table">
      <caption className="visually-hidden">Attribution results</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Address</th>
          <th scope="col">Port</th>
          <th scope="col">Time (UTC)</th>
          <th scope="col">Result</th>
          <th scope="col">Account(s)</th>
          <th scope="col">Doubts</th>
          <th scope="col">
            <span className="visually-hidden">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {results.map((r, i) => (
          <Fragment key={i}>
            <tr className={`status-${r.status}`}>
              <td className="small">{i + 1}</td>
              <td className={`mono small ${r.observation.ip.includes(':') ? 'break' : 'nowrap'}`}>
                {r.observation.ip}
              </td>
              <td className="mono small">
                {r.observation.port ?? <span className="muted">none</span>}
              </td>
              <td className="mono small nowrap">{utc(r.observation.ts)}</td>
              <td>
                <span className={`badge status-badge-${r.status}`} title={STATUS_HELP[r.status]}>
                  {STATUS_TEXT[r.status]}
                </span>
              </td>
              <td className="mono small break">
                {r.subscribers.length === 0 ? '—' : r.subscribers.join(', ')}
                {r.sharedBy !== null && r.sharedBy > 1 && (
                  <span className="muted"> (address shared by {r.sharedBy})</span>
                )}
              </td>
              <td className="small">
                {r.reasons.length === 0 ? '—' : r.reasons.map((x) => x.code).join(', ')}
              </td>
              <td>
                <button
                  type="button"
                  className="link-button small"
                  aria-expanded={open === i}
                  aria-controls={`attribution-detail-${i}`}
                  onClick={() => setOpen(open === i ? null : i)}
                >
                  {open === i ? 'Hide' : 'Details'}
                </button>
              </td>
            </tr>
            {open === i && (
              <tr id={`attribution-detail-${i}`} className="detail-row">
                <td colSpan={8}>
                  <p className="small">{STATUS_HELP[r.status]}</p>
                  <p className="small">
                    Observation:{' '}
                    {r.observation.artefact === undefined
                      ? 'typed or pasted'
                      : `${names.get(r.observation.artefact) ?? `${r.observation.artefact.slice(0, 16)}…`}${r.observation.locator === undefined ? '' : `, ${describeLocator(r.observation.locator)}`}`}{' '}
                    <EvidenceLinkPair
                      links={links}
                      row={i}
                      target={{
                        artefact: r.observation.artefact,
                        locator: r.observation.locator,
                        ts: r.observation.ts,
                        source: 'observation',
                        label: 'observation',
                      }}
                    />
                  </p>
                  {r.path.length > 0 && (
                    <>
                      <h3 className="small-heading">Evidence path</h3>
                      <EvidencePath path={r.path} names={names} links={links} row={i} />
                    </>
                  )}
                  {r.reasons.length > 0 && (
                    <>
                      <h3 className="small-heading">
                        {r.status === 'ambiguous' ? 'Why not unique?' : 'Doubts and notes'}
                      </h3>
                      <ul className="small">
                        {r.reasons.map((x, k) => (
                          <li key={k}>
                            {x.message} <span className="muted mono">[{x.code}]</span>
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                  <p className="muted small">
                    Searched {utc(r.window.start)} to {utc(r.window.end)}.
                  </p>
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

import { Fragment, useState } from 'react';
import type { AttributionResultValue } from '../../../shared/contracts';
import { describeLocator } from '../../../shared/model';

export interface AttributionResultsProps {
  readonly results: readonly AttributionResultValue[];
  /** Artefact SHA-256 → original name, to name the evidence on each path step. */
  readonly names: ReadonlyMap<string, string>;
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

const KIND_TEXT: Readonly<Record<AttributionResultValue['path'][number]['kind'], string>> = {
  'nat-session': 'NAT session',
  'nat-portblock': 'CGN port block',
  'deterministic-nat': 'deterministic NAT',
  'map-port-set': 'MAP port set',
  'aaa-session': 'RADIUS session',
  'dhcp-lease': 'DHCP lease',
  'isp-assignment': 'ISP reply row',
};

const utc = (ts: string | null) =>
  ts === null ? '…' : ts.replace('T', ' ').replace(/\.000Z$/, 'Z');

/** Results coloured by status; each row opens to its evidence path and the reasons in words. */
export function AttributionResults({ results, names }: AttributionResultsProps) {
  const [open, setOpen] = useState<number | null>(null);
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
                  {r.path.length > 0 && (
                    <>
                      <h3 className="small-heading">Evidence path</h3>
                      <ol className="path-list small">
                        {r.path.map((s, k) => (
                          <li key={k} style={{ marginLeft: `${s.depth * 24}px` }}>
                            <strong>{KIND_TEXT[s.kind]}</strong>:{' '}
                            <span className="mono">
                              {s.from.ip}
                              {s.from.port === undefined ? '' : `:${s.from.port}`}
                            </span>{' '}
                            →{' '}
                            <span className="mono">
                              {s.to.account !== undefined
                                ? `account ${s.to.account}`
                                : s.to.ip !== undefined
                                  ? `${s.to.ip}${s.to.portStart === undefined ? '' : ` ports ${s.to.portStart}–${s.to.portEnd ?? s.to.portStart}`}${s.to.vrf === undefined ? '' : ` (vrf ${s.to.vrf})`}`
                                  : 'not held'}
                            </span>{' '}
                            from {utc(s.interval.start)} to {utc(s.interval.end)}
                            {s.interval.endInferred && (
                              <span className="badge badge-bad">end inferred</span>
                            )}
                            <br />
                            <span className="muted">
                              {s.artefact === undefined
                                ? 'configuration'
                                : `${names.get(s.artefact) ?? `${s.artefact.slice(0, 16)}…`}, ${describeLocator(s.locator)}`}
                              {s.note === undefined ? '' : ` — ${s.note}`}
                            </span>
                          </li>
                        ))}
                      </ol>
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

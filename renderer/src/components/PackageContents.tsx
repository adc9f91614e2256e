import type { PackageViewValue } from '../../../shared/contracts';
import { formatBytes } from './ArtefactTable';

export interface PackageContentsProps {
  readonly view: PackageViewValue;
  /** The report check's result, to say whether the report's signature verified. */
  readonly reportStatus: 'pass' | 'fail' | 'skipped' | null;
}

const utc = (iso: string | null) => (iso === null ? '—' : iso.replace('T', ' '));

function reportSignature(status: PackageContentsProps['reportStatus']): string {
  switch (status) {
    case 'pass':
      return 'Signature valid: signed by the examiner, covering the whole file.';
    case 'fail':
      return 'The report check failed: see the findings above for data/report.pdf.';
    case 'skipped':
      return 'Signature not checked: the verification could not reach it.';
    case null:
      return 'Signature not checked yet.';
  }
}

/** What the package holds, read-only: nothing here can be edited or saved back. */
export function PackageContents({ view, reportStatus }: PackageContentsProps) {
  const c = view.case;
  const b = view.bagInfo;
  return (
    <section className="package-contents" aria-labelledby="contents-heading">
      <h2 id="contents-heading">Contents (read-only)</h2>
      {view.problems.length > 0 && (
        <div className="notice notice-warning">
          <strong>Some of the package could not be read for this view</strong>
          <ul>
            {view.problems.map((p, i) => (
              <li key={i}>
                <span className="mono small">{p.file}</span>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <dl className="facts">
        <div>
          <dt>Case</dt>
          <dd>{c === null ? 'not readable' : `${c.number} — ${c.title}`}</dd>
        </div>
        <div>
          <dt>Legal authority</dt>
          <dd>{c?.authority ?? 'not recorded'}</dd>
        </div>
        <div>
          <dt>Examiner</dt>
          <dd>
            {b?.contact ?? 'unknown'}
            {b?.organisation ? ` (${b.organisation})` : ''}
          </dd>
        </div>
        <div>
          <dt>Exported</dt>
          <dd>
            {b?.baggingDate ?? '—'} by {b?.software ?? 'unknown software'}
          </dd>
        </div>
        {b?.redaction === 'redacted' && (
          <div>
            <dt>Redacted derivative of</dt>
            <dd className="mono break">{b.fullPackage}</dd>
          </div>
        )}
      </dl>

      <h3 className="small-heading">Report</h3>
      {view.report === null ? (
        <p className="muted">The package holds no report.</p>
      ) : (
        <div className="report-place">
          <p>
            <span className={reportStatus === 'pass' ? 'badge badge-ok' : 'badge badge-bad'}>
              {reportStatus === 'pass' ? 'Signed' : 'Unverified'}
            </span>{' '}
            {reportSignature(reportStatus)}
          </p>
          <p className="small">
            Open it with a PDF reader from{' '}
            <span className="mono break">{view.report.location}</span> (
            {formatBytes(view.report.bytes)}); Sealcase does not display PDFs.
          </p>
        </div>
      )}

      <h3 className="small-heading">Certificates</h3>
      <ul className="cert-list">
        {view.certificates.map((cert) => (
          <li key={cert.sha256}>
            {cert.subject}{' '}
            <span className="muted small">
              ({cert.role}
              {cert.anchor ? ', trust anchor' : ''})
            </span>
            <span className="mono small block break">SHA-256 {cert.sha256}</span>
          </li>
        ))}
      </ul>

      <h3 className="small-heading">Originals ({view.artefacts.length})</h3>
      <div className="scroll-x">
        <table className="table">
          <caption className="visually-hidden">Originals in the package</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Size</th>
              <th scope="col">Hashes</th>
              <th scope="col">Acquired (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {view.artefacts.map((a) => (
              <tr key={a.sha256}>
                <td className="break">
                  {a.name}
                  {a.bagPath === null && (
                    <span className="badge badge-bad block">no copy in the package</span>
                  )}
                </td>
                <td className="nowrap">{a.size === null ? '—' : formatBytes(a.size)}</td>
                <td className="mono small">
                  <span className="block break">SHA-256 {a.sha256}</span>
                  {a.sha1 !== null && <span className="block break">SHA-1 {a.sha1}</span>}
                  {a.md5 !== null && <span className="block break">MD5 {a.md5}</span>}
                </td>
                <td className="small">
                  <span className="mono nowrap">{utc(a.acquiredAt)}</span>
                  <span className="block">by {a.acquiredBy ?? 'unknown'}</span>
                  {a.receivedFrom !== null && (
                    <span className="block muted">from {a.receivedFrom}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3 className="small-heading">Derived data</h3>
      <p>
        {view.events === null
          ? 'No events file.'
          : `${view.events.count} event${view.events.count === 1 ? '' : 's'}`}
        {view.events !== null && Object.keys(view.events.byType).length > 0 && (
          <span className="muted">
            {' '}
            (
            {Object.entries(view.events.byType)
              .map(([t, k]) => `${k} ${t}`)
              .join(', ')}
            )
          </span>
        )}
        {view.attributionResults !== null &&
          `; ${view.attributionResults} attribution result${view.attributionResults === 1 ? '' : 's'}`}
        .
      </p>

      <h3 className="small-heading">
        Custody records ({view.custody.total}
        {view.custody.records.length < view.custody.total
          ? `, the newest ${view.custody.records.length} shown`
          : ''}
        )
      </h3>
      <div className="scroll-x">
        <table className="table custody-table">
          <caption className="visually-hidden">Custody records in the package</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {view.custody.records.map((r) => (
              <tr key={r.seq}>
                <td className="mono">{r.seq}</td>
                <td className="mono nowrap">{utc(r.at)}</td>
                <td>{r.actor.name}</td>
                <td className="mono small">{r.action}</td>
                <td className="break">{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

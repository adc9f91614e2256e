import type { PackageVerificationValue } from '../../../shared/contracts';
import { formatBytes } from './ArtefactTable';
import { checkProves } from './check-proofs';

export interface VerificationReportProps {
  readonly result: PackageVerificationValue;
  /** Heading level context: the id prefix keeps two reports on one page apart. */
  readonly idPrefix: string;
}

const STATUS = {
  pass: ['badge badge-ok', 'Passed'],
  fail: ['badge badge-bad', 'Failed'],
  skipped: ['badge badge-skip', 'Not run'],
} as const;

/** The recipient's verification: verdict first, then every check, findings, trust anchors. */
export function VerificationReport({ result, idPrefix }: VerificationReportProps) {
  const s = result.summary;
  const n = result.findings.length;
  return (
    <section className="verification" aria-labelledby={`${idPrefix}-verdict`}>
      {result.valid ? (
        <div className="notice notice-ok verdict" role="status">
          <h3 id={`${idPrefix}-verdict`} className="verdict-title">
            Valid: every check passed
          </h3>
          <p>
            {s.files} files ({formatBytes(s.bytes)}) are exactly as the examiner signed them; the
            report&apos;s signature and the custody ledger verify.
          </p>
        </div>
      ) : (
        <div className="notice notice-error verdict" role="alert">
          <h3 id={`${idPrefix}-verdict`} className="verdict-title">
            Not valid: {n} finding{n === 1 ? '' : 's'}
          </h3>
          <p>
            Do not rely on this package as it is: a file differs from what was signed, or a
            signature, certificate or the ledger does not verify. The findings below say what and
            where.
          </p>
        </div>
      )}
      <dl className="facts">
        <div>
          <dt>Package id</dt>
          <dd className="mono break">{s.packageId ?? 'unknown'}</dd>
        </div>
        <div>
          <dt>Case</dt>
          <dd className="mono">{s.caseNumber ?? 'unknown'}</dd>
        </div>
        <div>
          <dt>Signed by</dt>
          <dd>{s.signer?.subject ?? 'no valid signer'}</dd>
        </div>
        <div>
          <dt>Manifest SHA-256</dt>
          <dd className="mono break">{s.manifestSha256 ?? '—'}</dd>
        </div>
        <div>
          <dt>Verified (UTC)</dt>
          <dd className="mono">{result.verifiedAt.replace('T', ' ')}</dd>
        </div>
      </dl>

      <div className="anchors notice notice-warning">
        <strong>Compare the trust anchor with the lab&apos;s published fingerprint</strong>
        <p>
          A package cannot make itself trusted: the signatures were checked against the
          certificate(s) below, which came inside the package. Compare each SHA-256 with the
          fingerprint the lab publishes (by a channel other than this package).
        </p>
        {s.anchors.length === 0 ? (
          <p>No trust anchor could be read from the package.</p>
        ) : (
          <ul className="anchor-list">
            {s.anchors.map((a) => (
              <li key={a.sha256}>
                {a.subject}
                <span className="mono small block break">SHA-256 {a.sha256}</span>
              </li>
            ))}
          </ul>
        )}
      </div>

      {n > 0 && (
        <div className="scroll-x">
          <table className="table findings-table">
            <caption className="table-caption">Findings</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">File</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {result.findings.map((f, i) => (
                <tr key={i}>
                  <td className="mono small nowrap">{f.code}</td>
                  <td className="mono small break">{f.file}</td>
                  <td>{f.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div className="scroll-x">
        <table className="table checks-table">
          <caption className="table-caption">Checks, in the order they ran</caption>
          <thead>
            <tr>
              <th scope="col">Check, and what it proves when it passes</th>
              <th scope="col">Result</th>
              <th scope="col">What was found</th>
            </tr>
          </thead>
          <tbody>
            {result.checks.map((c) => {
              const [cls, word] = STATUS[c.status];
              return (
                <tr key={c.id}>
                  <td className="check-name">
                    <strong>{c.title}</strong>
                    <span className="block small muted">{checkProves(c.id)}</span>
                  </td>
                  <td>
                    <span className={cls}>{word}</span>
                  </td>
                  <td className="small break">{c.detail}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

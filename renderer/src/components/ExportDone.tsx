import type { ExportedPackageValue } from '../../../shared/contracts';
import { formatBytes } from './ArtefactTable';

export interface ExportDoneProps {
  readonly packages: readonly ExportedPackageValue[];
  readonly onVerify: (pkg: ExportedPackageValue) => void;
  readonly verifying: boolean;
}

/** What the export wrote: where, its id and manifest hash, and "Verify now" per package. */
export function ExportDone({ packages, onVerify, verifying }: ExportDoneProps) {
  return (
    <div className="notice notice-ok" role="status">
      <strong>
        {packages.length === 1 ? 'Package written and signed.' : 'Packages written and signed.'}
      </strong>
      {packages.map((p) => (
        <div key={p.package.handle} className="export-done">
          <dl className="detail-list">
            <dt>{p.redaction === 'redacted' ? 'Redacted derivative' : 'Package'}</dt>
            <dd className="mono break">{p.package.path}</dd>
            <dt>Package id</dt>
            <dd className="mono break">{p.packageId}</dd>
            <dt>Manifest SHA-256</dt>
            <dd className="mono break">{p.manifestSha256}</dd>
            <dt>Contents</dt>
            <dd>
              {p.files} files, {formatBytes(p.bytes)} ({p.package.form})
            </dd>
            {p.withheld.length > 0 && (
              <>
                <dt>Withheld</dt>
                <dd className="mono">{p.withheld.join(', ')}</dd>
              </>
            )}
          </dl>
          <button type="button" onClick={() => onVerify(p)} disabled={verifying}>
            {verifying ? 'Verifying…' : 'Verify now'}
            <span className="visually-hidden">
              {p.redaction === 'redacted' ? ' (the redacted derivative)' : ' (the package)'}
            </span>
          </button>
        </div>
      ))}
      <p className="muted small">
        &ldquo;Verify now&rdquo; runs the recipient&apos;s checks on the written package, exactly as{' '}
        <span className="mono">sealcase verify</span> and verify.html do.
      </p>
    </div>
  );
}

import { useState } from 'react';
import { BridgeError, getApi, unwrap } from '../bridge';
import { useAsync } from '../app/use-async';
import { ArtefactDetail } from '../components/ArtefactDetail';
import { ArtefactTable } from '../components/ArtefactTable';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOpenCase } from './CaseScreen';

/** Artefacts: every acquisition of the case with its digests and provenance. */
export function ArtefactsScreen() {
  const c = useOpenCase();
  const [listing] = useAsync(() => unwrap(getApi().artefacts.list({ id: c.id })), c.id);
  const [selected, setSelected] = useState<string | null>(null);

  if (listing.status === 'loading') return <p className="muted">Loading artefacts…</p>;
  if (listing.status === 'failed') {
    return (
      <ErrorNotice
        title="The artefacts could not be listed"
        message={listing.error.message}
        code={listing.error instanceof BridgeError ? listing.error.code : undefined}
      />
    );
  }
  const { artefacts, problems } = listing.value;
  const chosen = artefacts.find((a) => a.id === selected) ?? null;
  return (
    <section className="section" aria-labelledby="artefacts-heading">
      <div className="section-header">
        <h2 id="artefacts-heading">
          Artefacts <span className="muted small">({artefacts.length})</span>
        </h2>
      </div>
      {problems.length > 0 && (
        <div className="notice notice-warning" role="status">
          <strong>{problems.length} line(s) of the artefact index could not be read</strong>
          <ul>
            {problems.map((p) => (
              <li key={p.line}>
                line {p.line}: {p.message}
              </li>
            ))}
          </ul>
          <p className="muted">The custody ledger remains the record of truth.</p>
        </div>
      )}
      {artefacts.length === 0 ? (
        <EmptyState title="No artefacts in this case yet">
          <p>
            Artefacts are the originals you acquire: IP logs, email files, CGN/NAT logs, RADIUS and
            DHCP records, ISP replies. Each is copied into the read-only vault with its MD5, SHA-1
            and SHA-256 and a signed custody record, and listed here.
          </p>
          <p>
            Acquire evidence with{' '}
            <span className="mono break">
              sealcase ingest {c.path} FILE… --received-from "…" --identity FILE.p12
            </span>
            . Intake from this window comes with the next version.
          </p>
        </EmptyState>
      ) : (
        <div className="split">
          <ArtefactTable artefacts={artefacts} selectedId={selected} onSelect={setSelected} />
          {chosen !== null && <ArtefactDetail artefact={chosen} />}
        </div>
      )}
    </section>
  );
}

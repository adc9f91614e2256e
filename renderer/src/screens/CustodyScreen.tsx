import { getApi, unwrap, BridgeError } from '../bridge';
import { useAsync } from '../app/use-async';
import { CustodyRecordTable } from '../components/CustodyRecordTable';
import { CustodyStatus } from '../components/CustodyStatus';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOpenCase } from './CaseScreen';

/** Custody: the ledger verified on open, as a readable list, and "Verify now". */
export function CustodyScreen() {
  const c = useOpenCase();
  const [report, reverify] = useAsync(() => unwrap(getApi().custody.verify({ id: c.id })), c.id);

  return (
    <section className="section" aria-labelledby="custody-heading">
      <div className="section-header">
        <h2 id="custody-heading">Custody ledger</h2>
        <button type="button" onClick={reverify} disabled={report.status === 'loading'}>
          {report.status === 'loading' ? 'Verifying…' : 'Verify now'}
        </button>
      </div>
      {report.status === 'loading' && (
        <p className="muted" role="status">
          Verifying every record, signature and checkpoint…
        </p>
      )}
      {report.status === 'failed' && (
        <ErrorNotice
          title="The ledger could not be read"
          message={report.error.message}
          code={report.error instanceof BridgeError ? report.error.code : undefined}
        />
      )}
      {report.status === 'ready' && (
        <>
          <CustodyStatus report={report.value} />
          {report.value.warnings.length > 0 && (
            <ul className="warnings">
              {report.value.warnings.map((w, i) => (
                <li key={i}>
                  {w.seq !== null && <span className="mono">#{w.seq} </span>}
                  {w.message} <span className="muted small">({w.code})</span>
                </li>
              ))}
            </ul>
          )}
          {report.value.records.length > 0 && (
            <CustodyRecordTable
              records={report.value.records}
              failedSeq={report.value.firstBad?.seq ?? null}
            />
          )}
        </>
      )}
    </section>
  );
}

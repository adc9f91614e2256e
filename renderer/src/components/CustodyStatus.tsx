import type { CustodyReportValue } from '../../../shared/contracts';

export interface CustodyStatusProps {
  readonly report: CustodyReportValue;
}

/** The verdict of the last verification, in words, with the checkpoint status. */
export function CustodyStatus({ report }: CustodyStatusProps) {
  const when = report.verifiedAt.replace('T', ' ');
  switch (report.status) {
    case 'valid':
      return (
        <div className="notice notice-ok" role="status">
          <strong>
            The ledger verifies: {report.totalVerified} records, every signature, certificate and
            checkpoint checked.
          </strong>
          <p>
            {report.checkpoints === 1
              ? '1 signed checkpoint'
              : `${report.checkpoints} signed checkpoints`}
            . Merkle root <span className="mono break">{report.root}</span>
          </p>
          <p className="muted small">Verified {when} UTC.</p>
        </div>
      );
    case 'invalid':
      return (
        <div className="notice notice-error" role="alert">
          <strong>The ledger does not verify from record {report.firstBad?.seq ?? '?'} on.</strong>
          <p>{report.firstBad?.message}</p>
          <p className="notice-code">Code: {report.firstBad?.code}</p>
          <p className="muted small">
            {report.totalVerified} records before it verified. Verified {when} UTC.
          </p>
        </div>
      );
    case 'no-ledger':
      return (
        <div className="notice notice-warning" role="status">
          <strong>This case has no custody ledger yet.</strong>
          <p>
            The ledger starts when the case is created with an examiner identity (
            <span className="mono">sealcase case init … --identity FILE.p12</span>). Cases created
            in the app get one once identities can be unlocked here.
          </p>
        </div>
      );
  }
}

import type { PackageVerificationValue, ProgressEventValue } from '../../../shared/contracts';
import { ErrorNotice } from './ErrorNotice';
import { TaskProgress } from './TaskProgress';
import { VerificationReport } from './VerificationReport';

export interface VerificationPanelProps {
  readonly idPrefix: string;
  readonly running: boolean;
  readonly progress: ProgressEventValue | null;
  readonly cancelling: boolean;
  readonly onCancel: () => void;
  /** A failed call: its message and code (`TASK_CANCELLED` when the user stopped it). */
  readonly error: { readonly message: string; readonly code?: string | undefined } | null;
  readonly result: PackageVerificationValue | null;
}

/** Words for the verification's progress phases (its check ids). */
const VERIFY_PHASES: Readonly<Record<string, string>> = {
  fixity: 'Hashing every file',
  report: 'Checking the report’s signature',
  ledger: 'Verifying the custody ledger',
  content: 'Checking originals and events',
};

/** A verification in progress (with cancel), its failure, or its report. */
export function VerificationPanel(p: VerificationPanelProps) {
  const cancelled = p.error?.code === 'TASK_CANCELLED';
  return (
    <>
      {p.running && (
        <TaskProgress
          id={`${p.idPrefix}-progress`}
          label="Verifying"
          progress={p.progress}
          phases={VERIFY_PHASES}
          onCancel={p.onCancel}
          cancelling={p.cancelling}
        />
      )}
      {p.error !== null && (
        <ErrorNotice
          title={cancelled ? 'The verification was cancelled' : 'The package could not be verified'}
          message={p.error.message}
          code={p.error.code}
        />
      )}
      {p.result !== null && <VerificationReport result={p.result} idPrefix={p.idPrefix} />}
    </>
  );
}

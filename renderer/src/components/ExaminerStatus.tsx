import type { SessionStatusValue } from '../../../shared/contracts';

export interface ExaminerStatusProps {
  readonly status: SessionStatusValue | null;
  readonly onUnlock: () => void;
  readonly onLock: () => void;
}

/** Who signs: the unlocked examiner with a Lock button, or a Sign in button. */
export function ExaminerStatus({ status, onUnlock, onLock }: ExaminerStatusProps) {
  return (
    <section className="examiner" aria-label="Examiner">
      {status?.unlocked === true ? (
        <>
          <p className="small">
            Signing as <strong>{status.name}</strong>
          </p>
          <button type="button" onClick={onLock}>
            Lock
          </button>
        </>
      ) : (
        <>
          <p className="small muted">Not signed in: records cannot be signed.</p>
          <button type="button" className="primary" onClick={onUnlock}>
            Sign in…
          </button>
        </>
      )}
    </section>
  );
}

import type { ProgressEventValue } from '../../../shared/contracts';
import { formatBytes } from './ArtefactTable';

export interface TaskProgressProps {
  readonly id: string;
  /** What runs, e.g. "Exporting". */
  readonly label: string;
  readonly progress: ProgressEventValue | null;
  /** Words for a phase name (`originals` → "Copying the originals"). */
  readonly phases: Readonly<Record<string, string>>;
  readonly onCancel: () => void;
  readonly cancelling: boolean;
}

function amount(p: ProgressEventValue): string {
  if (p.total === null || p.total === 0) return '';
  const f = (n: number) => (p.unit === 'bytes' ? formatBytes(n) : String(n));
  const rate =
    p.unit === 'bytes' && p.ratePerSecond !== null && p.ratePerSecond > 0
      ? `, ${formatBytes(p.ratePerSecond)}/s`
      : '';
  const eta =
    p.etaSeconds !== null && p.etaSeconds >= 1 ? `, about ${Math.ceil(p.etaSeconds)} s left` : '';
  return ` (${f(p.done)} of ${f(p.total)}${rate}${eta})`;
}

/** Long work in progress: what it is doing, how far, and a way to stop it. */
export function TaskProgress(p: TaskProgressProps) {
  const phase = p.progress?.phase ?? null;
  const words = phase === null ? 'Starting…' : (p.phases[phase] ?? phase);
  const total = p.progress?.total ?? null;
  return (
    <div className="progress-block" role="status" aria-live="polite">
      <label htmlFor={p.id} className="small">
        {p.label}: {words}
        {p.progress === null ? '' : amount(p.progress)}
      </label>
      {total === null || total === 0 ? (
        <progress id={p.id} />
      ) : (
        <progress id={p.id} max={total} value={p.progress?.done ?? 0} />
      )}
      <div className="form-actions">
        <button type="button" onClick={p.onCancel} disabled={p.cancelling}>
          {p.cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import type { ProgressEventValue } from '../../../shared/contracts';
import { formatBytes } from './ArtefactTable';

export interface ProvenanceValues {
  readonly receivedFrom: string;
  readonly source: string;
  readonly note: string;
}

export interface IntakePanelProps {
  readonly paths: readonly string[];
  readonly progress: ProgressEventValue | null;
  readonly onStart: (values: ProvenanceValues) => void;
  readonly onCancel: () => void;
  readonly onClose: () => void;
}

function percent(done: number, total: number | null): number {
  return total === null || total === 0 ? 0 : Math.min(100, Math.round((done / total) * 100));
}

/** Provenance form for the chosen evidence, then per-file and overall progress with Cancel. */
export function IntakePanel({ paths, progress, onStart, onCancel, onClose }: IntakePanelProps) {
  const [receivedFrom, setReceivedFrom] = useState('');
  const [source, setSource] = useState('');
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onStart({ receivedFrom, source, note });
  };
  const running = progress?.state === 'running';
  const ended = progress !== null && progress.state !== 'running';

  return (
    <section className="panel" aria-labelledby="intake-heading">
      <h2 id="intake-heading">Acquire evidence</h2>
      <ul className="file-list mono small">
        {paths.map((p) => (
          <li key={p} className="break">
            {p}
          </li>
        ))}
      </ul>
      {progress === null && (
        <form className="form" onSubmit={submit} aria-label="Provenance">
          <div className="field">
            <label htmlFor="received-from">Received from</label>
            <input
              id="received-from"
              autoComplete="off"
              maxLength={4000}
              placeholder="e.g. ISP reply from X via LE portal, ref 2026-117"
              value={receivedFrom}
              onChange={(e) => setReceivedFrom(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="source">Source</label>
            <input
              id="source"
              autoComplete="off"
              maxLength={4000}
              placeholder="medium, system or location"
              value={source}
              onChange={(e) => setSource(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="note">Note</label>
            <textarea
              id="note"
              rows={2}
              maxLength={4000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="primary">
              Acquire and sign
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {running && (
        <div className="progress-block" role="status" aria-live="polite">
          {progress.item !== null && (
            <>
              <label htmlFor="file-progress" className="small">
                {progress.item.name}: {formatBytes(progress.item.done)} of{' '}
                {formatBytes(progress.item.total)} ({progress.phase})
              </label>
              <progress
                id="file-progress"
                max={100}
                value={percent(progress.item.done, progress.item.total)}
              />
            </>
          )}
          <label htmlFor="overall-progress" className="small">
            Overall: {formatBytes(progress.done)}
            {progress.total !== null && ` of ${formatBytes(progress.total)}`}
            {progress.ratePerSecond !== null && ` · ${formatBytes(progress.ratePerSecond)}/s`}
            {progress.etaSeconds !== null && ` · about ${Math.ceil(progress.etaSeconds)} s left`}
          </label>
          <progress
            id="overall-progress"
            max={100}
            value={percent(progress.done, progress.total)}
          />
          <div className="form-actions">
            <button type="button" onClick={onCancel}>
              Cancel intake
            </button>
          </div>
        </div>
      )}
      {ended && (
        <div
          className={`notice ${progress.state === 'done' ? 'notice-ok' : progress.state === 'cancelled' ? 'notice-warning' : 'notice-error'}`}
          role={progress.state === 'failed' ? 'alert' : 'status'}
        >
          <strong>
            {progress.state === 'done'
              ? 'Acquired'
              : progress.state === 'cancelled'
                ? 'Intake cancelled'
                : 'Intake failed'}
          </strong>
          <p>{progress.message}</p>
          {progress.state === 'failed' && progress.code !== null && (
            <p className="notice-code">Code: {progress.code}</p>
          )}
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </section>
  );
}

import { useState, type FormEvent } from 'react';

export interface EventActionsProps {
  readonly artefactName: string;
  /** The clock correction recorded for this event's artefact, if any. */
  readonly correction: { readonly offsetSeconds: number; readonly reason: string } | null;
  readonly bookmarked: readonly string[];
  readonly canSign: boolean;
  readonly onBookmark: (label: string) => void;
  readonly onCorrect: (offsetSeconds: number, reason: string) => void;
  readonly message: string | null;
}

/** Bookmark the event with a note; set the clock correction of its artefact (both signed). */
export function EventActions(p: EventActionsProps) {
  const [label, setLabel] = useState('');
  const [offset, setOffset] = useState('');
  const [reason, setReason] = useState('');
  const mark = (e: FormEvent) => {
    e.preventDefault();
    if (label.trim() !== '') p.onBookmark(label.trim());
    setLabel('');
  };
  const correct = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(offset);
    if (offset.trim() !== '' && Number.isFinite(n) && reason.trim() !== '')
      p.onCorrect(n, reason.trim());
  };
  return (
    <section className="panel" aria-labelledby="event-actions-heading">
      <h2 id="event-actions-heading">Bookmark and clock</h2>
      {p.bookmarked.length > 0 && (
        <ul className="small">
          {p.bookmarked.map((b, i) => (
            <li key={i}>★ {b}</li>
          ))}
        </ul>
      )}
      <form className="input-row" onSubmit={mark} aria-label="Bookmark this event">
        <input
          aria-label="Bookmark note"
          placeholder="why this event matters"
          maxLength={4000}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
        <button type="submit" disabled={!p.canSign || label.trim() === ''}>
          Bookmark
        </button>
      </form>
      <form className="form form-wide" onSubmit={correct} aria-label="Clock correction">
        <p className="small">
          Clock of <strong>{p.artefactName}</strong>:{' '}
          {p.correction === null
            ? 'no correction recorded.'
            : `corrected by ${p.correction.offsetSeconds > 0 ? '+' : ''}${p.correction.offsetSeconds} s (${p.correction.reason}).`}
        </p>
        <div className="field-row">
          <div className="field field-narrow">
            <label htmlFor="clock-offset">Seconds to add</label>
            <input
              id="clock-offset"
              inputMode="decimal"
              value={offset}
              onChange={(e) => setOffset(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="clock-reason">Reason</label>
            <input
              id="clock-reason"
              maxLength={4000}
              placeholder="e.g. server clock 4 s fast per its NTP log"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
        </div>
        <div className="form-actions">
          <button
            type="submit"
            disabled={!p.canSign || offset.trim() === '' || reason.trim() === ''}
          >
            Record clock correction
          </button>
          {!p.canSign && <span className="muted small">Sign in as examiner to record.</span>}
        </div>
      </form>
      {p.message !== null && (
        <p className="notice notice-ok small" role="status">
          {p.message}
        </p>
      )}
    </section>
  );
}

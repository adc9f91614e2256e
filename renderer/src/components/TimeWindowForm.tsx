import { useState, type FormEvent } from 'react';
import { parseIso8601 } from '../../../shared/time';

export interface TimeWindowFormProps {
  readonly onApply: (from: number, to: number) => void;
}

function instantOf(text: string): number | null {
  const r = parseIso8601(text.trim(), { requireOffset: true });
  if (!r.ok || r.time.kind !== 'offset') return null;
  const w = r.time.wall;
  return (
    Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond) -
    r.time.offsetMinutes * 60_000
  );
}

/** The keyboard way to zoom: a window typed as ISO 8601 times with `Z` or an offset. */
export function TimeWindowForm({ onApply }: TimeWindowFormProps) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const a = instantOf(from);
    const b = instantOf(to);
    if (a === null || b === null) {
      setProblem('Give both times as ISO 8601 with Z or an offset, e.g. 2024-03-05T13:00:00Z.');
      return;
    }
    if (b <= a) {
      setProblem('The end must be after the start.');
      return;
    }
    setProblem(null);
    onApply(a, b);
  };
  return (
    <form className="input-row time-window" onSubmit={submit} aria-label="Time window">
      <label htmlFor="tw-from" className="small">
        From
      </label>
      <input
        id="tw-from"
        className="mono"
        placeholder="2024-03-05T13:00:00Z"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
      />
      <label htmlFor="tw-to" className="small">
        to
      </label>
      <input
        id="tw-to"
        className="mono"
        placeholder="2024-03-05T14:00:00Z"
        value={to}
        onChange={(e) => setTo(e.target.value)}
      />
      <button type="submit">Zoom</button>
      {problem !== null && (
        <span className="small" role="status">
          {problem}
        </span>
      )}
    </form>
  );
}

import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** What the timeline found for a focus link (see `screens/timeline-focus.ts`). */
export type FocusOutcome =
  /** The event is row `index` of the current view. */
  | { readonly kind: 'found'; readonly index: number; readonly ts: number }
  /** No event was asked for: `index` is the first row at or after the instant. */
  | { readonly kind: 'instant'; readonly index: number }
  /** The event is in the timeline, but the filters or the zoom hide it. */
  | { readonly kind: 'hidden'; readonly index: number; readonly ts: number }
  /** The artefact's events are not in the timeline (not parsed into it, or not built yet). */
  | { readonly kind: 'artefact-absent'; readonly index: number }
  /** The artefact is in the timeline, but no event of it has that locator at that instant. */
  | { readonly kind: 'event-absent'; readonly index: number }
  /** Found, but too many events share its millisecond to find its row: `index` is the first. */
  | { readonly kind: 'crowded'; readonly index: number; readonly ts: number };

export interface TimelineFocusNoticeProps {
  /** What the link was for ("step 2 of observation 1"). */
  readonly label: string;
  /** The instant asked for (epoch ms, as the link gave it). */
  readonly at: number;
  /** The artefact's name and the locator in words; null when no event was asked for. */
  readonly target: { readonly name: string; readonly where: string } | null;
  /** null while the timeline is still being searched. */
  readonly outcome: FocusOutcome | null;
  /** Whether the artefact has a parse decision in the case (so it belongs in the timeline). */
  readonly parsed: boolean;
  /** Where the analyst came from, to go back to (the attribution results). */
  readonly backHref: string;
  /** The Artefacts screen on the focused artefact, to parse it. */
  readonly artefactHref: string | null;
  readonly onShowAll: () => void;
}

const utc = (ms: number) => `${new Date(ms).toISOString().replace('T', ' ')}`;

/**
 * Says what the timeline did with a "Show in timeline" link: the event is selected, or why it is
 * not (not parsed into the timeline, hidden by the filters, not there at that time).
 */
export function TimelineFocusNotice(p: TimelineFocusNoticeProps) {
  const what =
    p.target === null ? null : (
      <>
        <strong>{p.target.name}</strong>, {p.target.where}
      </>
    );
  const o = p.outcome;
  const ok = o !== null && (o.kind === 'found' || o.kind === 'instant');
  return (
    <div
      className={`notice small focus-notice ${ok ? 'notice-ok' : o === null ? '' : 'notice-warning'}`}
      role="status"
      aria-label="Timeline focus"
    >
      <p>
        {p.label !== '' && <span className="focus-label">{p.label}: </span>}
        {o === null ? (
          <>
            looking for {what ?? 'the instant'} at <span className="mono">{utc(p.at)}</span>…
          </>
        ) : (
          <FocusText outcome={o} what={what} at={p.at} parsed={p.parsed} />
        )}
      </p>
      <p className="form-actions">
        {o !== null && o.kind === 'hidden' && (
          <button type="button" className="link-button small" onClick={p.onShowAll}>
            Clear the filters and the zoom
          </button>
        )}
        {o !== null && o.kind === 'artefact-absent' && !p.parsed && p.artefactHref !== null && (
          <Link to={p.artefactHref}>Open the artefact to parse it</Link>
        )}
        <Link to={p.backHref}>Back to the attribution results</Link>
      </p>
    </div>
  );
}

function FocusText({
  outcome: o,
  what,
  at,
  parsed,
}: {
  outcome: FocusOutcome;
  what: ReactNode;
  at: number;
  parsed: boolean;
}) {
  const time = (ms: number) => <span className="mono">{utc(ms)}</span>;
  switch (o.kind) {
    case 'found':
      return (
        <>
          {what} at {time(o.ts)} is selected below
          {o.ts !== at && ' (the time as the record wrote it, before the clock correction)'}.
        </>
      );
    case 'instant':
      return (
        <>
          the timeline is scrolled to {time(at)}. The observation was typed or pasted, not read from
          an artefact of the case, so there is no event of its own to select.
        </>
      );
    case 'hidden':
      return (
        <>
          {what} at {time(o.ts)} is in the timeline, but the filters or the zoom hide it. Nothing is
          selected.
        </>
      );
    case 'artefact-absent':
      return parsed ? (
        <>
          {what} is not in the timeline yet: the timeline has not been built with this
          artefact&apos;s parse. Build it (button above) and the event is looked up again. Nothing
          is selected; the list is at {time(at)}.
        </>
      ) : (
        <>
          {what} is not in the timeline: this artefact has no parse decision in the case, so its
          events were never added. Nothing is selected; the list is at {time(at)}.
        </>
      );
    case 'event-absent':
      return (
        <>
          the timeline holds this artefact, but no event of it at {what} with the time {time(at)}{' '}
          (it may have been parsed with other options than the attribution run). Nothing is
          selected; the list is at that time.
        </>
      );
    case 'crowded':
      return (
        <>
          {what} is in the timeline, but more than 50,000 events share the instant {time(o.ts)}: the
          list is scrolled there, the event is not picked out.
        </>
      );
  }
}

/**
 * Finding a focused event (artefact + locator at an instant) in the timeline's current view, or
 * saying plainly why it is not there. Reads the workspace store only; no IPC.
 */
import {
  listArtefacts,
  positionAtTime,
  queryWindow,
  type EventFilters,
  type EventRow,
  type TimeWindow,
  type WorkspaceDb,
} from '../db';
import type { FocusOutcome } from '../components/TimelineFocusNotice';
import { sameLocator, type TimelineFocus } from './evidence-links';

export type { FocusOutcome };

/** Rows read per query while walking the events that share the focused millisecond. */
const TIE_PAGE = 500;
/** At most this many events sharing one millisecond are walked before giving up on selecting. */
const MAX_TIES = 50_000;

/** Rows of `view` from `offset` on while their time is `ts`, until `match` holds; -1 if never. */
async function findAmongTies(
  db: WorkspaceDb,
  view: EventFilters & TimeWindow,
  offset: number,
  ts: number,
  match: (r: EventRow) => boolean,
): Promise<number | 'crowded'> {
  for (let at = offset; at < offset + MAX_TIES; at += TIE_PAGE) {
    const { rows } = await queryWindow(db, { ...view, offset: at, limit: TIE_PAGE });
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k] as EventRow;
      if (r.ts !== ts) return -1;
      if (match(r)) return at + k;
    }
    if (rows.length < TIE_PAGE) return -1;
  }
  return 'crowded';
}

/**
 * Where `focus` is in the view (filters and zoom window). `correctionMs` is the artefact's clock
 * correction, taken off a `corrected` instant to get the time the timeline stores; the instant as
 * given is tried too (the correction may have changed since the link was made).
 */
export async function locateFocus(
  db: WorkspaceDb,
  view: EventFilters & TimeWindow,
  focus: TimelineFocus,
  correctionMs: number,
): Promise<FocusOutcome> {
  const near = async (t: number) => positionAtTime(db, view, t);
  const target = focus.target;
  if (target === null) return { kind: 'instant', index: await near(focus.at) };
  const imported = await listArtefacts(db);
  if (!imported.some((a) => a.artefact === target.artefact && a.state === 'complete')) {
    return { kind: 'artefact-absent', index: await near(focus.at) };
  }
  const times =
    focus.clock === 'corrected' && correctionMs !== 0
      ? [focus.at - correctionMs, focus.at]
      : [focus.at];
  const isTarget = (r: EventRow) =>
    r.ref.artefact === target.artefact && sameLocator(r.event.locator, target.locator);
  for (const ts of times) {
    // The artefact alone at that millisecond: is the event in the timeline at all?
    const own = await findAmongTies(
      db,
      { artefacts: [target.artefact], from: ts, to: ts + 1 },
      0,
      ts,
      isTarget,
    );
    if (own === -1) continue;
    const first = await near(ts);
    if (own === 'crowded') return { kind: 'crowded', index: first, ts };
    const index = await findAmongTies(db, view, first, ts, isTarget);
    if (index === 'crowded') return { kind: 'crowded', index: first, ts };
    return index === -1 ? { kind: 'hidden', index: first, ts } : { kind: 'found', index, ts };
  }
  return { kind: 'event-absent', index: await near(times[0] as number) };
}

import { Link } from 'react-router';
import type { Locator } from '../../../shared/model';

/** A piece of evidence a link can show: a record in an artefact at an instant. */
export interface EvidenceLinkTarget {
  /** SHA-256 of the artefact; undefined for a configuration or a pasted observation. */
  readonly artefact: string | undefined;
  readonly locator: Locator | undefined;
  /** ISO UTC; null when the record has no time. */
  readonly ts: string | null;
  /**
   * `observation`: the observed access (its time as written, no artefact when pasted); `record`:
   * a record on the evidence path (its time with the artefact's clock correction added).
   */
  readonly source: 'observation' | 'record';
  /** What it is, in words, for the link's name ("step 2", "observation"). */
  readonly label: string;
}

/** The routes the links go to (`row`: index of the result); null when not shown there. */
export interface EvidenceLinks {
  readonly timeline: (target: EvidenceLinkTarget, row: number) => string | null;
  readonly artefact: (target: EvidenceLinkTarget, row: number) => string | null;
}

/**
 * "Show in timeline" and "Show in artefact" for one piece of evidence: real links (keyboard
 * reachable), named in full for assistive technology ("Show step 2 in timeline").
 */
export function EvidenceLinkPair({
  links,
  target,
  row,
}: {
  readonly links: EvidenceLinks | undefined;
  readonly target: EvidenceLinkTarget;
  readonly row: number;
}) {
  if (links === undefined) return null;
  const timeline = links.timeline(target, row);
  const artefact = links.artefact(target, row);
  if (timeline === null && artefact === null) return null;
  const hidden = <span className="visually-hidden">{target.label} </span>;
  return (
    <span className="evidence-links">
      {timeline !== null && <Link to={timeline}>Show {hidden}in timeline</Link>}
      {artefact !== null && <Link to={artefact}>Show {hidden}in artefact</Link>}
    </span>
  );
}

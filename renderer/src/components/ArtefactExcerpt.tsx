import { Link } from 'react-router';

export interface ExcerptLine {
  /** 1-based line number in the artefact. */
  readonly line: number;
  readonly text: string;
  readonly truncated: boolean;
}

export interface ArtefactExcerptProps {
  /** What the link was for ("Step 2 of result 1"); empty when unknown. */
  readonly label: string;
  readonly artefactName: string;
  readonly sha256: string;
  /** The location in words ("line 12", "row 4, column C"). */
  readonly where: string;
  /** The line the location names; null when it names no line (a cell, a byte offset). */
  readonly target: number | null;
  /** The lines around it, read from the vault; null while loading. */
  readonly lines: readonly ExcerptLine[] | null;
  /** Why the lines could not be read, if they could not. */
  readonly problem: string | null;
  readonly backHref: string;
}

/**
 * An artefact at a location: the named line among its neighbours, as text from the vault
 * (evidence is never rendered as markup), or the location in words where it is not a line.
 */
export function ArtefactExcerpt(p: ArtefactExcerptProps) {
  const shown = p.lines ?? [];
  return (
    <section className="panel artefact-location" aria-labelledby="artefact-location-heading">
      <h2 id="artefact-location-heading">
        {p.label === '' ? '' : `${p.label}: `}
        {p.artefactName}, {p.where}
      </h2>
      <p className="muted small mono break">SHA-256 {p.sha256}</p>
      {p.target === null ? (
        <p className="small">
          This location is not a line of text ({p.where}), so it cannot be shown here: the artefact
          is selected below; its original is in the vault under the SHA-256 above.
        </p>
      ) : p.problem !== null ? (
        <p className="notice notice-warning small">{p.problem}</p>
      ) : p.lines === null ? (
        <p className="muted small">Reading the original…</p>
      ) : !shown.some((l) => l.line === p.target) ? (
        <p className="notice notice-warning small">
          The artefact has fewer than {p.target} lines: this location is not in it.
        </p>
      ) : (
        <pre
          className="original mono small excerpt"
          tabIndex={0}
          aria-label={`Lines ${shown[0]?.line ?? ''} to ${shown[shown.length - 1]?.line ?? ''} of ${p.artefactName}, line ${p.target} marked`}
        >
          {shown.map((l) => {
            const text = `${l.text}${l.truncated ? '…' : ''}`;
            return (
              <span key={l.line} className="excerpt-line">
                <span className="excerpt-no" aria-hidden="true">
                  {l.line}
                </span>
                {l.line === p.target ? <mark className="excerpt-target">{text}</mark> : text}
                {'\n'}
              </span>
            );
          })}
        </pre>
      )}
      <p className="form-actions small">
        <Link to={p.backHref}>Back to the attribution results</Link>
      </p>
    </section>
  );
}

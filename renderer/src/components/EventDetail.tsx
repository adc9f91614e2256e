import { describeLocator, type SealcaseEvent } from '../../../shared/model';

export interface EventDetailProps {
  readonly event: SealcaseEvent;
  readonly artefactName: string;
  readonly time: string;
  /** The original line from the vault, when loaded; null while loading or not line-based. */
  readonly original: { readonly text: string; readonly truncated: boolean } | null;
}

/** The full event: time and zone source, artefact and locator, the original text, every field. */
export function EventDetail({ event, artefactName, time, original }: EventDetailProps) {
  const z = event.zone;
  return (
    <section className="panel detail event-detail" aria-labelledby="event-detail-heading">
      <h2 id="event-detail-heading">
        <span className="mono">{event.type}</span> at {time}
      </h2>
      <dl className="detail-list">
        <div>
          <dt>As written</dt>
          <dd className="mono break">{event.tsRaw === '' ? '—' : event.tsRaw}</dd>
        </div>
        <div>
          <dt>Zone</dt>
          <dd>
            {z.source === 'in-band'
              ? `in the record (${z.offset ?? '?'})`
              : z.source === 'declared'
                ? `declared by the analyst: ${z.name ?? '?'} (${z.offset ?? '?'})`
                : z.source === 'epoch'
                  ? 'epoch value (UTC by definition)'
                  : 'unknown: no UTC time'}
            {z.ambiguous === true && ' — ambiguous (DST gap or overlap)'}
          </dd>
        </div>
        <div>
          <dt>Artefact</dt>
          <dd className="break">
            {artefactName}
            <br />
            <span className="mono small">{event.artefact ?? '—'}</span>
          </dd>
        </div>
        <div>
          <dt>Where</dt>
          <dd>{describeLocator(event.locator)}</dd>
        </div>
      </dl>
      {original !== null && (
        <>
          <h3 className="small-heading">Original text (from the vault)</h3>
          <pre className="original mono small" tabIndex={0}>
            {original.text}
            {original.truncated && '…'}
          </pre>
        </>
      )}
      <h3 className="small-heading">All fields</h3>
      <pre className="original mono small" tabIndex={0}>
        {JSON.stringify(event, null, 2)}
      </pre>
    </section>
  );
}

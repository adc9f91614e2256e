import type { ParseDecisionViewValue } from '../../../shared/contracts';
import type { ArtefactRecord } from '../../../shared/model';
import { formatBytes } from './ArtefactTable';

export interface ArtefactDetailProps {
  readonly artefact: ArtefactRecord;
  /** The parse decision recorded for this artefact, if any. */
  readonly decision?: ParseDecisionViewValue | null;
  /** Opens the Parse panel (files only). */
  readonly onParse?: (() => void) | undefined;
}

/** Everything recorded about one acquisition: digests in full and the provenance. */
export function ArtefactDetail({ artefact: a, decision = null, onParse }: ArtefactDetailProps) {
  const rows: [string, string][] = [
    ['Original path', a.original.path],
    ['Modified (UTC)', a.original.mtime],
    ['Acquired (UTC)', a.acquiredAt],
    ['Acquired by', a.acquiredBy ?? 'not recorded'],
    ['Received from', a.receivedFrom ?? 'not recorded'],
    ['Source', a.source ?? 'not recorded'],
    ['Method', a.method],
    ['Note', a.note ?? '—'],
    ['Acquisition id', a.id],
  ];
  const digests: [string, string][] =
    a.entry === 'file'
      ? [
          ['Size', `${formatBytes(a.size)} (${a.size.toLocaleString('en')} bytes)`],
          ['MD5', a.digests.md5],
          ['SHA-1', a.digests.sha1],
          ['SHA-256', a.digests.sha256],
          ['Vault path', a.blob],
        ]
      : [['Symbolic link to', a.target]];
  return (
    <section className="panel detail" aria-labelledby="artefact-detail-heading">
      <h2 id="artefact-detail-heading" className="break">
        {a.original.name}
      </h2>
      <dl className="detail-list">
        {[...digests, ...rows].map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd className="mono break">{v}</dd>
          </div>
        ))}
      </dl>
      {onParse !== undefined && (
        <div className="parse-summary">
          <p className="small">
            {decision === null ? (
              'Not parsed yet: choose the format and time options, preview, and save the decision.'
            ) : (
              <>
                Parsed as <strong>{decision.format}</strong> {decision.parserVersion}
                {decision.options.assumeZone === undefined
                  ? ''
                  : `, local times in ${decision.options.assumeZone}`}
                {decision.options.year === undefined ? '' : `, year ${decision.options.year}`} —
                custody record #{decision.seq}
              </>
            )}
          </p>
          <button type="button" onClick={onParse}>
            {decision === null ? 'Parse…' : 'Parse again…'}
          </button>
        </div>
      )}
    </section>
  );
}

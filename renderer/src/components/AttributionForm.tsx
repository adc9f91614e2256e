import type { FormEvent } from 'react';

export interface ArtefactChoice {
  readonly sha256: string;
  readonly name: string;
  readonly kind: string;
}

export interface AttributionFormValues {
  readonly observationsCsv: string;
  readonly observationArtefacts: ReadonlySet<string>;
  readonly records: ReadonlySet<string>;
  readonly tolerance: string;
}

export interface AttributionFormProps {
  readonly observationCandidates: readonly ArtefactChoice[];
  readonly recordCandidates: readonly ArtefactChoice[];
  readonly values: AttributionFormValues;
  readonly onChange: (values: AttributionFormValues) => void;
  readonly onRun: () => void;
  readonly running: boolean;
}

function toggle(set: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(set);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}

/** Observations (pasted or from artefacts), the record artefacts to join through, tolerance. */
export function AttributionForm(p: AttributionFormProps) {
  const v = p.values;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    p.onRun();
  };
  const hasObservations = v.observationsCsv.trim() !== '' || v.observationArtefacts.size > 0;
  return (
    <form
      className="form form-wide attribution-form"
      onSubmit={submit}
      aria-label="Attribution inputs"
    >
      <div className="columns">
        <fieldset className="fieldset">
          <legend>Observations</legend>
          <label htmlFor="obs-csv" className="small">
            Paste <span className="mono">ip,port,time</span> lines (time with Z or an offset; port
            may be empty)
          </label>
          <textarea
            id="obs-csv"
            className="mono small"
            rows={5}
            placeholder={'ip,port,time\n198.51.100.23,41000,2026-03-14T09:41:07Z'}
            value={v.observationsCsv}
            onChange={(e) => p.onChange({ ...v, observationsCsv: e.target.value })}
          />
          {p.observationCandidates.length > 0 && (
            <>
              <p className="small">…or use the client addresses of these logs:</p>
              {p.observationCandidates.map((a) => (
                <label key={a.sha256} className="check small">
                  <input
                    type="checkbox"
                    checked={v.observationArtefacts.has(a.sha256)}
                    onChange={() =>
                      p.onChange({
                        ...v,
                        observationArtefacts: toggle(v.observationArtefacts, a.sha256),
                      })
                    }
                  />{' '}
                  {a.name} <span className="muted">({a.kind})</span>
                </label>
              ))}
            </>
          )}
        </fieldset>
        <fieldset className="fieldset">
          <legend>Records to follow</legend>
          {p.recordCandidates.length === 0 ? (
            <p className="muted small">
              No NAT, RADIUS, DHCP or ISP reply artefacts in this case yet: add them on the
              Artefacts screen.
            </p>
          ) : (
            p.recordCandidates.map((a) => (
              <label key={a.sha256} className="check small">
                <input
                  type="checkbox"
                  checked={v.records.has(a.sha256)}
                  onChange={() => p.onChange({ ...v, records: toggle(v.records, a.sha256) })}
                />{' '}
                {a.name} <span className="muted">({a.kind})</span>
              </label>
            ))
          )}
          <div className="field field-narrow">
            <label htmlFor="tolerance">Clock tolerance (seconds)</label>
            <input
              id="tolerance"
              inputMode="numeric"
              value={v.tolerance}
              onChange={(e) => p.onChange({ ...v, tolerance: e.target.value })}
            />
          </div>
        </fieldset>
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className="primary"
          disabled={p.running || v.records.size === 0 || !hasObservations}
        >
          {p.running ? 'Running…' : 'Attribute'}
        </button>
      </div>
    </form>
  );
}

import type { EventType } from '../../../shared/model';
import { EVENT_TYPES } from '../../../shared/model';

export type DisplayZone = 'utc' | 'local' | 'source';

export interface TimelineFilterValues {
  readonly types: ReadonlySet<EventType>;
  readonly artefact: string;
  readonly cidr: string;
  readonly port: string;
  readonly account: string;
  readonly text: string;
}

export const NO_FILTERS: TimelineFilterValues = {
  types: new Set(),
  artefact: '',
  cidr: '',
  port: '',
  account: '',
  text: '',
};

export interface TimelineFiltersProps {
  readonly values: TimelineFilterValues;
  readonly onChange: (values: TimelineFilterValues) => void;
  readonly artefacts: ReadonlyArray<{ readonly sha256: string; readonly name: string }>;
  readonly zone: DisplayZone;
  readonly onZone: (zone: DisplayZone) => void;
  readonly localZone: string;
  /** A message when a filter value cannot be used (e.g. not a CIDR). */
  readonly problem: string | null;
}

/** Type, artefact, IP/CIDR, port, account and free-text filters, and the display zone. */
export function TimelineFilters(p: TimelineFiltersProps) {
  const v = p.values;
  const toggle = (t: EventType) => {
    const next = new Set(v.types);
    if (next.has(t)) next.delete(t);
    else next.add(t);
    p.onChange({ ...v, types: next });
  };
  return (
    <form
      className="timeline-filters"
      aria-label="Timeline filters"
      onSubmit={(e) => e.preventDefault()}
    >
      <fieldset className="type-filter">
        <legend className="small">Event types (none checked: all)</legend>
        {EVENT_TYPES.map((t) => (
          <label key={t} className="check small mono">
            <input type="checkbox" checked={v.types.has(t)} onChange={() => toggle(t)} /> {t}
          </label>
        ))}
      </fieldset>
      <div className="field-row">
        <div className="field">
          <label htmlFor="f-artefact">Artefact</label>
          <select
            id="f-artefact"
            value={v.artefact}
            onChange={(e) => p.onChange({ ...v, artefact: e.target.value })}
          >
            <option value="">All artefacts</option>
            {p.artefacts.map((a) => (
              <option key={a.sha256} value={a.sha256}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-cidr">IP or CIDR</label>
          <input
            id="f-cidr"
            className="mono"
            placeholder="203.0.113.7 or 100.64.0.0/10"
            value={v.cidr}
            onChange={(e) => p.onChange({ ...v, cidr: e.target.value })}
          />
        </div>
        <div className="field field-narrow">
          <label htmlFor="f-port">Port</label>
          <input
            id="f-port"
            inputMode="numeric"
            value={v.port}
            onChange={(e) => p.onChange({ ...v, port: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="f-account">Account</label>
          <input
            id="f-account"
            value={v.account}
            onChange={(e) => p.onChange({ ...v, account: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="f-text">Text</label>
          <input
            id="f-text"
            value={v.text}
            onChange={(e) => p.onChange({ ...v, text: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="f-zone">Show times in</label>
          <select
            id="f-zone"
            value={p.zone}
            onChange={(e) => p.onZone(e.target.value as DisplayZone)}
          >
            <option value="utc">UTC</option>
            <option value="local">{p.localZone} (this computer)</option>
            <option value="source">the source&apos;s own offset</option>
          </select>
        </div>
      </div>
      {p.problem !== null && (
        <p className="notice notice-warning small" role="status">
          {p.problem}
        </p>
      )}
    </form>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import type {
  ParseDecisionViewValue,
  ParsePreviewValue,
  ParserInfoValue,
  TableProfileValue,
} from '../../../shared/contracts';
import { ParsePreviewTable, ParseWarningList } from './ParsePreviewTable';

/** What the analyst sets; empty strings mean "not set". */
export interface ParseChoice {
  readonly format: string;
  readonly assumeZone: string;
  readonly year: string;
  readonly logFormat: string;
  readonly ambiguousTime: 'earlier' | 'later';
  readonly profile: string;
  readonly note: string;
}

export const emptyChoice: ParseChoice = {
  format: '',
  assumeZone: '',
  year: '',
  logFormat: '',
  ambiguousTime: 'earlier',
  profile: '',
  note: '',
};

export interface ParsePanelProps {
  readonly artefactName: string;
  readonly formats: readonly ParserInfoValue[];
  readonly recorded: ParseDecisionViewValue | null;
  readonly choice: ParseChoice;
  readonly onChange: (choice: ParseChoice) => void;
  readonly preview: ParsePreviewValue | null;
  readonly busy: boolean;
  readonly savedSeq: number | null;
  /** Whether an examiner is signed in (saving needs a signature). */
  readonly canSign: boolean;
  readonly onPreview: () => void;
  readonly onSave: () => void;
  readonly onClose: () => void;
  /** Named column profiles saved earlier (any case). */
  readonly profiles: readonly TableProfileValue[];
  /** Saves the profile in the text box under its `name`; a message says how it went. */
  readonly onSaveProfile: () => void;
  readonly profileMessage: string | null;
}

const TABLE_FORMATS = new Set(['isp-reply', 'nat-csv']);

/** A starting point for a profile, shown as the text box's placeholder. */
function profileTemplate(format: string): string {
  return format === 'isp-reply'
    ? '{ "v": 1, "name": "ISP name", "format": "isp-reply", "dateOrder": "dmy",\n  "zone": "Europe/Tallinn",\n  "columns": { "ip": "Requested IP", "port": "Requested port",\n    "time": "Requested time", "subscriber": "Account" } }'
    : '{ "v": 1, "name": "CGN export", "format": "nat-csv",\n  "columns": { "insideIp": "Inside IP", "outsideIp": "Outside IP",\n    "portStart": "Port start", "portEnd": "Port end", "start": "Start", "end": "End" } }';
}

/**
 * "Parse": choose the format (or let detection choose) and the time options, preview the first
 * events and warnings, then save the decision as a signed analysis record.
 */
export function ParsePanel(p: ParsePanelProps) {
  const [touched, setTouched] = useState(false);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    // Opened below the artefact's details: bring it into view.
    section.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, []);
  const c = p.choice;
  const set = (patch: Partial<ParseChoice>) => {
    setTouched(true);
    p.onChange({ ...c, ...patch });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(false);
    p.onPreview();
  };
  const effective = c.format === '' ? p.preview?.parser.name : c.format;
  const best = p.preview?.detected[0];
  const stale = touched && p.preview !== null;
  return (
    <section ref={section} className="panel parse-panel" aria-labelledby="parse-heading">
      <h2 id="parse-heading" className="break">
        Parse {p.artefactName}
      </h2>
      {p.recorded !== null && (
        <p className="small">
          Recorded decision: <strong>{p.recorded.format}</strong> {p.recorded.parserVersion}, by{' '}
          {p.recorded.by} (custody record #{p.recorded.seq}).
        </p>
      )}
      <form className="form form-wide" onSubmit={submit} aria-label="Parse options">
        <div className="field-row">
          <div className="field">
            <label htmlFor="parse-format">Format</label>
            <select
              id="parse-format"
              value={c.format}
              onChange={(e) => set({ format: e.target.value })}
            >
              <option value="">
                Detect automatically{best === undefined ? '' : ` (best: ${best.name})`}
              </option>
              {p.formats.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.name} — {f.eventTypes.join(', ')}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="parse-zone">Zone of local times</label>
            <input
              id="parse-zone"
              placeholder="IANA zone, e.g. Europe/Tallinn"
              autoComplete="off"
              value={c.assumeZone}
              onChange={(e) => set({ assumeZone: e.target.value })}
              aria-describedby="parse-zone-help"
            />
            <span id="parse-zone-help" className="muted small">
              Used only where a record carries no zone of its own.
            </span>
          </div>
          <div className="field field-narrow">
            <label htmlFor="parse-year">Year</label>
            <input
              id="parse-year"
              inputMode="numeric"
              placeholder="syslog"
              maxLength={4}
              value={c.year}
              onChange={(e) => set({ year: e.target.value })}
            />
          </div>
          <div className="field field-narrow">
            <label htmlFor="parse-dst">DST overlap</label>
            <select
              id="parse-dst"
              value={c.ambiguousTime}
              onChange={(e) => set({ ambiguousTime: e.target.value as 'earlier' | 'later' })}
            >
              <option value="earlier">earlier</option>
              <option value="later">later</option>
            </select>
          </div>
        </div>
        {effective === 'access-log' && (
          <div className="field">
            <label htmlFor="parse-log-format">
              Log format (Apache LogFormat or nginx log_format)
            </label>
            <input
              id="parse-log-format"
              className="mono"
              placeholder='detected: common, combined, vhost_combined — or e.g. %h %{remote}p %l %u %t "%r" %>s %b'
              value={c.logFormat}
              onChange={(e) => set({ logFormat: e.target.value })}
            />
          </div>
        )}
        {effective !== undefined && TABLE_FORMATS.has(effective) && (
          <>
            <div className="field">
              <label htmlFor="parse-saved-profile">Saved column profiles</label>
              <select
                id="parse-saved-profile"
                value=""
                onChange={(e) => {
                  const chosen = p.profiles.find((x) => `${x.format}/${x.name}` === e.target.value);
                  if (chosen !== undefined) set({ profile: JSON.stringify(chosen, null, 2) });
                }}
              >
                <option value="">
                  {p.profiles.some((x) => x.format === effective)
                    ? 'Apply a saved profile…'
                    : 'No saved profile for this format yet'}
                </option>
                {p.profiles
                  .filter((x) => x.format === effective)
                  .map((x) => (
                    <option key={x.name} value={`${x.format}/${x.name}`}>
                      {x.name}
                    </option>
                  ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="parse-profile">
                Column profile (JSON; empty: columns matched by their names)
              </label>
              <textarea
                id="parse-profile"
                className="mono small"
                rows={6}
                placeholder={profileTemplate(effective)}
                value={c.profile}
                onChange={(e) => set({ profile: e.target.value })}
              />
              <div className="form-actions">
                <button type="button" onClick={p.onSaveProfile} disabled={c.profile.trim() === ''}>
                  Save as named profile
                </button>
                {p.profileMessage !== null && (
                  <span className="small" role="status">
                    {p.profileMessage}
                  </span>
                )}
              </div>
            </div>
          </>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={p.busy}>
            {p.busy ? 'Reading…' : 'Preview'}
          </button>
          <button type="button" onClick={p.onClose}>
            Close
          </button>
        </div>
      </form>

      {p.preview !== null && (
        <div className="preview" aria-live="polite">
          <h3>
            Preview: {p.preview.parser.name} {p.preview.parser.version}{' '}
            <span className="muted small">
              {p.preview.events.length} event(s)
              {p.preview.complete ? ', whole file read' : ' shown, the file holds more'};{' '}
              {p.preview.warnings.length} warning(s)
            </span>
          </h3>
          {stale && (
            <p className="notice notice-warning small" role="status">
              The options changed since this preview: preview again before saving.
            </p>
          )}
          {p.preview.warnings.length > 0 && <ParseWarningList warnings={p.preview.warnings} />}
          {p.preview.events.length === 0 ? (
            <p className="muted">No events in the part read. Check the format and the options.</p>
          ) : (
            <div className="scroll-x">
              <ParsePreviewTable events={p.preview.events} />
            </div>
          )}
          <div className="form form-wide">
            <div className="field">
              <label htmlFor="parse-note">
                Why this format and these options (goes into the record)
              </label>
              <input
                id="parse-note"
                maxLength={4000}
                autoComplete="off"
                placeholder="e.g. server clock on UTC per the provider's letter"
                value={c.note}
                onChange={(e) => p.onChange({ ...c, note: e.target.value })}
              />
            </div>
            <div className="form-actions">
              <button
                type="button"
                className="primary"
                disabled={p.busy || stale || !p.canSign}
                onClick={p.onSave}
              >
                Save parse decision and sign
              </button>
              {!p.canSign && <span className="muted small">Sign in as examiner to save.</span>}
            </div>
          </div>
          {p.savedSeq !== null && (
            <p className="notice notice-ok" role="status">
              Saved as custody record #{p.savedSeq}: exports and reproduce will parse this artefact
              the same way.
            </p>
          )}
        </div>
      )}
    </section>
  );
}

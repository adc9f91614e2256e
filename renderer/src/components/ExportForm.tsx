import type { FormEvent, ReactNode } from 'react';
import { DEFAULT_WITHHELD_FIELDS } from '../../../shared/interchange/redact-fields';
import { formatBytes } from './ArtefactTable';

export interface ExportFormValues {
  readonly form: 'folder' | 'zip';
  readonly pageSize: 'A4' | 'Letter';
  readonly events: 'bookmarked' | 'all';
  readonly attachOriginals: boolean;
  readonly redact: boolean;
  readonly withhold: ReadonlySet<string>;
}

/** Subscriber fields a partner rarely needs, with what they hold (shared/interchange). */
export const WITHHOLD_CHOICES: readonly (readonly [field: string, label: string])[] = [
  ['user', 'Account names (user)'],
  ['subscriber', 'Subscriber (ISP replies)'],
  ['identity.*', 'Every identity column of an ISP reply (name, address, phone…)'],
  ['callingStationId', 'Line identifier (Calling-Station-Id)'],
  ['mac', 'MAC addresses'],
  ['hostname', 'Host names (DHCP)'],
  ['from', 'Email senders (from)'],
  ['to', 'Email recipients (to)'],
  ['for', 'Envelope recipients (Received: for)'],
  ['subject', 'Email subjects'],
  ['userAgent', 'Browser user agents'],
  ['sessionId', 'RADIUS session ids'],
];

/** The fields withheld unless the analyst changes the choice. */
export const DEFAULT_WITHHELD: readonly string[] = DEFAULT_WITHHELD_FIELDS;

export interface ExportFormProps {
  readonly values: ExportFormValues;
  readonly onChange: (values: ExportFormValues) => void;
  readonly onExport: () => void;
  /** Total bytes of the case's originals (what attaching adds to the PDF). */
  readonly originalsBytes: number;
  readonly originalsCount: number;
  readonly bookmarks: number;
  readonly busy: boolean;
  /** Why exporting is not possible now (signed out), or null. */
  readonly blocked: string | null;
}

function ChoiceGroup<T extends string>(p: {
  legend: string;
  name: string;
  options: readonly (readonly [value: T, label: string])[];
  current: T;
  onPick: (v: T) => void;
  children?: ReactNode;
}) {
  return (
    <fieldset className="fieldset">
      <legend>{p.legend}</legend>
      {p.options.map(([value, label]) => (
        <label key={value} className="check">
          <input
            type="radio"
            name={p.name}
            value={value}
            checked={p.current === value}
            onChange={() => p.onPick(value)}
          />{' '}
          {label}
        </label>
      ))}
      {p.children}
    </fieldset>
  );
}

/** The export's options: form, page size, timeline selection, attachments, redaction. */
export function ExportForm(p: ExportFormProps) {
  const v = p.values;
  const set = (patch: Partial<ExportFormValues>) => p.onChange({ ...v, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    p.onExport();
  };
  const toggle = (field: string) => {
    const next = new Set(v.withhold);
    if (next.has(field)) next.delete(field);
    else next.add(field);
    set({ withhold: next });
  };
  return (
    <form className="form form-wide export-form" onSubmit={submit} aria-label="Export options">
      <div className="columns">
        <ChoiceGroup
          legend="Package form"
          name="form"
          options={[
            ['folder', 'Folder (BagIt bag)'],
            ['zip', 'Zip file (one file to hand over)'],
          ]}
          current={v.form}
          onPick={(form) => set({ form })}
        />
        <ChoiceGroup
          legend="Report page size"
          name="page"
          options={[
            ['A4', 'A4'],
            ['Letter', 'US Letter'],
          ]}
          current={v.pageSize}
          onPick={(pageSize) => set({ pageSize })}
        />
        <ChoiceGroup
          legend="Events in the report's timeline"
          name="events"
          options={[
            [
              'bookmarked',
              `Bookmarked events only (${p.bookmarks} bookmark${p.bookmarks === 1 ? '' : 's'})`,
            ],
            ['all', 'All events'],
          ]}
          current={v.events}
          onPick={(events) => set({ events })}
        >
          <p className="muted small">The package&apos;s events.jsonl always holds every event.</p>
        </ChoiceGroup>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={v.attachOriginals}
          onChange={(e) => set({ attachOriginals: e.target.checked })}
        />{' '}
        Attach the originals to the PDF report ({p.originalsCount} file
        {p.originalsCount === 1 ? '' : 's'}, {formatBytes(p.originalsBytes)} in all)
      </label>
      <p className="muted small">
        The originals are always in the package (data/originals); attaching also embeds them in the
        report, up to 64 MiB in all.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={v.redact}
          onChange={(e) => set({ redact: e.target.checked })}
        />{' '}
        Also write a redacted derivative for partners
      </label>
      {v.redact && (
        <fieldset className="fieldset">
          <legend>Fields to withhold (replaced by salted commitments)</legend>
          <div className="withhold-grid">
            {WITHHOLD_CHOICES.map(([field, label]) => (
              <label key={field} className="check small">
                <input
                  type="checkbox"
                  checked={v.withhold.has(field)}
                  onChange={() => toggle(field)}
                />{' '}
                {label} <span className="muted mono">{field}</span>
              </label>
            ))}
          </div>
          <p className="muted small">
            Written after the full package, from it: it leaves the originals out, states what was
            withheld and names the full package by its manifest SHA-256. The same value always gives
            the same commitment, so partners can still correlate records; the salt stays in the
            case.
          </p>
        </fieldset>
      )}
      {p.blocked !== null && (
        <p className="notice notice-warning" role="status">
          {p.blocked}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="primary"
          disabled={p.busy || p.blocked !== null || (v.redact && v.withhold.size === 0)}
        >
          {p.busy ? 'Exporting…' : 'Export and sign'}
        </button>
      </div>
    </form>
  );
}

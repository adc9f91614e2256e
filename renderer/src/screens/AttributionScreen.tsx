import { useEffect, useMemo, useState } from 'react';
import type { AttributionRunValue, ProgressEventValue } from '../../../shared/contracts';
import { useAsync } from '../app/use-async';
import { BridgeError, getApi, unwrap } from '../bridge';
import {
  AttributionForm,
  type ArtefactChoice,
  type AttributionFormValues,
} from '../components/AttributionForm';
import { AttributionResults } from '../components/AttributionResults';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { recallAttribution, rememberAttribution } from './attribution-memory';
import { useOpenCase } from './CaseScreen';
import { evidenceLinks } from './evidence-links';

const OBSERVATION_KINDS = new Set(['access-log', 'syslog', 'email']);
const RECORD_KINDS = new Set(['nat-log', 'radius-detail', 'dhcp-leases', 'csv', 'xlsx']);

function newTask(): string {
  return `attr-${crypto.randomUUID()}`;
}

/** Attribution: observations through the case's NAT and AAA/DHCP/ISP records to accounts. */
export function AttributionScreen() {
  const c = useOpenCase();
  const [listing] = useAsync(() => unwrap(getApi().artefacts.list({ id: c.id })), c.id);
  // The last run of this case, when the analyst comes back from a "Show in timeline" link.
  const [remembered] = useState(() => recallAttribution(c.id));
  // null until the analyst changes something: the defaults follow the artefact list.
  const [edited, setValues] = useState<AttributionFormValues | null>(remembered.values);
  const [task, setTask] = useState<string | null>(remembered.task);
  const [progress, setProgress] = useState<ProgressEventValue | null>(null);
  const [run, setRun] = useState<AttributionRunValue | null>(remembered.run);
  const [problem, setProblem] = useState<Error | null>(null);
  const [note, setNote] = useState(remembered.note);
  const [savedSeq, setSavedSeq] = useState<number | null>(remembered.savedSeq);
  const [open, setOpen] = useState<number | null>(remembered.open);
  const links = useMemo(() => evidenceLinks(c.id), [c.id]);

  // Back from a link: the row that was open comes into view again.
  useEffect(() => {
    if (remembered.open === null) return;
    document
      .getElementById(`attribution-detail-${remembered.open}`)
      ?.scrollIntoView({ block: 'center' });
  }, [remembered]);

  useEffect(() => {
    // Only a finished run is kept: a run still going when the analyst leaves is not waited for.
    rememberAttribution(
      c.id,
      run === null
        ? { values: edited, task: null, run: null, open: null, note: '', savedSeq: null }
        : { values: edited, task, run, open, note, savedSeq },
    );
  }, [c.id, edited, task, run, open, note, savedSeq]);

  const files = useMemo(
    () =>
      listing.status === 'ready'
        ? listing.value.artefacts.flatMap((a) =>
            a.entry === 'file'
              ? [{ sha256: a.digests.sha256, name: a.original.name, kind: a.contentKind }]
              : [],
          )
        : [],
    [listing],
  );
  const observationCandidates: ArtefactChoice[] = files.filter((f) =>
    OBSERVATION_KINDS.has(f.kind),
  );
  const recordCandidates: ArtefactChoice[] = files.filter((f) => RECORD_KINDS.has(f.kind));
  const names = useMemo(() => new Map(files.map((f) => [f.sha256, f.name])), [files]);
  const values: AttributionFormValues = edited ?? {
    observationsCsv: '',
    observationArtefacts: new Set(),
    records: new Set(recordCandidates.map((r) => r.sha256)),
    tolerance: '0',
  };

  useEffect(() => {
    if (task === null) return undefined;
    return getApi().onProgress((event) => {
      if (event.task === task) setProgress(event);
    });
  }, [task]);

  if (listing.status === 'loading' || values === null) {
    if (listing.status === 'failed') {
      return (
        <ErrorNotice title="The artefacts could not be listed" message={listing.error.message} />
      );
    }
    return <p className="muted">Loading…</p>;
  }
  if (files.length === 0) {
    return (
      <EmptyState title="Nothing to attribute yet">
        <p>
          Attribution follows observations (IP address, source port, time) through CGN/NAT and
          RADIUS/DHCP records or ISP replies to the account holder, listing every candidate and the
          reasons for any doubt. It names an account holder, never a person.
        </p>
        <p>Add the server logs and the ISP&apos;s records on the Artefacts screen first.</p>
      </EmptyState>
    );
  }

  const start = async () => {
    setProblem(null);
    setRun(null);
    setSavedSeq(null);
    setOpen(null);
    const tolerance = Number(values.tolerance.trim() === '' ? '0' : values.tolerance);
    if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 86_400) {
      setProblem(new BridgeError('INVALID_TOLERANCE', 'The tolerance must be 0 to 86400 seconds.'));
      return;
    }
    const id = newTask();
    setTask(id);
    setProgress(null);
    try {
      const result = await unwrap(
        getApi().attribution.run({
          id: c.id,
          task: id,
          observationsCsv: values.observationsCsv.trim() === '' ? null : values.observationsCsv,
          observationArtefacts: [...values.observationArtefacts],
          records: [...values.records],
          toleranceSeconds: tolerance,
        }),
      );
      setRun(result);
    } catch (error) {
      setProblem(error as Error);
    }
  };
  const save = async () => {
    if (task === null) return;
    setProblem(null);
    try {
      const saved = await unwrap(
        getApi().attribution.record({
          id: c.id,
          task,
          ...(note.trim() === '' ? {} : { note: note.trim() }),
        }),
      );
      setSavedSeq(saved.seq);
    } catch (error) {
      setProblem(error as Error);
    }
  };
  const running = task !== null && run === null && problem === null;

  return (
    <section className="section" aria-labelledby="attribution-heading">
      <div className="section-header">
        <h2 id="attribution-heading">Attribution</h2>
      </div>
      <AttributionForm
        observationCandidates={observationCandidates}
        recordCandidates={recordCandidates}
        values={values}
        onChange={setValues}
        onRun={() => void start()}
        running={running}
      />
      {running && (
        <div className="progress-block" role="status" aria-live="polite">
          <label htmlFor="attribution-progress" className="small">
            {progress?.phase === 'joining'
              ? 'Joining observations with the records…'
              : `Reading ${progress?.message ?? 'the records'} (${progress?.done ?? 0} of ${progress?.total ?? '…'})`}
          </label>
          <progress
            id="attribution-progress"
            max={progress?.total ?? 1}
            value={progress?.done ?? 0}
          />
          <div className="form-actions">
            <button
              type="button"
              onClick={() => void getApi().attribution.cancel({ task: task ?? '' })}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {problem !== null && (
        <ErrorNotice
          title="The attribution did not run"
          message={problem.message}
          code={problem instanceof BridgeError ? problem.code : undefined}
        />
      )}
      {run !== null && (
        <div className="attribution-run">
          <p className="status-summary" role="status">
            {run.results.length} observation(s):{' '}
            {(['unique', 'ambiguous', 'none', 'no-coverage'] as const).map((s) => (
              <span key={s} className={`badge status-badge-${s}`}>
                {run.statusCounts[s] ?? 0} {s === 'none' ? 'not mapped' : s.replace('-', ' ')}
              </span>
            ))}{' '}
            <span className="muted small">engine {run.engineVersion}</span>
          </p>
          {run.results[0] !== undefined && (
            <p className="notice notice-warning small">{run.results[0].caveat}</p>
          )}
          {run.warnings.length > 0 && (
            <details className="small">
              <summary>{run.warnings.length} parse warning(s) in the inputs</summary>
              <ul>
                {run.warnings.map((w, i) => (
                  <li key={i}>
                    {names.get(w.artefact) ?? w.artefact}: {w.message}{' '}
                    <span className="muted mono">[{w.code}]</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div className="scroll-x">
            <AttributionResults
              results={run.results}
              names={names}
              links={links}
              open={open}
              onOpenChange={setOpen}
            />
          </div>
          <div className="form form-wide">
            <div className="field">
              <label htmlFor="attribution-note">Note for the record</label>
              <input
                id="attribution-note"
                maxLength={4000}
                autoComplete="off"
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            </div>
            <div className="form-actions">
              <button type="button" className="primary" onClick={() => void save()}>
                Save run and sign
              </button>
            </div>
          </div>
          {savedSeq !== null && (
            <p className="notice notice-ok" role="status">
              Saved as custody record #{savedSeq}: the inputs, options, engine version and the hash
              of these results.
            </p>
          )}
        </div>
      )}
    </section>
  );
}

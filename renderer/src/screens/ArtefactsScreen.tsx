import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ProgressEventValue } from '../../../shared/contracts';
import { BridgeError, getApi, unwrap } from '../bridge';
import { useAsync } from '../app/use-async';
import { ArtefactDetail } from '../components/ArtefactDetail';
import { ArtefactTable } from '../components/ArtefactTable';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { IntakePanel, type ProvenanceValues } from '../components/IntakePanel';
import { ArtefactLocation } from './ArtefactLocation';
import { ArtefactParse } from './ArtefactParse';
import { useOpenCase } from './CaseScreen';
import { readArtefactFocus } from './evidence-links';

/** Artefacts: every acquisition of the case with its digests and provenance. */
export function ArtefactsScreen() {
  const c = useOpenCase();
  const [listing, reload] = useAsync(() => unwrap(getApi().artefacts.list({ id: c.id })), c.id);
  const [selected, setSelected] = useState<string | null>(null);
  // A "Show in artefact" link: the artefact (SHA-256) and the location in it.
  const [params] = useSearchParams();
  const focusText = params.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the text stands for the parameters
  const focus = useMemo(() => readArtefactFocus(params), [focusText]);
  const [paths, setPaths] = useState<string[] | null>(null);
  const [task, setTask] = useState<string | null>(null);
  const [progress, setProgress] = useState<ProgressEventValue | null>(null);
  const [problem, setProblem] = useState<BridgeError | Error | null>(null);
  const [parsing, setParsing] = useState<string | null>(null);
  const [formats] = useAsync(() => unwrap(getApi().parse.formats()), 'formats');
  const [decisions, reloadDecisions] = useAsync(
    () => unwrap(getApi().parse.decisions({ id: c.id })),
    c.id,
  );

  useEffect(() => {
    if (task === null) return undefined;
    return getApi().onProgress((event) => {
      if (event.task !== task) return;
      setProgress(event);
      if (event.state !== 'running') reload();
    });
  }, [task, reload]);

  const choose = async () => {
    setProblem(null);
    try {
      const picked = await unwrap(getApi().intake.pick());
      if (picked.paths.length > 0) {
        setPaths(picked.paths);
        setProgress(null);
        setTask(null);
      }
    } catch (error) {
      setProblem(error as Error);
    }
  };
  const start = async (values: ProvenanceValues) => {
    if (paths === null) return;
    setProblem(null);
    const optional = (v: string) => (v.trim() === '' ? undefined : v.trim());
    try {
      const request = {
        id: c.id,
        paths,
        ...(optional(values.receivedFrom) === undefined
          ? {}
          : { receivedFrom: values.receivedFrom.trim() }),
        ...(optional(values.source) === undefined ? {} : { source: values.source.trim() }),
        ...(optional(values.note) === undefined ? {} : { note: values.note.trim() }),
      };
      const started = await unwrap(getApi().intake.start(request));
      setTask(started.task);
      setProgress({
        task: started.task,
        label: 'Intake',
        state: 'running',
        phase: 'starting',
        done: 0,
        total: null,
        unit: 'bytes',
        ratePerSecond: null,
        etaSeconds: null,
        item: null,
        message: null,
        code: null,
      });
    } catch (error) {
      setProblem(error as Error);
    }
  };
  const cancel = () => {
    if (task !== null) void getApi().intake.cancel({ task });
  };
  const close = () => {
    setPaths(null);
    setTask(null);
    setProgress(null);
  };

  if (listing.status === 'loading') return <p className="muted">Loading artefacts…</p>;
  if (listing.status === 'failed') {
    return (
      <ErrorNotice
        title="The artefacts could not be listed"
        message={listing.error.message}
        code={listing.error instanceof BridgeError ? listing.error.code : undefined}
      />
    );
  }
  const { artefacts, problems } = listing.value;
  const focused =
    focus === null
      ? undefined
      : artefacts.find((a) => a.entry === 'file' && a.digests.sha256 === focus.artefact);
  const chosen = artefacts.find((a) => a.id === (selected ?? focused?.id)) ?? null;
  const recordedFor = (sha256: string) => {
    if (decisions.status !== 'ready') return null;
    const all = decisions.value.decisions.filter((d) => d.artefact === sha256);
    return all[all.length - 1] ?? null;
  };
  const parseTarget =
    parsing === null ? null : artefacts.find((a) => a.id === parsing && a.entry === 'file');
  return (
    <section className="section" aria-labelledby="artefacts-heading">
      <div className="section-header">
        <h2 id="artefacts-heading">
          Artefacts <span className="muted small">({artefacts.length})</span>
        </h2>
        <button
          type="button"
          className="primary"
          onClick={() => void choose()}
          disabled={progress?.state === 'running'}
        >
          Add evidence…
        </button>
      </div>
      {problem !== null && (
        <ErrorNotice
          title="The intake did not start"
          message={problem.message}
          code={problem instanceof BridgeError ? problem.code : undefined}
        />
      )}
      {paths !== null && (
        <IntakePanel
          paths={paths}
          progress={progress}
          onStart={(v) => void start(v)}
          onCancel={cancel}
          onClose={close}
        />
      )}
      {problems.length > 0 && (
        <div className="notice notice-warning" role="status">
          <strong>{problems.length} line(s) of the artefact index could not be read</strong>
          <ul>
            {problems.map((p) => (
              <li key={p.line}>
                line {p.line}: {p.message}
              </li>
            ))}
          </ul>
          <p className="muted">The custody ledger remains the record of truth.</p>
        </div>
      )}
      {focus !== null &&
        (focused === undefined || focused.entry !== 'file' ? (
          <p className="notice notice-warning" role="status">
            This case holds no artefact with the SHA-256{' '}
            <span className="mono break">{focus.artefact}</span>.
          </p>
        ) : (
          <ArtefactLocation
            key={`${focus.artefact} ${focusText}`}
            caseId={c.id}
            focus={focus}
            artefactName={focused.original.name}
          />
        ))}
      {artefacts.length === 0 ? (
        <EmptyState title="No artefacts in this case yet">
          <p>
            Artefacts are the originals you acquire: IP logs, email files, CGN/NAT logs, RADIUS and
            DHCP records, ISP replies. Each is copied into the read-only vault with its MD5, SHA-1
            and SHA-256 and a signed custody record, and listed here.
          </p>
          <p>
            Choose <strong>Add evidence…</strong> (you sign in as examiner first), or use{' '}
            <span className="mono break">
              sealcase ingest {c.path} FILE… --received-from "…" --identity FILE.p12
            </span>
            .
          </p>
        </EmptyState>
      ) : (
        <div className="split">
          <ArtefactTable
            artefacts={artefacts}
            selectedId={chosen?.id ?? null}
            onSelect={setSelected}
          />
          {chosen !== null && (
            <ArtefactDetail
              artefact={chosen}
              decision={chosen.entry === 'file' ? recordedFor(chosen.digests.sha256) : null}
              onParse={chosen.entry === 'file' ? () => setParsing(chosen.id) : undefined}
            />
          )}
        </div>
      )}
      {parseTarget !== undefined && parseTarget !== null && parseTarget.entry === 'file' && (
        <ArtefactParse
          key={parseTarget.id}
          caseId={c.id}
          artefact={parseTarget.digests.sha256}
          artefactName={parseTarget.original.name}
          formats={formats.status === 'ready' ? formats.value.formats : []}
          recorded={recordedFor(parseTarget.digests.sha256)}
          onSaved={reloadDecisions}
          onClose={() => setParsing(null)}
        />
      )}
    </section>
  );
}

import { useEffect, useMemo, useState } from 'react';
import type { ExportedPackageValue, ProgressEventValue } from '../../../shared/contracts';
import { useAsync } from '../app/use-async';
import { BridgeError, getApi, unwrap } from '../bridge';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { ExportDone } from '../components/ExportDone';
import { DEFAULT_WITHHELD, ExportForm, type ExportFormValues } from '../components/ExportForm';
import { ExportHistory } from '../components/ExportHistory';
import { TaskProgress } from '../components/TaskProgress';
import { VerificationPanel } from '../components/VerificationPanel';
import { useOpenCase } from './CaseScreen';
import { useVerification } from './use-verification';

const EXPORT_PHASES: Readonly<Record<string, string>> = {
  starting: 'Starting',
  custody: 'Signing a checkpoint over the custody ledger',
  originals: 'Copying the originals (each SHA-256 checked)',
  events: 'Re-deriving the events from the originals',
  report: 'Building and signing the PDF report',
  manifest: 'Writing and signing the manifests',
  rename: 'Moving the finished package into place',
  zip: 'Writing the zip file',
};

const INITIAL: ExportFormValues = {
  form: 'folder',
  pageSize: 'A4',
  events: 'bookmarked',
  attachOriginals: false,
  redact: false,
  withhold: new Set(DEFAULT_WITHHELD),
};

/** Export: a signed, court-ready package of the case, its progress, result and history. */
export function ExportScreen() {
  const c = useOpenCase();
  const [listing] = useAsync(() => unwrap(getApi().artefacts.list({ id: c.id })), c.id);
  const [history, reloadHistory] = useAsync(() => unwrap(getApi().export.list({ id: c.id })), c.id);
  const [analysis] = useAsync(() => unwrap(getApi().analysis.list({ id: c.id })), c.id);
  const unlocked = useUnlocked();
  // null until the analyst changes something: the timeline default follows the bookmarks.
  const [edited, setValues] = useState<ExportFormValues | null>(null);
  const [task, setTask] = useState<string | null>(null);
  const [progress, setProgress] = useState<ProgressEventValue | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [done, setDone] = useState<readonly ExportedPackageValue[] | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  const verification = useVerification();

  useEffect(() => {
    if (task === null) return undefined;
    return getApi().onProgress((event) => {
      if (event.task === task) setProgress(event);
    });
  }, [task]);

  const originals = useMemo(() => {
    if (listing.status !== 'ready') return { count: 0, bytes: 0 };
    const seen = new Map<string, number>();
    for (const a of listing.value.artefacts) {
      if (a.entry === 'file') seen.set(a.digests.sha256, a.size);
    }
    return { count: seen.size, bytes: [...seen.values()].reduce((s, n) => s + n, 0) };
  }, [listing]);
  const bookmarks = analysis.status === 'ready' ? analysis.value.bookmarks.length : 0;
  const values: ExportFormValues = edited ?? {
    ...INITIAL,
    events: bookmarks > 0 ? 'bookmarked' : 'all',
  };

  if (listing.status === 'loading') return <p className="muted">Loading…</p>;
  if (listing.status === 'failed') {
    return <ErrorNotice title="The case could not be read" message={listing.error.message} />;
  }
  if (originals.count === 0) {
    return (
      <EmptyState title="Nothing to export yet">
        <p>
          The export writes a signed, court-ready package: the PDF report, the originals, the
          custody ledger and an offline verification page, checkable with Sealcase or with standard
          tools.
        </p>
        <p>Acquire evidence on the Artefacts screen first, then come back here.</p>
      </EmptyState>
    );
  }

  const blocked =
    unlocked === null
      ? 'Checking who is signed in…'
      : unlocked
        ? null
        : 'Sign in as examiner first (Sign in… in the sidebar): the package and its report are signed with your key, which stays in the main process.';

  const start = async () => {
    setProblem(null);
    setDone(null);
    verification.reset();
    const id = `export-${crypto.randomUUID()}`;
    setTask(id);
    setProgress(null);
    setCancelling(false);
    try {
      const result = await unwrap(
        getApi().export.run({
          id: c.id,
          task: id,
          form: values.form,
          pageSize: values.pageSize,
          events: values.events,
          attachOriginals: values.attachOriginals,
          redaction: values.redact ? { withhold: [...values.withhold] } : null,
        }),
      );
      setDone(result.packages);
      reloadHistory();
    } catch (error) {
      setProblem(error as Error);
      // A redacted derivative can fail after the full package was written: list what exists.
      reloadHistory();
    } finally {
      setTask(null);
    }
  };
  const cancel = () => {
    if (task === null) return;
    setCancelling(true);
    void getApi().export.cancel({ task });
  };

  return (
    <section className="section" aria-labelledby="export-heading">
      <div className="section-header">
        <h2 id="export-heading">Export a signed package</h2>
      </div>
      <ExportForm
        values={values}
        onChange={setValues}
        onExport={() => void start()}
        originalsBytes={originals.bytes}
        originalsCount={originals.count}
        bookmarks={bookmarks}
        busy={task !== null}
        blocked={blocked}
      />
      {task !== null && (
        <TaskProgress
          id="export-progress"
          label="Exporting"
          progress={progress}
          phases={EXPORT_PHASES}
          onCancel={cancel}
          cancelling={cancelling}
        />
      )}
      {problem !== null && (
        <ErrorNotice
          title={
            problem instanceof BridgeError && problem.code === 'TASK_CANCELLED'
              ? 'The export was cancelled'
              : 'The export did not complete'
          }
          message={problem.message}
          code={problem instanceof BridgeError ? problem.code : undefined}
        />
      )}
      {done !== null && (
        <ExportDone
          packages={done}
          verifying={verification.running}
          onVerify={(p) => void verification.verify(p.package.handle)}
        />
      )}
      <VerificationPanel
        idPrefix="export-verify"
        running={verification.running}
        progress={verification.progress}
        cancelling={verification.cancelling}
        onCancel={verification.cancel}
        error={verification.error}
        result={verification.result}
      />
      <h2 className="history-heading">Earlier exports of this case</h2>
      {history.status === 'ready' && <ExportHistory exports={history.value.exports} />}
      {history.status === 'failed' && (
        <ErrorNotice
          title="The earlier exports could not be listed"
          message={history.error.message}
        />
      )}
    </section>
  );
}

/** Whether an examiner is signed in, asked again every 2 s (the sidebar signs in and out). */
function useUnlocked(): boolean | null {
  const [unlocked, setUnlocked] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    const check = () =>
      unwrap(getApi().identity.status()).then(
        (s) => live && setUnlocked(s.unlocked),
        () => live && setUnlocked(false),
      );
    void check();
    const timer = setInterval(() => void check(), 2000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  return unlocked;
}

import { useEffect, useState } from 'react';
import type { ProgressEventValue } from '../../../shared/contracts';
import { useNavigate } from 'react-router';
import { getApi, unwrap, BridgeError } from '../bridge';
import { useAsync } from '../app/use-async';
import { CaseTable } from '../components/CaseTable';
import { CreateCaseForm, type CreateCaseValues } from '../components/CreateCaseForm';
import { DemoCaseOffer } from '../components/DemoCaseOffer';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeader } from '../components/ScreenHeader';

/**
 * Cases: the list of the workspace's cases, and the form that creates one. An empty workspace (the
 * first start) also offers the demo case; later it stays one quiet button away.
 */
export function CasesScreen() {
  const navigate = useNavigate();
  const [listing, reload] = useAsync(() => unwrap(getApi().case.list()), 'cases');
  const [info] = useAsync(() => unwrap(getApi().app.info()), 'app-info');
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [createError, setCreateError] = useState<BridgeError | Error | null>(null);
  const [demoShown, setDemoShown] = useState(false);
  const [demoTask, setDemoTask] = useState<string | null>(null);
  const [demoProgress, setDemoProgress] = useState<ProgressEventValue | null>(null);
  const [demoError, setDemoError] = useState<BridgeError | Error | null>(null);

  useEffect(() => {
    if (demoTask === null) return undefined;
    return getApi().onProgress((event) => {
      if (event.task === demoTask) setDemoProgress(event);
    });
  }, [demoTask]);

  const open = (id: string) => void navigate(`/cases/${encodeURIComponent(id)}`);

  const create = async (values: CreateCaseValues) => {
    setBusy(true);
    setCreateError(null);
    try {
      const request =
        values.authority.trim() === ''
          ? { number: values.number, title: values.title }
          : { number: values.number, title: values.title, authority: values.authority };
      const created = await unwrap(getApi().case.create(request));
      setCreating(false);
      reload();
      open(created.id);
    } catch (error) {
      setCreateError(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setBusy(false);
    }
  };

  const createDemo = async () => {
    const task = `demo-${crypto.randomUUID()}`;
    setDemoError(null);
    setDemoProgress(null);
    setDemoTask(task);
    try {
      const demo = await unwrap(getApi().case.createDemo({ task }));
      open(demo.case.id);
    } catch (error) {
      setDemoError(error instanceof Error ? error : new Error(String(error)));
      reload();
    } finally {
      setDemoTask(null);
    }
  };

  const demoErrorNotice = demoError !== null && (
    <ErrorNotice
      title="The demo case was not built"
      message={demoError.message}
      code={demoError instanceof BridgeError ? demoError.code : undefined}
    />
  );
  const demoOffer = (headingLevel: 2 | 3, action: string, onCancel?: () => void) => (
    <DemoCaseOffer
      headingLevel={headingLevel}
      action={action}
      busy={demoTask !== null}
      progress={demoProgress}
      onCreate={() => void createDemo()}
      {...(onCancel === undefined ? {} : { onCancel })}
    />
  );

  const hasCases = listing.status === 'ready' && listing.value.cases.length > 0;

  return (
    <div className="screen">
      <ScreenHeader
        title="Cases"
        subtitle={
          listing.status === 'ready' ? `${listing.value.cases.length} in this workspace` : undefined
        }
        actions={
          !creating && (
            <>
              {hasCases && !demoShown && (
                <button type="button" onClick={() => setDemoShown(true)}>
                  Demo case…
                </button>
              )}
              <button type="button" className="primary" onClick={() => setCreating(true)}>
                New case
              </button>
            </>
          )
        }
      />
      {creating && (
        <section className="panel" aria-labelledby="new-case-heading">
          <h2 id="new-case-heading">New case</h2>
          <p className="muted">
            Creates a case folder with its <span className="mono">case.json</span>. Evidence, the
            custody ledger and analysis are added to it later.
          </p>
          {createError !== null && (
            <ErrorNotice
              title="The case was not created"
              message={createError.message}
              code={createError instanceof BridgeError ? createError.code : undefined}
            />
          )}
          <CreateCaseForm
            busy={busy}
            onSubmit={(v) => void create(v)}
            onCancel={() => setCreating(false)}
          />
        </section>
      )}
      {listing.status === 'loading' && <p className="muted">Loading cases…</p>}
      {listing.status === 'failed' && (
        <ErrorNotice
          title="Cases could not be listed"
          message={listing.error.message}
          code={listing.error instanceof BridgeError ? listing.error.code : undefined}
        />
      )}
      {listing.status === 'ready' && listing.value.problems.length > 0 && (
        <div className="notice notice-warning" role="status">
          <strong>
            {listing.value.problems.length === 1
              ? 'One folder looks like a case but cannot be read'
              : `${listing.value.problems.length} folders look like cases but cannot be read`}
          </strong>
          <ul>
            {listing.value.problems.map((p) => (
              <li key={p.id}>
                <span className="mono">{p.id}</span>: {p.message}{' '}
                <span className="muted">({p.code})</span>
              </li>
            ))}
          </ul>
          <p className="muted">Nothing was changed. Repair or move these folders by hand.</p>
        </div>
      )}
      {hasCases && demoShown && (
        <div className="panel">
          {demoErrorNotice}
          {demoOffer(2, 'Add the demo case', () => setDemoShown(false))}
        </div>
      )}
      {hasCases && <CaseTable cases={listing.value.cases} onOpen={open} />}
      {listing.status === 'ready' && !hasCases && !creating && (
        <EmptyState title="No cases yet">
          <p>
            A case is a folder that holds sealed evidence, its signed custody ledger and your
            analysis. Create one to begin: you will need the case number and, if you have it, the
            legal authority.
          </p>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            Create the first case
          </button>
          {demoErrorNotice}
          {demoOffer(3, 'Open the demo case')}
        </EmptyState>
      )}
      {info.status === 'ready' && (
        <p className="muted small">
          Cases folder: <span className="mono break">{info.value.casesRoot}</span>
        </p>
      )}
    </div>
  );
}

import { useEffect } from 'react';
import { NavLink, Outlet, useOutletContext, useParams } from 'react-router';
import type { CaseDetailValue } from '../../../shared/contracts';
import { BridgeError, getApi, unwrap } from '../bridge';
import { rememberOpened } from '../db';
import { useAsync } from '../app/use-async';
import { workspace } from '../app/workspace';
import { ErrorNotice } from '../components/ErrorNotice';

const SECTIONS = [
  ['artefacts', 'Artefacts'],
  ['timeline', 'Timeline'],
  ['attribution', 'Attribution'],
  ['custody', 'Custody'],
  ['export', 'Export'],
] as const;

/** One open case: its header, its sections as tabs, and the current section. */
export function CaseScreen() {
  const { caseId = '' } = useParams();
  const [detail] = useAsync(() => unwrap(getApi().case.open({ id: caseId })), caseId);

  useEffect(() => {
    if (detail.status !== 'ready') return;
    const c = detail.value;
    void rememberOpened(
      workspace(),
      { uuid: c.uuid, folder: c.id, number: c.number, title: c.title },
      Date.now(),
    );
  }, [detail]);

  if (detail.status === 'loading') return <p className="screen muted">Opening case…</p>;
  if (detail.status === 'failed') {
    return (
      <div className="screen">
        <ErrorNotice
          title="This case could not be opened"
          message={detail.error.message}
          code={detail.error instanceof BridgeError ? detail.error.code : undefined}
        />
      </div>
    );
  }
  const c = detail.value;
  return (
    <div className="screen">
      <header className="case-header">
        <p className="eyebrow mono">Case {c.number}</p>
        <h1>{c.title}</h1>
        <dl className="facts">
          <div>
            <dt>Legal authority</dt>
            <dd>{c.authority ?? 'not recorded'}</dd>
          </div>
          <div>
            <dt>Created (UTC)</dt>
            <dd className="mono">{c.created}</dd>
          </div>
          <div>
            <dt>Folder</dt>
            <dd className="mono break">{c.path}</dd>
          </div>
        </dl>
      </header>
      <nav className="tabs" aria-label="Case sections">
        {SECTIONS.map(([path, label]) => (
          <NavLink key={path} to={path}>
            {label}
          </NavLink>
        ))}
      </nav>
      <Outlet context={c} />
    </div>
  );
}

/** The open case, for the section screens. */
export function useOpenCase(): CaseDetailValue {
  return useOutletContext<CaseDetailValue>();
}

import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import type { AppInfoValue, SessionStatusValue } from '../../../shared/contracts';
import { BridgeError, getApi, unwrap } from '../bridge';
import { ExaminerStatus } from '../components/ExaminerStatus';
import { UnlockDialog } from '../components/UnlockDialog';
import { recentCases, type RecentCase } from '../db';
import { workspace } from './workspace';

/** The frame: sidebar (navigation, recent cases, versions) and the current screen. */
export function AppShell() {
  const [info, setInfo] = useState<AppInfoValue | null>(null);
  const [recent, setRecent] = useState<RecentCase[]>([]);
  const location = useLocation();
  const [status, setStatus] = useState<SessionStatusValue | null>(null);
  const [unlocking, setUnlocking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [identityPath, setIdentityPath] = useState('');
  const [unlockError, setUnlockError] = useState<{ message: string; code?: string } | null>(null);

  useEffect(() => {
    unwrap(getApi().identity.status()).then(setStatus, () => setStatus(null));
  }, []);

  const choose = async () => {
    try {
      const { path } = await unwrap(getApi().identity.pick());
      if (path !== null) setIdentityPath(path);
    } catch (error) {
      setUnlockError({ message: (error as Error).message });
    }
  };
  const unlockNow = async (passphrase: string) => {
    setBusy(true);
    setUnlockError(null);
    try {
      setStatus(await unwrap(getApi().identity.unlock({ path: identityPath, passphrase })));
      setUnlocking(false);
    } catch (error) {
      const e = error as Error;
      setUnlockError(
        e instanceof BridgeError ? { message: e.message, code: e.code } : { message: e.message },
      );
    } finally {
      setBusy(false);
    }
  };
  const lockNow = () => {
    unwrap(getApi().identity.lock()).then(setStatus, () => setStatus(null));
  };

  useEffect(() => {
    unwrap(getApi().app.info()).then(setInfo, () => setInfo(null));
  }, []);
  useEffect(() => {
    recentCases(workspace()).then(setRecent, () => setRecent([]));
  }, [location.pathname]);

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          Sealcase
        </div>
        <ul className="nav-list">
          <li>
            <NavLink to="/cases" end>
              Cases
            </NavLink>
          </li>
          <li>
            <NavLink to="/package">Open a signed package</NavLink>
          </li>
        </ul>
        {recent.length > 0 && (
          <section aria-labelledby="recent-heading" className="recent">
            <h2 id="recent-heading" className="sidebar-heading">
              Recent
            </h2>
            <ul className="nav-list">
              {recent.map((r) => (
                <li key={r.uuid}>
                  <NavLink to={`/cases/${encodeURIComponent(r.folder)}`} title={r.title}>
                    <span className="mono">{r.number}</span>
                    <span className="recent-title">{r.title}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </section>
        )}
        <ExaminerStatus
          status={status}
          onUnlock={() => {
            setUnlockError(null);
            setUnlocking(true);
          }}
          onLock={lockNow}
        />
        <footer className="sidebar-footer">
          {info === null
            ? 'Offline workbench'
            : `v${info.version} · Node ${info.node}${info.electron === null ? '' : ` · Electron ${info.electron}`}`}
        </footer>
      </nav>
      <main className="content">
        <Outlet />
      </main>
      <UnlockDialog
        open={unlocking}
        busy={busy}
        error={unlockError}
        path={identityPath}
        onPathChange={setIdentityPath}
        onChoose={() => void choose()}
        onUnlock={(p) => void unlockNow(p)}
        onCancel={() => setUnlocking(false)}
      />
    </div>
  );
}

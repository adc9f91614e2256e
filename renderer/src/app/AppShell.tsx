import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import type { AppInfoValue } from '../../../shared/contracts';
import { getApi, unwrap } from '../bridge';
import { recentCases, type RecentCase } from '../db';
import { workspace } from './workspace';

/** The frame: sidebar (navigation, recent cases, versions) and the current screen. */
export function AppShell() {
  const [info, setInfo] = useState<AppInfoValue | null>(null);
  const [recent, setRecent] = useState<RecentCase[]>([]);
  const location = useLocation();

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
        <footer className="sidebar-footer">
          {info === null
            ? 'Offline workbench'
            : `v${info.version} · Node ${info.node}${info.electron === null ? '' : ` · Electron ${info.electron}`}`}
        </footer>
      </nav>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}

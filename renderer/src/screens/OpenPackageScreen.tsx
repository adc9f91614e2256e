import { useState } from 'react';
import type { PackageHandleValue, PackageViewValue } from '../../../shared/contracts';
import { BridgeError, getApi, unwrap } from '../bridge';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { PackageContents } from '../components/PackageContents';
import { ScreenHeader } from '../components/ScreenHeader';
import { VerificationPanel } from '../components/VerificationPanel';
import { useVerification } from './use-verification';

/** Open a signed package (no case needed): verification first, then the contents, read-only. */
export function OpenPackageScreen() {
  const [opened, setOpened] = useState<PackageHandleValue | null>(null);
  const [view, setView] = useState<PackageViewValue | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  const [picking, setPicking] = useState(false);
  const verification = useVerification();

  const check = async (pkg: PackageHandleValue) => {
    setView(null);
    const verified = await verification.verify(pkg.handle);
    if (verified === null) return;
    try {
      setView(await unwrap(getApi().package.view({ package: pkg.handle })));
    } catch (error) {
      setProblem(error as Error);
    }
  };
  const open = async (kind: 'folder' | 'zip') => {
    setProblem(null);
    setPicking(true);
    try {
      const { package: pkg } = await unwrap(getApi().package.open({ kind }));
      if (pkg === null) return;
      setOpened(pkg);
      verification.reset();
      await check(pkg);
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setPicking(false);
    }
  };
  const busy = picking || verification.running;

  return (
    <div className="screen">
      <ScreenHeader
        title="Open a signed package"
        subtitle="For prosecutors and defence experts receiving a Sealcase export: checked first, then shown read-only"
        actions={
          <>
            <button type="button" onClick={() => void open('folder')} disabled={busy}>
              Open folder…
            </button>
            <button type="button" onClick={() => void open('zip')} disabled={busy}>
              Open zip…
            </button>
          </>
        }
      />
      {opened === null && problem === null && (
        <EmptyState title="No package open">
          <p>
            Choose a package folder or a zip file you received. Sealcase first checks, without
            trusting the sender, that every file matches its signed manifest, that the report and
            the manifests are signed by the examiner&apos;s certificate, and that the custody ledger
            is complete and unaltered; then it shows what the package holds. Nothing is changed and
            nothing can be edited.
          </p>
          <p className="muted">
            The same checks run without Sealcase: open the package&apos;s verify.html in any
            browser, or follow its README.txt for standard tools.
          </p>
        </EmptyState>
      )}
      {problem !== null && (
        <ErrorNotice
          title="The package could not be opened"
          message={problem.message}
          code={problem instanceof BridgeError ? problem.code : undefined}
        />
      )}
      {opened !== null && (
        <section className="section" aria-labelledby="verification-heading">
          <div className="section-header">
            <h2 id="verification-heading">
              Verification of <span className="mono break">{opened.name}</span>
            </h2>
            <button type="button" onClick={() => void check(opened)} disabled={busy}>
              Verify again
            </button>
          </div>
          <p className="muted small mono break">{opened.path}</p>
          <VerificationPanel
            idPrefix="package-verify"
            running={verification.running}
            progress={verification.progress}
            cancelling={verification.cancelling}
            onCancel={verification.cancel}
            error={verification.error}
            result={verification.result}
          />
        </section>
      )}
      {view !== null && verification.result !== null && (
        <PackageContents
          view={view}
          reportStatus={verification.result.checks.find((c) => c.id === 'report')?.status ?? null}
        />
      )}
    </div>
  );
}

import { ScreenHeader } from '../components/ScreenHeader';
import { EmptyState } from '../components/EmptyState';

export function OpenPackageScreen() {
  return (
    <div className="screen">
      <ScreenHeader
        title="Open a signed package"
        subtitle="For prosecutors and defence experts receiving a Sealcase export"
      />
      <EmptyState title="Package verification is not available yet">
        <p>
          Here you will open a package you received and see, without trusting the sender, whether
          every file matches its manifest, whether the report and the manifest are signed by the
          examiner&apos;s certificate, and whether the custody ledger is complete and unaltered.
        </p>
        <p className="muted">
          Packages are written from a case's Export section; opening them here comes with it.
        </p>
      </EmptyState>
    </div>
  );
}

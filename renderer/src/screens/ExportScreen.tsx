import { EmptyState } from '../components/EmptyState';

export function ExportScreen() {
  return (
    <EmptyState title="Nothing to export yet">
      <p>
        The export will write a signed, court-ready package: the PDF report, the originals, the
        custody ledger and an offline verification page, checkable with Sealcase or with standard
        tools.
      </p>
      <p className="muted">Exports need acquired artefacts and the custody ledger.</p>
    </EmptyState>
  );
}

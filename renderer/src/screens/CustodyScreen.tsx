import { EmptyState } from '../components/EmptyState';

export function CustodyScreen() {
  return (
    <EmptyState title="The custody ledger is not available yet">
      <p>
        Every action on this case will be recorded here as a signed, hash-chained ledger record: who
        did what, on which artefact, when and why. Anyone holding the case or an export can verify
        it.
      </p>
      <p className="muted">Signing identities and the ledger arrive in a later version.</p>
    </EmptyState>
  );
}

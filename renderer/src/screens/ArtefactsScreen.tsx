import { EmptyState } from '../components/EmptyState';
import { useOpenCase } from './CaseScreen';

export function ArtefactsScreen() {
  const c = useOpenCase();
  return (
    <EmptyState title="No artefacts in this case yet">
      <p>
        Artefacts are the originals you acquire: IP logs, email files, CGN/NAT logs, RADIUS and DHCP
        records, ISP replies. Each one will be listed here with its size, MD5, SHA-1 and SHA-256,
        who acquired it, when and from whom.
      </p>
      <p className="muted">
        Intake into the sealed vault is not available in this version. The case folder is ready for
        it: <span className="mono break">{c.path}</span>
      </p>
    </EmptyState>
  );
}

import type { ArtefactRecord } from '../../../shared/model';

export interface ArtefactTableProps {
  readonly artefacts: readonly ArtefactRecord[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

const utc = (iso: string) => iso.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');

/** The case's artefacts: one row per acquisition, its SHA-256 shortened (full value on hover). */
export function ArtefactTable({ artefacts, selectedId, onSelect }: ArtefactTableProps) {
  return (
    <table className="table artefact-table">
      <caption className="visually-hidden">Artefacts of this case</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Size</th>
          <th scope="col">SHA-256</th>
          <th scope="col">Acquired (UTC)</th>
          <th scope="col">By</th>
          <th scope="col">Received from</th>
        </tr>
      </thead>
      <tbody>
        {artefacts.map((a) => (
          <tr key={a.id} className={a.id === selectedId ? 'row-selected' : undefined}>
            <td>
              <button
                type="button"
                className="link-button"
                aria-pressed={a.id === selectedId}
                onClick={() => onSelect(a.id)}
              >
                {a.original.name}
              </button>
            </td>
            <td>{a.entry === 'file' ? a.contentKind : 'symlink'}</td>
            <td className="nowrap">{a.entry === 'file' ? formatBytes(a.size) : '—'}</td>
            <td className="mono small" title={a.entry === 'file' ? a.digests.sha256 : undefined}>
              {a.entry === 'file' ? `${a.digests.sha256.slice(0, 16)}…` : '—'}
            </td>
            <td className="mono nowrap small">{utc(a.acquiredAt)}</td>
            <td>{a.acquiredBy ?? '—'}</td>
            <td className="clamp" title={a.receivedFrom ?? undefined}>
              {a.receivedFrom ?? '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

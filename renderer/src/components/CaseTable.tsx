import type { CaseSummaryValue } from '../../../shared/contracts';

export interface CaseTableProps {
  readonly cases: readonly CaseSummaryValue[];
  readonly onOpen: (id: string) => void;
}

/** Cases as a dense table; a row opens with a click or Enter. */
export function CaseTable({ cases, onOpen }: CaseTableProps) {
  return (
    <table className="table">
      <caption className="visually-hidden">Cases in this workspace</caption>
      <thead>
        <tr>
          <th scope="col">Case number</th>
          <th scope="col">Title</th>
          <th scope="col">Legal authority</th>
          <th scope="col">Created (UTC)</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id}>
            <td className="mono">
              <button type="button" className="link-button" onClick={() => onOpen(c.id)}>
                {c.number}
              </button>
            </td>
            <td>{c.title}</td>
            <td className="muted clamp">{c.authority ?? '—'}</td>
            <td className="mono nowrap">{c.created.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

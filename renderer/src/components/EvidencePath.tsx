import type { AttributionResultValue } from '../../../shared/contracts';
import { describeLocator } from '../../../shared/model';
import { EvidenceLinkPair, type EvidenceLinks, type EvidenceLinkTarget } from './EvidenceLinks';

type Step = AttributionResultValue['path'][number];

export interface EvidencePathProps {
  readonly path: readonly Step[];
  /** Artefact SHA-256 → original name. */
  readonly names: ReadonlyMap<string, string>;
  readonly links?: EvidenceLinks | undefined;
  /** Index of the result the path belongs to (passed to the links). */
  readonly row: number;
}

const KIND_TEXT: Readonly<Record<Step['kind'], string>> = {
  'nat-session': 'NAT session',
  'nat-portblock': 'CGN port block',
  'deterministic-nat': 'deterministic NAT',
  'map-port-set': 'MAP port set',
  'aaa-session': 'RADIUS session',
  'dhcp-lease': 'DHCP lease',
  'isp-assignment': 'ISP reply row',
};

const ROLE_TEXT: Readonly<Record<Step['records'][number]['role'], string>> = {
  start: 'start',
  end: 'end',
  interim: 'interim',
  config: 'configuration',
  row: 'row',
};

export const utc = (ts: string | null) =>
  ts === null ? '…' : ts.replace('T', ' ').replace(/\.000Z$/, 'Z');

const sameRecord = (s: Step, r: Step['records'][number]) =>
  r.artefact === s.artefact && describeLocator(r.locator) === describeLocator(s.locator);

/** The time of a step's main record: its own record's time, else the interval's start. */
export function stepTime(s: Step): string | null {
  return s.records.find((r) => sameRecord(s, r))?.ts ?? s.interval.start;
}

const recordTarget = (
  artefact: string | undefined,
  locator: Step['locator'],
  ts: string | null,
  label: string,
): EvidenceLinkTarget => ({ artefact, locator, ts, source: 'record', label });

function toText(s: Step): string {
  if (s.to.account !== undefined) return `account ${s.to.account}`;
  if (s.to.ip === undefined) return 'not held';
  const ports =
    s.to.portStart === undefined
      ? ''
      : ` ports ${s.to.portStart}–${s.to.portEnd ?? s.to.portStart}`;
  return `${s.to.ip}${ports}${s.to.vrf === undefined ? '' : ` (vrf ${s.to.vrf})`}`;
}

/**
 * The evidence steps from the observed address to the account, each naming its record (artefact
 * and location) with links to it in the timeline and in the artefact.
 */
export function EvidencePath({ path, names, links, row }: EvidencePathProps) {
  const nameOf = (sha: string) => names.get(sha) ?? `${sha.slice(0, 16)}…`;
  return (
    <ol className="path-list small">
      {path.map((s, k) => {
        const label = `step ${k + 1}`;
        const others = s.records.filter((r) => !sameRecord(s, r));
        return (
          <li key={k} style={{ marginLeft: `${s.depth * 24}px` }}>
            <strong>{KIND_TEXT[s.kind]}</strong>:{' '}
            <span className="mono">
              {s.from.ip}
              {s.from.port === undefined ? '' : `:${s.from.port}`}
            </span>{' '}
            → <span className="mono">{toText(s)}</span> from {utc(s.interval.start)} to{' '}
            {utc(s.interval.end)}
            {s.interval.endInferred && <span className="badge badge-bad">end inferred</span>}
            <br />
            <span className="muted">
              {s.artefact === undefined
                ? 'configuration'
                : `${nameOf(s.artefact)}, ${describeLocator(s.locator)}`}
              {s.note === undefined ? '' : ` — ${s.note}`}
            </span>{' '}
            <EvidenceLinkPair
              links={links}
              row={row}
              target={recordTarget(s.artefact, s.locator, stepTime(s), label)}
            />
            {others.length > 0 && (
              <ul className="record-list">
                {others.map((r, j) => (
                  <li key={j}>
                    <span className="muted">
                      {ROLE_TEXT[r.role]} record:{' '}
                      {r.artefact === undefined
                        ? 'configuration'
                        : `${r.artefact === s.artefact ? '' : `${nameOf(r.artefact)}, `}${describeLocator(r.locator)}`}
                      {r.ts === null ? '' : ` at ${utc(r.ts)}`}
                    </span>{' '}
                    <EvidenceLinkPair
                      links={links}
                      row={row}
                      target={recordTarget(
                        r.artefact,
                        r.locator,
                        r.ts,
                        `${label} ${ROLE_TEXT[r.role]} record`,
                      )}
                    />
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

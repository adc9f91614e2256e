import type { EmailReceivedEvent } from '../../../shared/model';

export interface HopTableProps {
  /** The message's Received hops, any order (sorted here by hop). */
  readonly hops: readonly EmailReceivedEvent[];
}

const FLAGGED = new Set([
  'private-ip',
  'loopback-ip',
  'cgn-shared-ip',
  'documentation-ip',
  'link-local-ip',
]);

/**
 * MHA-style hop table: hop 1 is the earliest. The client side of each hop is what the receiving
 * server saw (rDNS and IP from its TCP-info) beside what the client claimed (HELO). The delay bar
 * is relative to the longest delay; a negative delay (clocks disagree) is marked. The first hop
 * whose client address is public is marked as the trust boundary candidate: hops below it were
 * written by servers the analyst cannot check.
 */
export function HopTable({ hops }: HopTableProps) {
  const sorted = [...hops].sort((a, b) => a.hop - b.hop);
  const longest = Math.max(1, ...sorted.map((h) => Math.abs(h.delaySeconds ?? 0)));
  const boundary = [...sorted]
    .reverse()
    .find((h) => h.fromIp !== undefined && !(h.flags ?? []).some((f) => FLAGGED.has(f)))?.hop;
  return (
    <table className="table hop-table small">
      <caption className="visually-hidden">Received hops of the message</caption>
      <thead>
        <tr>
          <th scope="col">Hop</th>
          <th scope="col">From (HELO / rDNS / IP)</th>
          <th scope="col">By</th>
          <th scope="col">With</th>
          <th scope="col">Time (UTC)</th>
          <th scope="col">Delay</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((h) => {
          const flagged = (h.flags ?? []).filter((f) => FLAGGED.has(f));
          const delay = h.delaySeconds;
          return (
            <tr key={h.hop} className={h.hop === boundary ? 'hop-boundary' : undefined}>
              <td>
                {h.hop}
                {h.hop === boundary && (
                  <span
                    className="badge"
                    title="the last hop received from a public address: where the trust boundary likely lies"
                  >
                    boundary
                  </span>
                )}
              </td>
              <td className="mono break">
                {h.fromHelo ?? '—'} / {h.fromRdns ?? '—'} / {h.fromIp ?? '—'}
                {flagged.length > 0 && (
                  <span className="badge badge-bad">{flagged.join(', ')}</span>
                )}
              </td>
              <td className="mono break">{h.byHost ?? '—'}</td>
              <td className="mono">{h.with ?? '—'}</td>
              <td className="mono nowrap">
                {h.ts === null ? 'no date' : h.ts.replace('T', ' ').replace('.000Z', 'Z')}
              </td>
              <td className="nowrap">
                {delay === undefined || delay === null ? (
                  '—'
                ) : (
                  <>
                    <span
                      className={`delay-bar${delay < 0 ? ' negative' : ''}`}
                      style={{ width: `${Math.round((Math.abs(delay) / longest) * 80)}px` }}
                      aria-hidden="true"
                    />{' '}
                    {delay} s{delay < 0 && ' (clock skew)'}
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

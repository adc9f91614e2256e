import { correctedTime, insideKeysOf, type ObservedIp, type ResolverInput } from './resolve';
import type { Observation } from './types';

/**
 * The two-step range join alone, for one observation: the accounts it resolves to through the
 * records that map its address straight to an account and through CGN records → inside address →
 * AAA/DHCP/ISP records, with the same windows, tolerance, clock corrections and VRF rule as
 * `resolveObservation` — but no path, reasons or strings. Pushes distinct account ids to `out`.
 *
 * Returns false when it cannot decide the status alone: no account found (whether that is `none`
 * or `no-coverage` depends on coverage and the chain's gaps), an unreadable observation, or
 * deterministic NAT / MAP rules configured. The caller then runs the full resolver.
 *
 * `raw` is the observation's time (`isoUtcToMs` of its `ts`), `seen` its address (`seenIp`), as
 * `JoinAhead` reads them; null when unreadable.
 */
export function joinAccounts(
  r: ResolverInput,
  observation: Observation,
  raw: number | null,
  seen: ObservedIp | null,
  out: number[],
): boolean {
  out.length = 0;
  if (r.det.length > 0 || r.map.length > 0) return false;
  if (raw === null || seen === null) return false;
  const port = observation.port ?? -1;
  const t = correctedTime(r, observation, raw);
  const a = t - r.toleranceMs;
  const b = t + r.toleranceMs;
  const address = r.address;
  const { target, vrf: vrfCol } = address.cols;
  const add = (account: number): void => {
    if (account >= 0 && !out.includes(account)) out.push(account);
  };
  for (const key of seen.directKeys)
    address.query(key, a, b, port, (row) => add(target[row] ?? -1));
  if (seen.key >= 0) {
    const { state } = r;
    const outside = r.outside;
    const { starts: start, ends: end } = outside;
    const joinKeys = r.insideJoinKeys;
    const addTarget = (row2: number): void => add(target[row2] ?? -1);
    const viaNat = (row: number): void => {
      const inside = outside.target(row);
      const lo = Math.max(a, start[row] ?? 0);
      const hi = Math.min(b, (end[row] ?? 0) - 1);
      if (lo > hi) return;
      const own = joinKeys[inside] ?? -1;
      if (own >= 0 && !r.anyVrf) {
        // The usual case: a plain IPv4 inside address, its own only key, no VRFs anywhere.
        address.query(own, lo, hi, -1, addTarget);
        return;
      }
      const b4 = state.insideB4.get(inside);
      const addr = b4 >= 0 ? b4 : state.insideAddr.get(inside);
      const vrf = state.insideVrf.get(inside);
      for (const key of insideKeysOf(r, addr)) {
        address.query(key, lo, hi, -1, (row2) => {
          const rv = vrfCol[row2] ?? -1;
          if (vrf >= 0 && rv >= 0 && rv !== vrf) return;
          add(target[row2] ?? -1);
        });
      }
    };
    outside.query(seen.key, a, b, port, viaNat);
  }
  return out.length > 0;
}

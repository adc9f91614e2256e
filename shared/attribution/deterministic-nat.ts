import { ipv4ToNumber, parseCidr } from '../net';
import type { DeterministicAlgorithm, DeterministicNatConfig } from './types';

/**
 * Deterministic NAT (RFC 7422) as pure functions. Every supported variant reduces to one layout:
 * the usable inside addresses in order; `usersPerOutside` consecutive inside addresses share one
 * outside address; the j-th of them gets `base + j × portsPerUser … + portsPerUser − 1`. What
 * differs is how the variant counts addresses and ports (formats.md §8.2, §8.3, §4.5, §4.12):
 *
 * - `rfc7422-sequential`: network and broadcast excluded unless configured; C = ⌈usable / |O|⌉;
 *   ports per user ⌊(65536 − R) / (C + D)⌋; the ports above `R + C × ppu` form the dynamic pool.
 * - `vpp-det44`: prefix-based sharing ratio |I| / |O| including network and broadcast; ports per
 *   host ⌊(65535 − 1023) / ratio⌋; first port 1024.
 * - `juniper`: block size configured or ⌊64512 / ⌈|I| / |O|⌉⌋, base 1024, boundary addresses
 *   excluded unless `include-boundary-addresses`; one public address filled before the next
 *   (⌊64512 / block⌋ blocks per address — Juniper's documented formula when the block divides 64512).
 * - `vyos`: per-user limit configured; includes .0; ⌊64512 / ppu⌋ users per outside address.
 *
 * IPv4 only. Ports outside the per-user blocks are "dynamic": they need port-block records.
 */

export interface Ipv4Range {
  readonly first: number;
  readonly last: number;
  /** True when written as a CIDR prefix shorter than /31 (it has network and broadcast addresses). */
  readonly hasBoundary: boolean;
}

export function parseIpv4Range(text: string): Ipv4Range | null {
  const t = text.trim();
  const dash = t.indexOf('-');
  if (dash > 0) {
    const a = ipv4ToNumber(t.slice(0, dash).trim());
    const b = ipv4ToNumber(t.slice(dash + 1).trim());
    if (a === null || b === null || b < a) return null;
    return { first: a, last: b, hasBoundary: false };
  }
  const cidr = parseCidr(t);
  if (cidr === null || cidr.family !== 4) return null;
  const b = cidr.bytes;
  const first =
    (((b[0] ?? 0) << 24) >>> 0) + ((b[1] ?? 0) << 16) + ((b[2] ?? 0) << 8) + (b[3] ?? 0);
  const size = 2 ** (32 - cidr.prefix);
  return { first, last: first + size - 1, hasBoundary: cidr.prefix < 31 };
}

export function numberToIpv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** The layout a configuration computes to; every field is shown to the analyst. */
export interface DeterministicLayout {
  readonly algorithm: DeterministicAlgorithm;
  /** First and last usable inside address (numbers). */
  readonly insideFirst: number;
  readonly insideCount: number;
  readonly outsideFirst: number;
  readonly outsideCount: number;
  readonly usersPerOutside: number;
  readonly portsPerUser: number;
  /** First port of the first block. */
  readonly base: number;
  /** Ports `[dynamicStart, 65535]` are not pre-allocated (the dynamic pool, or unused). */
  readonly dynamicStart: number;
  /** True when the configuration declares a dynamic pool (D > 0). */
  readonly hasDynamicPool: boolean;
}

export type LayoutResult =
  { ok: true; layout: DeterministicLayout } | { ok: false; reason: string };

export function deterministicLayout(config: DeterministicNatConfig): LayoutResult {
  const inside = parseIpv4Range(config.insideRange);
  const outside = parseIpv4Range(config.outsideRange);
  if (inside === null)
    return { ok: false, reason: `inside range "${config.insideRange}" is not IPv4` };
  if (outside === null)
    return { ok: false, reason: `outside range "${config.outsideRange}" is not IPv4` };
  const defaultsInclude = config.algorithm === 'vpp-det44' || config.algorithm === 'vyos';
  const include = config.includeBoundaryAddresses ?? defaultsInclude;
  const trim = inside.hasBoundary && !include;
  const insideFirst = trim ? inside.first + 1 : inside.first;
  const insideCount = inside.last - inside.first + 1 - (trim ? 2 : 0);
  const outsideCount = outside.last - outside.first + 1;
  const reserved = config.reservedPorts ?? 1024;
  const d = config.dynamicPoolFactor ?? 0;
  if (insideCount <= 0 || outsideCount <= 0)
    return { ok: false, reason: 'empty inside or outside range' };
  let usersPerOutside: number;
  let portsPerUser: number;
  let base = 1024;
  switch (config.algorithm) {
    case 'rfc7422-sequential': {
      usersPerOutside = Math.ceil(insideCount / outsideCount);
      portsPerUser = config.portsPerUser ?? Math.floor((65536 - reserved) / (usersPerOutside + d));
      base = reserved;
      break;
    }
    case 'vpp-det44': {
      const total = inside.last - inside.first + 1;
      usersPerOutside = Math.max(1, Math.floor(total / outsideCount));
      portsPerUser = config.portsPerUser ?? Math.floor((65535 - 1023) / usersPerOutside);
      break;
    }
    case 'juniper': {
      portsPerUser =
        config.portsPerUser ?? Math.floor(64512 / Math.ceil(insideCount / outsideCount));
      usersPerOutside = Math.floor(64512 / Math.max(1, portsPerUser));
      break;
    }
    case 'vyos': {
      if (config.portsPerUser === undefined)
        return { ok: false, reason: 'VyOS needs the per-user port limit' };
      portsPerUser = config.portsPerUser;
      usersPerOutside = Math.floor(64512 / portsPerUser);
      break;
    }
  }
  if (portsPerUser <= 0 || usersPerOutside <= 0) return { ok: false, reason: 'no ports per user' };
  const dynamicStart = Math.min(65536, base + usersPerOutside * portsPerUser);
  if (dynamicStart > 65536) return { ok: false, reason: 'the blocks do not fit in 65536 ports' };
  return {
    ok: true,
    layout: {
      algorithm: config.algorithm,
      insideFirst,
      insideCount,
      outsideFirst: outside.first,
      outsideCount,
      usersPerOutside,
      portsPerUser,
      base,
      dynamicStart,
      hasDynamicPool: d > 0,
    },
  };
}

export interface ForwardMapping {
  readonly outsideIp: string;
  readonly portStart: number;
  readonly portEnd: number;
}

/** Inside address → its outside address and port block; null when not a translated address. */
export function deterministicForward(
  layout: DeterministicLayout,
  insideIp: string,
): ForwardMapping | null {
  const n = ipv4ToNumber(insideIp);
  if (n === null) return null;
  const k = n - layout.insideFirst;
  if (k < 0 || k >= layout.insideCount) return null;
  const outIndex = Math.floor(k / layout.usersPerOutside);
  if (outIndex >= layout.outsideCount) return null;
  const lo = layout.base + (k % layout.usersPerOutside) * layout.portsPerUser;
  return {
    outsideIp: numberToIpv4(layout.outsideFirst + outIndex),
    portStart: lo,
    portEnd: lo + layout.portsPerUser - 1,
  };
}

export type ReverseMapping =
  | {
      readonly kind: 'inside';
      readonly insideIp: string;
      readonly portStart: number;
      readonly portEnd: number;
    }
  /** Reserved ports, the dynamic pool or unused blocks: only port-block records can tell. */
  | { readonly kind: 'dynamic' }
  /** The address is not in this configuration's outside range. */
  | { readonly kind: 'outside-range' };

export function deterministicReverse(
  layout: DeterministicLayout,
  outsideIp: string,
  port: number,
): ReverseMapping {
  const n = ipv4ToNumber(outsideIp);
  if (n === null) return { kind: 'outside-range' };
  const outIndex = n - layout.outsideFirst;
  if (outIndex < 0 || outIndex >= layout.outsideCount) return { kind: 'outside-range' };
  if (port < layout.base || port >= layout.dynamicStart) return { kind: 'dynamic' };
  const j = Math.floor((port - layout.base) / layout.portsPerUser);
  const k = outIndex * layout.usersPerOutside + j;
  if (k >= layout.insideCount) return { kind: 'dynamic' };
  const lo = layout.base + j * layout.portsPerUser;
  return {
    kind: 'inside',
    insideIp: numberToIpv4(layout.insideFirst + k),
    portStart: lo,
    portEnd: lo + layout.portsPerUser - 1,
  };
}

/** Every inside address sharing `outsideIp` (for an observation without a port). */
export function deterministicInsidesOf(
  layout: DeterministicLayout,
  outsideIp: string,
): Array<ForwardMapping & { insideIp: string }> {
  const n = ipv4ToNumber(outsideIp);
  if (n === null) return [];
  const outIndex = n - layout.outsideFirst;
  if (outIndex < 0 || outIndex >= layout.outsideCount) return [];
  const out: Array<ForwardMapping & { insideIp: string }> = [];
  for (let j = 0; j < layout.usersPerOutside; j++) {
    const k = outIndex * layout.usersPerOutside + j;
    if (k >= layout.insideCount) break;
    const lo = layout.base + j * layout.portsPerUser;
    out.push({
      insideIp: numberToIpv4(layout.insideFirst + k),
      outsideIp,
      portStart: lo,
      portEnd: lo + layout.portsPerUser - 1,
    });
  }
  return out;
}

/** One sentence showing the computation, for the path. */
export function describeLayout(layout: DeterministicLayout): string {
  return (
    `${layout.algorithm}: ${layout.insideCount} inside addresses from ${numberToIpv4(layout.insideFirst)}, ` +
    `${layout.usersPerOutside} per outside address, ${layout.portsPerUser} ports each from port ${layout.base}; ` +
    `ports ${layout.dynamicStart}–65535 ${layout.hasDynamicPool ? 'form the dynamic pool' : 'are not pre-allocated'}`
  );
}

import { formatIp, parseCidr, parseIp } from '../net';
import type { MapRule } from './types';

/**
 * MAP-E / MAP-T port sets (RFC 7597 §5.1, Appendix B; RFC 7599 uses the same algorithm).
 * A port is 16 bits `A | PSID | j`: `a` offset bits (A ≠ 0 when a > 0, which keeps ports
 * 0 … 2^(16−a) − 1 out of every set), `k` PSID bits, `m = 16 − a − k` contiguous bits. In the
 * GMA form of formats.md §8.5: `P = (R·M)·i + M·PSID + j` with R = 2^k, M = 2^m.
 */

export interface PortSetParams {
  /** PSID offset `a` (RFC 7597 default 6). */
  readonly psidOffset: number;
  /** PSID length `k`. */
  readonly psidLength: number;
}

function check(p: PortSetParams): number {
  const m = 16 - p.psidOffset - p.psidLength;
  if (p.psidOffset < 0 || p.psidLength < 0 || m < 0) throw new RangeError('a + k exceeds 16 bits');
  return m;
}

/** The inclusive port ranges of one PSID, in order. */
export function mapPortSet(p: PortSetParams, psid: number): Array<[number, number]> {
  const m = check(p);
  if (psid < 0 || psid >= 2 ** p.psidLength)
    throw new RangeError(`PSID ${psid} does not fit in ${p.psidLength} bits`);
  const ranges: Array<[number, number]> = [];
  const firstA = p.psidOffset > 0 ? 1 : 0;
  for (let A = firstA; A < 2 ** p.psidOffset; A++) {
    const lo = A * 2 ** (16 - p.psidOffset) + psid * 2 ** m;
    ranges.push([lo, lo + 2 ** m - 1]);
  }
  return ranges;
}

/** The PSID whose port set holds `port`; null for the excluded low ports (A = 0 with a > 0). */
export function mapPsidOfPort(p: PortSetParams, port: number): number | null {
  const m = check(p);
  if (p.psidOffset > 0 && port < 2 ** (16 - p.psidOffset)) return null;
  return Math.floor(port / 2 ** m) % 2 ** p.psidLength;
}

export interface MapRuleLayout {
  readonly rule: MapRule;
  readonly ipv4First: number;
  readonly ipv4PrefixLength: number;
  readonly ipv6: Uint8Array;
  readonly ipv6PrefixLength: number;
  /** IPv4 suffix bits p, PSID length k, end-user prefix length. */
  readonly suffixBits: number;
  readonly params: PortSetParams;
  readonly endUserPrefixLength: number;
}

export function mapRuleLayout(rule: MapRule): MapRuleLayout | { error: string } {
  const v4 = parseCidr(rule.ipv4Prefix);
  const v6 = parseCidr(rule.ipv6Prefix);
  if (v4 === null || v4.family !== 4)
    return { error: `rule IPv4 prefix "${rule.ipv4Prefix}" unreadable` };
  if (v6 === null || v6.family !== 6)
    return { error: `rule IPv6 prefix "${rule.ipv6Prefix}" unreadable` };
  const suffixBits = 32 - v4.prefix;
  const k = rule.eaBitsLength - suffixBits;
  if (k < 0)
    return {
      error: 'EA bits shorter than the IPv4 suffix (prefix delegation rules are not supported)',
    };
  const endUserPrefixLength = v6.prefix + rule.eaBitsLength;
  if (endUserPrefixLength > 128) return { error: 'rule IPv6 prefix plus EA bits exceed 128 bits' };
  const a = rule.psidOffset ?? 6;
  if (a + k > 16) return { error: 'PSID offset plus PSID length exceed 16 bits' };
  const b = v4.bytes;
  return {
    rule,
    ipv4First: (((b[0] ?? 0) << 24) >>> 0) + ((b[1] ?? 0) << 16) + ((b[2] ?? 0) << 8) + (b[3] ?? 0),
    ipv4PrefixLength: v4.prefix,
    ipv6: v6.bytes,
    ipv6PrefixLength: v6.prefix,
    suffixBits,
    params: { psidOffset: a, psidLength: k },
    endUserPrefixLength,
  };
}

function setBits(bytes: Uint8Array, at: number, width: number, value: number): void {
  for (let i = 0; i < width; i++) {
    const bit = Math.floor(value / 2 ** (width - 1 - i)) % 2;
    const pos = at + i;
    const byte = pos >> 3;
    const mask = 0x80 >> (pos & 7);
    bytes[byte] = bit === 1 ? (bytes[byte] ?? 0) | mask : (bytes[byte] ?? 0) & ~mask;
  }
}

/**
 * The CE's end-user IPv6 prefix (`2001:db8:12:3400::/56`) for an IPv4 address and PSID under the
 * rule (RFC 7597 §5.2: rule prefix ‖ IPv4 suffix ‖ PSID); null when the address is not in the rule.
 */
export function mapCePrefix(layout: MapRuleLayout, ipv4: string, psid: number): string | null {
  const ip = parseIp(ipv4);
  if (ip === null || ip.family !== 4) return null;
  const b = ip.bytes;
  const n = (((b[0] ?? 0) << 24) >>> 0) + ((b[1] ?? 0) << 16) + ((b[2] ?? 0) << 8) + (b[3] ?? 0);
  const suffix = n - layout.ipv4First;
  if (suffix < 0 || suffix >= 2 ** layout.suffixBits) return null;
  const out = new Uint8Array(16);
  out.set(layout.ipv6);
  setBits(out, layout.ipv6PrefixLength, layout.suffixBits, suffix);
  setBits(out, layout.ipv6PrefixLength + layout.suffixBits, layout.params.psidLength, psid);
  return `${formatIp({ family: 6, bytes: out })}/${layout.endUserPrefixLength}`;
}

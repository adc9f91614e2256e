import { formatIp, normalizeIp, parseCidr, parseIp, type IpBytes } from '../net';

/**
 * Keys for the address indexes: an address is keyed by its normalised text; an IPv6 prefix
 * (AAA `framedIpv6Prefix`, a DHCPv6 delegated prefix, a MAP CE prefix) by `network/length`.
 */
export function addressKeyText(ip: string): string {
  return normalizeIp(ip) ?? ip;
}

export function prefixKeyText(bytes: Uint8Array, family: 4 | 6, length: number): string {
  const max = family === 4 ? 32 : 128;
  if (length >= max) return formatIp({ family, bytes });
  const out = new Uint8Array(bytes);
  for (let bit = length; bit < max; bit++) {
    const byte = bit >> 3;
    out[byte] = (out[byte] ?? 0) & ~(0x80 >> (bit & 7));
  }
  return `${formatIp({ family, bytes: out })}/${length}`;
}

/** `2001:db8:1::/56` → its canonical key; a bare address → the address; null when unreadable. */
export function prefixTextKey(text: string): { key: string; length: number; family: 4 | 6 } | null {
  const cidr = parseCidr(text.trim());
  if (cidr === null) return null;
  return {
    key: prefixKeyText(cidr.bytes, cidr.family, cidr.prefix),
    length: cidr.prefix,
    family: cidr.family,
  };
}

/**
 * The keys under which records may hold `ip` (or the prefix `ip/length`): the address itself and
 * every recorded prefix length not longer than the query that contains it.
 */
export function containingKeys(
  ip: IpBytes,
  length: number,
  prefixLengths: Iterable<number>,
): string[] {
  const max = ip.family === 4 ? 32 : 128;
  const keys: string[] = [];
  if (length >= max) keys.push(formatIp(ip));
  for (const l of prefixLengths)
    if (l <= length && l < max) keys.push(prefixKeyText(ip.bytes, ip.family, l));
  return keys;
}

export { parseIp };

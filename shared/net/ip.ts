/**
 * IP addresses as evidence text: strict readers for IPv4 dotted quads and IPv6 (RFC 4291 text,
 * written back in RFC 5952 canonical form), CIDR prefixes, and the special-range flags of
 * formats.md §12 (RFC 6890 registry). Pure; no regex; linear in the input; never throws.
 *
 * Strictness: IPv4 octets are 1–3 decimal digits ≤ 255 with no leading zero (`010.1.1.1` is
 * refused: some tools read it as octal, so it is ambiguous evidence). IPv6 zone ids (`fe80::1%eth0`)
 * are refused; the caller keeps them raw if it must.
 */

export type IpFamily = 4 | 6;

/** An address as bytes (4 or 16), with its family. */
export interface IpBytes {
  readonly family: IpFamily;
  readonly bytes: Uint8Array;
}

export type IpFlag =
  | 'private-ip'
  | 'loopback-ip'
  | 'cgn-shared-ip'
  | 'documentation-ip'
  | 'link-local-ip'
  | 'unspecified-ip'
  | 'multicast-ip'
  | 'ds-lite-ip'
  | 'nat64-ip'
  | 'reserved-ip';

const MAX_IP_TEXT = 64;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Reads a dotted quad from `text[start, end)` into `out[at..at+3]`; false when not one. */
function readIpv4Into(text: string, start: number, end: number, out: Uint8Array, at: number) {
  let part = 0;
  let i = start;
  while (part < 4) {
    let value = 0;
    let digits = 0;
    const first = i;
    while (i < end && isDigit(text.charCodeAt(i))) {
      value = value * 10 + (text.charCodeAt(i) - 48);
      digits++;
      i++;
      if (digits > 3) return false;
    }
    if (digits === 0 || value > 255) return false;
    if (digits > 1 && text.charCodeAt(first) === 48) return false;
    out[at + part] = value;
    part++;
    if (part < 4) {
      if (i >= end || text.charCodeAt(i) !== 46) return false;
      i++;
    }
  }
  return i === end;
}

export function parseIpv4(text: string): IpBytes | null {
  if (text.length < 7 || text.length > 15) return null;
  const bytes = new Uint8Array(4);
  return readIpv4Into(text, 0, text.length, bytes, 0) ? { family: 4, bytes } : null;
}

export function parseIpv6(text: string): IpBytes | null {
  if (text.length < 2 || text.length > 45) return null;
  const words: number[] = [];
  let gapAt = -1;
  let i = 0;
  const n = text.length;
  const bytes = new Uint8Array(16);
  if (text.startsWith('::')) {
    gapAt = 0;
    i = 2;
    if (i === n) return { family: 6, bytes };
  } else if (text.charCodeAt(0) === 58) {
    return null;
  }
  let tailV4 = false;
  while (i < n) {
    // A group: 1-4 hex digits, or a trailing dotted quad.
    let j = i;
    let value = 0;
    while (j < n && j - i < 5) {
      const h = hexValue(text.charCodeAt(j));
      if (h < 0) break;
      value = value * 16 + h;
      j++;
    }
    if (j < n && text.charCodeAt(j) === 46) {
      // Embedded IPv4 in the last 32 bits.
      if (words.length > 6) return null;
      const v4 = new Uint8Array(4);
      if (!readIpv4Into(text, i, n, v4, 0)) return null;
      words.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      tailV4 = true;
      break;
    }
    const digits = j - i;
    if (digits === 0 || digits > 4) return null;
    words.push(value);
    if (words.length > 8) return null;
    i = j;
    if (i === n) break;
    if (text.charCodeAt(i) !== 58) return null;
    i++;
    if (i < n && text.charCodeAt(i) === 58) {
      if (gapAt >= 0) return null;
      gapAt = words.length;
      i++;
      if (i === n) break;
    } else if (i === n) {
      return null;
    }
  }
  if (tailV4 && words.length > 8) return null;
  if (gapAt < 0) {
    if (words.length !== 8) return null;
  } else if (words.length > 7) {
    return null;
  }
  const full: number[] = [];
  if (gapAt < 0) {
    full.push(...words);
  } else {
    full.push(...words.slice(0, gapAt));
    for (let k = 0; k < 8 - words.length; k++) full.push(0);
    full.push(...words.slice(gapAt));
  }
  for (let k = 0; k < 8; k++) {
    const w = full[k] ?? 0;
    bytes[k * 2] = w >> 8;
    bytes[k * 2 + 1] = w & 0xff;
  }
  return { family: 6, bytes };
}

/** Either family; `null` when the text is not exactly one address. */
export function parseIp(text: string): IpBytes | null {
  if (text.length === 0 || text.length > MAX_IP_TEXT) return null;
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

function isV4Mapped(b: Uint8Array): boolean {
  for (let k = 0; k < 10; k++) if (b[k] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}

/** RFC 5952 text: lowercase, no leading zeros, the longest run (≥ 2) of zero words as `::`. */
export function formatIp(ip: IpBytes): string {
  const b = ip.bytes;
  if (ip.family === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  if (isV4Mapped(b)) return `::ffff:${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  const words: number[] = [];
  for (let k = 0; k < 8; k++) words.push(((b[k * 2] ?? 0) << 8) | (b[k * 2 + 1] ?? 0));
  let bestStart = -1;
  let bestLen = 1;
  for (let k = 0; k < 8;) {
    if (words[k] !== 0) {
      k++;
      continue;
    }
    let e = k;
    while (e < 8 && words[e] === 0) e++;
    if (e - k > bestLen) {
      bestStart = k;
      bestLen = e - k;
    }
    k = e;
  }
  const hex = (ws: number[]): string => ws.map((w) => w.toString(16)).join(':');
  if (bestStart < 0) return hex(words);
  return `${hex(words.slice(0, bestStart))}::${hex(words.slice(bestStart + bestLen))}`;
}

/** The canonical text of an address, or null when `text` is not one. */
export function normalizeIp(text: string): string | null {
  const ip = parseIp(text);
  return ip === null ? null : formatIp(ip);
}

export function isIp(text: string): boolean {
  return parseIp(text) !== null;
}

/** A prefix: network bytes (host bits zeroed) and length. */
export interface Cidr {
  readonly family: IpFamily;
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

/** `10.0.0.0/8`, `2001:db8::/32`, or a bare address (a /32 or /128). Host bits are cleared. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (ip === null) return null;
  const max = ip.family === 4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (p.length === 0 || p.length > 3) return null;
    prefix = 0;
    for (let k = 0; k < p.length; k++) {
      const c = p.charCodeAt(k);
      if (!isDigit(c)) return null;
      prefix = prefix * 10 + (c - 48);
    }
    if (prefix > max || (p.length > 1 && p.charCodeAt(0) === 48)) return null;
  }
  const bytes = new Uint8Array(ip.bytes);
  for (let bit = prefix; bit < max; bit++) {
    const byte = bit >> 3;
    bytes[byte] = (bytes[byte] ?? 0) & ~(0x80 >> (bit & 7));
  }
  return { family: ip.family, bytes, prefix };
}

export function cidrContains(cidr: Cidr, ip: IpBytes): boolean {
  if (cidr.family !== ip.family) return false;
  const full = cidr.prefix >> 3;
  for (let k = 0; k < full; k++) if (cidr.bytes[k] !== ip.bytes[k]) return false;
  const rest = cidr.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((ip.bytes[full] ?? 0) & mask) === (cidr.bytes[full] ?? 0);
}

function table(entries: ReadonlyArray<readonly [string, IpFlag]>): Array<[Cidr, IpFlag]> {
  return entries.map(([text, flag]) => {
    const cidr = parseCidr(text);
    if (cidr === null) throw new Error(`bad built-in prefix ${text}`);
    return [cidr, flag];
  });
}

/** formats.md §12 (RFC 6890 and later registry entries) → the flag an analyst needs. */
const SPECIAL_RANGES = table([
  ['0.0.0.0/32', 'unspecified-ip'],
  ['0.0.0.0/8', 'reserved-ip'],
  ['10.0.0.0/8', 'private-ip'],
  ['100.64.0.0/10', 'cgn-shared-ip'],
  ['127.0.0.0/8', 'loopback-ip'],
  ['169.254.0.0/16', 'link-local-ip'],
  ['172.16.0.0/12', 'private-ip'],
  ['192.0.0.0/29', 'ds-lite-ip'],
  ['192.0.0.0/24', 'reserved-ip'],
  ['192.0.2.0/24', 'documentation-ip'],
  ['192.88.99.0/24', 'reserved-ip'],
  ['192.168.0.0/16', 'private-ip'],
  ['198.18.0.0/15', 'reserved-ip'],
  ['198.51.100.0/24', 'documentation-ip'],
  ['203.0.113.0/24', 'documentation-ip'],
  ['224.0.0.0/4', 'multicast-ip'],
  ['240.0.0.0/4', 'reserved-ip'],
  ['::/128', 'unspecified-ip'],
  ['::1/128', 'loopback-ip'],
  ['64:ff9b::/96', 'nat64-ip'],
  ['64:ff9b:1::/48', 'nat64-ip'],
  ['100::/64', 'reserved-ip'],
  ['2001::/23', 'reserved-ip'],
  ['2001:db8::/32', 'documentation-ip'],
  ['3fff::/20', 'documentation-ip'],
  ['fc00::/7', 'private-ip'],
  ['fe80::/10', 'link-local-ip'],
  ['ff00::/8', 'multicast-ip'],
]);

/**
 * The special-range flags of an address (empty for ordinary public space and for text that is
 * not an address). An IPv4-mapped IPv6 address (`::ffff:10.1.2.3`) is flagged as its IPv4 address.
 * Sorted, no duplicates; `unspecified-ip` wins over `reserved-ip` for 0.0.0.0.
 */
export function ipFlags(text: string): IpFlag[] {
  let ip = parseIp(text);
  if (ip === null) return [];
  if (ip.family === 6 && isV4Mapped(ip.bytes)) ip = { family: 4, bytes: ip.bytes.slice(12) };
  const found = new Set<IpFlag>();
  for (const [cidr, flag] of SPECIAL_RANGES) if (cidrContains(cidr, ip)) found.add(flag);
  if (found.has('unspecified-ip')) found.delete('reserved-ip');
  if (found.has('ds-lite-ip')) found.delete('reserved-ip');
  return [...found].sort();
}

/** An address's numeric value (IPv4 only) for fast keyed lookups; null for IPv6 or bad text. */
export function ipv4ToNumber(text: string): number | null {
  const ip = parseIpv4(text);
  if (ip === null) return null;
  const b = ip.bytes;
  return (((b[0] ?? 0) << 24) >>> 0) + ((b[1] ?? 0) << 16) + ((b[2] ?? 0) << 8) + (b[3] ?? 0);
}

/**
 * Interned ids of IPv4 addresses by numeric value: the canonical text of an IPv4 address
 * (`100.64.1.2`: four decimal octets ≤ 255, no leading zeros) is read into a 32-bit number and
 * looked up in an open-addressing table of typed arrays — several times faster than hashing the
 * text into a Map of millions of strings. Any other text returns −1 and takes the slow road.
 */

/** The value of a canonical dotted-quad IPv4 text, or −1. */
export function canonicalIpv4(text: string): number {
  const n = text.length;
  if (n < 7 || n > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9 || (digits === 1 && octet === 0)) return -1;
    octet = octet * 10 + d;
    if (octet > 255) return -1;
    digits++;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

const EMPTY = -1;

/**
 * uint32 address → id (−1 absent), linear probing, grown at half full. Key and id sit side by
 * side in one array (slot i: `[2i]` the key's bits, `[2i + 1]` the id), one cache line per probe.
 */
export class Ipv4Table {
  private slots = new Int32Array(2 * 1024).fill(EMPTY);
  private bits = 10;
  private count = 0;

  /** Index (even) of the slot holding `key`, or of the empty slot where it would go. */
  private find(key: number): number {
    const k = key | 0;
    const mask = (1 << this.bits) - 1;
    // Fibonacci hashing: the high bits of key × 2^32/φ.
    let i = Math.imul(k, 0x9e3779b1) >>> (32 - this.bits);
    const s = this.slots;
    while (s[2 * i + 1] !== EMPTY && s[2 * i] !== k) i = (i + 1) & mask;
    return 2 * i;
  }

  get(key: number): number {
    return this.slots[this.find(key) + 1] ?? EMPTY;
  }

  set(key: number, id: number): void {
    if (2 * (this.count + 1) > 1 << this.bits) this.grow();
    const at = this.find(key);
    if (this.slots[at + 1] === EMPTY) this.count++;
    this.slots[at] = key | 0;
    this.slots[at + 1] = id;
  }

  private grow(): void {
    const old = this.slots;
    this.bits++;
    this.slots = new Int32Array(2 << this.bits).fill(EMPTY);
    this.count = 0;
    for (let i = 0; i < old.length; i += 2) {
      const id = old[i + 1] ?? EMPTY;
      if (id !== EMPTY) this.set((old[i] ?? 0) >>> 0, id);
    }
  }
}

/**
 * Client addresses of access-log lines, normalised (`normalizeIp`) with their special-range flags
 * (`ipFlags`), cached by text because the same clients repeat. Bounded: a full cache starts again.
 */
import { ipFlags, normalizeIp } from '../../net/ip';
import { detach } from './field-text';

export interface IpInfo {
  /** The text as logged. */
  readonly text: string;
  /** The normalised address, or null when the text is not an address (e.g. a host name). */
  readonly ip: string | null;
  /** Special-range flags of the address (sorted, no duplicates); empty when none or no address. */
  readonly flags: readonly string[];
  /** A private, loopback, link-local or unspecified address: a proxy in front, probably. */
  readonly proxy: boolean;
}

/** The flags that make `proxy` true (formats.md §2.3). */
export const PROXY_FLAGS: ReadonlySet<string> = new Set([
  'private-ip',
  'loopback-ip',
  'link-local-ip',
  'unspecified-ip',
]);

const NO_FLAGS: readonly string[] = Object.freeze([]);

/** What `dottedQuadKey` returns for any text that is not a canonical dotted quad. */
export const NOT_A_QUAD = 2 ** 32;

/** Where the last `scanQuad` stopped (module state: the scan is synchronous). */
let scanEnd = 0;

/**
 * Reads a canonical dotted quad (four decimal numbers 0-255 without leading zeros) from `line[s, e)`,
 * stopping at a space when `toSpace`; its key (the address packed into an int32) or NOT_A_QUAD.
 * `scanEnd` is where it stopped. Such a text and its number determine each other, so the number
 * can stand for the text as a cache key (no slice, no string hash).
 */
function scanQuad(line: string, s: number, e: number, toSpace: boolean): number {
  let key = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  let i = s;
  for (; i < e; i++) {
    const c = line.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return NOT_A_QUAD;
      key = (key << 8) | part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && part === 0) return NOT_A_QUAD; // a leading zero
      part = part * 10 + (c - 48);
      digits++;
      if (part > 255) return NOT_A_QUAD;
    } else if (c === 32 && toSpace) {
      break;
    } else {
      return NOT_A_QUAD;
    }
  }
  if (dots !== 3 || digits === 0) return NOT_A_QUAD;
  scanEnd = i;
  return (key << 8) | part;
}

/** `line[s, e)` as a canonical dotted quad's key (see scanQuad), or NOT_A_QUAD. */
export function dottedQuadKey(line: string, s: number, e: number): number {
  if (e - s < 7 || e - s > 15) return NOT_A_QUAD;
  return scanQuad(line, s, e, false);
}

/** Slots of the direct-mapped table in front of the IPv4 map (a power of two). */
const QUAD_SLOTS = 4096;

export class IpCache {
  private readonly map = new Map<string, IpInfo>();
  /** Canonical IPv4 texts by `dottedQuadKey`. */
  private readonly quads = new Map<number, IpInfo>();
  /**
   * In front of `quads`, direct-mapped by a hash of the key (no Map lookup for the clients seen
   * most): the key in each slot (NaN: empty) and its info. An entry may outlive a clear of
   * `quads`; it is still right (the info of a key never changes).
   */
  private readonly slotKeys = new Float64Array(QUAD_SLOTS).fill(Number.NaN);
  private readonly slotInfos: (IpInfo | null)[] = new Array<IpInfo | null>(QUAD_SLOTS).fill(null);
  private readonly max: number;

  constructor(max = 16384) {
    this.max = max;
  }

  /** Where the address read by the last successful `lookupQuadToSpace` ends (its space). */
  end = 0;

  /**
   * The canonical dotted quad at `line[s, …)` up to the next space before `limit`, read in one
   * pass (no search for the space first); null when the text there is not one followed by a space
   * (the caller then finds the field's end itself and calls `lookup`).
   */
  lookupQuadToSpace(line: string, s: number, limit: number): IpInfo | null {
    const key = scanQuad(line, s, limit < s + 16 ? limit : s + 16, true);
    if (key === NOT_A_QUAD || scanEnd >= limit || line.charCodeAt(scanEnd) !== 32) return null;
    this.end = scanEnd;
    return this.quad(key, line, s, scanEnd);
  }

  /** The address logged in `line[s, e)`. */
  lookup(line: string, s: number, e: number): IpInfo {
    const key = dottedQuadKey(line, s, e);
    if (key !== NOT_A_QUAD) return this.quad(key, line, s, e);
    const hit = this.map.get(line.slice(s, e));
    if (hit !== undefined) return hit;
    const info = describe(line.slice(s, e));
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(info.text, info);
    return info;
  }

  /** The info of the dotted quad `line[s, e)` whose key is `key`. */
  private quad(key: number, line: string, s: number, e: number): IpInfo {
    const slot = Math.imul(key, 0x9e3779b1) >>> 20;
    if (this.slotKeys[slot] === key) return this.slotInfos[slot] as IpInfo;
    let info = this.quads.get(key);
    if (info === undefined) {
      info = describe(line.slice(s, e));
      if (this.quads.size >= this.max) this.quads.clear();
      this.quads.set(key, info);
    }
    this.slotKeys[slot] = key;
    this.slotInfos[slot] = info;
    return info;
  }
}

function describe(logged: string): IpInfo {
  // Copies: a slice (V8 keeps slices of 13+ characters as views) would keep the whole chunk
  // the line came from alive for as long as the address stays cached.
  const text = detach(logged);
  const normal = normalizeIp(text);
  const ip = normal === null ? null : detach(normal);
  // Not frozen: copying a frozen array (the flags of each event) takes a slow path in V8.
  const flags = ip === null ? NO_FLAGS : ipFlags(ip);
  return { text, ip, flags, proxy: flags.some((f) => PROXY_FLAGS.has(f)) };
}

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
}

const NO_FLAGS: readonly string[] = Object.freeze([]);

export class IpCache {
  private readonly map = new Map<string, IpInfo>();
  private readonly max: number;

  constructor(max = 16384) {
    this.max = max;
  }

  /** The address logged in `line[s, e)`. */
  lookup(line: string, s: number, e: number): IpInfo {
    const hit = this.map.get(line.slice(s, e));
    if (hit !== undefined) return hit;
    // Copies: a slice (V8 keeps slices of 13+ characters as views) would keep the whole chunk
    // the line came from alive for as long as the address stays cached.
    const text = detach(line.slice(s, e));
    const normal = normalizeIp(text);
    const ip = normal === null ? null : detach(normal);
    // Not frozen: copying a frozen array (the flags of each event) takes a slow path in V8.
    const info: IpInfo = { text, ip, flags: ip === null ? NO_FLAGS : ipFlags(ip) };
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(text, info);
    return info;
  }
}

/**
 * Reading an IP address out of the ways mail headers write one: `1.2.3.4`, `[1.2.3.4]`,
 * `[IPv6:2001:db8::1]`, `1.2.3.4:25`, `[1.2.3.4]:25`, `IPv6:::1`. Normalisation itself
 * (IPv4 dotted, IPv6 RFC 5952 lowercase) is `normalizeIp` in shared/net/ip.ts.
 */
import { normalizeIp } from '../../net/ip';

export interface IpText {
  readonly ip: string;
  readonly port?: number;
}

/** Longest text worth handing to the IP normaliser (an IPv6 with zone and port fits easily). */
const MAX_IP_TEXT = 80;

function stripIpv6Tag(text: string): string {
  return text.length > 5 && text.slice(0, 5).toLowerCase() === 'ipv6:' ? text.slice(5) : text;
}

function isAllDigits(text: string): boolean {
  if (text.length === 0 || text.length > 5) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The IP in `text` (with its port when one is glued on), or null when `text` is not one. */
export function readIpText(raw: string): IpText | null {
  let text = raw.trim();
  if (text.length === 0 || text.length > MAX_IP_TEXT) return null;
  let port: number | undefined;
  if (text.charCodeAt(0) === 91 /* [ */) {
    const close = text.indexOf(']');
    if (close < 0) return null;
    const after = text.slice(close + 1);
    if (after.length > 0) {
      if (after.charCodeAt(0) !== 58 || !isAllDigits(after.slice(1))) return null;
      port = Number(after.slice(1));
    }
    text = text.slice(1, close);
  }
  text = stripIpv6Tag(text.trim());
  let ip = normalizeIp(text);
  if (ip === null && port === undefined) {
    // `1.2.3.4:25`: an IPv4 with a port (a bare IPv6 has several colons and is read above).
    const colon = text.indexOf(':');
    if (colon > 0 && colon === text.lastIndexOf(':') && isAllDigits(text.slice(colon + 1))) {
      ip = normalizeIp(text.slice(0, colon));
      if (ip !== null) port = Number(text.slice(colon + 1));
    }
  }
  if (ip === null) return null;
  return port !== undefined && port <= 65535 ? { ip, port } : { ip };
}

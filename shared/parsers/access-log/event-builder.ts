/**
 * Turns the field boundaries of one scanned line into an `http:access` event. Contract fields are
 * set only when the line holds a value (`-` and empty mean absent, never a guess); vendor fields go
 * to `extra`; explanatory tags to `flags`:
 * - the special-range flags of the client IP (`private-ip`, `loopback-ip`, `cgn-shared-ip`, …:
 *   a private or loopback client usually means a proxy or load balancer in front, formats.md §2.3);
 * - `client-hostname`: `%h` held a name (HostnameLookups on), kept in `extra.remoteHost`;
 * - `forwarded-client-ip`: the logged client differs from the connection's peer (`%{c}a`,
 *   `$realip_remote_addr`): mod_remoteip / realip rewrote it from a header;
 * - `forwarded-header`: an `X-Forwarded-For` / `X-Real-IP` / `Forwarded` header was logged;
 * - `malformed-request`: the request line is not `METHOD target [PROTOCOL]` (kept in `extra.request`);
 * - `truncated-field`: a value longer than the schema allows was cut.
 * Returns the event, or a reason string when a value does not fit its field (the line then does
 * not match the format).
 */
import type { HttpAccessEvent } from '../../model/event';
import { isDash, isMethodToken, lastSpace, readInt, unescapeApache } from './field-text';
import { Role } from './fields';
import type { CompiledFormat } from './format-compiler';
import type { IpCache, IpInfo } from './ip-cache';
import type { EventTime } from './time';

type Extra = Record<string, string | number | boolean | null>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Event = Mutable<HttpAccessEvent>;

const MAX_TEXT = 65536;
const MAX_TS_RAW = 4096;
const NO_FLAGS: readonly string[] = Object.freeze([]);

/** `123`, `0.004`: a plain decimal number, else null. */
function readDecimal(text: string): number | null {
  let dot = false;
  if (text.length === 0 || text.length > 30) return null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (dot || i === 0 || i === text.length - 1) return null;
      dot = true;
    } else if (c < 48 || c > 57) return null;
  }
  return Number(text);
}

// Per-line accumulators (module state instead of closures: no allocation per line; the builder
// is synchronous and not re-entrant).
let flagsAcc: string[] | null = null;
let extraAcc: Extra | null = null;

function addFlag(f: string): void {
  if (flagsAcc === null) flagsAcc = [f];
  else if (!flagsAcc.includes(f)) flagsAcc.push(f);
}

function clip(text: string): string {
  if (text.length <= MAX_TEXT) return text;
  addFlag('truncated-field');
  return text.slice(0, MAX_TEXT);
}

function setExtra(key: string, value: string | number): void {
  if (extraAcc === null) extraAcc = {};
  extraAcc[key] = typeof value === 'string' ? clip(value) : value;
}

/** Reads the request line `text[s, e)`: `METHOD target [PROTOCOL]`, else `malformed-request`. */
function readRequest(event: Event, text: string, s: number, e: number): void {
  const sp1 = text.indexOf(' ', s);
  const method = sp1 > s && sp1 < e ? text.slice(s, sp1) : '';
  if (!isMethodToken(method)) {
    setExtra('request', text.slice(s, e));
    addFlag('malformed-request');
    return;
  }
  event.method = method;
  const sp2 = lastSpace(text, sp1 + 1, e);
  const protocol = sp2 > sp1 ? text.slice(sp2 + 1, e) : '';
  if (protocol.startsWith('HTTP/')) {
    event.path = clip(text.slice(sp1 + 1, sp2));
    setExtra('protocol', protocol);
  } else {
    event.path = clip(text.slice(sp1 + 1, e));
  }
}

export interface BuildContext {
  readonly ips: IpCache;
  /** Put `logFormat` (name of an auto-detected / named format) in extra. */
  readonly formatName: string | null;
  /** Put `timeOf` in extra (known only when the server type is known). */
  readonly timeOf: string | null;
}

/** Builds the event of one matched line; a string when a value does not fit its field. */
export function buildEvent(
  line: string,
  lineNumber: number,
  format: CompiledFormat,
  starts: Int32Array,
  ends: Int32Array,
  time: EventTime,
  ctx: BuildContext,
): HttpAccessEvent | string {
  const fields = format.fields;
  // Apache escapes `"` and `\` with a backslash; one search per line decides whether to undo it.
  const apache = format.syntax === 'apache' && line.indexOf('\\') >= 0;
  flagsAcc = null;
  extraAcc = null;
  let tsRaw = time.tsRaw;
  if (tsRaw.length > MAX_TS_RAW) {
    tsRaw = tsRaw.slice(0, MAX_TS_RAW);
    addFlag('truncated-field');
  }
  const event: Event = {
    type: 'http:access',
    ts: time.ts,
    tsRaw,
    zone: time.zone,
    locator: { line: lineNumber },
  };

  let host: IpInfo | null = null;
  let client: IpInfo | null = null;
  let peer: IpInfo | null = null;
  let status = -1;
  let originalStatus = -1;
  let request = false;
  let requestStart = 0;
  let requestEnd = 0;
  let method: string | null = null;
  let urlPath: string | null = null;
  let query: string | null = null;
  let protocol: string | null = null;

  for (let slot = 0; slot < fields.length; slot++) {
    const f = fields[slot];
    if (f === undefined) continue;
    const role = f.role;
    if (role === Role.SKIP || role === Role.TIME_APACHE || role === Role.TIME_ISO) continue;
    if (role === Role.TIME_EPOCH || role === Role.TIME_PART) continue;
    const s = starts[slot] ?? 0;
    const e = ends[slot] ?? 0;
    switch (role) {
      case Role.STATUS:
      case Role.ORIGINAL_STATUS: {
        if (isDash(line, s, e)) break;
        const v = readInt(line, s, e, 3);
        if (v < 0) return `${f.directive} is not a status code`;
        if (role === Role.STATUS) status = v;
        else originalStatus = v;
        break;
      }
      case Role.BYTES: {
        if (isDash(line, s, e)) break;
        const v = readInt(line, s, e, 15);
        if (v < 0) return `${f.directive} is not a byte count`;
        event.bytes = v;
        break;
      }
      case Role.CLIENT_PORT: {
        if (isDash(line, s, e)) break;
        const v = readInt(line, s, e, 5);
        if (v < 0 || v > 65535) return `${f.directive} is not a port number`;
        event.clientPort = v;
        break;
      }
      case Role.HOST:
        if (!isDash(line, s, e)) host = ctx.ips.lookup(line, s, e);
        break;
      case Role.CLIENT_IP:
        if (!isDash(line, s, e)) client = ctx.ips.lookup(line, s, e);
        break;
      case Role.PEER_IP:
        if (!isDash(line, s, e)) peer = ctx.ips.lookup(line, s, e);
        break;
      case Role.USER:
        if (!isDash(line, s, e)) {
          const text = line.slice(s, e);
          event.user = clip(apache ? unescapeApache(text) : text);
        }
        break;
      case Role.IDENT:
        if (!isDash(line, s, e)) setExtra('ident', line.slice(s, e));
        break;
      case Role.REQUEST:
        if (!isDash(line, s, e)) {
          request = true;
          requestStart = s;
          requestEnd = e;
        }
        break;
      case Role.METHOD:
        if (!isDash(line, s, e)) method = line.slice(s, e);
        break;
      case Role.URL_PATH:
        if (!isDash(line, s, e)) urlPath = line.slice(s, e);
        break;
      case Role.QUERY:
        if (e > s) query = line.slice(s, e);
        break;
      case Role.PROTOCOL:
        if (!isDash(line, s, e)) protocol = line.slice(s, e);
        break;
      case Role.USER_AGENT:
        if (!isDash(line, s, e)) {
          const text = line.slice(s, e);
          event.userAgent = clip(apache ? unescapeApache(text) : text);
        }
        break;
      case Role.REFERER:
        if (!isDash(line, s, e)) {
          const text = line.slice(s, e);
          setExtra('referer', apache ? unescapeApache(text) : text);
        }
        break;
      case Role.FORWARDED:
        if (!isDash(line, s, e)) {
          const text = line.slice(s, e);
          setExtra(f.key, apache ? unescapeApache(text) : text);
          addFlag('forwarded-header');
        }
        break;
      case Role.EXTRA_NUMBER: {
        if (isDash(line, s, e)) break;
        const v = readDecimal(line.slice(s, e));
        if (v === null) return `${f.directive} is not a number`;
        setExtra(f.key, v);
        break;
      }
      case Role.EXTRA:
      default:
        if (!isDash(line, s, e)) {
          const text = line.slice(s, e);
          setExtra(f.key, apache ? unescapeApache(text) : text);
        }
        break;
    }
  }

  // Client address: %a / $remote_addr first, else %h.
  let clientFlags: readonly string[] = NO_FLAGS;
  if (client !== null) {
    if (client.ip !== null) {
      event.clientIp = client.ip;
      clientFlags = client.flags;
    } else {
      setExtra('clientAddr', client.text);
    }
  }
  if (host !== null) {
    if (event.clientIp === undefined && client === null && host.ip !== null) {
      event.clientIp = host.ip;
      clientFlags = host.flags;
    } else if (host.ip === null || host.ip !== event.clientIp) {
      setExtra('remoteHost', host.text);
      if (host.ip === null && event.clientIp === undefined) addFlag('client-hostname');
    }
  }
  if (peer !== null) {
    setExtra('peerIp', peer.ip ?? peer.text);
    if (event.clientIp !== undefined && peer.ip !== null && peer.ip !== event.clientIp) {
      addFlag('forwarded-client-ip');
    }
  }
  if (flagsAcc === null) {
    if (clientFlags.length > 0) flagsAcc = clientFlags.slice();
  } else {
    for (const f of clientFlags) addFlag(f);
  }

  // Request line: METHOD target [PROTOCOL], read in place unless Apache escapes had to be undone.
  if (request) {
    const backslash = apache ? line.indexOf('\\', requestStart) : -1;
    if (backslash >= 0 && backslash < requestEnd) {
      const text = unescapeApache(line.slice(requestStart, requestEnd));
      readRequest(event, text, 0, text.length);
    } else {
      readRequest(event, line, requestStart, requestEnd);
    }
  }
  if (event.method === undefined && method !== null) event.method = clip(method);
  if (event.path === undefined && urlPath !== null) {
    event.path = clip(query !== null && !urlPath.includes('?') ? urlPath + query : urlPath);
  } else if (query !== null) {
    setExtra('query', query);
  }
  if (protocol !== null) setExtra('protocol', protocol);

  if (status >= 0) {
    event.status = status;
    if (originalStatus >= 0 && originalStatus !== status)
      setExtra('originalStatus', originalStatus);
  } else if (originalStatus >= 0) {
    event.status = originalStatus;
  }

  if (ctx.formatName !== null) setExtra('logFormat', ctx.formatName);
  if (ctx.timeOf !== null && event.ts !== null) setExtra('timeOf', ctx.timeOf);
  const extra = extraAcc as Extra | null;
  const flags = flagsAcc as string[] | null;
  extraAcc = null;
  flagsAcc = null;
  if (extra !== null) event.extra = extra;
  if (flags !== null) event.flags = flags;
  return event;
}

/**
 * A hand-written reader for the three predefined Apache formats (common, combined,
 * vhost_combined): the line is walked once with indexOf/charCodeAt, the time read by ClfClock, and
 * the event built directly, with no field arrays, closures or role switch. It gives exactly the
 * event the general path (scanner.ts + event-builder.ts + time.ts) gives — same fields, same key
 * order, same values — for the lines it accepts, and accepts only the plain ones:
 * no backslash anywhere (Apache escapes), `%l` is `-`, `%h` is an IP address or `-`, the request is
 * `METHOD target [PROTOCOL]`, the time is a 26-character `dd/Mon/yyyy:hh:mm:ss ±hhmm` that stamps
 * without a warning, nothing after the last field, at most 65,536 characters. For any other line
 * `read` returns null and the caller reads it with the general path, which also gives every
 * warning (tests/unit/shared/parsers/access-log/fast-path.test.ts compares the two paths).
 */
import type { HttpAccessEvent } from '../../model/event';
import type { StampOptions } from '../../time/stamp';
import { ClfClock } from './clf-clock';
import { isDash, isMethodToken, lastSpace, readInt } from './field-text';
import { APACHE_DEFAULT_FORMATS, type CompiledFormat } from './format-compiler';
import type { IpCache } from './ip-cache';

type Extra = Record<string, string | number | boolean | null>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Event = Mutable<HttpAccessEvent>;

/** Longest line read here: no field can then need the builder's 65,536-character cut. */
const MAX_LINE = 65536;
/** `[` + `dd/Mon/yyyy:hh:mm:ss ±hhmm` + `]`. */
const CLF_BRACKETED = 28;

/** Which predefined format, by the fields it has beyond `common`. */
type Layout = 'common' | 'combined' | 'vhost_combined';

function layoutOf(format: CompiledFormat): Layout | null {
  if (format.syntax !== 'apache') return null;
  switch (format.name) {
    case 'common':
    case 'combined':
    case 'vhost_combined':
      return format.text === APACHE_DEFAULT_FORMATS[format.name] ? format.name : null;
    default:
      return null;
  }
}

/** An event's own copy of an address's flags (one flag, the usual case, without Array#slice). */
function copyFlags(flags: readonly string[]): string[] {
  return flags.length === 1 ? [flags[0] as string] : flags.slice();
}

/** `line[s, e)` starts with `HTTP/`. */
function isHttpPrefix(line: string, s: number, e: number): boolean {
  return (
    e - s >= 5 &&
    line.charCodeAt(s) === 72 &&
    line.charCodeAt(s + 1) === 84 &&
    line.charCodeAt(s + 2) === 84 &&
    line.charCodeAt(s + 3) === 80 &&
    line.charCodeAt(s + 4) === 47
  );
}

/** `line[e - 9, e)` is ` HTTP/d.d` (a space, then no space to `e`). */
function endsWithHttpVersion(line: string, e: number): boolean {
  const major = line.charCodeAt(e - 3);
  const minor = line.charCodeAt(e - 1);
  return (
    line.charCodeAt(e - 9) === 32 &&
    isHttpPrefix(line, e - 8, e) &&
    line.charCodeAt(e - 2) === 46 &&
    major >= 48 &&
    major <= 57 &&
    minor >= 48 &&
    minor <= 57
  );
}

/** The protocol text, shared when it is one of the usual three (no copy per line). */
function protocolText(line: string, s: number, e: number): string {
  if (e - s === 8 && line.charCodeAt(s + 4) === 47 && line.charCodeAt(s + 6) === 46) {
    const major = line.charCodeAt(s + 5);
    const minor = line.charCodeAt(s + 7);
    if (major === 49 && minor === 49) return 'HTTP/1.1';
    if (major === 49 && minor === 48) return 'HTTP/1.0';
    if (major === 50 && minor === 48) return 'HTTP/2.0';
  }
  return line.slice(s, e);
}

/** The method text (shared for GET / POST / HEAD), or null when it is not a method token. */
function methodText(line: string, s: number, e: number): string | null {
  const n = e - s;
  const c = line.charCodeAt(s);
  if (n === 3 && c === 71 && line.charCodeAt(s + 1) === 69 && line.charCodeAt(s + 2) === 84) {
    return 'GET';
  }
  if (n === 4 && c === 80 && line.charCodeAt(s + 1) === 79 && line.charCodeAt(s + 2) === 83) {
    if (line.charCodeAt(s + 3) === 84) return 'POST';
  }
  if (n === 4 && c === 72 && line.charCodeAt(s + 1) === 69 && line.charCodeAt(s + 2) === 65) {
    if (line.charCodeAt(s + 3) === 68) return 'HEAD';
  }
  const text = line.slice(s, e);
  return isMethodToken(text) ? text : null;
}

export class FastReader {
  private readonly layout: Layout;
  private readonly formatName: string;
  private readonly ips: IpCache;
  private readonly clock: ClfClock;
  /** The client of the last event `read` returned suggests a proxy in front (IpInfo.proxy). */
  proxy = false;

  private constructor(layout: Layout, ips: IpCache, options: StampOptions) {
    this.layout = layout;
    this.formatName = layout;
    this.ips = ips;
    this.clock = new ClfClock(options);
  }

  /** A reader for `format` when it is one of the predefined formats, else null. */
  static for(format: CompiledFormat, ips: IpCache, options: StampOptions): FastReader | null {
    const layout = layoutOf(format);
    return layout === null ? null : new FastReader(layout, ips, options);
  }

  /** The event of `line`, or null: read that line with the general path. */
  read(line: string, lineNumber: number): HttpAccessEvent | null {
    const len = line.length;
    if (len > MAX_LINE || line.indexOf('\\') >= 0) return null;
    const layout = this.layout;

    // %v:%p (vhost_combined)
    let vhostEnd = -1;
    let serverPort = -1;
    let pos = 0;
    if (layout === 'vhost_combined') {
      vhostEnd = line.indexOf(':');
      if (vhostEnd < 0) return null;
      const portEnd = line.indexOf(' ', vhostEnd + 1);
      if (portEnd < 0) return null;
      if (!isDash(line, vhostEnd + 1, portEnd)) {
        serverPort = readInt(line, vhostEnd + 1, portEnd, 15);
        if (serverPort < 0) return null;
      }
      pos = portEnd + 1;
    }

    // %h %l %u [%t] "%r" %>s
    const hostStart = pos;
    const hostEnd = line.indexOf(' ', hostStart);
    if (hostEnd < 0) return null;
    const identEnd = line.indexOf(' ', hostEnd + 1);
    if (identEnd < 0 || !isDash(line, hostEnd + 1, identEnd)) return null;
    const userEnd = line.indexOf(' ', identEnd + 1);
    if (userEnd < 0) return null;
    const timeStart = userEnd + 1;
    if (line.charCodeAt(timeStart) !== 91 /* [ */) return null;
    const timeEnd = line.indexOf(']', timeStart) + 1;
    if (timeEnd - timeStart !== CLF_BRACKETED) return null;
    if (line.charCodeAt(timeEnd) !== 32 || line.charCodeAt(timeEnd + 1) !== 34) return null;
    const requestStart = timeEnd + 2;
    const requestEnd = line.indexOf('"', requestStart);
    if (requestEnd < 0 || line.charCodeAt(requestEnd + 1) !== 32) return null;
    const statusStart = requestEnd + 2;
    const statusEnd = line.indexOf(' ', statusStart);
    if (statusEnd < 0) return null;
    let status = -1;
    if (!isDash(line, statusStart, statusEnd)) {
      status = readInt(line, statusStart, statusEnd, 3);
      if (status < 0) return null;
    }

    // %b / %O, then "%{Referer}i" "%{User-Agent}i" (combined, vhost_combined)
    const bytesStart = statusEnd + 1;
    let bytesEnd = len;
    let refererEnd = -1;
    let agentEnd = -1;
    if (layout !== 'common') {
      bytesEnd = line.indexOf(' "', bytesStart);
      if (bytesEnd < 0) return null;
      refererEnd = line.indexOf('"', bytesEnd + 2);
      if (refererEnd < 0) return null;
      if (line.charCodeAt(refererEnd + 1) !== 32 || line.charCodeAt(refererEnd + 2) !== 34) {
        return null;
      }
      agentEnd = line.indexOf('"', refererEnd + 3);
      if (agentEnd + 1 !== len) return null;
    }
    let bytes = -1;
    if (!isDash(line, bytesStart, bytesEnd)) {
      bytes = readInt(line, bytesStart, bytesEnd, 15);
      if (bytes < 0) return null;
    }

    // The request line: METHOD target [PROTOCOL]; anything else is the general path's to flag.
    if (isDash(line, requestStart, requestEnd)) return null;
    const sp1 = line.indexOf(' ', requestStart);
    if (sp1 <= requestStart || sp1 >= requestEnd) return null;
    const method = methodText(line, requestStart, sp1);
    if (method === null) return null;
    let protocol: string | null = null;
    let pathEnd = requestEnd;
    if (requestEnd - 9 > sp1 && endsWithHttpVersion(line, requestEnd)) {
      // ` HTTP/d.d` at the end: its space is the last one.
      protocol = protocolText(line, requestEnd - 8, requestEnd);
      pathEnd = requestEnd - 9;
    } else {
      const sp2 = lastSpace(line, sp1 + 1, requestEnd);
      if (sp2 > sp1 && isHttpPrefix(line, sp2 + 1, requestEnd)) {
        protocol = line.slice(sp2 + 1, requestEnd);
        pathEnd = sp2;
      }
    }

    const host = isDash(line, hostStart, hostEnd)
      ? null
      : this.ips.lookup(line, hostStart, hostEnd);
    if (host !== null && host.ip === null) return null; // a host name: the general path
    if (!this.clock.read(line, timeStart + 1)) return null;

    const user = isDash(line, identEnd + 1, userEnd) ? null : line.slice(identEnd + 1, userEnd);
    const agent =
      agentEnd < 0 || isDash(line, refererEnd + 3, agentEnd)
        ? null
        : line.slice(refererEnd + 3, agentEnd);
    const referer =
      refererEnd < 0 || isDash(line, bytesEnd + 2, refererEnd)
        ? null
        : line.slice(bytesEnd + 2, refererEnd);
    const vhost = vhostEnd < 0 || isDash(line, 0, vhostEnd) ? null : line.slice(0, vhostEnd);
    const clientIp = host === null ? null : host.ip;
    const path = line.slice(sp1 + 1, pathEnd);
    const clock = this.clock;
    const locator = { line: lineNumber };

    // The usual shape (combined, client, status, bytes and agent logged) as one literal: one hidden
    // class, no property-by-property growth. The others key by key. Keys in the builder's order.
    if (
      layout === 'combined' &&
      user === null &&
      clientIp !== null &&
      status >= 0 &&
      protocol !== null &&
      bytes >= 0 &&
      agent !== null
    ) {
      const extra =
        referer === null
          ? { protocol, logFormat: 'combined' }
          : { referer, protocol, logFormat: 'combined' };
      const event: Event = {
        type: 'http:access',
        ts: clock.ts,
        tsRaw: clock.raw,
        zone: clock.zone,
        locator,
        bytes,
        userAgent: agent,
        clientIp,
        method,
        path,
        status,
        extra,
      };
      if (host !== null && host.flags.length > 0) event.flags = copyFlags(host.flags);
      this.proxy = host !== null && host.proxy;
      return event;
    }

    const other: Event = {
      type: 'http:access',
      ts: clock.ts,
      tsRaw: clock.raw,
      zone: clock.zone,
      locator,
    };
    if (user !== null) other.user = user;
    if (bytes >= 0 && layout !== 'vhost_combined') other.bytes = bytes;
    if (agent !== null) other.userAgent = agent;
    if (clientIp !== null) other.clientIp = clientIp;
    other.method = method;
    other.path = path;
    if (status >= 0) other.status = status;
    const extra: Extra = {};
    if (vhostEnd >= 0) {
      if (vhost !== null) extra.vhost = vhost;
      if (serverPort >= 0) extra.serverPort = serverPort;
      if (bytes >= 0) extra.bytesSent = bytes;
    }
    if (referer !== null) extra.referer = referer;
    if (protocol !== null) extra.protocol = protocol;
    extra.logFormat = this.formatName;
    other.extra = extra;
    if (host !== null && host.flags.length > 0) other.flags = copyFlags(host.flags);
    this.proxy = host !== null && host.proxy;
    return other;
  }
}

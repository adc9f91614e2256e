/**
 * A hand-written reader for the three predefined Apache formats (common, combined,
 * vhost_combined): the line is walked once with indexOf/charCodeAt, the time read by ClfClock, and
 * the event built directly, with no field arrays, closures or role switch. It gives exactly the
 * event the general path (scanner.ts + event-builder.ts + time.ts) gives — same fields, same key
 * order, same values — for the lines it accepts, and accepts only the plain ones:
 * no backslash (Apache escape) except inside the referer and user agent, whose escapes are undone
 * as the general path undoes them, `%l` is `-`, `%h` is an IP address or `-`, the request is
 * `METHOD target [PROTOCOL]`, the time is a 26-character `dd/Mon/yyyy:hh:mm:ss ±hhmm` that stamps
 * without a warning, nothing after the last field, at most 65,536 characters. For any other line
 * `read` returns null and the caller reads it with the general path, which also gives every
 * warning (tests/unit/shared/parsers/access-log/fast-path.test.ts compares the two paths).
 */
import type { HttpAccessEvent } from '../../model/event';
import type { StampOptions } from '../../time/stamp';
import { BACKSLASH, ChunkSearch, COLON, QUOTE, SPACE } from './chunk-search';
import { ClfClock } from './clf-clock';
import { isDash, isMethodToken, lastSpace, readInt, unescapeApache } from './field-text';
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

/*
 * The request line's hot checks are small functions (the usual texts: `GET`, ` HTTP/1.1`), so that
 * the optimizing compiler inlines them into `readRange`; the other texts are read by separate
 * functions (`otherMethod`, `FastReader.otherProtocol`).
 */

/** `GET` at `line[s, e)` (the shared text), else the other method's text or null. */
function methodText(line: string, s: number, e: number): string | null {
  if (
    e - s === 3 &&
    line.charCodeAt(s) === 71 &&
    line.charCodeAt(s + 1) === 69 &&
    line.charCodeAt(s + 2) === 84
  ) {
    return 'GET';
  }
  return otherMethod(line, s, e);
}

/** The method text (shared for POST / HEAD), or null when it is not a method token. */
function otherMethod(line: string, s: number, e: number): string | null {
  const n = e - s;
  const c = line.charCodeAt(s);
  if (n === 4 && c === 80 && line.charCodeAt(s + 1) === 79 && line.charCodeAt(s + 2) === 83) {
    if (line.charCodeAt(s + 3) === 84) return 'POST';
  }
  if (n === 4 && c === 72 && line.charCodeAt(s + 1) === 69 && line.charCodeAt(s + 2) === 65) {
    if (line.charCodeAt(s + 3) === 68) return 'HEAD';
  }
  const text = line.slice(s, e);
  return isMethodToken(text) ? text : null;
}

/** ` HTTP/1.1`, ` HTTP/1.0` or ` HTTP/2.0` ending at `e`: that protocol's shared text, else null. */
function usualVersion(line: string, e: number): string | null {
  if (
    line.charCodeAt(e - 9) !== 32 ||
    line.charCodeAt(e - 8) !== 72 ||
    line.charCodeAt(e - 7) !== 84 ||
    line.charCodeAt(e - 6) !== 84 ||
    line.charCodeAt(e - 5) !== 80 ||
    line.charCodeAt(e - 4) !== 47 ||
    line.charCodeAt(e - 2) !== 46
  ) {
    return null;
  }
  const major = line.charCodeAt(e - 3);
  const minor = line.charCodeAt(e - 1);
  if (major === 49) return minor === 49 ? 'HTTP/1.1' : minor === 48 ? 'HTTP/1.0' : null;
  return major === 50 && minor === 48 ? 'HTTP/2.0' : null;
}

export class FastReader {
  private readonly layout: Layout;
  private readonly formatName: string;
  private readonly ips: IpCache;
  private readonly clock: ClfClock;
  private readonly search = new ChunkSearch();
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

  /** Where the path ends, set by `otherProtocol`. */
  private pathEnd = 0;

  /**
   * The protocol of a request `line[…, requestEnd)` whose method ends at `sp1` and that does not
   * end in a usual version: the text after the last space when it starts with `HTTP/` (`pathEnd`
   * that space), else null (`pathEnd` the request's end).
   */
  private otherProtocol(line: string, sp1: number, requestEnd: number): string | null {
    const sp2 = lastSpace(line, sp1 + 1, requestEnd);
    if (sp2 > sp1 && isHttpPrefix(line, sp2 + 1, requestEnd)) {
      this.pathEnd = sp2;
      return line.slice(sp2 + 1, requestEnd);
    }
    this.pathEnd = requestEnd;
    return null;
  }

  /**
   * The first `"` in `line[from, end)` that is not escaped (not after an odd run of backslashes
   * that starts inside the field), or -1: scanner.ts `findClosingQuote`, bounded by `end`.
   */
  private closingQuote(line: string, from: number, end: number): number {
    for (let i = from; ;) {
      const q = this.search.find(QUOTE, i, end);
      if (q < 0) return -1;
      let k = q - 1;
      while (k >= from && line.charCodeAt(k) === 92) k--;
      if (((q - 1 - k) & 1) === 0) return q;
      i = q + 1;
    }
  }

  /** The event of `line`, or null: read that line with the general path. */
  read(line: string, lineNumber: number): HttpAccessEvent | null {
    return this.readRange(line, 0, line.length, lineNumber);
  }

  /**
   * `read` of the line `line[start, len)` in place (`line`: its chunk, or the line itself).
   * Characters at `len` and after are not the line's: every check of a position past a field stops
   * at `len` first (the terminator there, LF or CR, or the end of the text, matches none of the
   * characters looked for).
   */
  readRange(line: string, start: number, len: number, lineNumber: number): HttpAccessEvent | null {
    const search = this.search;
    search.over(line);
    if (len - start > MAX_LINE) return null;
    // Apache's escapes (`\"`, `\\`) are read only in the referer and user agent (below).
    const backslash = search.find(BACKSLASH, start, len);
    const layout = this.layout;

    // %v:%p (vhost_combined)
    let vhostEnd = -1;
    let serverPort = -1;
    let pos = start;
    if (layout === 'vhost_combined') {
      vhostEnd = search.find(COLON, start, len);
      if (vhostEnd < 0) return null;
      const portEnd = search.find(SPACE, vhostEnd + 1, len);
      if (portEnd < 0) return null;
      if (!isDash(line, vhostEnd + 1, portEnd)) {
        serverPort = readInt(line, vhostEnd + 1, portEnd, 15);
        if (serverPort < 0) return null;
      }
      pos = portEnd + 1;
    }

    // %h %l %u [%t] "%r" %>s. The usual texts (`-` ident and user, `GET `, three-digit status,
    // digits for bytes) are checked in place; searches only for what has no usual length.
    // %h: the usual dotted quad is read up to its space in one pass; else searched, then looked up
    // (a host name goes the general way).
    const hostStart = pos;
    let host = this.ips.lookupQuadToSpace(line, hostStart, len);
    let hostEnd = this.ips.end;
    if (host === null) {
      hostEnd = search.find(SPACE, hostStart, len);
      if (hostEnd < 0) return null;
      if (!isDash(line, hostStart, hostEnd)) {
        host = this.ips.lookup(line, hostStart, hostEnd);
        if (host.ip === null) return null;
      }
    }
    // %l: only `-` is read here (an empty one goes the general way).
    const identEnd = hostEnd + 2;
    if (line.charCodeAt(hostEnd + 1) !== 45 || line.charCodeAt(identEnd) !== 32) return null;
    let userEnd = identEnd + 2;
    if (line.charCodeAt(identEnd + 1) !== 45 || line.charCodeAt(userEnd) !== 32) {
      userEnd = search.find(SPACE, identEnd + 1, len);
      if (userEnd < 0) return null;
    }
    // `[` + 26 characters + `] "`. A `]` inside the 26 is refused by the clock (no time text it
    // accepts holds one), as the general path refuses it.
    const timeStart = userEnd + 1;
    const timeEnd = timeStart + CLF_BRACKETED;
    if (
      line.charCodeAt(timeStart) !== 91 ||
      line.charCodeAt(timeEnd - 1) !== 93 ||
      line.charCodeAt(timeEnd) !== 32 ||
      line.charCodeAt(timeEnd + 1) !== 34
    ) {
      return null;
    }
    const requestStart = timeEnd + 2;
    const requestEnd = search.find(QUOTE, requestStart, len);
    if (requestEnd < 0 || line.charCodeAt(requestEnd + 1) !== 32) return null;
    // The method: up to 32 token characters before the request's first space.
    let sp1 = requestStart;
    const methodLimit = requestEnd < requestStart + 33 ? requestEnd : requestStart + 33;
    while (sp1 < methodLimit && line.charCodeAt(sp1) !== 32) sp1++;
    if (sp1 === requestStart || sp1 === methodLimit) return null;
    const statusStart = requestEnd + 2;
    let status = -1;
    let statusEnd = statusStart + 3;
    const s0 = line.charCodeAt(statusStart) - 48;
    const s1 = line.charCodeAt(statusStart + 1) - 48;
    const s2 = line.charCodeAt(statusStart + 2) - 48;
    if (
      s0 >= 0 &&
      s0 <= 9 &&
      s1 >= 0 &&
      s1 <= 9 &&
      s2 >= 0 &&
      s2 <= 9 &&
      line.charCodeAt(statusEnd) === 32
    ) {
      status = s0 * 100 + s1 * 10 + s2;
    } else {
      statusEnd = search.find(SPACE, statusStart, len);
      if (statusEnd < 0) return null;
      if (!isDash(line, statusStart, statusEnd)) {
        status = readInt(line, statusStart, statusEnd, 3);
        if (status < 0) return null;
      }
    }

    // %b / %O: `-` or 1-15 digits, to the end (common) or to ` "` (the others).
    const bytesStart = statusEnd + 1;
    let bytes = -1;
    let bytesEnd = bytesStart + 1;
    if (line.charCodeAt(bytesStart) !== 45) {
      bytes = 0;
      bytesEnd = bytesStart;
      const limit = bytesStart + 15 < len ? bytesStart + 15 : len;
      for (; bytesEnd < limit; bytesEnd++) {
        const d = line.charCodeAt(bytesEnd) - 48;
        if (d < 0 || d > 9) break;
        bytes = bytes * 10 + d;
      }
      if (bytesEnd === bytesStart) return null;
    }
    // Then "%{Referer}i" "%{User-Agent}i" (combined, vhost_combined), the agent's quote last.
    let refererEnd = -1;
    let agentEnd = -1;
    if (layout === 'common') {
      if (bytesEnd !== len || backslash >= 0) return null;
    } else {
      if (line.charCodeAt(bytesEnd) !== 32 || line.charCodeAt(bytesEnd + 1) !== 34) return null;
      // A backslash before the referer goes the general way; in the two quoted fields, a quote
      // after an odd run of backslashes is escaped (scanner.ts findClosingQuote).
      if (backslash >= 0 && backslash < bytesEnd + 2) return null;
      refererEnd =
        backslash < 0
          ? search.find(QUOTE, bytesEnd + 2, len)
          : this.closingQuote(line, bytesEnd + 2, len);
      if (refererEnd < 0) return null;
      if (line.charCodeAt(refererEnd + 1) !== 32 || line.charCodeAt(refererEnd + 2) !== 34) {
        return null;
      }
      agentEnd =
        backslash < 0
          ? search.find(QUOTE, refererEnd + 3, len)
          : this.closingQuote(line, refererEnd + 3, len);
      if (agentEnd < 0 || agentEnd + 1 !== len) return null;
    }

    // The request line: METHOD target [PROTOCOL]; anything else is the general path's to flag.
    const method = methodText(line, requestStart, sp1);
    if (method === null) return null;
    // ` HTTP/1.1` (or 1.0, 2.0) at the end: its space is the last one.
    let protocol = requestEnd - 9 > sp1 ? usualVersion(line, requestEnd) : null;
    let pathEnd = requestEnd - 9;
    if (protocol === null) {
      protocol = this.otherProtocol(line, sp1, requestEnd);
      pathEnd = this.pathEnd;
    }

    const clock = this.clock.read(line, timeStart + 1);
    if (clock === null) return null;

    const user = isDash(line, identEnd + 1, userEnd) ? null : line.slice(identEnd + 1, userEnd);
    let agent =
      agentEnd < 0 || isDash(line, refererEnd + 3, agentEnd)
        ? null
        : line.slice(refererEnd + 3, agentEnd);
    let referer =
      refererEnd < 0 || isDash(line, bytesEnd + 2, refererEnd)
        ? null
        : line.slice(bytesEnd + 2, refererEnd);
    if (backslash >= 0) {
      // As the general path does for a line with a backslash: the escapes undone.
      if (agent !== null) agent = unescapeApache(agent);
      if (referer !== null) referer = unescapeApache(referer);
    }
    const vhost =
      vhostEnd < 0 || isDash(line, start, vhostEnd) ? null : line.slice(start, vhostEnd);
    const clientIp = host === null ? null : host.ip;
    const path = line.slice(sp1 + 1, pathEnd);
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
      this.proxy = host !== null && host.proxy;
      // With or without flags, each a literal of its own (no key added afterwards).
      if (host !== null && host.flags.length > 0) {
        return {
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
          flags: copyFlags(host.flags),
        };
      }
      return {
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

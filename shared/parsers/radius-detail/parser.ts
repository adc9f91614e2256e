/**
 * FreeRADIUS `detail` files (formats.md §5) → `aaa:session` events.
 *
 * A record is a ctime header line in the server's local time (`Tue Jun  9 00:03:48 2015`, rarely
 * with a zone abbreviation), then `<TAB>Attribute = value` lines, then a blank line. One event per
 * accounting record; `Acct-Status-Type` Start / Stop / Interim-Update (or Alive) / Accounting-On /
 * Accounting-Off (names or numbers 1, 2, 3, 7, 8) → `event` start / stop / interim / on / off.
 *
 * **Which instant `ts` is** (documented choice, see formats.md §5 "Time semantics"): the moment
 * the NAS saw the event, i.e. the packet's reception time minus `Acct-Delay-Time` (the seconds the
 * NAS spent trying to send it). Sources, first that gives an instant:
 * 1. `Timestamp = <unix seconds>` (written by the server when the packet arrived): `ts` =
 *    Timestamp − Acct-Delay-Time, zone `epoch`, `tsRaw` = the Timestamp text. The header is then
 *    only cross-checked against it (`RADIUS_TIME_MISMATCH` when they disagree).
 * 2. `Event-Timestamp` (the NAS's own clock, already the event time: no delay is subtracted),
 *    epoch digits or `"Jun  9 2015 00:03:47 CEST"` (abbreviation resolved only through
 *    `--assume-zone`); flag `event-timestamp`.
 * 3. The header (server local time when the record was written): needs a zone abbreviation that
 *    `--assume-zone` confirms, or `--assume-zone` itself; minus Acct-Delay-Time; flag `header-time`.
 * When a delay of more than 0 s was subtracted the event is flagged `delay-adjusted`; the raw
 * `Timestamp`, `Acct-Delay-Time` and `Event-Timestamp` are always kept in `extra` under their
 * attribute names, and the header as `extra.detailHeader`.
 * The Timestamp is preferred over `Event-Timestamp` because its zone is certain (epoch) and it is
 * the server's clock, while Event-Timestamp is rendered with an ambiguous abbreviation from the
 * NAS's clock.
 *
 * Fields: User-Name → user, Framed-IP-Address → framedIp, Framed-IPv6-Prefix (else
 * Delegated-IPv6-Prefix) → framedIpv6Prefix, Acct-Session-Id → sessionId, NAS-IP-Address (else
 * NAS-IPv6-Address, else NAS-Identifier) → nas, Calling-Station-Id → callingStationId,
 * Acct-Session-Time → sessionTime. Every other attribute goes to `extra` under its own name
 * (quotes removed; unquoted decimal integers as numbers; a repeated attribute as `Name#2`, …).
 * `extra.headerOffset` is the UTC offset the header's local time implies against `Timestamp`
 * (whole quarter hours only), a fact computed from the record, not a guess.
 *
 * Bounds: a record holds at most `MAX_ATTRIBUTES` attributes and `MAX_RECORD_CHARS` characters,
 * else it is skipped with `RADIUS_RECORD_TOO_LARGE`; a value longer than `MAX_VALUE_LENGTH` is
 * dropped with `RADIUS_VALUE_TOO_LONG`.
 */
import type { AaaSessionEvent, Locator, ParseWarning } from '../../model/event';
import { ipFlags, normalizeIp } from '../../net/ip';
import {
  epochTime,
  formatInstant,
  formatOffset,
  parseEpoch,
  stamp,
  wallToUtcMs,
  type StampResult,
  type TimeParseResult,
} from '../../time';
import { createLineParser, type Emit } from '../line-parser';
import type { Line } from '../lines';
import type { DetectSample, ParseOptions, Parser, ParserContext, StreamingParser } from '../types';
import { parseDetailHeader, parseEventTimestamp } from './time';

export const RADIUS_WARNING_CODES = [
  /** The header date could not be read (the record is still parsed). */
  'RADIUS_HEADER_INVALID',
  /** Attribute lines with no header before them (debug output, cut files). */
  'RADIUS_NO_HEADER',
  /** A line inside a record that is not `Attribute = value`. */
  'RADIUS_ATTRIBUTE_INVALID',
  /** The record has no Acct-Status-Type (e.g. an auth detail record): skipped. */
  'RADIUS_STATUS_MISSING',
  /** An Acct-Status-Type this parser does not map (Failed, Tunnel-*…): skipped. */
  'RADIUS_STATUS_UNKNOWN',
  /** A value that should be a number or an address is not; it is kept in `extra`. */
  'RADIUS_VALUE_INVALID',
  /** A value longer than MAX_VALUE_LENGTH: the attribute is dropped. */
  'RADIUS_VALUE_TOO_LONG',
  /** Too many attributes or characters in one record: the record is skipped. */
  'RADIUS_RECORD_TOO_LARGE',
  /** The header's local time and the Timestamp (epoch) disagree. */
  'RADIUS_TIME_MISMATCH',
  /** No Timestamp, Event-Timestamp or header: the record has no time at all. */
  'RADIUS_NO_TIME',
] as const;
export type RadiusWarningCode = (typeof RADIUS_WARNING_CODES)[number];

export const MAX_ATTRIBUTES = 1000;
export const MAX_RECORD_CHARS = 1024 * 1024;
export const MAX_VALUE_LENGTH = 65536;
/** Largest accepted difference between the header (read with the implied offset) and Timestamp. */
export const HEADER_TOLERANCE_SECONDS = 60;

interface Attribute {
  readonly name: string;
  readonly value: string;
  readonly quoted: boolean;
  readonly line: number;
}

interface RecordState {
  readonly header: string | null;
  readonly startLine: number;
  readonly attrs: Attribute[];
  chars: number;
  tooLarge: boolean;
}

type AaaEvent = AaaSessionEvent['event'];

const STATUS: ReadonlyMap<string, AaaEvent> = new Map([
  ['start', 'start'],
  ['1', 'start'],
  ['stop', 'stop'],
  ['2', 'stop'],
  ['interim-update', 'interim'],
  ['alive', 'interim'],
  ['3', 'interim'],
  ['accounting-on', 'on'],
  ['7', 'on'],
  ['accounting-off', 'off'],
  ['8', 'off'],
]);

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

function isDigits(s: string, max = 15): boolean {
  if (s.length === 0 || s.length > max) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Removes the quotes of a FreeRADIUS string value and its `\"`, `\\`, `\n`, `\t`, `\r`, `\ooo` escapes. */
export function unquoteValue(raw: string): { value: string; quoted: boolean } {
  if (raw.length < 2 || raw.charCodeAt(0) !== 34 || raw.charCodeAt(raw.length - 1) !== 34) {
    return { value: raw, quoted: false };
  }
  const inner = raw.slice(1, -1);
  if (!inner.includes('\\')) return { value: inner, quoted: true };
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i] ?? '';
    if (ch !== '\\' || i + 1 >= inner.length) {
      out += ch;
      continue;
    }
    const next = inner[i + 1] ?? '';
    if (next === '"' || next === '\\') {
      out += next;
      i++;
    } else if (next === 'n') {
      out += '\n';
      i++;
    } else if (next === 't') {
      out += '\t';
      i++;
    } else if (next === 'r') {
      out += '\r';
      i++;
    } else {
      const oct = inner.slice(i + 1, i + 4);
      let ok = oct.length === 3;
      let code = 0;
      for (let k = 0; ok && k < 3; k++) {
        const c = oct.charCodeAt(k);
        if (c < 48 || c > 55) ok = false;
        else code = code * 8 + (c - 48);
      }
      if (ok && code < 256) {
        out += String.fromCharCode(code);
        i += 3;
      } else {
        out += ch;
      }
    }
  }
  return { value: out, quoted: true };
}

/** `Attr = value` (leading whitespace already present); null when the line is not one. */
function splitAttribute(text: string): { name: string; raw: string } | null {
  const eq = text.indexOf('=');
  if (eq < 0) return null;
  const name = text.slice(0, eq).trim();
  if (name.length === 0 || name.length > 200) return null;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 32 || c === 9 || c === 34) return null;
  }
  return { name, raw: text.slice(eq + 1).trim() };
}

/** `2001:db8::/48` with the address in RFC 5952 form; null when not a prefix. */
function normalizePrefix(text: string): string | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const ip = normalizeIp(text.slice(0, slash));
  const len = text.slice(slash + 1);
  if (ip === null || !ip.includes(':') || !isDigits(len, 3) || Number(len) > 128) return null;
  return `${ip}/${Number(len)}`;
}

function quoteShort(text: string): string {
  return text.length > 80 ? `"${text.slice(0, 77)}…"` : `"${text}"`;
}

function extraValue(a: Attribute): string | number {
  if (!a.quoted && isDigits(a.value) && (a.value.length === 1 || a.value.charCodeAt(0) !== 48)) {
    return Number(a.value);
  }
  return a.value;
}

/** Header vs Timestamp: warnings, and the offset the header implies when it is consistent. */
function crossCheckHeader(
  header: string,
  parsed: TimeParseResult,
  epochMs: number,
  options: ParseOptions,
  locator: Locator,
  warnings: ParseWarning[],
): string | null {
  if (!parsed.ok || parsed.time.kind === 'epoch') return null;
  const tol = HEADER_TOLERANCE_SECONDS * 1000;
  const when = formatInstant(epochMs);
  if (parsed.time.kind === 'offset') {
    const r = stamp({ tsRaw: header, parsed, locator }, options);
    if (r.instant !== null && Math.abs(r.instant - epochMs) > tol) {
      warnings.push({
        code: 'RADIUS_TIME_MISMATCH',
        message: `header ${quoteShort(header)} is ${r.ts ?? '?'} but Timestamp says ${when}; ts uses Timestamp`,
        locator,
      });
    }
    return null;
  }
  const wall = parsed.time.wall;
  if (parsed.time.abbreviation !== null) {
    const r = stamp({ tsRaw: header, parsed, locator, crossCheckEpochMs: epochMs }, options);
    const mismatch = r.warnings.find((w) => w.code === 'TIME_ABBREVIATION_MISMATCH');
    if (mismatch !== undefined) {
      warnings.push({
        code: 'RADIUS_TIME_MISMATCH',
        message: `header ${quoteShort(header)} does not agree with Timestamp ${when} (${mismatch.message}); ts uses Timestamp`,
        locator,
      });
      return null;
    }
    return r.zone.offset;
  }
  if (options.assumeZone !== undefined) {
    const r = stamp({ tsRaw: header, parsed, locator }, options);
    if (r.instant !== null && Math.abs(r.instant - epochMs) > tol) {
      warnings.push({
        code: 'RADIUS_TIME_MISMATCH',
        message: `header ${quoteShort(header)} read in ${options.assumeZone} is ${r.ts ?? '?'} but Timestamp says ${when}: the declared zone or the server clock is wrong; ts uses Timestamp`,
        locator,
      });
      return null;
    }
  }
  const diff = wallToUtcMs(wall) - epochMs;
  const quarter = 15 * 60 * 1000;
  const offset = Math.round(diff / quarter) * quarter;
  if (Math.abs(diff - offset) <= tol && Math.abs(offset) <= 14 * 3600 * 1000) {
    return formatOffset(offset);
  }
  warnings.push({
    code: 'RADIUS_TIME_MISMATCH',
    message: `header ${quoteShort(header)} differs from Timestamp ${when} by ${Math.round(diff / 1000)} s, which is no UTC offset; ts uses Timestamp`,
    locator,
  });
  return null;
}

function stampWithDelay(
  r: StampResult,
  delaySeconds: number,
  raw: string,
  locator: Locator,
): StampResult {
  if (r.instant === null || delaySeconds === 0) return r;
  const shifted = stamp({
    tsRaw: raw,
    parsed: epochTime(r.instant - delaySeconds * 1000),
    locator,
  });
  return { ...shifted, zone: r.zone, warnings: [...r.warnings, ...shifted.warnings] };
}

function buildEvent(rec: RecordState, options: ParseOptions, emit: Emit): void {
  const locator: Locator = { line: rec.startLine };
  if (rec.tooLarge) return;
  const first = new Map<string, Attribute>();
  for (const a of rec.attrs) if (!first.has(a.name)) first.set(a.name, a);
  const get = (name: string): Attribute | undefined => first.get(name);
  const lineOf = (a: Attribute): Locator => ({ line: a.line });

  const statusAttr = get('Acct-Status-Type');
  if (statusAttr === undefined) {
    emit.warning(
      'RADIUS_STATUS_MISSING',
      `record at line ${rec.startLine} has no Acct-Status-Type (not an accounting record); skipped`,
      locator,
    );
    return;
  }
  const event = STATUS.get(statusAttr.value.toLowerCase());
  if (event === undefined) {
    emit.warning(
      'RADIUS_STATUS_UNKNOWN',
      `Acct-Status-Type ${quoteShort(statusAttr.value)} is not Start, Stop, Interim-Update, Accounting-On or Accounting-Off; record skipped`,
      lineOf(statusAttr),
    );
    return;
  }

  const warnings: ParseWarning[] = [];
  const consumed = new Set<Attribute>([statusAttr]);
  const flags = new Set<string>();
  const extra: Record<string, string | number | boolean | null> = {};

  // --- Time
  let delay = 0;
  const delayAttr = get('Acct-Delay-Time');
  if (delayAttr !== undefined) {
    if (isDigits(delayAttr.value, 10)) delay = Number(delayAttr.value);
    else {
      warnings.push({
        code: 'RADIUS_VALUE_INVALID',
        message: `Acct-Delay-Time ${quoteShort(delayAttr.value)} is not a number of seconds; no delay was applied`,
        locator: lineOf(delayAttr),
      });
    }
  }
  const tsAttr = get('Timestamp');
  let epochMs: number | null = null;
  if (tsAttr !== undefined) {
    const p = parseEpoch(tsAttr.value, 's');
    if (p.ok && p.time.kind === 'epoch') epochMs = p.time.instant;
    else {
      warnings.push({
        code: 'RADIUS_VALUE_INVALID',
        message: `Timestamp ${quoteShort(tsAttr.value)} is not epoch seconds (${p.ok ? 'not an epoch' : p.reason})`,
        locator: lineOf(tsAttr),
      });
    }
  }
  const headerParsed = rec.header === null ? null : parseDetailHeader(rec.header);
  if (rec.header !== null && headerParsed !== null && !headerParsed.ok) {
    warnings.push({
      code: 'RADIUS_HEADER_INVALID',
      message: `header ${quoteShort(rec.header)} is not a ctime date (${headerParsed.reason})`,
      locator,
    });
  }
  if (rec.header !== null) extra['detailHeader'] = rec.header;

  let chosen: { ts: StampResult; raw: string } | null = null;
  const failed: StampResult[] = [];
  if (tsAttr !== undefined && epochMs !== null) {
    const r = stamp({
      tsRaw: tsAttr.value,
      parsed: epochTime(epochMs - delay * 1000),
      locator: lineOf(tsAttr),
    });
    if (r.ts !== null) {
      chosen = { ts: r, raw: tsAttr.value };
      if (delay > 0) flags.add('delay-adjusted');
    } else failed.push(r);
    if (rec.header !== null && headerParsed !== null) {
      const offset = crossCheckHeader(
        rec.header,
        headerParsed,
        epochMs,
        options,
        locator,
        warnings,
      );
      if (offset !== null) extra['headerOffset'] = offset;
    }
  }
  const evAttr = get('Event-Timestamp');
  if (chosen === null && evAttr !== undefined) {
    const r = stamp(
      { tsRaw: evAttr.value, parsed: parseEventTimestamp(evAttr.value), locator: lineOf(evAttr) },
      options,
    );
    if (r.ts !== null) {
      chosen = { ts: r, raw: evAttr.value };
      flags.add('event-timestamp');
    } else failed.push(r);
  }
  if (chosen === null && rec.header !== null && headerParsed !== null && headerParsed.ok) {
    const base = stamp({ tsRaw: rec.header, parsed: headerParsed, locator }, options);
    const r = stampWithDelay(base, delay, rec.header, locator);
    if (r.ts !== null) {
      chosen = { ts: r, raw: rec.header };
      flags.add('header-time');
      if (delay > 0) flags.add('delay-adjusted');
    } else failed.push(r);
  }
  let ts: string | null = null;
  let tsRaw: string;
  let zone: AaaSessionEvent['zone'] = { source: 'unknown', offset: null, name: null };
  if (chosen !== null) {
    ts = chosen.ts.ts;
    tsRaw = chosen.raw;
    zone = chosen.ts.zone;
    warnings.push(...chosen.ts.warnings);
  } else {
    for (const r of failed) warnings.push(...r.warnings);
    if (failed.length > 0 && failed[0] !== undefined) zone = failed[0].zone;
    tsRaw = tsAttr?.value ?? evAttr?.value ?? rec.header ?? '';
    if (tsAttr === undefined && evAttr === undefined && rec.header === null) {
      warnings.push({
        code: 'RADIUS_NO_TIME',
        message: `record at line ${rec.startLine} has no header, Timestamp or Event-Timestamp; ts is null`,
        locator,
      });
    }
  }

  // --- Contract fields
  const out: AaaSessionEvent = { type: 'aaa:session', ts, tsRaw, zone, locator, event };
  const text = (name: string): string | undefined => {
    const a = get(name);
    if (a === undefined) return undefined;
    consumed.add(a);
    return a.value;
  };
  const user = text('User-Name');
  if (user !== undefined) out.user = user;
  const sessionId = text('Acct-Session-Id');
  if (sessionId !== undefined) out.sessionId = sessionId;
  const calling = text('Calling-Station-Id');
  if (calling !== undefined) out.callingStationId = calling;

  const framed = get('Framed-IP-Address');
  if (framed !== undefined) {
    const ip = normalizeIp(framed.value);
    if (ip === null) {
      warnings.push({
        code: 'RADIUS_VALUE_INVALID',
        message: `Framed-IP-Address ${quoteShort(framed.value)} is not an IP address; kept in extra`,
        locator: lineOf(framed),
      });
    } else {
      out.framedIp = ip;
      consumed.add(framed);
      for (const f of ipFlags(ip)) flags.add(f);
    }
  }
  for (const name of ['Framed-IPv6-Prefix', 'Delegated-IPv6-Prefix']) {
    const a = get(name);
    if (a === undefined || out.framedIpv6Prefix !== undefined) continue;
    const prefix = normalizePrefix(a.value);
    if (prefix === null) {
      warnings.push({
        code: 'RADIUS_VALUE_INVALID',
        message: `${name} ${quoteShort(a.value)} is not an IPv6 prefix; kept in extra`,
        locator: lineOf(a),
      });
    } else {
      out.framedIpv6Prefix = prefix;
      consumed.add(a);
    }
  }
  for (const name of ['NAS-IP-Address', 'NAS-IPv6-Address']) {
    const a = get(name);
    if (a === undefined || out.nas !== undefined) continue;
    const ip = normalizeIp(a.value);
    if (ip === null) {
      warnings.push({
        code: 'RADIUS_VALUE_INVALID',
        message: `${name} ${quoteShort(a.value)} is not an IP address; kept in extra`,
        locator: lineOf(a),
      });
    } else {
      out.nas = ip;
      consumed.add(a);
    }
  }
  if (out.nas === undefined) {
    const nasId = text('NAS-Identifier');
    if (nasId !== undefined) out.nas = nasId;
  }
  const st = get('Acct-Session-Time');
  if (st !== undefined) {
    if (isDigits(st.value, 10)) {
      out.sessionTime = Number(st.value);
      consumed.add(st);
    } else {
      warnings.push({
        code: 'RADIUS_VALUE_INVALID',
        message: `Acct-Session-Time ${quoteShort(st.value)} is not a number of seconds; kept in extra`,
        locator: lineOf(st),
      });
    }
  }

  // --- Everything else, under its own name
  const seen = new Map<string, number>();
  for (const a of rec.attrs) {
    const n = (seen.get(a.name) ?? 0) + 1;
    seen.set(a.name, n);
    if (consumed.has(a)) continue;
    extra[n === 1 ? a.name : `${a.name}#${n}`] = extraValue(a);
  }
  if (flags.size > 0) out.flags = [...flags].sort();
  if (Object.keys(extra).length > 0) out.extra = extra;
  emit.warnings(warnings);
  emit.event(out);
}

function createRadiusParser(options: ParseOptions, ctx: ParserContext): StreamingParser {
  let rec: RecordState | null = null;

  const finish = (emit: Emit): void => {
    const r = rec;
    rec = null;
    if (r !== null) buildEvent(r, options, emit);
  };

  const onAttribute = (line: Line, emit: Emit): void => {
    const locator: Locator = { line: line.number };
    if (rec === null) {
      emit.warning(
        'RADIUS_NO_HEADER',
        `attribute lines start at line ${line.number} without a date header`,
        locator,
      );
      rec = { header: null, startLine: line.number, attrs: [], chars: 0, tooLarge: false };
    }
    if (rec.tooLarge) return;
    const parts = splitAttribute(line.text);
    if (parts === null) {
      emit.warning(
        'RADIUS_ATTRIBUTE_INVALID',
        `line ${line.number} is not "Attribute = value"; skipped`,
        locator,
      );
      return;
    }
    if (parts.raw.length > MAX_VALUE_LENGTH + 2) {
      emit.warning(
        'RADIUS_VALUE_TOO_LONG',
        `${parts.name} on line ${line.number} is ${parts.raw.length} characters long (limit ${MAX_VALUE_LENGTH}); attribute dropped`,
        locator,
      );
      return;
    }
    const { value, quoted } = unquoteValue(parts.raw);
    rec.chars += parts.name.length + value.length;
    if (rec.attrs.length >= MAX_ATTRIBUTES || rec.chars > MAX_RECORD_CHARS) {
      rec.tooLarge = true;
      rec.attrs.length = 0;
      emit.warning(
        'RADIUS_RECORD_TOO_LARGE',
        `record at line ${rec.startLine} exceeds ${MAX_ATTRIBUTES} attributes or ${MAX_RECORD_CHARS} characters; record skipped`,
        { line: rec.startLine },
      );
      return;
    }
    rec.attrs.push({ name: parts.name, value, quoted, line: line.number });
  };

  return createLineParser('radius-detail', ctx, {
    onLine(line, emit) {
      const text = line.text;
      if (isBlank(text)) {
        finish(emit);
        return;
      }
      const c = text.charCodeAt(0);
      if (c === 9 || c === 32) {
        onAttribute(line, emit);
        return;
      }
      finish(emit);
      rec = { header: text.trim(), startLine: line.number, attrs: [], chars: 0, tooLarge: false };
    },
    onEnd(emit) {
      finish(emit);
    },
  });
}

/** Lines of the head (at most `max`), without CR. */
function headLines(head: string, max: number): string[] {
  const out: string[] = [];
  let from = 0;
  while (out.length < max && from < head.length) {
    const nl = head.indexOf('\n', from);
    const end = nl < 0 ? head.length : nl;
    let line = head.slice(from, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    out.push(line);
    if (nl < 0) break;
    from = nl + 1;
  }
  return out;
}

function detectRadius(sample: DetectSample): number {
  const head = sample.head.charCodeAt(0) === 0xfeff ? sample.head.slice(1) : sample.head;
  const lines = headLines(head.slice(0, 65536), 60).filter((l) => !isBlank(l));
  if (lines.length === 0) return 0;
  let score = 0;
  const firstLine = lines[0] ?? '';
  const header = firstLine.length <= 256 && parseDetailHeader(firstLine.trim()).ok;
  let attrs = 0;
  let accounting = false;
  for (const l of lines) {
    const c = l.charCodeAt(0);
    if ((c === 9 || c === 32) && splitAttribute(l) !== null) {
      attrs++;
      if (l.includes('Acct-Status-Type')) accounting = true;
    }
  }
  if (header && attrs >= 1) score = accounting ? 0.97 : 0.8;
  else if (header) score = 0.3;
  else if (attrs >= 2 && accounting) score = 0.6;
  const name = (sample.fileName ?? '').toLowerCase();
  if (score > 0 && (name.startsWith('detail') || name.includes('radacct'))) {
    score = Math.min(0.99, score + 0.02);
  }
  return score;
}

export const radiusDetailParser: Parser = {
  name: 'radius-detail',
  version: '1.0.0',
  description: 'FreeRADIUS accounting detail files (Start/Stop/Interim/On/Off) as aaa:session',
  kinds: ['radius-detail'],
  eventTypes: ['aaa:session'],
  detect: detectRadius,
  createParser: createRadiusParser,
};

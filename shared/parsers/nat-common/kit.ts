/**
 * What the five CGN/NAT parsers share: choosing the record's time (in-record epoch > device stamp
 * > syslog header, all through stamp()), checking fields (warnings `NAT_FIELD_MISSING`,
 * `NAT_FIELD_INVALID`, `NAT_PORT_RANGE_INVALID`: no event), building `nat:session` /
 * `nat:portblock` events, and counting lines that are not records so they are reported once
 * (`NAT_UNKNOWN_MESSAGES`, `NAT_MESSAGES_IGNORED`) instead of once per line.
 *
 * `extra` conventions (README in tests/fixtures/nat/ and each parser's comment):
 * - `vendorEvent`: the vendor's event name as written (`RT_SRC_NAT_PBA_ALLOC`, `UserbasedA`, …);
 * - `natEvent`: the RFC 8158 Table 5 value this event corresponds to (4/5 NAT44 session
 *   create/delete, 6/7 NAT64 session create/delete, 16/17 port block allocation/de-allocation;
 *   none for an interim record), with `natEventScheme: "rfc8158"` (formats.md §8.4: numbering is
 *   per exporter, so the scheme is stated);
 * - `headerTime` / `deviceTime`: stamps of the line that were not used for `ts`, kept as text.
 * `flags`: the special-range flags of the outside address (shared/net/ip.ts), plus parser tags.
 */
import type {
  EventZone,
  Locator,
  NatPortblockEvent,
  NatSessionEvent,
  ParseWarning,
} from '../../model/event';
import { ipFlags, normalizeIp } from '../../net/ip';
import type { TimeParseResult } from '../../time/instant';
import { stamp } from '../../time/stamp';
import { createSyslogYearTracker, type SyslogYearTracker } from '../../time/syslog-year';
import { createLineParser, type Emit } from '../line-parser';
import type { Line } from '../lines';
import type { ParseOptions, ParserContext, StreamingParser } from '../types';
import type { HeaderStamp, SyslogHeader } from './header';
import { clip, parsePort } from './scan';

export type ExtraValue = string | number | boolean | null;
export type Extra = Record<string, ExtraValue>;

/** A time found inside the record itself (Juniper `epoch-time-64`, conntrack `[epoch]`). */
export interface RecordTime {
  readonly tsRaw: string;
  readonly parsed: TimeParseResult;
}

/** The time fields of an event plus the unused stamps for `extra`. */
export interface TimeFields {
  readonly ts: string | null;
  readonly tsRaw: string;
  readonly zone: EventZone;
  readonly extra: Extra;
}

const UNKNOWN_ZONE: EventZone = { source: 'unknown', offset: null, name: null };

/** Field checking for one record: collect problems, report them once, emit nothing if any. */
export class RecordCheck {
  readonly missing: string[] = [];
  readonly invalid: string[] = [];

  /** An address: normalised, or undefined (recorded as missing / invalid when required or bad). */
  ip(field: string, raw: string | null | undefined, required: boolean): string | undefined {
    if (raw === undefined || raw === null || raw === '' || raw === '-') {
      if (required) this.missing.push(field);
      return undefined;
    }
    const ip = normalizeIp(raw);
    if (ip === null) {
      this.invalid.push(`${field} "${clip(raw, 48)}" is not an IP address`);
      return undefined;
    }
    return ip;
  }

  /** A port 0..65535, or undefined (recorded as missing / invalid). */
  port(field: string, raw: string | null | undefined, required: boolean): number | undefined {
    if (raw === undefined || raw === null || raw === '' || raw === '-') {
      if (required) this.missing.push(field);
      return undefined;
    }
    const port = parsePort(raw);
    if (port === null) {
      this.invalid.push(`${field} "${clip(raw, 24)}" is not a port (0-65535)`);
      return undefined;
    }
    return port;
  }

  /** A required text field (not empty, not `-`). */
  text(field: string, raw: string | null | undefined): string | undefined {
    if (raw === undefined || raw === null || raw === '' || raw === '-') {
      this.missing.push(field);
      return undefined;
    }
    return raw;
  }

  /** Reports the problems (one warning per kind) and says whether the record is usable. */
  report(emit: Emit, locator: Locator, what: string): boolean {
    const where = 'line' in locator ? `line ${locator.line}` : 'record';
    if (this.missing.length > 0) {
      emit.warning(
        'NAT_FIELD_MISSING',
        `${where}: ${what} lacks ${this.missing.join(', ')}; no event`,
        locator,
      );
    }
    if (this.invalid.length > 0) {
      emit.warning(
        'NAT_FIELD_INVALID',
        `${where}: ${what}: ${this.invalid.join('; ')}; no event`,
        locator,
      );
    }
    return this.missing.length === 0 && this.invalid.length === 0;
  }
}

/** RFC 8158 natEvent for a session event (NAT64 when the inside is IPv6 and the outside IPv4). */
export function sessionNatEvent(
  event: 'create' | 'delete',
  insideIp: string,
  outsideIp: string,
): number {
  const nat64 = insideIp.includes(':') && !outsideIp.includes(':');
  if (nat64) return event === 'create' ? 6 : 7;
  return event === 'create' ? 4 : 5;
}

/** RFC 8158 natEvent for a port-block event; null for interim (the RFC has no such event). */
export function portblockNatEvent(event: 'allocate' | 'release' | 'interim'): number | null {
  if (event === 'allocate') return 16;
  if (event === 'release') return 17;
  return null;
}

function flagsOf(outsideIp: string, more: readonly string[] | undefined): string[] | undefined {
  const set = new Set<string>(ipFlags(outsideIp));
  if (more !== undefined) for (const f of more) set.add(f);
  if (set.size === 0) return undefined;
  return [...set].sort().slice(0, 64);
}

export interface SessionInput {
  readonly event: 'create' | 'delete';
  readonly protocol?: string | null | undefined;
  readonly insideIp: string;
  readonly insidePort?: number | undefined;
  readonly outsideIp: string;
  readonly outsidePort?: number | undefined;
  readonly destIp?: string | undefined;
  readonly destPort?: number | undefined;
  readonly vrf?: string | null | undefined;
  readonly vendorEvent: string;
  readonly flags?: readonly string[];
  readonly extra?: Extra;
}

export function makeSession(
  time: TimeFields,
  locator: Locator,
  input: SessionInput,
): NatSessionEvent {
  const e: NatSessionEvent = {
    type: 'nat:session',
    ts: time.ts,
    tsRaw: time.tsRaw,
    zone: time.zone,
    locator,
    event: input.event,
    insideIp: input.insideIp,
    outsideIp: input.outsideIp,
  };
  if (input.protocol !== undefined && input.protocol !== null) e.protocol = input.protocol;
  if (input.insidePort !== undefined) e.insidePort = input.insidePort;
  if (input.outsidePort !== undefined) e.outsidePort = input.outsidePort;
  if (input.destIp !== undefined) e.destIp = input.destIp;
  if (input.destPort !== undefined) e.destPort = input.destPort;
  if (input.vrf !== undefined && input.vrf !== null && input.vrf !== '')
    e.vrf = input.vrf.slice(0, 200);
  const flags = flagsOf(input.outsideIp, input.flags);
  if (flags !== undefined) e.flags = flags;
  e.extra = {
    vendorEvent: input.vendorEvent,
    natEvent: sessionNatEvent(input.event, input.insideIp, input.outsideIp),
    natEventScheme: 'rfc8158',
    ...time.extra,
    ...input.extra,
  };
  return e;
}

export interface PortblockInput {
  readonly event: 'allocate' | 'release' | 'interim';
  readonly insideIp: string;
  readonly outsideIp: string;
  readonly portStart: number;
  readonly portEnd: number;
  readonly vrf?: string | null | undefined;
  readonly vendorEvent: string;
  readonly flags?: readonly string[];
  readonly extra?: Extra;
}

export function makePortblock(
  time: TimeFields,
  locator: Locator,
  input: PortblockInput,
): NatPortblockEvent {
  const e: NatPortblockEvent = {
    type: 'nat:portblock',
    ts: time.ts,
    tsRaw: time.tsRaw,
    zone: time.zone,
    locator,
    event: input.event,
    insideIp: input.insideIp,
    outsideIp: input.outsideIp,
    portStart: input.portStart,
    portEnd: input.portEnd,
  };
  if (input.vrf !== undefined && input.vrf !== null && input.vrf !== '')
    e.vrf = input.vrf.slice(0, 200);
  const flags = flagsOf(input.outsideIp, input.flags);
  if (flags !== undefined) e.flags = flags;
  const natEvent = portblockNatEvent(input.event);
  e.extra = {
    vendorEvent: input.vendorEvent,
    ...(natEvent === null ? {} : { natEvent, natEventScheme: 'rfc8158' }),
    ...time.extra,
    ...input.extra,
  };
  return e;
}

/**
 * Checks an inclusive port range: both ports valid and end ≥ start, else a warning
 * (`NAT_FIELD_MISSING`/`NAT_FIELD_INVALID` through `check`, `NAT_PORT_RANGE_INVALID` here).
 */
export function checkRange(
  check: RecordCheck,
  startField: string,
  startRaw: string | null | undefined,
  endField: string,
  endRaw: string | null | undefined,
): { start: number; end: number; reversed: boolean } | null {
  const start = check.port(startField, startRaw, true);
  const end = check.port(endField, endRaw, true);
  if (start === undefined || end === undefined) return null;
  return { start, end, reversed: end < start };
}

/** Emits `NAT_PORT_RANGE_INVALID` for a range whose end is before its start. */
export function reportReversed(
  emit: Emit,
  locator: Locator,
  what: string,
  start: number,
  end: number,
): void {
  const where = 'line' in locator ? `line ${locator.line}` : 'record';
  emit.warning(
    'NAT_PORT_RANGE_INVALID',
    `${where}: ${what} has port range ${start}-${end}: the end is before the start; no event`,
    locator,
  );
}

/** Lines that are not records, counted per kind and reported once at the end. */
export class MessageTally {
  private readonly parser: string;
  private readonly kinds = new Map<
    'unknown' | 'ignored',
    { count: number; first: number; names: Map<string, number> }
  >();

  constructor(parser: string) {
    this.parser = parser;
  }

  /** A line this parser does not recognise (`sample`: a short excerpt or the message name). */
  unknown(line: number, sample: string): void {
    this.note('unknown', line, clip(sample, 40));
  }

  /** A known message that carries no address mapping (`RT_FLOW_SESSION_DENY`, `[UPDATE]`, …). */
  ignored(line: number, name: string): void {
    this.note('ignored', line, clip(name, 40));
  }

  private note(kind: 'unknown' | 'ignored', line: number, name: string): void {
    let k = this.kinds.get(kind);
    if (k === undefined) {
      k = { count: 0, first: line, names: new Map() };
      this.kinds.set(kind, k);
    }
    k.count++;
    if (k.names.has(name) || k.names.size < 8) k.names.set(name, (k.names.get(name) ?? 0) + 1);
  }

  flush(emit: Emit): void {
    const unknown = this.kinds.get('unknown');
    if (unknown !== undefined) {
      const samples = [...unknown.names.keys()].slice(0, 3).map((n) => `"${n}"`);
      emit.warning(
        'NAT_UNKNOWN_MESSAGES',
        `${unknown.count} line${unknown.count === 1 ? ' is not a' : 's are not'} ${this.parser} record${unknown.count === 1 ? '' : 's'}, skipped (first at line ${unknown.first}; e.g. ${samples.join(', ')})`,
        { line: unknown.first },
      );
    }
    const ignored = this.kinds.get('ignored');
    if (ignored !== undefined) {
      const names = [...ignored.names.entries()].map(([n, c]) => `${n} ×${c}`);
      emit.warning(
        'NAT_MESSAGES_IGNORED',
        `${ignored.count} ${this.parser} message${ignored.count === 1 ? '' : 's'} without an address mapping, skipped (first at line ${ignored.first}): ${names.join(', ')}`,
        { line: ignored.first },
      );
    }
    this.kinds.clear();
  }
}

/** Per-artefact state handed to a NAT line handler. */
export interface NatKit {
  readonly tally: MessageTally;
  /**
   * The record's time: `record` (in-record epoch) first, then the device stamp, then the header;
   * stamps not used go to `extra.headerTime` / `extra.deviceTime`. Without any stamp: ts null and
   * `NAT_NO_TIMESTAMP` with `missing` saying what is absent.
   */
  time(
    header: SyslogHeader | null,
    record: RecordTime | null,
    locator: Locator,
    emit: Emit,
    missing: string,
  ): TimeFields;
}

function createKit(parserName: string, options: ParseOptions): NatKit {
  const tracker: SyslogYearTracker = createSyslogYearTracker(options.year);
  const stampOptions = {
    ...(options.assumeZone === undefined ? {} : { assumeZone: options.assumeZone }),
    ...(options.ambiguousTime === undefined ? {} : { ambiguousTime: options.ambiguousTime }),
  };
  return {
    tally: new MessageTally(parserName),
    time(header, record, locator, emit, missing) {
      // The tracker follows every 3164 header in file order, used or not.
      let headerParsed: TimeParseResult | null = null;
      let headerWarnings: readonly ParseWarning[] = [];
      const h: HeaderStamp | null = header?.header ?? null;
      if (h !== null) {
        if (h.kind === 'syslog') {
          const step = tracker.next(h.md, locator);
          headerParsed = step.time;
          headerWarnings = step.warnings;
        } else {
          headerParsed = h.parsed;
        }
      }
      const device = header?.device ?? null;
      const extra: Extra = {};
      let chosen: RecordTime | null = null;
      if (record !== null) {
        chosen = record;
      } else if (device !== null && device.kind === 'parsed') {
        chosen = { tsRaw: device.tsRaw, parsed: device.parsed };
      } else if (h !== null && headerParsed !== null) {
        chosen = { tsRaw: h.tsRaw, parsed: headerParsed };
        emit.warnings(headerWarnings);
      }
      if (h !== null && chosen?.tsRaw !== h.tsRaw) extra.headerTime = h.tsRaw;
      if (device !== null && chosen?.tsRaw !== device.tsRaw) extra.deviceTime = device.tsRaw;
      if (chosen === null) {
        emit.warning(
          'NAT_NO_TIMESTAMP',
          `line ${'line' in locator ? locator.line : '?'} has no timestamp (${missing}); ts is null`,
          locator,
        );
        return { ts: null, tsRaw: '', zone: UNKNOWN_ZONE, extra };
      }
      const t = stamp({ tsRaw: chosen.tsRaw, parsed: chosen.parsed, locator }, stampOptions);
      emit.warnings(t.warnings);
      return { ts: t.ts, tsRaw: chosen.tsRaw, zone: t.zone, extra };
    },
  };
}

/**
 * A line parser for a NAT format: blank lines are skipped; `onLine` gets the kit; the tally is
 * flushed at the end.
 */
export function createNatLineParser(
  parserName: string,
  options: ParseOptions,
  ctx: Pick<ParserContext, 'maxLineLength'>,
  onLine: (line: Line, kit: NatKit, emit: Emit) => void,
): StreamingParser {
  const kit = createKit(parserName, options);
  return createLineParser(parserName, ctx, {
    onLine(line, emit) {
      let blank = true;
      for (let i = 0; i < line.text.length; i++) {
        const c = line.text.charCodeAt(i);
        if (c !== 32 && c !== 9 && c !== 13) {
          blank = false;
          break;
        }
      }
      if (blank) return;
      onLine(line, kit, emit);
    },
    onEnd(emit) {
      kit.tally.flush(emit);
    },
  });
}

/** The first `max` lines of a detect() sample that are not blank. */
export function headLines(head: string, max = 40): string[] {
  const out: string[] = [];
  let from = 0;
  while (out.length < max && from < head.length) {
    let nl = head.indexOf('\n', from);
    if (nl < 0) nl = head.length;
    const line = head.slice(from, nl);
    if (line.trim().length > 0) out.push(line);
    from = nl + 1;
  }
  return out;
}

/**
 * A detect() score from how many head lines look like the format: none → 0; otherwise 0.9 when
 * at least one does, rising to 0.97 when all do. The last line of a head may be cut, so a
 * partial last line does not count against the format.
 */
export function scoreLines(head: string, looksLike: (line: string) => boolean): number {
  const lines = headLines(head);
  if (lines.length === 0) return 0;
  let hits = 0;
  for (const l of lines) if (looksLike(l)) hits++;
  if (hits === 0) return 0;
  const considered = Math.max(1, lines.length - (head.endsWith('\n') ? 0 : 1));
  const share = Math.min(1, hits / considered);
  return 0.9 + 0.07 * share;
}

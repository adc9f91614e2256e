/**
 * A10 Thunder CGN (ACOS) ASCII logs (formats.md §4.6; grammar [P] from veesix-networks/cgn-ec-consumer
 * comments and patterns). After an optional syslog header:
 *
 * - `NAT-<PROTO>-<L>: <in-ip>:<in-port> -> <x-ip>: <x-port>` (port mapping, code-comment form);
 * - `NAT-<PROTO>-<L>: <in-ip>:<in-port><-->(<x-ip>):<x-port> to <dst-ip>:<dst-port>` (port
 *   mapping, pattern form; the parentheses are optional);
 * - `NAT-<PROTO>-<L>: <fwd-src>:<p><-><fwd-dst>:<p>, <rev-src>:<p><--><rev-dst>:<p>` (session):
 *   read as cgn-ec reads it, the reverse source being the translated (outside) address and port
 *   [U]; the reverse destination is kept in `extra.reverseDestination`.
 *   All three → `nat:session`. The letter `<L>` as cgn-ec decodes it [U]: `C` and `B` → create,
 *   `D` → delete; others (`U` = update, unknown letters) carry no create/delete and are counted
 *   (`NAT_MESSAGES_IGNORED`). `vendorEvent` keeps `NAT-TCP-C` as written.
 * - `FIXED-NAT-PORTS <in-ip>-><x-ip>:<lo>-<hi>` (Fixed-NAT, deterministic) → `nat:portblock`
 *   allocate with flag `fixed-nat` (a configured mapping: valid until the configuration changes).
 * - `PortBatchV2Allocated: [<in-ip> <x-ip> <lo> <hi>]` (port batching; akvorado issue #1444,
 *   anonymised) → `nat:portblock` allocate; names ending in `Freed`/`Released`/`Deallocated` →
 *   release [U]. The stamp may be glued to the name (`09:04:54PortBatchV2Allocated`).
 * Time: the syslog header (no zone in the line: --assume-zone, and --year for RFC 3164).
 */
import type { Locator } from '../../model/event';
import type { Emit } from '../line-parser';
import {
  RecordCheck,
  checkRange,
  createNatLineParser,
  makePortblock,
  makeSession,
  normalizeProtocol,
  readSyslogHeader,
  reportReversed,
  scoreLines,
  splitHostPort,
  tokens,
  type Extra,
  type NatKit,
} from '../nat-common';
import type { Parser } from '../types';

const NAME = 'a10-cgn';
const NO_TIME = 'no syslog header timestamp before the message';

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** `NAT-TCP-C:` at `at`: the protocol, the letter, the full name and where the payload starts. */
function readNatName(
  text: string,
  at: number,
): { proto: string; letter: string; name: string; payload: number } | null {
  let i = at + 4;
  const protoStart = i;
  while (i < text.length && isUpper(text.charCodeAt(i))) i++;
  if (i === protoStart || text.charCodeAt(i) !== 45) return null;
  const proto = text.slice(protoStart, i);
  i++;
  const letterStart = i;
  while (i < text.length && isUpper(text.charCodeAt(i))) i++;
  if (i === letterStart || text.charCodeAt(i) !== 58) return null;
  return { proto, letter: text.slice(letterStart, i), name: text.slice(at, i), payload: i + 1 };
}

/** Removes every blank and the parentheses around an address: `(5.5.5.5): 2048` → `5.5.5.5:2048`. */
function compact(text: string): string {
  const pieces: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 40 || c === 41) {
      if (i > from) pieces.push(text.slice(from, i));
      from = i + 1;
    }
  }
  if (from === 0) return text;
  if (from < text.length) pieces.push(text.slice(from));
  return pieces.join('');
}

function letterEvent(letter: string): 'create' | 'delete' | null {
  if (letter === 'C' || letter === 'B') return 'create';
  if (letter === 'D') return 'delete';
  return null;
}

function natSession(
  text: string,
  at: number,
  kit: NatKit,
  emit: Emit,
  locator: Locator,
  lineNumber: number,
): void {
  const head = readNatName(text, at);
  if (head === null) {
    kit.tally.unknown(lineNumber, text.slice(at, at + 40));
    return;
  }
  const event = letterEvent(head.letter);
  if (event === null) {
    kit.tally.ignored(lineNumber, head.name);
    return;
  }
  const payload = text.slice(head.payload);
  let inside: string | undefined;
  let outside: string | undefined;
  let dest: string | undefined;
  const extra: Extra = {};
  const two = payload.indexOf('<->');
  const four = payload.indexOf('<-->');
  if (two >= 0 && four > two) {
    // fwd_src:port<->fwd_dst:port, rev_src:port<-->rev_dst:port
    const comma = payload.indexOf(',', two);
    if (comma > two && comma < four) {
      inside = compact(payload.slice(0, two));
      dest = compact(payload.slice(two + 3, comma));
      outside = compact(payload.slice(comma + 1, four));
      const revDst = compact(payload.slice(four + 4));
      if (revDst !== '') extra.reverseDestination = revDst.slice(0, 100);
    }
  } else if (four >= 0) {
    inside = compact(payload.slice(0, four));
    const to = payload.indexOf(' to ', four);
    outside = compact(to < 0 ? payload.slice(four + 4) : payload.slice(four + 4, to));
    if (to >= 0) dest = compact(payload.slice(to + 4));
  } else {
    const arrow = payload.indexOf('->');
    if (arrow >= 0) {
      inside = compact(payload.slice(0, arrow));
      outside = compact(payload.slice(arrow + 2));
    }
  }
  const check = new RecordCheck();
  const i = inside === undefined || inside === '' ? null : splitHostPort(inside);
  const o = outside === undefined || outside === '' ? null : splitHostPort(outside);
  const d = dest === undefined || dest === '' ? null : splitHostPort(dest);
  const insideIp = check.ip('inside address', i?.host, true);
  const insidePort = check.port('inside port', i?.port, false);
  const outsideIp = check.ip('translated address', o?.host, true);
  const outsidePort = check.port('translated port', o?.port, false);
  const destIp = check.ip('destination address', d?.host, false);
  const destPort = check.port('destination port', d?.port, false);
  if (
    !check.report(emit, locator, head.name) ||
    insideIp === undefined ||
    outsideIp === undefined
  ) {
    return;
  }
  const header = readSyslogHeader(text, at);
  emit.event(
    makeSession(kit.time(header, null, locator, emit, NO_TIME), locator, {
      event,
      protocol: normalizeProtocol(head.proto),
      insideIp,
      insidePort,
      outsideIp,
      outsidePort,
      destIp,
      destPort,
      vendorEvent: head.name,
      extra,
    }),
  );
}

function fixedNat(text: string, at: number, kit: NatKit, emit: Emit, locator: Locator): void {
  const name = 'FIXED-NAT-PORTS';
  const rest = compact(text.slice(at + name.length));
  const arrow = rest.indexOf('->');
  const insideRaw = arrow < 0 ? rest : rest.slice(0, arrow);
  const target = arrow < 0 ? '' : rest.slice(arrow + 2);
  const colon = target.lastIndexOf(':');
  const outsideRaw = colon < 0 ? target : target.slice(0, colon);
  const ports = colon < 0 ? '' : target.slice(colon + 1);
  const dash = ports.indexOf('-');
  const check = new RecordCheck();
  const insideIp = check.ip('inside address', insideRaw, true);
  const outsideIp = check.ip('translated address', outsideRaw, true);
  const range = checkRange(
    check,
    'first port',
    dash < 0 ? ports : ports.slice(0, dash),
    'last port',
    dash < 0 ? undefined : ports.slice(dash + 1),
  );
  if (!check.report(emit, locator, name) || insideIp === undefined || outsideIp === undefined)
    return;
  if (range === null) return;
  if (range.reversed) {
    reportReversed(emit, locator, name, range.start, range.end);
    return;
  }
  const header = readSyslogHeader(text, at);
  emit.event(
    makePortblock(kit.time(header, null, locator, emit, NO_TIME), locator, {
      event: 'allocate',
      insideIp,
      outsideIp,
      portStart: range.start,
      portEnd: range.end,
      vendorEvent: name,
      flags: ['fixed-nat'],
    }),
  );
}

function batchEvent(name: string): 'allocate' | 'release' | null {
  if (name.endsWith('Allocated')) return 'allocate';
  if (name.endsWith('Freed') || name.endsWith('Released') || name.endsWith('Deallocated')) {
    return 'release';
  }
  return null;
}

function portBatch(
  text: string,
  at: number,
  kit: NatKit,
  emit: Emit,
  locator: Locator,
  lineNumber: number,
): void {
  let end = at;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (!ok) break;
    end++;
  }
  const name = text.slice(at, end);
  const event = batchEvent(name);
  if (event === null) {
    kit.tally.ignored(lineNumber, name);
    return;
  }
  const open = text.indexOf('[', end);
  const close = open < 0 ? -1 : text.indexOf(']', open);
  const fields = open < 0 ? [] : tokens(text, open + 1, close < 0 ? text.length : close);
  const check = new RecordCheck();
  const insideIp = check.ip('inside address', fields[0], true);
  const outsideIp = check.ip('public address', fields[1], true);
  const range = checkRange(check, 'first port', fields[2], 'last port', fields[3]);
  if (!check.report(emit, locator, name) || insideIp === undefined || outsideIp === undefined)
    return;
  if (range === null) return;
  if (range.reversed) {
    reportReversed(emit, locator, name, range.start, range.end);
    return;
  }
  const header = readSyslogHeader(text, at);
  emit.event(
    makePortblock(kit.time(header, null, locator, emit, NO_TIME), locator, {
      event,
      insideIp,
      outsideIp,
      portStart: range.start,
      portEnd: range.end,
      vendorEvent: name,
    }),
  );
}

/** Where `NAT-<UPPER>-` starts on the line, or -1. */
function findNat(text: string): number {
  let from = 0;
  for (;;) {
    const at = text.indexOf('NAT-', from);
    if (at < 0) return -1;
    const prev = at === 0 ? 32 : text.charCodeAt(at - 1);
    // Not the tail of `FIXED-NAT-PORTS` (or any other word).
    if (!isUpper(prev) && prev !== 45 && readNatName(text, at) !== null) return at;
    from = at + 4;
  }
}

function looksA10(line: string): boolean {
  return findNat(line) >= 0 || line.includes('FIXED-NAT-PORTS') || line.includes('PortBatch');
}

export const a10CgnParser: Parser = {
  name: NAME,
  version: '1.0.0',
  description:
    'A10 Thunder CGN (ACOS) logs: NAT-<proto>-<event> sessions, FIXED-NAT-PORTS, port batches',
  kinds: ['nat-log'],
  eventTypes: ['nat:session', 'nat:portblock'],
  detect(sample) {
    return scoreLines(sample.head, looksA10);
  },
  createParser(options, ctx) {
    return createNatLineParser(NAME, options, ctx, (line, kit, emit) => {
      const text = line.text;
      const locator: Locator = { line: line.number };
      const fixed = text.indexOf('FIXED-NAT-PORTS');
      if (fixed >= 0) {
        fixedNat(text, fixed, kit, emit, locator);
        return;
      }
      const batch = text.indexOf('PortBatch');
      if (batch >= 0) {
        portBatch(text, batch, kit, emit, locator, line.number);
        return;
      }
      const nat = findNat(text);
      if (nat >= 0) {
        natSession(text, nat, kit, emit, locator, line.number);
        return;
      }
      kit.tally.unknown(line.number, text.trim());
    });
  },
};

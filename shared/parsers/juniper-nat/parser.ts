/**
 * Juniper NAT syslog (formats.md §4.3, §4.4): one parser for the Juniper families, because they
 * share the syslog framing and are told apart by the message name on each line, and an SRX or MX
 * log file mixes them (PBA and flow-session messages side by side):
 *
 * - `RT_SRC_NAT_PBA_ALLOC|INTERIM|RELEASE` (SRX / MX-SPC3 Next Gen Services) → `nat:portblock`
 *   (`allocate|interim|release`). Structured data, with or without the RFC 5424 SD-ID
 *   (`[junos@2636.… internal-ip="…" …]` or the "brief" `RT_NAT - RT_SRC_NAT_PBA_ALLOC [internal-ip="…"
 *   …]`): `internal-ip` → insideIp, `reflexive-ip` → outsideIp, `block-port-low..high` inclusive.
 *   Time: hex `epoch-time-64` (Unix seconds) when present — INTERIM repeats the ALLOC time, so the
 *   syslog header (when sending time) goes to `extra.headerTime`. The plain-text message form
 *   (`Subscriber <ip> … port block [<lo>-<hi>] from <ip> in source pool <name>`) is read by
 *   keywords [U: not verified against a real line]; its time is the header's.
 * - `JSERVICES_NAT_PORT_BLOCK_ALLOC|RELEASE|ACTIVE` (MX MS-MPC) → `nat:portblock`
 *   (`allocate|release|interim`): `<inside> -> <outside>:<lo>-<hi> [… 0x<hex epoch>]`. Time: the
 *   trailing hex epoch, else the device stamp (`YYYY-MM-DD hh:mm:ss:`), else the header.
 * - `RT_FLOW_SESSION_CREATE|CLOSE` (also `_USF`, `_LS` suffixes) → `nat:session`
 *   (`create|delete`): structured form (`source-address` → insideIp, `nat-source-address` /
 *   `nat-source-port` → outsideIp / outsidePort, `destination-*` → dest, `protocol-id`,
 *   `routing-instance` → vrf) or the Junos 10.2 text form (`session created src/sport->dst/dport
 *   service natsrc/natsport->natdst/natdport srcrule dstrule proto …`). Time: the header.
 * - `MSVCS_LOG_SESSION_OPEN|CLOSE` (MS-MPC) → `nat:session`:
 *   `<inside>:<port> [<outside>:<port>] -> <dst>:<port> (<PROTO>)`.
 * Other Juniper messages (`RT_FLOW_SESSION_DENY`, `JSERVICES_NAT_RULE_MATCH`, …) carry no mapping:
 * counted once (`NAT_MESSAGES_IGNORED`); lines without a Juniper message name once
 * (`NAT_UNKNOWN_MESSAGES`).
 */
import type { Locator } from '../../model/event';
import { parseHexEpoch } from '../../time/instant';
import type { Emit } from '../line-parser';
import {
  RecordCheck,
  checkRange,
  clip,
  createNatLineParser,
  firstValues,
  makePortblock,
  makeSession,
  normalizeProtocol,
  parseCount,
  readSyslogHeader,
  reportReversed,
  scanKeyValues,
  scoreLines,
  skipBlanks,
  splitHostPort,
  tokens,
  type Extra,
  type NatKit,
  type RecordTime,
} from '../nat-common';
import type { Parser } from '../types';

const NAME = 'juniper-nat';

/** Message-name prefixes this parser knows, in the order they are searched for. */
const FAMILIES = [
  'RT_SRC_NAT_PBA_',
  'JSERVICES_NAT_',
  'RT_FLOW_SESSION_',
  'MSVCS_LOG_SESSION_',
  'RT_NAT_',
  'RT_FLOW_',
] as const;

function isNameChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** The first Juniper message name on the line and where it starts, or null. */
function findMessage(text: string): { name: string; start: number; end: number } | null {
  let best = -1;
  for (const prefix of FAMILIES) {
    const at = text.indexOf(prefix);
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  if (best < 0) return null;
  let end = best;
  while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
  return { name: text.slice(best, end), start: best, end };
}

const PBA_EVENTS: Readonly<Record<string, 'allocate' | 'interim' | 'release'>> = {
  RT_SRC_NAT_PBA_ALLOC: 'allocate',
  RT_SRC_NAT_PBA_INTERIM: 'interim',
  RT_SRC_NAT_PBA_RELEASE: 'release',
  JSERVICES_NAT_PORT_BLOCK_ALLOC: 'allocate',
  JSERVICES_NAT_PORT_BLOCK_ACTIVE: 'interim',
  JSERVICES_NAT_PORT_BLOCK_RELEASE: 'release',
};

function flowEvent(name: string): 'create' | 'delete' | null {
  if (name.startsWith('RT_FLOW_SESSION_CREATE')) return 'create';
  if (name.startsWith('RT_FLOW_SESSION_CLOSE')) return 'delete';
  return null;
}

const NO_HEADER_TIME = 'no syslog header timestamp before the message';

/** `{service-set}` right before `[jservices-nat]` or the message name, for `extra.serviceSet`. */
function serviceSet(text: string, before: number): string | null {
  const close = text.lastIndexOf('}', before);
  if (close < 0) return null;
  const open = text.lastIndexOf('{', close);
  if (open < 0 || close - open > 200) return null;
  return text.slice(open + 1, close);
}

/** The `[…]` structured-data pairs after `from`, or null when the next thing is not `[`. */
function structured(text: string, from: number): Map<string, string> | null {
  let i = skipBlanks(text, from);
  if (text.charCodeAt(i) === 58) i = skipBlanks(text, i + 1);
  if (text.charCodeAt(i) !== 91) return null;
  const kv = scanKeyValues(text, i + 1, text.length, true);
  if (kv.pairs.length === 0) return null;
  return firstValues(kv.pairs);
}

function numberOr(raw: string | undefined): number | string | undefined {
  if (raw === undefined) return undefined;
  const n = parseCount(raw);
  return n === null ? raw : n;
}

function putIf(extra: Extra, key: string, value: string | number | undefined | null): void {
  if (value !== undefined && value !== null && value !== '' && value !== '-') {
    extra[key] = typeof value === 'string' ? value.slice(0, 1000) : value;
  }
}

function rtPba(
  text: string,
  name: string,
  after: number,
  event: 'allocate' | 'interim' | 'release',
  kit: NatKit,
  emit: Emit,
  locator: Locator,
): void {
  const header = readSyslogHeader(text, after);
  const sd = structured(text, after);
  const check = new RecordCheck();
  const extra: Extra = {};
  let insideRaw: string | undefined;
  let outsideRaw: string | undefined;
  let lowRaw: string | undefined;
  let highRaw: string | undefined;
  let record: RecordTime | null = null;
  if (sd !== null) {
    insideRaw = sd.get('internal-ip');
    outsideRaw = sd.get('reflexive-ip');
    lowRaw = sd.get('block-port-low');
    highRaw = sd.get('block-port-high');
    putIf(extra, 'pool', sd.get('nat-pool-name'));
    putIf(extra, 'blockUsed', numberOr(sd.get('block-used')));
    putIf(extra, 'blockMaxPerHost', numberOr(sd.get('block-max-per-host')));
    putIf(extra, 'logicalSystemId', numberOr(sd.get('logical-system-id')));
    const epoch = sd.get('epoch-time-64');
    if (epoch !== undefined) record = { tsRaw: epoch, parsed: parseHexEpoch(epoch) };
  } else {
    // Text form [U]: Subscriber <ip> … port block [<lo>-<hi>] from <ip> in source pool <name>
    const words = tokens(text, after);
    for (let k = 0; k < words.length; k++) {
      const w = words[k] ?? '';
      if (w === 'Subscriber' && insideRaw === undefined) insideRaw = words[k + 1];
      else if (w === 'from' && outsideRaw === undefined) outsideRaw = words[k + 1];
      else if (w === 'pool' && words[k - 1] === 'source') putIf(extra, 'pool', words[k + 1]);
      else if (w === 'block' && words[k - 1] === 'port' && lowRaw === undefined) {
        const range = words[k + 1] ?? '';
        const inner = range.startsWith('[') && range.endsWith(']') ? range.slice(1, -1) : range;
        const dash = inner.indexOf('-');
        if (dash > 0) {
          lowRaw = inner.slice(0, dash);
          highRaw = inner.slice(dash + 1);
        }
      }
    }
  }
  const insideIp = check.ip('internal-ip', insideRaw, true);
  const outsideIp = check.ip('reflexive-ip', outsideRaw, true);
  const range = checkRange(check, 'block-port-low', lowRaw, 'block-port-high', highRaw);
  if (!check.report(emit, locator, name) || insideIp === undefined || outsideIp === undefined)
    return;
  if (range === null) return;
  if (range.reversed) {
    reportReversed(emit, locator, name, range.start, range.end);
    return;
  }
  const time = kit.time(header, record, locator, emit, NO_HEADER_TIME + ' and no epoch-time-64');
  emit.event(
    makePortblock(time, locator, {
      event,
      insideIp,
      outsideIp,
      portStart: range.start,
      portEnd: range.end,
      vendorEvent: name,
      extra,
    }),
  );
}

function jservicesPba(
  text: string,
  msg: { name: string; start: number; end: number },
  event: 'allocate' | 'interim' | 'release',
  kit: NatKit,
  emit: Emit,
  locator: Locator,
): void {
  const header = readSyslogHeader(text, msg.start);
  let i = skipBlanks(text, msg.end);
  if (text.charCodeAt(i) === 58) i++;
  const words = tokens(text, i);
  const check = new RecordCheck();
  // <inside> -> <outside>:<lo>-<hi> …
  const insideRaw = words[0];
  const arrowOk = words[1] === '->';
  const target = arrowOk ? (words[2] ?? '') : '';
  const colon = target.lastIndexOf(':');
  const outsideRaw = colon > 0 ? target.slice(0, colon) : target === '' ? undefined : target;
  const ports = colon > 0 ? target.slice(colon + 1) : '';
  const dash = ports.indexOf('-');
  const lowRaw = dash > 0 ? ports.slice(0, dash) : ports === '' ? undefined : ports;
  const highRaw = dash > 0 ? ports.slice(dash + 1) : undefined;
  const insideIp = check.ip('inside address', insideRaw, true);
  const outsideIp = check.ip('outside address', outsideRaw, true);
  const range = checkRange(check, 'first port', lowRaw, 'last port', highRaw);
  if (!check.report(emit, locator, msg.name) || insideIp === undefined || outsideIp === undefined) {
    return;
  }
  if (range === null) return;
  if (range.reversed) {
    reportReversed(emit, locator, msg.name, range.start, range.end);
    return;
  }
  let record: RecordTime | null = null;
  for (let k = words.length - 1; k >= 3; k--) {
    const w = words[k] ?? '';
    if (w.startsWith('0x') || w.startsWith('0X')) {
      record = { tsRaw: w, parsed: parseHexEpoch(w) };
      break;
    }
  }
  const extra: Extra = {};
  putIf(extra, 'serviceSet', serviceSet(text, msg.start));
  const time = kit.time(header, record, locator, emit, NO_HEADER_TIME + ' and no hex epoch');
  emit.event(
    makePortblock(time, locator, {
      event,
      insideIp,
      outsideIp,
      portStart: range.start,
      portEnd: range.end,
      vendorEvent: msg.name,
      extra,
    }),
  );
}

/** `a.b.c.d/port->e.f.g.h/port` (Junos text form) into its four parts. */
function slashTuple(word: string | undefined): [string, string, string, string] | null {
  if (word === undefined) return null;
  const arrow = word.indexOf('->');
  if (arrow < 0) return null;
  const left = word.slice(0, arrow);
  const right = word.slice(arrow + 2);
  const l = left.lastIndexOf('/');
  const r = right.lastIndexOf('/');
  if (l < 0 || r < 0) return null;
  return [left.slice(0, l), left.slice(l + 1), right.slice(0, r), right.slice(r + 1)];
}

function flowSession(
  text: string,
  msg: { name: string; start: number; end: number },
  event: 'create' | 'delete',
  kit: NatKit,
  emit: Emit,
  locator: Locator,
): void {
  const header = readSyslogHeader(text, msg.start);
  const sd = structured(text, msg.end);
  const check = new RecordCheck();
  const extra: Extra = {};
  let src: string | undefined;
  let sport: string | undefined;
  let dst: string | undefined;
  let dport: string | undefined;
  let natSrc: string | undefined;
  let natSport: string | undefined;
  let proto: string | undefined;
  let vrf: string | undefined;
  if (sd !== null) {
    src = sd.get('source-address');
    sport = sd.get('source-port');
    dst = sd.get('destination-address');
    dport = sd.get('destination-port');
    natSrc = sd.get('nat-source-address');
    natSport = sd.get('nat-source-port');
    proto = sd.get('protocol-id');
    vrf = sd.get('routing-instance');
    putIf(extra, 'sessionId', numberOr(sd.get('session-id-32') ?? sd.get('session-id')));
    putIf(extra, 'serviceName', sd.get('service-name'));
    putIf(extra, 'natDestinationAddress', sd.get('nat-destination-address'));
    putIf(extra, 'natDestinationPort', numberOr(sd.get('nat-destination-port')));
    putIf(extra, 'srcNatRuleName', sd.get('src-nat-rule-name'));
    putIf(extra, 'policyName', sd.get('policy-name'));
    putIf(extra, 'sourceZone', sd.get('source-zone-name'));
    putIf(extra, 'destinationZone', sd.get('destination-zone-name'));
    putIf(extra, 'reason', sd.get('reason'));
    putIf(extra, 'elapsedTime', numberOr(sd.get('elapsed-time')));
  } else {
    // Junos 10.2 text form: "session created <tuple> <service> <nat tuple> <srcrule> <dstrule> <proto> …"
    // and "session closed <reason>: <tuple> …".
    let i = text.indexOf('session ', msg.end);
    if (i >= 0) {
      i += 8;
      if (event === 'delete') {
        const colon = text.indexOf(': ', i);
        if (colon >= 0) {
          const reasonStart = text.indexOf(' ', i);
          putIf(extra, 'reason', clip(text.slice(reasonStart + 1, colon), 200));
          i = colon + 2;
        }
      } else {
        const sp = text.indexOf(' ', i);
        i = sp < 0 ? text.length : sp + 1;
      }
      const words = tokens(text, i);
      const orig = slashTuple(words[0]);
      const nat = slashTuple(words[2]);
      if (orig !== null) [src, sport, dst, dport] = orig;
      if (nat !== null) [natSrc, natSport] = nat;
      putIf(extra, 'serviceName', words[1]);
      putIf(extra, 'srcNatRuleName', words[3]);
      if (words[5] !== undefined && parseCount(words[5]) !== null) proto = words[5];
      putIf(extra, 'policyName', words[6]);
      putIf(extra, 'sourceZone', words[7]);
      putIf(extra, 'destinationZone', words[8]);
      putIf(extra, 'sessionId', numberOr(words[9]));
    }
  }
  const insideIp = check.ip('source-address', src, true);
  const outsideIp = check.ip('nat-source-address', natSrc, true);
  const insidePort = check.port('source-port', sport, false);
  const outsidePort = check.port('nat-source-port', natSport, false);
  const destIp = check.ip('destination-address', dst, false);
  const destPort = check.port('destination-port', dport, false);
  if (!check.report(emit, locator, msg.name) || insideIp === undefined || outsideIp === undefined) {
    return;
  }
  const flags: string[] = [];
  if (insideIp === outsideIp && insidePort === outsidePort) flags.push('untranslated');
  const time = kit.time(header, null, locator, emit, NO_HEADER_TIME);
  emit.event(
    makeSession(time, locator, {
      event,
      protocol: normalizeProtocol(proto),
      insideIp,
      insidePort,
      outsideIp,
      outsidePort,
      destIp,
      destPort,
      vrf,
      vendorEvent: msg.name,
      flags,
      extra,
    }),
  );
}

function msvcsSession(
  text: string,
  msg: { name: string; start: number; end: number },
  event: 'create' | 'delete',
  kit: NatKit,
  emit: Emit,
  locator: Locator,
): void {
  const header = readSyslogHeader(text, msg.start);
  // … <inside>:<port> [<outside>:<port>] -> <dst>:<port> (<PROTO>)
  const open = text.indexOf(' [', msg.end);
  const close = open < 0 ? -1 : text.indexOf(']', open);
  const check = new RecordCheck();
  let insideRaw: string | undefined;
  let outsideRaw: string | undefined;
  let destRaw: string | undefined;
  let proto: string | undefined;
  if (open >= 0 && close > open) {
    const before = tokens(text, msg.end, open);
    insideRaw = before[before.length - 1];
    outsideRaw = text.slice(open + 2, close);
    const after = tokens(text, close + 1);
    if (after[0] === '->') {
      destRaw = after[1];
      proto = after[2];
    }
  }
  const inside = insideRaw === undefined ? null : splitHostPort(insideRaw);
  const outside = outsideRaw === undefined ? null : splitHostPort(outsideRaw);
  const dest = destRaw === undefined ? null : splitHostPort(destRaw);
  const insideIp = check.ip('inside address', inside?.host, true);
  const insidePort = check.port('inside port', inside?.port, false);
  const outsideIp = check.ip('translated address', outside?.host, true);
  const outsidePort = check.port('translated port', outside?.port, false);
  const destIp = check.ip('destination address', dest?.host, false);
  const destPort = check.port('destination port', dest?.port, false);
  if (!check.report(emit, locator, msg.name) || insideIp === undefined || outsideIp === undefined) {
    return;
  }
  const extra: Extra = {};
  putIf(extra, 'serviceSet', serviceSet(text, msg.start));
  const app = text.indexOf('App:', msg.end);
  if (app >= 0 && (open < 0 || app < open)) {
    const end = text.indexOf(',', app);
    if (end > app) putIf(extra, 'app', text.slice(app + 4, Math.min(end, app + 204)));
  }
  const time = kit.time(header, null, locator, emit, NO_HEADER_TIME);
  emit.event(
    makeSession(time, locator, {
      event,
      protocol: normalizeProtocol(proto),
      insideIp,
      insidePort,
      outsideIp,
      outsidePort,
      destIp,
      destPort,
      vendorEvent: msg.name,
      extra,
    }),
  );
}

function looksJuniper(line: string): boolean {
  return (
    line.includes('RT_SRC_NAT_PBA_') ||
    line.includes('JSERVICES_NAT_') ||
    line.includes('RT_FLOW_SESSION_') ||
    line.includes('MSVCS_LOG_SESSION_')
  );
}

export const juniperNatParser: Parser = {
  name: NAME,
  version: '1.0.0',
  description:
    'Juniper NAT syslog: RT_SRC_NAT_PBA (hex epoch), JSERVICES_NAT_PORT_BLOCK, RT_FLOW_SESSION and MSVCS_LOG_SESSION',
  kinds: ['nat-log'],
  eventTypes: ['nat:portblock', 'nat:session'],
  detect(sample) {
    return scoreLines(sample.head, looksJuniper);
  },
  createParser(options, ctx) {
    return createNatLineParser(NAME, options, ctx, (line, kit, emit) => {
      const text = line.text;
      const locator: Locator = { line: line.number };
      const msg = findMessage(text);
      if (msg === null) {
        kit.tally.unknown(line.number, text.trim());
        return;
      }
      const pba = PBA_EVENTS[msg.name];
      if (pba !== undefined) {
        if (msg.name.startsWith('RT_')) rtPba(text, msg.name, msg.end, pba, kit, emit, locator);
        else jservicesPba(text, msg, pba, kit, emit, locator);
        return;
      }
      const flow = flowEvent(msg.name);
      if (flow !== null) {
        flowSession(text, msg, flow, kit, emit, locator);
        return;
      }
      if (msg.name === 'MSVCS_LOG_SESSION_OPEN' || msg.name === 'MSVCS_LOG_SESSION_CLOSE') {
        const ev = msg.name.endsWith('OPEN') ? 'create' : 'delete';
        msvcsSession(text, msg, ev, kit, emit, locator);
        return;
      }
      kit.tally.ignored(line.number, msg.name);
    });
  },
};

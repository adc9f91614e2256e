/**
 * F5 BIG-IP CGNAT (LSN pools) syslog (formats.md §4.7; grammar [P] from the cgn-ec generator and
 * pattern): after an optional syslog header,
 *
 *   <EVENT> <client-ip>%<rd>:<port> <proto> <translated-ip>%<rd>:<port> <dst-ip> <dst-port>
 *
 * `LSN_ADD` / `LSN_INBOUND_ADD` → `nat:session` create, `LSN_DELETE` / `LSN_INBOUND_DELETE` →
 * delete (inbound ones flagged `inbound`). The client's `%rd` route domain becomes `vrf` (kept as
 * written, `%0` → `"0"`: never dropped); the translated address's route domain, when different,
 * is `extra.outsideRouteDomain`. `<proto>` is the IANA number (6 → `tcp`). Other `LSN_*` messages
 * (the PBA names `LSN_PB_ALLOCATED` / `LSN_PB_RELEASED` are [U] with no documented grammar) are
 * counted once (`NAT_MESSAGES_IGNORED`), never guessed. Time: the syslog header when present
 * (F5 lines carry no zone: --assume-zone); a bare record gets ts null and `NAT_NO_TIMESTAMP`.
 */
import type { Locator } from '../../model/event';
import type { Emit } from '../line-parser';
import {
  RecordCheck,
  createNatLineParser,
  makeSession,
  normalizeProtocol,
  readSyslogHeader,
  scoreLines,
  splitHostPort,
  tokens,
  type Extra,
  type NatKit,
} from '../nat-common';
import type { Parser } from '../types';

const NAME = 'f5-lsn';

const EVENTS: Readonly<Record<string, { event: 'create' | 'delete'; inbound: boolean }>> = {
  LSN_ADD: { event: 'create', inbound: false },
  LSN_DELETE: { event: 'delete', inbound: false },
  LSN_INBOUND_ADD: { event: 'create', inbound: true },
  LSN_INBOUND_DELETE: { event: 'delete', inbound: true },
};

/** `ip%rd:port` (IPv4 or IPv6), `ip:port` or `[v6]:port` into its parts. */
export function splitRouteDomain(text: string): {
  host: string;
  rd: string | null;
  port: string | null;
} {
  const pct = text.indexOf('%');
  if (pct < 0) {
    const hp = splitHostPort(text);
    return { host: hp.host, rd: null, port: hp.port };
  }
  const host = text.slice(0, pct);
  const rest = text.slice(pct + 1);
  const colon = rest.indexOf(':');
  if (colon < 0) return { host, rd: rest, port: null };
  return { host, rd: rest.slice(0, colon), port: rest.slice(colon + 1) };
}

function isRouteDomain(rd: string | null): boolean {
  if (rd === null || rd.length === 0 || rd.length > 10) return false;
  for (let i = 0; i < rd.length; i++) {
    const c = rd.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function onLine(text: string, lineNumber: number, kit: NatKit, emit: Emit): void {
  const locator: Locator = { line: lineNumber };
  const at = text.indexOf('LSN_');
  if (at < 0) {
    kit.tally.unknown(lineNumber, text.trim());
    return;
  }
  let end = at;
  while (end < text.length && text.charCodeAt(end) !== 32 && text.charCodeAt(end) !== 9) end++;
  let name = text.slice(at, end);
  if (name.endsWith(':')) name = name.slice(0, -1);
  const kind = EVENTS[name];
  if (kind === undefined) {
    kit.tally.ignored(lineNumber, name);
    return;
  }
  const fields = tokens(text, end);
  const check = new RecordCheck();
  const client = fields[0] === undefined ? null : splitRouteDomain(fields[0]);
  const translated = fields[2] === undefined ? null : splitRouteDomain(fields[2]);
  const insideIp = check.ip('client address', client?.host, true);
  const insidePort = check.port('client port', client?.port, true);
  const protocolRaw = check.text('protocol', fields[1]);
  const outsideIp = check.ip('translated address', translated?.host, true);
  const outsidePort = check.port('translated port', translated?.port, true);
  const destIp = check.ip('destination address', fields[3], false);
  const destPort = check.port('destination port', fields[4], false);
  for (const [label, part] of [
    ['client route domain', client],
    ['translated route domain', translated],
  ] as const) {
    if (part !== null && part.rd !== null && !isRouteDomain(part.rd)) {
      check.invalid.push(`${label} "${part.rd.slice(0, 24)}" is not a number`);
    }
  }
  const protocol = normalizeProtocol(protocolRaw);
  if (protocolRaw !== undefined && protocol === null) {
    check.invalid.push(`protocol "${protocolRaw.slice(0, 24)}" is not a protocol`);
  }
  if (!check.report(emit, locator, name) || insideIp === undefined || outsideIp === undefined)
    return;
  const extra: Extra = {};
  const vrf = client?.rd ?? null;
  if (translated?.rd !== undefined && translated.rd !== null && translated.rd !== vrf) {
    extra.outsideRouteDomain = translated.rd;
  }
  const header = readSyslogHeader(text, at);
  const time = kit.time(
    header,
    null,
    locator,
    emit,
    'no syslog header timestamp before the LSN record',
  );
  emit.event(
    makeSession(time, locator, {
      event: kind.event,
      protocol,
      insideIp,
      insidePort,
      outsideIp,
      outsidePort,
      destIp,
      destPort,
      vrf,
      vendorEvent: name,
      flags: kind.inbound ? ['inbound'] : [],
      extra,
    }),
  );
}

function looksF5(line: string): boolean {
  return (
    (line.includes('LSN_ADD ') ||
      line.includes('LSN_DELETE ') ||
      line.includes('LSN_INBOUND_') ||
      line.includes('LSN_PB_')) &&
    line.includes('%')
  );
}

export const f5LsnParser: Parser = {
  name: NAME,
  version: '1.0.0',
  description: 'F5 BIG-IP CGNAT LSN syslog: LSN_ADD/LSN_DELETE sessions with %route-domain',
  kinds: ['nat-log'],
  eventTypes: ['nat:session'],
  detect(sample) {
    return scoreLines(sample.head, looksF5);
  },
  createParser(options, ctx) {
    return createNatLineParser(NAME, options, ctx, (line, kit, emit) => {
      onLine(line.text, line.number, kit, emit);
    });
  },
};

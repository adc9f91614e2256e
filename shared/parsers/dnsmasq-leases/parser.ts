/**
 * dnsmasq `dnsmasq.leases` (formats.md §6.3) → `dhcp:lease` events.
 *
 * One lease per line, `<expiry> <mac> <ip> <hostname|*> <client-id|*>` (client id may be absent
 * in old files). A `duid <server-duid>` line starts the DHCPv6 part: the following lines are
 * `<expiry> <iaid> <ipv6> <hostname|*> <client-duid|*>` (IAID prefixed `T` for a temporary
 * address).
 *
 * Only the expiry is stored: `end` = expiry (Unix seconds, zone `epoch`), and `ts` is that same
 * instant (`tsRaw` = the expiry text) since the file holds no other time. No `start`: it needs the
 * configured lease time, which the file does not say. Expiry `0` is an infinite lease: `end` null,
 * `ts` null, flag `infinite-lease`. (A dnsmasq built with HAVE_BROKEN_RTC writes the lease length
 * instead of the expiry; such files cannot be told apart and are read as expiries.)
 * `mac` = the MAC (lowercase; a `06-` style hardware-type prefix is kept), `hostname` unless `*`;
 * `extra.clientId`, and for v6 `extra.iaid`, `extra.serverDuid`, flag `temporary-address` for `T`.
 */
import type { DhcpLeaseEvent, Locator } from '../../model/event';
import { normalizeIp } from '../../net/ip';
import { parseEpoch, stamp } from '../../time';
import { createLineParser } from '../line-parser';
import type { DetectSample, ParseOptions, Parser, ParserContext, StreamingParser } from '../types';

export const DNSMASQ_WARNING_CODES = [
  /** A line with the wrong number of fields: skipped. */
  'DNSMASQ_FIELDS',
  /** The address is not an IP address: skipped. */
  'DNSMASQ_ADDRESS_INVALID',
  /** The expiry is not Unix seconds: the lease is kept without times. */
  'DNSMASQ_EXPIRY_INVALID',
] as const;

const MAX_FIELD_LENGTH = 4096;

function fieldsOf(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c === 32 || c === 9) {
      if (start >= 0) out.push(text.slice(start, i));
      start = -1;
    } else if (start < 0) {
      start = i;
    }
  }
  return out;
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function createDnsmasqParser(_options: ParseOptions, ctx: ParserContext): StreamingParser {
  let v6 = false;
  let serverDuid: string | null = null;
  return createLineParser('dnsmasq-leases', ctx, {
    onLine(line, emit) {
      const locator: Locator = { line: line.number };
      const f = fieldsOf(line.text);
      if (f.length === 0) return;
      if (f[0] === 'duid' && f.length === 2) {
        v6 = true;
        serverDuid = (f[1] ?? '').slice(0, MAX_FIELD_LENGTH);
        return;
      }
      if (f.length !== 4 && f.length !== 5) {
        emit.warning(
          'DNSMASQ_FIELDS',
          `line ${line.number} has ${f.length} fields, expected "<expiry> <mac> <ip> <hostname> <client-id>"; skipped`,
          locator,
        );
        return;
      }
      if (f.some((x) => x.length > MAX_FIELD_LENGTH)) {
        emit.warning(
          'DNSMASQ_FIELDS',
          `line ${line.number} has an over-long field; skipped`,
          locator,
        );
        return;
      }
      const [expiryText = '', second = '', ipText = '', host = '*', client = '*'] = f;
      const ip = normalizeIp(ipText);
      if (ip === null) {
        emit.warning(
          'DNSMASQ_ADDRESS_INVALID',
          `"${ipText.slice(0, 80)}" on line ${line.number} is not an IP address; skipped`,
          locator,
        );
        return;
      }
      const event: DhcpLeaseEvent = {
        type: 'dhcp:lease',
        ts: null,
        tsRaw: expiryText,
        zone: { source: 'unknown', offset: null, name: null },
        locator,
        ip,
      };
      const flags: string[] = [];
      const extra: Record<string, string | number> = {};
      const isV6Line = v6 && ip.includes(':');
      if (isV6Line) {
        let iaid = second;
        if (iaid.startsWith('T')) {
          flags.push('temporary-address');
          iaid = iaid.slice(1);
        }
        extra['iaid'] = isDigits(iaid) && iaid.length < 16 ? Number(iaid) : iaid;
        if (serverDuid !== null) extra['serverDuid'] = serverDuid;
      } else {
        event.mac = second.toLowerCase().slice(0, 128);
      }
      if (host !== '*') event.hostname = host;
      if (client !== '*') extra['clientId'] = client;

      if (expiryText === '0') {
        event.end = null;
        event.zone = { source: 'epoch', offset: null, name: null };
        flags.push('infinite-lease');
      } else {
        const parsed = parseEpoch(expiryText, 's');
        if (!parsed.ok) {
          emit.warning(
            'DNSMASQ_EXPIRY_INVALID',
            `expiry "${expiryText.slice(0, 40)}" on line ${line.number} is not Unix seconds (${parsed.reason})`,
            locator,
          );
        } else {
          const t = stamp({ tsRaw: expiryText, parsed, locator });
          emit.warnings(t.warnings);
          event.ts = t.ts;
          event.zone = t.zone;
          event.end = t.ts;
        }
      }
      if (flags.length > 0) event.flags = flags.sort();
      if (Object.keys(extra).length > 0) event.extra = extra;
      emit.event(event);
    },
  });
}

function looksLikeMac(s: string): boolean {
  if (s.length < 11 || s.length > 64) return false;
  let colons = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (c === 58 || s.charCodeAt(i) === 45) colons++;
    else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return colons >= 5;
}

function detectDnsmasq(sample: DetectSample): number {
  const head = sample.head.slice(0, 16384);
  const lines = head.split('\n', 20).filter((l) => l.trim() !== '');
  let good = 0;
  let bad = 0;
  for (const l of lines.slice(0, lines.length > 1 ? lines.length - 1 : 1)) {
    const f = fieldsOf(l.replace('\r', ''));
    if (f[0] === 'duid' && f.length === 2) {
      good++;
      continue;
    }
    const ok =
      (f.length === 5 || f.length === 4) &&
      isDigits(f[0] ?? '') &&
      (f[0] ?? '').length <= 12 &&
      normalizeIp(f[2] ?? '') !== null &&
      (looksLikeMac(f[1] ?? '') || isDigits((f[1] ?? '').replace('T', '')));
    if (ok) good++;
    else bad++;
  }
  if (good === 0) return 0;
  const name = (sample.fileName ?? '').toLowerCase();
  const base = bad === 0 ? 0.9 : good > bad ? 0.6 : 0.2;
  return name.includes('dnsmasq') ? Math.min(0.97, base + 0.05) : base;
}

export const dnsmasqLeasesParser: Parser = {
  name: 'dnsmasq-leases',
  version: '1.0.0',
  description: 'dnsmasq dnsmasq.leases (expiry, MAC, IP, hostname, client id) as dhcp:lease',
  kinds: ['dhcp-leases'],
  eventTypes: ['dhcp:lease'],
  detect: detectDnsmasq,
  createParser: createDnsmasqParser,
};

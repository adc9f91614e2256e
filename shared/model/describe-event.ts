import type { Locator, SealcaseEvent } from './event';

const port = (p: number | undefined) => (p === undefined ? '' : `:${p}`);
const or = (v: string | undefined, fallback = '?') => (v === undefined || v === '' ? fallback : v);
const ports = (a: number | undefined, b: number | undefined) =>
  a === undefined ? 'no port' : a === b || b === undefined ? `port ${a}` : `ports ${a}–${b}`;

/** One line saying what an event records, for tables and previews (never for evidence). */
export function describeEvent(e: SealcaseEvent): string {
  switch (e.type) {
    case 'http:access':
      return `${or(e.clientIp)}${port(e.clientPort)} ${or(e.method, '')} ${or(e.path, '')} → ${e.status ?? '?'}`.replace(
        /\s+/g,
        ' ',
      );
    case 'ssh:auth':
      return `${or(e.outcome)} ${or(e.user, '(no user)')} from ${or(e.clientIp)}${port(e.clientPort)}`;
    case 'email:message':
      return `from ${or(e.from)} — ${or(e.subject, '(no subject)')}`;
    case 'email:received':
      return `hop ${e.hop}: from ${or(e.fromHelo, '')} (${or(e.fromRdns, '')} [${or(e.fromIp, '')}]) by ${or(e.byHost)}`;
    case 'nat:session':
      return `${e.event} ${e.protocol ?? ''} ${e.insideIp}${port(e.insidePort)} → ${e.outsideIp}${port(e.outsidePort)}${e.vrf === undefined ? '' : ` (vrf ${e.vrf})`}`;
    case 'nat:portblock':
      return `${e.event} ${e.insideIp} → ${e.outsideIp} ${ports(e.portStart, e.portEnd)}${e.vrf === undefined ? '' : ` (vrf ${e.vrf})`}`;
    case 'aaa:session':
      return `${e.event} ${or(e.user, '(no user)')} ${or(e.framedIp ?? e.framedIpv6Prefix, '')} session ${or(e.sessionId)}`;
    case 'dhcp:lease':
      return `${e.ip} ${or(e.mac, '')} ${or(e.hostname, '')} ${e.state ?? ''}`.trim();
    case 'isp:assignment':
      return `${e.ip} ${ports(e.portStart, e.portEnd)} → ${or(e.subscriber, 'no subscriber named')}`;
  }
}

/**
 * Where a record is, in words: `line 12`, `Received header #2, line 9, message 3`,
 * `sheet Reply, row 3, column C`, `byte 4096`; `whole file` for a warning about the artefact.
 */
export function describeLocator(l: Locator | null): string {
  if (l === null) return 'whole file';
  if ('header' in l) {
    const line = l.line === undefined ? '' : `, line ${l.line}`;
    const message = l.message === undefined ? '' : `, message ${l.message}`;
    return `${l.header} header #${l.index}${line}${message}`;
  }
  if ('row' in l) {
    const sheet = l.sheet === undefined ? '' : `sheet ${l.sheet}, `;
    return `${sheet}row ${l.row}${l.column === undefined ? '' : `, column ${l.column}`}`;
  }
  if ('offset' in l) return `byte ${l.offset}`;
  return `line ${l.line}`;
}

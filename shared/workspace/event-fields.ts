import { EVENT_TYPES, type EventType, type SealcaseEvent } from '../model';
import { cidrContains, parseCidr, parseIp, type Cidr, type IpBytes } from '../net';

/**
 * What the Timeline filters look at in an event, defined once on plain events. The page columns
 * (`page-codec.ts`) hold exactly these values, and `eventMatches` is the straightforward reading of
 * the filters that the columnar query must agree with (the property test checks it).
 */

/** Event fields holding one IP address (IPv6 prefixes such as `framedIpv6Prefix` are not). */
export const IP_FIELDS = [
  'clientIp',
  'originatingIp',
  'fromIp',
  'insideIp',
  'outsideIp',
  'destIp',
  'framedIp',
  'ip',
] as const;
/** Event fields holding one port; `portStart`..`portEnd` (inclusive) is a range. */
export const PORT_FIELDS = ['clientPort', 'insidePort', 'outsidePort', 'destPort'] as const;
/** Event fields naming an account: a user, a subscriber, a mailbox. */
export const ACCOUNT_FIELDS = ['user', 'subscriber', 'from', 'to'] as const;

/** A code per event type (its index in `EVENT_TYPES`); `UNKNOWN_TYPE` for anything else. */
export const UNKNOWN_TYPE = 255;
/** The bit a page's type mask sets when it holds an event of a type outside `EVENT_TYPES`. */
export const UNKNOWN_TYPE_BIT = 1 << 30;
const TYPE_CODES = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));

export function typeCode(type: string): number {
  return TYPE_CODES.get(type) ?? UNKNOWN_TYPE;
}

/** The bitmask with one bit per type (unknown types have none). */
export function typeMaskOf(types: Iterable<EventType>): number {
  let mask = 0;
  for (const t of types) {
    const code = typeCode(t);
    if (code !== UNKNOWN_TYPE) mask |= 1 << code;
  }
  return mask;
}

export const ALL_TYPES_MASK = (1 << EVENT_TYPES.length) - 1;

/**
 * `ts` as epoch milliseconds; `Infinity` for `ts: null` (or text that is not an instant), so that
 * untimed events sort after every timed one.
 */
export function eventTimeMs(event: Pick<SealcaseEvent, 'ts'>): number {
  if (event.ts === null) return Infinity;
  const ms = utcIsoMs(event.ts) ?? Date.parse(event.ts);
  return Number.isFinite(ms) ? ms : Infinity;
}

/** Days per month, February in a leap year. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** The digit at `i` of `text` (0–9), or NaN. */
function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
}

function numberAt(text: string, i: number, width: number): number {
  let n = 0;
  for (let k = 0; k < width; k++) n = n * 10 + digitAt(text, i + k);
  return n;
}

/**
 * Epoch ms of the form every event's `ts` has, `YYYY-MM-DDTHH:MM:SS.sssZ`, read without
 * `Date.parse` (≈ 3× faster; the workspace reads a million of them per import); null for any
 * other text or a field out of range, which `Date.parse` then reads as before.
 */
export function utcIsoMs(text: string): number | null {
  if (text.length !== 24 || text.charCodeAt(23) !== 90 /* Z */) return null;
  const pattern = '0000-00-00T00:00:00.000Z';
  for (const at of [4, 7, 10, 13, 16, 19]) {
    if (text.charCodeAt(at) !== pattern.charCodeAt(at)) return null;
  }
  const year = numberAt(text, 0, 4);
  const month = numberAt(text, 5, 2);
  const day = numberAt(text, 8, 2);
  const hour = numberAt(text, 11, 2);
  const minute = numberAt(text, 14, 2);
  const second = numberAt(text, 17, 2);
  const milli = numberAt(text, 20, 3);
  // NaN fails every comparison: a non-digit anywhere gives null.
  if (!(month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59)) {
    return null;
  }
  if (!(milli >= 0 && year >= 0)) return null;
  const notLeap = year % 4 !== 0 || (year % 100 === 0 && year % 400 !== 0);
  if (day > (MONTH_DAYS[month - 1] as number) || (month === 2 && day === 29 && notLeap))
    return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, milli);
  // Date.UTC maps years 0–99 to 1900–1999; those rare texts take the long way.
  return year < 100 ? null : ms;
}

type Fields = Readonly<Record<string, unknown>>;

/** The parseable addresses of an event (text that is not an address is skipped). */
export function eventIps(event: SealcaseEvent): IpBytes[] {
  const fields = event as Fields;
  const out: IpBytes[] = [];
  for (const name of IP_FIELDS) {
    const value = fields[name];
    if (typeof value !== 'string') continue;
    const ip = parseIp(value);
    if (ip !== null) out.push(ip);
  }
  return out;
}

/**
 * A strict dotted quad as a number (the rules of `parseIpv4`: 1–3 digits ≤ 255, no leading zero),
 * or -1. No allocation: the import calls it for every address of every event.
 */
export function ipv4Value(text: string): number {
  const n = text.length;
  if (n < 7 || n > 15) return -1;
  let value = 0;
  let part = 0;
  let i = 0;
  while (true) {
    const first = i;
    let octet = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      octet = octet * 10 + (c - 48);
      i++;
    }
    const digits = i - first;
    if (digits === 0 || digits > 3 || octet > 255) return -1;
    if (digits > 1 && text.charCodeAt(first) === 48) return -1;
    value = value * 256 + octet;
    part++;
    if (part === 4) return i === n ? value : -1;
    if (i >= n || text.charCodeAt(i) !== 46) return -1;
    i++;
  }
}

/** Inclusive port ranges of an event: one per port field, plus `portStart..portEnd`. */
export function eventPortRanges(event: SealcaseEvent): Array<[number, number]> {
  const fields = event as Fields;
  const out: Array<[number, number]> = [];
  const isPort = (v: unknown): v is number =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 65535;
  for (const name of PORT_FIELDS) {
    const value = fields[name];
    if (isPort(value)) out.push([value, value]);
  }
  const start = fields.portStart;
  const end = fields.portEnd;
  if (isPort(start) && isPort(end)) {
    out.push(start <= end ? [start, end] : [end, start]);
  } else if (isPort(start)) {
    out.push([start, start]);
  } else if (isPort(end)) {
    out.push([end, end]);
  }
  return out;
}

/** An account as the filter compares it: trimmed, lowercase. */
export function normalizeAccount(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * The accounts of an event, normalised, without duplicates. A mailbox written `Name <addr>` also
 * counts as `addr`.
 */
export function eventAccounts(event: SealcaseEvent): string[] {
  const fields = event as Fields;
  const out = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value !== 'string') return;
    const norm = normalizeAccount(value);
    if (norm.length > 0) out.add(norm);
    const lt = value.lastIndexOf('<');
    const gt = value.lastIndexOf('>');
    if (lt >= 0 && gt > lt + 1) {
      const addr = normalizeAccount(value.slice(lt + 1, gt));
      if (addr.length > 0) out.add(addr);
    }
  };
  for (const name of ACCOUNT_FIELDS) {
    const value = fields[name];
    if (Array.isArray(value)) for (const v of value) add(v);
    else add(value);
  }
  return [...out];
}

/** Calls `visit` with every string, number and boolean value of the event, at any depth. */
function visitValues(value: unknown, visit: (text: string) => boolean): boolean {
  if (typeof value === 'string') return visit(value);
  if (typeof value === 'number' || typeof value === 'boolean') return visit(String(value));
  if (Array.isArray(value)) {
    for (const v of value) if (visitValues(v, visit)) return true;
    return false;
  }
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) if (visitValues(v, visit)) return true;
  }
  return false;
}

/** A free-text needle as the filter compares it (lowercase; empty means no text filter). */
export function normalizeText(text: string): string {
  return text.toLowerCase();
}

/**
 * Free text: true when one value of the event (any field, any depth; numbers as written) contains
 * `needle` (already normalised), ignoring case. Field names do not match.
 */
export function eventHasText(event: unknown, needle: string): boolean {
  return visitValues(event, (text) => text.toLowerCase().includes(needle));
}

/** The Timeline's filters (all optional; each given one must match). */
export interface EventFilters {
  types?: readonly EventType[] | undefined;
  artefacts?: readonly string[] | undefined;
  /** An address (`203.0.113.7`) or a prefix (`100.64.0.0/10`, `2001:db8::/32`). */
  cidr?: string | undefined;
  port?: number | undefined;
  account?: string | undefined;
  text?: string | undefined;
}

/** Parses the CIDR filter; throws a RangeError naming the text when it is not one. */
export function filterCidr(text: string): Cidr {
  const cidr = parseCidr(text.trim());
  if (cidr === null) throw new RangeError(`not an IP address or CIDR prefix: ${text}`);
  return cidr;
}

/** Checks a port filter; throws a RangeError when it is not a port number. */
export function filterPort(port: number): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`not a port number: ${port}`);
  }
  return port;
}

/**
 * The reference reading of the filters on one plain event (`artefact` is the artefact it was
 * imported under). The store answers the same questions from its columns.
 */
export function eventMatches(
  event: SealcaseEvent,
  artefact: string,
  filters: EventFilters,
): boolean {
  if (filters.types !== undefined && !filters.types.includes(event.type)) return false;
  if (filters.artefacts !== undefined && !filters.artefacts.includes(artefact)) return false;
  if (filters.cidr !== undefined) {
    const cidr = filterCidr(filters.cidr);
    if (!eventIps(event).some((ip) => cidrContains(cidr, ip))) return false;
  }
  if (filters.port !== undefined) {
    const port = filterPort(filters.port);
    if (!eventPortRanges(event).some(([lo, hi]) => lo <= port && port <= hi)) return false;
  }
  if (filters.account !== undefined) {
    const account = normalizeAccount(filters.account);
    if (!eventAccounts(event).includes(account)) return false;
  }
  if (filters.text !== undefined && filters.text.length > 0) {
    if (!eventHasText(event, normalizeText(filters.text))) return false;
  }
  return true;
}

/**
 * Kea memfile lease files `kea-leases4.csv` / `kea-leases6.csv` (formats.md §6.2) → `dhcp:lease`.
 *
 * Columns are read **by header name** (versions add columns: `hwtype`, `hwaddr_source`,
 * `pool_id`…). A header row met again later (generations `.1`, `.2`, `.completed` concatenated)
 * re-reads the column order. The CSV itself is split by `../csv` (RFC 4180); Kea escapes commas
 * in text as `&#x2c`, which is decoded.
 *
 * Every row is one event (the memfile is a journal; unlike dhcpd.leases each row is kept, since
 * each states a lease interval that was true when written): `ip` = `address`, `mac` = `hwaddr`,
 * `hostname`, `state` (0 `default`, 1 `declined`, 2 `expired-reclaimed`, 3 `released`,
 * 4 `registered`; other codes as their number), `end` = `expire` (Unix seconds, zone `epoch`),
 * `start` = `expire − valid_lifetime` (the client's last transaction, cltt). `ts` = start;
 * `tsRaw` = the `expire` text. `valid_lifetime = 4294967295` is Kea's infinite lifetime: `end`
 * null, flag `infinite-lease` (`start` still `expire − valid_lifetime`, as Kea writes it). `valid_lifetime = 0` rows are deletion markers (Kea
 * appends the deleted lease with lifetime 0, so `expire` = its cltt): flag `deletion-marker`, `ts`
 * = expire, no `start`/`end`. IPv6 prefix leases (`lease_type` 2) get flag `delegated-prefix`.
 * All other columns go to `extra` under their header name (integers as numbers).
 */
import type { DhcpLeaseEvent, Locator, ParseWarning } from '../../model/event';
import { normalizeIp } from '../../net/ip';
import { epochTime, parseEpoch, stamp } from '../../time';
import { createCsvSplitter, type CsvBatch } from '../csv';
import type {
  DetectSample,
  ParseOptions,
  ParseOutput,
  Parser,
  ParserContext,
  StreamingParser,
} from '../types';

export const KEA_WARNING_CODES = [
  /** The file does not start with a Kea header row (`address,…`): nothing can be read by name. */
  'KEA_HEADER_MISSING',
  /** A header without `address`, `expire` or `valid_lifetime`. */
  'KEA_HEADER_INCOMPLETE',
  /** A row with a different number of fields than its header (read by position anyway). */
  'KEA_COLUMNS_MISMATCH',
  /** A row whose address is not an IP address: skipped. */
  'KEA_ADDRESS_INVALID',
  /** `expire` or `valid_lifetime` not an integer: the row is kept without times. */
  'KEA_VALUE_INVALID',
] as const;

/** Longest field accepted (Kea writes short fields; longer ones are damage). */
export const MAX_FIELD_LENGTH = 4096;

/** Kea's "infinite" lifetime (0xffffffff). */
export const KEA_INFINITE_LIFETIME = 4294967295;

const STATES: ReadonlyMap<string, string> = new Map([
  ['0', 'default'],
  ['1', 'declined'],
  ['2', 'expired-reclaimed'],
  ['3', 'released'],
  ['4', 'registered'],
]);

const MAPPED = new Set(['address', 'hwaddr', 'hostname', 'state']);

function isDigits(s: string, max = 15): boolean {
  if (s.length === 0 || s.length > max) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Kea's CSV escape of `,` (and any `&#xNN;`-less form it writes): `&#x2c` → `,`. */
function unescapeKea(text: string): string {
  if (!text.includes('&#x')) return text;
  let out = '';
  let i = 0;
  for (;;) {
    const at = text.indexOf('&#x', i);
    if (at < 0) break;
    const hex = text.slice(at + 3, at + 5);
    let ok = hex.length === 2;
    let code = 0;
    for (let k = 0; ok && k < 2; k++) {
      const c = hex.charCodeAt(k) | 0x20;
      if (c >= 48 && c <= 57) code = code * 16 + (c - 48);
      else if (c >= 97 && c <= 102) code = code * 16 + (c - 87);
      else ok = false;
    }
    out += text.slice(i, at);
    if (ok) {
      out += String.fromCharCode(code);
      i = at + 5;
      if (text.charCodeAt(i) === 59) i++;
    } else {
      out += '&#x';
      i = at + 3;
    }
  }
  return out + text.slice(i);
}

/** A header row: it names an `address` column and `expire` or `valid_lifetime` (any order). */
function isHeader(fields: readonly string[]): boolean {
  const names = fields.map((f) => f.trim().toLowerCase());
  return (
    names.includes('address') && (names.includes('expire') || names.includes('valid_lifetime'))
  );
}

function createKeaParser(options: ParseOptions, ctx: ParserContext): StreamingParser {
  const csv = createCsvSplitter({ maxRecordLength: ctx.maxLineLength });
  let header: string[] | null = null;
  let headerLine = 0;
  let missingWarned = false;

  const readHeader = (fields: readonly string[], line: number, out: ParseOutput): void => {
    header = fields.map((f) => f.trim().toLowerCase());
    headerLine = line;
    const missing = ['address', 'expire', 'valid_lifetime'].filter((c) => !header?.includes(c));
    if (missing.length > 0) {
      out.warnings.push({
        code: 'KEA_HEADER_INCOMPLETE',
        message: `the header on line ${line} has no ${missing.join(', ')} column; times are not known`,
        locator: { line },
      });
    }
  };

  const row = (fields: readonly string[], line: number, out: ParseOutput): void => {
    const locator: Locator = { line };
    if (isHeader(fields)) {
      readHeader(fields, line, out);
      return;
    }
    const cols = header;
    if (cols === null) {
      if (!missingWarned) {
        missingWarned = true;
        out.warnings.push({
          code: 'KEA_HEADER_MISSING',
          message: `line ${line} comes before any Kea header row (naming address and expire); rows before a header are skipped`,
          locator,
        });
      }
      return;
    }
    if (fields.some((f) => f.length > MAX_FIELD_LENGTH)) {
      out.warnings.push({
        code: 'KEA_VALUE_INVALID',
        message: `line ${line} has a field longer than ${MAX_FIELD_LENGTH} characters; row skipped`,
        locator,
      });
      return;
    }
    if (fields.length !== cols.length) {
      out.warnings.push({
        code: 'KEA_COLUMNS_MISMATCH',
        message: `line ${line} has ${fields.length} fields but the header of line ${headerLine} has ${cols.length}; read by position`,
        locator,
      });
    }
    const value = (name: string): string | undefined => {
      const k = cols.indexOf(name);
      if (k < 0) return undefined;
      const v = fields[k];
      return v === undefined ? undefined : unescapeKea(v);
    };
    const addressText = value('address') ?? '';
    const ip = normalizeIp(addressText.trim());
    if (ip === null) {
      out.warnings.push({
        code: 'KEA_ADDRESS_INVALID',
        message: `address "${addressText.slice(0, 80)}" on line ${line} is not an IP address; row skipped`,
        locator,
      });
      return;
    }
    const event: DhcpLeaseEvent = {
      type: 'dhcp:lease',
      ts: null,
      tsRaw: '',
      zone: { source: 'unknown', offset: null, name: null },
      locator,
      ip,
    };
    const flags = new Set<string>();
    const extra: Record<string, string | number | null> = {};
    const mac = value('hwaddr');
    if (mac !== undefined && mac !== '') event.mac = mac.toLowerCase().slice(0, 128);
    const hostname = value('hostname');
    if (hostname !== undefined && hostname !== '') event.hostname = hostname;
    const state = value('state');
    if (state !== undefined && state !== '')
      event.state = (STATES.get(state) ?? state).slice(0, 64);

    const expireText = value('expire');
    const lifeText = value('valid_lifetime');
    if (expireText !== undefined) {
      event.tsRaw = expireText;
      const expire = parseEpoch(expireText, 's');
      const life = lifeText !== undefined && isDigits(lifeText, 10) ? Number(lifeText) : null;
      if (!expire.ok || expire.time.kind !== 'epoch') {
        out.warnings.push({
          code: 'KEA_VALUE_INVALID',
          message: `expire "${expireText.slice(0, 40)}" on line ${line} is not Unix seconds; no times for this row`,
          locator,
        });
      } else if (life === null) {
        out.warnings.push({
          code: 'KEA_VALUE_INVALID',
          message: `valid_lifetime "${(lifeText ?? '').slice(0, 40)}" on line ${line} is not a number of seconds; start unknown`,
          locator,
        });
        const end = stamp({ tsRaw: expireText, parsed: expire, locator });
        out.warnings.push(...end.warnings);
        event.end = end.ts;
        event.zone = end.zone;
      } else if (life === 0) {
        flags.add('deletion-marker');
        const t = stamp({ tsRaw: expireText, parsed: expire, locator });
        out.warnings.push(...t.warnings);
        event.ts = t.ts;
        event.zone = t.zone;
      } else {
        const end = stamp({ tsRaw: expireText, parsed: expire, locator });
        const start = stamp({
          tsRaw: expireText,
          parsed: epochTime(expire.time.instant - life * 1000),
          locator,
        });
        out.warnings.push(...start.warnings, ...end.warnings);
        event.ts = start.ts;
        event.zone = start.zone;
        event.start = start.ts;
        if (life === KEA_INFINITE_LIFETIME) {
          flags.add('infinite-lease');
          event.end = null;
        } else {
          event.end = end.ts;
        }
      }
    }
    if (value('lease_type') === '2') flags.add('delegated-prefix');
    cols.forEach((name, k) => {
      if (MAPPED.has(name) || name === '') return;
      const v = fields[k];
      if (v === undefined || v === '') return;
      const text = unescapeKea(v);
      extra[name] =
        isDigits(text) && (text.length === 1 || text.charCodeAt(0) !== 48) ? Number(text) : text;
    });
    if (state !== undefined && state !== '' && isDigits(state, 3)) extra['state'] = Number(state);
    if (flags.size > 0) event.flags = [...flags].sort();
    if (Object.keys(extra).length > 0) event.extra = extra;
    out.events.push(event);
  };

  /**
   * CSV warnings are held until the record they belong to: a warning is released before the first
   * record starting at or after its line (or at the end), so the order of warnings does not
   * depend on how the text was chunked.
   */
  let pending: ParseWarning[] = [];
  const warningLine = (w: ParseWarning): number =>
    w.locator !== null && 'line' in w.locator && typeof w.locator.line === 'number'
      ? w.locator.line
      : 0;

  const feed = (batch: CsvBatch, last: boolean): ParseOutput => {
    const out: ParseOutput = { events: [], warnings: [] };
    for (const w of batch.warnings) pending.push(w);
    for (const r of batch.records) {
      if (pending.length > 0) {
        const keep: ParseWarning[] = [];
        for (const w of pending) {
          if (warningLine(w) <= r.line) out.warnings.push(w);
          else keep.push(w);
        }
        pending = keep;
      }
      try {
        row(r.fields, r.line, out);
      } catch (error) {
        out.warnings.push({
          code: 'PARSER_FAILED',
          message: `kea-leases failed on line ${r.line} (${error instanceof Error ? error.message : String(error)}); the row was skipped`,
          locator: { line: r.line },
        });
      }
    }
    if (last) {
      for (const w of pending) out.warnings.push(w);
      pending = [];
    }
    return out;
  };

  return {
    push: (chunk) => feed(csv.push(chunk), false),
    end: () => feed(csv.end(), true),
  };
}

function detectKea(sample: DetectSample): number {
  let head = sample.head.slice(0, 4096);
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const nl = head.indexOf('\n');
  const first = (nl < 0 ? head : head.slice(0, nl)).trim().toLowerCase();
  const cols = first.split(',').map((c) => c.trim());
  if (!cols.includes('address')) return 0;
  const has = (c: string): boolean => cols.includes(c);
  if (has('expire') && has('valid_lifetime') && (has('hwaddr') || has('duid'))) return 0.97;
  if (has('expire') && has('valid_lifetime')) return 0.85;
  return 0.2;
}

export const keaLeasesParser: Parser = {
  name: 'kea-leases',
  version: '1.0.0',
  description: 'Kea DHCP memfile lease CSV (kea-leases4.csv / kea-leases6.csv) as dhcp:lease',
  kinds: ['dhcp-leases'],
  eventTypes: ['dhcp:lease'],
  detect: detectKea,
  createParser: createKeaParser,
};

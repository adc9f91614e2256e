/**
 * Reading the syslog header in front of a CGN/NAT record, leniently (collectors mangle headers):
 *
 *   [<PRI>][VERSION ] TIMESTAMP [HOST] …
 *
 * TIMESTAMP is one of
 * - RFC 5424 / ISO 8601: `2018-06-26T17:23:06.269-07:00` (in-band offset);
 * - Cisco IOS XR CGN: `2016 Mar 14 10:20:31` (year first, no zone);
 * - RFC 3164: `Mar 14 10:20:31` (no year, no zone: needs `--year` and `--assume-zone`), possibly
 *   glued to the message (`Oct 12 09:04:54PortBatchV2Allocated:`), possibly followed by the
 *   device's own `YYYY-MM-DD hh:mm:ss` stamp (a collector-prepended header, formats.md §4.15).
 * Only the start of the line is read (bounded), so a long line costs nothing here.
 */
import { parseIso8601, wallTime, type TimeParseResult } from '../../time/instant';
import { parseSyslogTimestamp, type MonthDayTime } from '../../time/syslog-year';
import { isBlank, isDigitCode } from './scan';

/** A timestamp found in a header. */
export type HeaderStamp =
  /** A complete reading (ISO 8601, Cisco year-first): ready for stamp(). */
  | { readonly kind: 'parsed'; readonly tsRaw: string; readonly parsed: TimeParseResult }
  /** An RFC 3164 month-day-time: the year comes from the year tracker. */
  | { readonly kind: 'syslog'; readonly tsRaw: string; readonly md: MonthDayTime };

export interface SyslogHeader {
  /** The collector's / sender's header stamp. */
  readonly header: HeaderStamp | null;
  /** The device's own stamp right after a 3164 header (`2024-01-05 12:00:00:`), when present. */
  readonly device: HeaderStamp | null;
  /** Where the text after the stamp(s) starts (the HOSTNAME, usually). */
  readonly end: number;
}

const NONE: SyslogHeader = { header: null, device: null, end: 0 };

function tokenEnd(text: string, i: number): number {
  let k = i;
  while (k < text.length && !isBlank(text.charCodeAt(k))) k++;
  return k;
}

function isMonthStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 65 && c <= 90 && text.charCodeAt(i + 3) === 32;
}

/** `YYYY-MM-DD hh:mm:ss` (19 characters) at `i`, as a wall-time reading, or null. */
function readSpacedIso(text: string, i: number): { stamp: HeaderStamp; end: number } | null {
  if (!isDigitCode(text.charCodeAt(i)) || text.charCodeAt(i + 4) !== 45) return null;
  if (text.charCodeAt(i + 10) !== 32) return null;
  const raw = text.slice(i, i + 19);
  if (raw.length !== 19) return null;
  const parsed = parseIso8601(raw);
  if (!parsed.ok) return null;
  return { stamp: { kind: 'parsed', tsRaw: raw, parsed }, end: i + 19 };
}

/**
 * Reads the header at the start of `text`; `limit` bounds where a header may end (e.g. the index
 * of the vendor's record marker). Never throws; returns no stamps when nothing fits.
 */
export function readSyslogHeader(text: string, limit = text.length): SyslogHeader {
  const stop = Math.min(limit, text.length, 400);
  const s = text.slice(0, stop);
  let i = 0;
  while (i < s.length && isBlank(s.charCodeAt(i))) i++;
  if (s.charCodeAt(i) === 60 /* < */) {
    const close = s.indexOf('>', i);
    if (close > i && close - i <= 4) i = close + 1;
  }
  // RFC 5424 VERSION ("1 ") right after PRI.
  if (i > 0 && isDigitCode(s.charCodeAt(i)) && s.charCodeAt(i + 1) === 32) i += 2;
  while (i < s.length && isBlank(s.charCodeAt(i))) i++;
  if (i >= s.length) return { ...NONE, end: i };

  let header: HeaderStamp | null = null;
  let device: HeaderStamp | null = null;
  const c = s.charCodeAt(i);
  if (isDigitCode(c)) {
    // Cisco `2016 Mar 14 10:20:31` or ISO 8601.
    if (s.charCodeAt(i + 4) === 32 && isMonthStart(s, i + 5)) {
      const year = Number(s.slice(i, i + 4));
      const md = parseSyslogTimestamp(s, i + 5);
      if (md.ok && Number.isInteger(year)) {
        const end = i + 5 + md.length;
        header = {
          kind: 'parsed',
          tsRaw: s.slice(i, end),
          parsed: wallTime({ year, ...md.value }),
        };
        i = end;
      }
    } else {
      const spaced = readSpacedIso(s, i);
      if (spaced !== null && s[spaced.end] === ':') {
        header = spaced.stamp;
        i = spaced.end + 1;
      } else {
        const end = tokenEnd(s, i);
        const raw = s.slice(i, end);
        const parsed = parseIso8601(raw);
        if (parsed.ok) {
          header = { kind: 'parsed', tsRaw: raw, parsed };
          i = end;
        }
      }
    }
  } else if (isMonthStart(s, i)) {
    let md = parseSyslogTimestamp(s, i);
    if (!md.ok) {
      // Glued to the message (`Oct 12 09:04:54PortBatchV2Allocated`): retry on the stamp alone.
      for (const n of [15, 14]) {
        md = parseSyslogTimestamp(s.slice(0, i + n), i);
        if (md.ok) break;
      }
    }
    if (md.ok) {
      const end = i + md.length;
      header = { kind: 'syslog', tsRaw: s.slice(i, end), md: md.value };
      i = end;
      // A device stamp after the collector's header: `2024-01-05 12:00:00:`.
      const j = i + (isBlank(s.charCodeAt(i)) ? 1 : 0);
      const spaced = readSpacedIso(s, j);
      if (spaced !== null) {
        device = spaced.stamp;
        i = spaced.end;
        if (s.charCodeAt(i) === 58) i++;
      }
    }
  }
  if (header === null) return { ...NONE, end: i };
  while (i < s.length && isBlank(s.charCodeAt(i))) i++;
  return { header, device, end: i };
}

/**
 * Time readers for FreeRADIUS `detail` records (formats.md §5). Hand-written scanners over short,
 * bounded text (no regular expressions); they only say what the text states and leave `ts` to
 * `stamp()`.
 *
 * - The record header is C `ctime()` text in the server's local time, `Tue Jun  9 00:03:48 2015`;
 *   some builds and post-processors add a zone abbreviation, before or after the year
 *   (`Tue Mar  5 14:07:09 CET 2024`, `Tue Mar  5 14:07:09 2024 CET`).
 * - `Event-Timestamp` is rendered `"Jun  9 2015 00:03:47 CEST"` (month, day, year, time, zone
 *   abbreviation), or written as decimal epoch seconds by some configurations.
 */
import type { TimeParseResult } from '../../time/instant';
import {
  MAX_TIMESTAMP_LENGTH,
  parseCtime,
  parseEpoch,
  wallTime,
  monthFromAbbreviation,
} from '../../time';

function fail(reason: string): TimeParseResult {
  return { ok: false, reason };
}

/** Splits on runs of spaces and tabs. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const blank = c === 32 || c === 9;
    if (blank) {
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

/** A zone abbreviation token: letters, optionally an explicit `UTC+2` / `GMT-05:30` form. */
function isZoneToken(s: string): boolean {
  if (s.length < 1 || s.length > 12) return false;
  const first = s.charCodeAt(0);
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok =
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      (c >= 48 && c <= 57) ||
      c === 43 ||
      c === 45 ||
      c === 58;
    if (!ok) return false;
  }
  return true;
}

/** Reads `hh:mm:ss` exactly; null otherwise. */
function clock(s: string): { hour: number; minute: number; second: number } | null {
  if (s.length !== 8 || s.charCodeAt(2) !== 58 || s.charCodeAt(5) !== 58) return null;
  const h = s.slice(0, 2);
  const m = s.slice(3, 5);
  const x = s.slice(6, 8);
  if (!isDigits(h) || !isDigits(m) || !isDigits(x)) return null;
  return { hour: Number(h), minute: Number(m), second: Number(x) };
}

/**
 * The `detail` record header: ctime text, optionally with one zone abbreviation before or after
 * the year. Without one → `kind: 'wall'`, abbreviation null (server local time, zone unknown).
 */
export function parseDetailHeader(text: string): TimeParseResult {
  if (text.length > MAX_TIMESTAMP_LENGTH) return fail('header too long to be a date');
  const t = tokens(text);
  if (t.length === 5) return parseCtime(t.join(' '));
  if (t.length !== 6) return fail('expected a ctime-style date such as "Tue Mar  5 14:07:09 2024"');
  let zone: string;
  let rest: string[];
  const z4 = t[4] ?? '';
  const z5 = t[5] ?? '';
  if (isZoneToken(z4) && isDigits(z5)) {
    zone = z4;
    rest = [...t.slice(0, 4), z5];
  } else if (isZoneToken(z5) && isDigits(z4)) {
    zone = z5;
    rest = t.slice(0, 5);
  } else {
    return fail('expected a ctime-style date with an optional zone abbreviation');
  }
  const parsed = parseCtime(rest.join(' '));
  if (!parsed.ok || parsed.time.kind !== 'wall') return parsed;
  return { ok: true, time: { ...parsed.time, abbreviation: zone } };
}

/**
 * `Event-Timestamp`: decimal epoch seconds, or `Mmm dd yyyy hh:mm:ss [ZONE]` as FreeRADIUS renders
 * it. Localised month names (`февр.`) are refused: the raw text stays in `extra`.
 */
export function parseEventTimestamp(text: string): TimeParseResult {
  if (text.length > MAX_TIMESTAMP_LENGTH) return fail('Event-Timestamp too long');
  const trimmed = text.trim();
  if (isDigits(trimmed)) return parseEpoch(trimmed, 's');
  const t = tokens(trimmed);
  if (t.length !== 4 && t.length !== 5) {
    return fail('expected "Mmm dd yyyy hh:mm:ss ZONE" or epoch seconds');
  }
  const month = monthFromAbbreviation(t[0] ?? '');
  if (month === 0) return fail('expected an English month abbreviation');
  const dayText = t[1] ?? '';
  const yearText = t[2] ?? '';
  if (!isDigits(dayText) || dayText.length > 2) return fail('expected the day of the month');
  if (!isDigits(yearText) || yearText.length !== 4) return fail('expected a four-digit year');
  const c = clock(t[3] ?? '');
  if (c === null) return fail('expected hh:mm:ss');
  const zoneText = t[4];
  if (zoneText !== undefined && !isZoneToken(zoneText)) return fail('expected a zone abbreviation');
  return wallTime(
    { year: Number(yearText), month, day: Number(dayText), ...c, millisecond: 0 },
    zoneText ?? null,
  );
}

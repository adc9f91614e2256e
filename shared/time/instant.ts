/**
 * Reading timestamp text and writing instants. Every reader is a hand-written scanner over the
 * string: one pass, no regular expressions, bounded input, never throws — it returns
 * `{ ok: false, reason }` instead. Readers say *what the text states* (`ParsedTime`); turning that
 * into an event's `ts` and `zone` is `stamp()`'s job (stamp.ts), which also applies declared zones.
 */
import {
  DAY_ABBREVIATIONS,
  MAX_INSTANT,
  MS_PER_MINUTE,
  dayOfWeek,
  daysInMonth,
  isRepresentableInstant,
  monthFromAbbreviation,
  wallToUtcMs,
  type WallTime,
} from './calendar';
import type { TimeWarningCode } from './warnings';

/** Facts about the text worth telling the analyst (stamp() turns them into warnings). */
export type TimeNote =
  'leap-second' | 'two-digit-year' | 'weekday-mismatch' | 'military-zone' | 'missing-seconds';

/** The text carried a numeric offset (or a name with a fixed meaning: `GMT`, `EST`, `Z`). */
export interface OffsetTime {
  readonly kind: 'offset';
  readonly wall: WallTime;
  /** Minutes east of UTC. */
  readonly offsetMinutes: number;
  /** `-0000` / `-00:00` (and military letters): UTC, but the sender's local zone is unknown. */
  readonly unknownLocalOffset: boolean;
  /** The zone as written: `+1100`, `GMT`, `Z`, `-07:00`. */
  readonly zoneText: string;
  readonly notes: readonly TimeNote[];
}

/** A local wall time with no offset: a zone must be declared (or the abbreviation checked). */
export interface LocalTime {
  readonly kind: 'wall';
  readonly wall: WallTime;
  /** A zone abbreviation or name in the text that has no fixed meaning (`CEST`, `HKT`), else null. */
  readonly abbreviation: string | null;
  readonly notes: readonly TimeNote[];
}

/** An epoch value: an instant, UTC by definition. */
export interface EpochTime {
  readonly kind: 'epoch';
  readonly instant: number;
  readonly notes: readonly TimeNote[];
}

export type ParsedTime = OffsetTime | LocalTime | EpochTime;

export type TimeParseResult =
  | { readonly ok: true; readonly time: ParsedTime }
  | { readonly ok: false; readonly reason: string; readonly code?: TimeWarningCode };

const NO_NOTES: readonly TimeNote[] = Object.freeze([]);

/** Longest text any timestamp reader looks at; longer input is refused at once (linear time). */
export const MAX_TIMESTAMP_LENGTH = 256;

function fail(reason: string, code?: TimeWarningCode): TimeParseResult {
  return code === undefined ? { ok: false, reason } : { ok: false, reason, code };
}

// ---------------------------------------------------------------------------------------------
// Writing

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0000'.slice(0, width - s.length) + s;
}

/**
 * `2024-03-31T00:30:00.000Z`: ISO 8601 UTC with milliseconds and `Z`, the only form `ts` takes.
 * Throws RangeError for a non-integer or an instant outside years 0001-9999 (check with
 * `isRepresentableInstant`; `stamp()` does and warns instead).
 */
export function formatInstant(ms: number): string {
  if (!isRepresentableInstant(ms)) {
    throw new RangeError(`not a representable instant: ${String(ms)}`);
  }
  // Date is used as a calculator here (no clock): for years 0001-9999 its ISO form is exactly ours.
  return new Date(ms).toISOString();
}

/** `+02:00`, `-05:00`, `+05:45`; `-00:00` when the local offset is unknown; `:ss` only if needed. */
export function formatOffset(offsetMs: number, unknownLocalOffset = false): string {
  if (offsetMs === 0 && unknownLocalOffset) return '-00:00';
  const sign = offsetMs < 0 ? '-' : '+';
  const abs = Math.abs(Math.round(offsetMs / 1000));
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  return `${sign}${pad(h, 2)}:${pad(m, 2)}${s === 0 ? '' : `:${pad(s, 2)}`}`;
}

/** The instant a wall time with a fixed offset denotes. */
export function instantOf(time: OffsetTime): number {
  return wallToUtcMs(time.wall) - time.offsetMinutes * MS_PER_MINUTE;
}

// ---------------------------------------------------------------------------------------------
// Scanner helpers: `s` is the text, positions are passed and returned explicitly.

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Reads exactly `n` digits at `i`; -1 if there are not `n` digits there. */
function fixedDigits(s: string, i: number, n: number): number {
  if (i + n > s.length) return -1;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k);
    if (!isDigit(c)) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** Length of the digit run at `i`. */
function digitRun(s: string, i: number): number {
  let k = i;
  while (k < s.length && isDigit(s.charCodeAt(k))) k++;
  return k - i;
}

function alphaRun(s: string, i: number): number {
  let k = i;
  while (k < s.length && isAlpha(s.charCodeAt(k))) k++;
  return k - i;
}

function readNumber(s: string, i: number, len: number): number {
  let v = 0;
  for (let k = 0; k < len; k++) v = v * 10 + (s.charCodeAt(i + k) - 48);
  return v;
}

/** Reads a fraction's digits into milliseconds (truncated, never rounded up into the next second). */
function fractionMs(s: string, i: number, len: number): number {
  let ms = 0;
  for (let k = 0; k < 3; k++) ms = ms * 10 + (k < len ? s.charCodeAt(i + k) - 48 : 0);
  return ms;
}

function checkWall(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
  notes: TimeNote[],
): WallTime | string {
  if (month < 1 || month > 12) return `month ${month} is out of range`;
  if (day < 1 || day > daysInMonth(year, month)) {
    return `day ${day} does not exist in ${year}-${pad(month, 2)}`;
  }
  if (hour > 23) return `hour ${hour} is out of range`;
  if (minute > 59) return `minute ${minute} is out of range`;
  if (second > 60) return `second ${second} is out of range`;
  if (second === 60) {
    notes.push('leap-second');
    return { year, month, day, hour, minute, second: 59, millisecond: 999 };
  }
  return { year, month, day, hour, minute, second, millisecond };
}

function tooLong(text: string): TimeParseResult | null {
  if (text.length > MAX_TIMESTAMP_LENGTH) {
    return fail(`timestamp text is longer than ${MAX_TIMESTAMP_LENGTH} characters`);
  }
  if (text.length === 0) return fail('empty timestamp');
  return null;
}

function offsetResult(
  wall: WallTime,
  offsetMinutes: number,
  unknownLocalOffset: boolean,
  zoneText: string,
  notes: TimeNote[],
): TimeParseResult {
  const instant = wallToUtcMs(wall) - offsetMinutes * MS_PER_MINUTE;
  if (!isRepresentableInstant(instant)) {
    return fail('the instant is outside years 0001-9999', 'TIME_OUT_OF_RANGE');
  }
  return {
    ok: true,
    time: {
      kind: 'offset',
      wall,
      offsetMinutes,
      unknownLocalOffset,
      zoneText,
      notes: notes.length === 0 ? NO_NOTES : notes,
    },
  };
}

function wallResult(
  wall: WallTime,
  abbreviation: string | null,
  notes: TimeNote[],
): TimeParseResult {
  return {
    ok: true,
    time: { kind: 'wall', wall, abbreviation, notes: notes.length === 0 ? NO_NOTES : notes },
  };
}

// ---------------------------------------------------------------------------------------------
// ISO 8601 / RFC 3339

export interface IsoOptions {
  /** Accept a space instead of `T` between date and time (RFC 3339 §5.6 note). Default true. */
  readonly allowSpaceSeparator?: boolean;
  /** Accept one space before the offset (`2024-03-05T14:07:09.412 +0100`). Default false. */
  readonly allowSpaceBeforeOffset?: boolean;
  /** Refuse text without `Z` or an offset instead of returning a local wall time. Default false. */
  readonly requireOffset?: boolean;
}

/**
 * `YYYY-MM-DD(T| )hh:mm[:ss[(.|,)f{1,9}]][Z|±hh[[:]mm]]`, exactly (no surrounding space).
 * With an offset → `kind: 'offset'` (`-00:00` sets `unknownLocalOffset`); without → `kind: 'wall'`.
 * Fractions beyond milliseconds are truncated. `:60` is a leap second, kept as `:59.999` with a note.
 */
export function parseIso8601(text: string, options: IsoOptions = {}): TimeParseResult {
  const bad = tooLong(text);
  if (bad !== null) return bad;
  const s = text;
  const year = fixedDigits(s, 0, 4);
  if (year < 0 || s.charCodeAt(4) !== 45 /* - */) return fail('expected YYYY-MM-DD');
  const month = fixedDigits(s, 5, 2);
  if (month < 0 || s.charCodeAt(7) !== 45) return fail('expected YYYY-MM-DD');
  const day = fixedDigits(s, 8, 2);
  if (day < 0) return fail('expected YYYY-MM-DD');
  if (s.length === 10) return fail('a date without a time of day');
  const sep = s.charCodeAt(10);
  const spaceOk = options.allowSpaceSeparator !== false;
  if (!(sep === 84 /* T */ || sep === 116 /* t */ || (sep === 32 && spaceOk))) {
    return fail('expected T between date and time');
  }
  const hour = fixedDigits(s, 11, 2);
  if (hour < 0 || s.charCodeAt(13) !== 58 /* : */) return fail('expected hh:mm');
  const minute = fixedDigits(s, 14, 2);
  if (minute < 0) return fail('expected hh:mm');
  let i = 16;
  let second = 0;
  let millisecond = 0;
  const notes: TimeNote[] = [];
  if (s.charCodeAt(i) === 58) {
    second = fixedDigits(s, i + 1, 2);
    if (second < 0) return fail('expected two-digit seconds');
    i += 3;
    const dot = s.charCodeAt(i);
    if (dot === 46 /* . */ || dot === 44 /* , */) {
      const n = digitRun(s, i + 1);
      if (n === 0) return fail('expected digits after the decimal mark');
      if (n > 9) return fail('more than 9 fraction digits');
      millisecond = fractionMs(s, i + 1, n);
      i += 1 + n;
    }
  } else {
    notes.push('missing-seconds');
  }
  const wall = checkWall(year, month, day, hour, minute, second, millisecond, notes);
  if (typeof wall === 'string') return fail(wall);
  if (i === s.length) {
    return options.requireOffset === true ? fail('no offset or Z') : wallResult(wall, null, notes);
  }
  let c = s.charCodeAt(i);
  if ((c === 90 /* Z */ || c === 122) && i + 1 === s.length) {
    return offsetResult(wall, 0, false, s.slice(i), notes);
  }
  if (c === 32 && options.allowSpaceBeforeOffset === true) {
    i++;
    c = s.charCodeAt(i);
  }
  if (c !== 43 /* + */ && c !== 45 /* - */) return fail('unexpected text after the time');
  const zoneStart = i;
  const oh = fixedDigits(s, i + 1, 2);
  if (oh < 0) return fail('expected an offset ±hh:mm');
  i += 3;
  let om = 0;
  if (i < s.length) {
    if (s.charCodeAt(i) === 58) i++;
    om = fixedDigits(s, i, 2);
    if (om < 0) return fail('expected an offset ±hh:mm');
    i += 2;
  }
  if (i !== s.length) return fail('unexpected text after the offset');
  if (oh > 23 || om > 59) return fail('offset out of range');
  const minutes = (c === 45 ? -1 : 1) * (oh * 60 + om);
  return offsetResult(wall, minutes, c === 45 && minutes === 0, s.slice(zoneStart), notes);
}

// ---------------------------------------------------------------------------------------------
// RFC 5322 §3.3 date-time (with the obsolete forms of §4.3)

/** Offsets of the obs-zone names of RFC 5322 §4.3 (and `UTC`, which has only one meaning). */
const RFC5322_ZONES: Readonly<Record<string, number>> = {
  UT: 0,
  GMT: 0,
  UTC: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

const FULL_DAY_NAMES = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;

function dayNameIndex(word: string): number {
  const w = word.toLowerCase();
  const short = DAY_ABBREVIATIONS.indexOf(w as (typeof DAY_ABBREVIATIONS)[number]);
  if (short >= 0) return short;
  return FULL_DAY_NAMES.indexOf(w as (typeof FULL_DAY_NAMES)[number]);
}

function isWsp(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/** Skips folding white space and (nested) comments; -1 for an unterminated comment. */
function skipCfws(s: string, start: number): number {
  let i = start;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isWsp(c)) {
      i++;
    } else if (c === 40 /* ( */) {
      let depth = 0;
      while (i < s.length) {
        const d = s.charCodeAt(i);
        if (d === 92 /* \ */) {
          i += 2;
          continue;
        }
        if (d === 40) depth++;
        else if (d === 41 /* ) */) depth--;
        i++;
        if (depth === 0) break;
      }
      if (depth !== 0) return -1;
    } else {
      break;
    }
  }
  return i;
}

/**
 * An RFC 5322 `date-time` as in `Date:` and after the last `;` of `Received:`:
 * `[day-of-week ","] day month year hh:mm[:ss] zone`, e.g. `Tue, 13 Aug 2002 03:15:23 +1100`.
 * Accepts the obsolete forms real mail carries: comments and folding anywhere between tokens
 * (`-0000 (GMT)`), missing seconds, two/three-digit years (§4.3: 00-49 → 20xx, 50-999 → +1900),
 * obs-zone names (`GMT`, `UT`, `EST`…), military letters (read as `-0000`, noted), a sign
 * separated from its digits (`- 0600`), a name after a numeric offset (`+0200 CEST`, ignored) and
 * a missing comma after the day name. A name with no fixed meaning (`CEST`, `HKT`) or no zone at
 * all gives `kind: 'wall'` (with `abbreviation`): never a silent UTC.
 */
export function parseRfc5322Date(text: string): TimeParseResult {
  const bad = tooLong(text);
  if (bad !== null) return bad;
  const s = text;
  const notes: TimeNote[] = [];
  let i = skipCfws(s, 0);
  if (i < 0) return fail('unterminated comment');
  let weekday = -1;
  let n = alphaRun(s, i);
  if (n > 0) {
    weekday = dayNameIndex(s.slice(i, i + n));
    if (weekday < 0) return fail(`"${s.slice(i, i + n)}" is not a day name`);
    i = skipCfws(s, i + n);
    if (i < 0) return fail('unterminated comment');
    if (s.charCodeAt(i) === 44 /* , */) i = skipCfws(s, i + 1);
    if (i < 0) return fail('unterminated comment');
  }
  n = digitRun(s, i);
  if (n < 1 || n > 2) return fail('expected the day of the month');
  const day = readNumber(s, i, n);
  i = skipCfws(s, i + n);
  if (i < 0) return fail('unterminated comment');
  n = alphaRun(s, i);
  const month = n === 3 ? monthFromAbbreviation(s.slice(i, i + 3)) : 0;
  if (month === 0) return fail('expected a month name (Jan … Dec)');
  i = skipCfws(s, i + n);
  if (i < 0) return fail('unterminated comment');
  n = digitRun(s, i);
  if (n < 2 || n > 4) return fail('expected the year');
  let year = readNumber(s, i, n);
  if (n === 2) {
    year += year < 50 ? 2000 : 1900;
    notes.push('two-digit-year');
  } else if (n === 3) {
    year += 1900;
    notes.push('two-digit-year');
  } else if (year < 1900) {
    return fail('RFC 5322 years are 1900 or later');
  }
  i = skipCfws(s, i + n);
  if (i < 0) return fail('unterminated comment');
  n = digitRun(s, i);
  if (n < 1 || n > 2 || s.charCodeAt(i + n) !== 58) return fail('expected hh:mm');
  const hour = readNumber(s, i, n);
  i += n + 1;
  const minute = fixedDigits(s, i, 2);
  if (minute < 0) return fail('expected hh:mm');
  i += 2;
  let second = 0;
  if (s.charCodeAt(i) === 58) {
    second = fixedDigits(s, i + 1, 2);
    if (second < 0) return fail('expected two-digit seconds');
    i += 3;
  } else {
    notes.push('missing-seconds');
  }
  if (i < s.length && !isWsp(s.charCodeAt(i)) && s.charCodeAt(i) !== 40) {
    return fail('unexpected text after the time');
  }
  const wall = checkWall(year, month, day, hour, minute, second, 0, notes);
  if (typeof wall === 'string') return fail(wall);
  if (weekday >= 0 && weekday !== dayOfWeek(year, month, day)) notes.push('weekday-mismatch');

  i = skipCfws(s, i);
  if (i < 0) return fail('unterminated comment');
  if (i === s.length) return wallResult(wall, null, notes);
  const c = s.charCodeAt(i);
  if (c === 43 || c === 45) {
    const signAt = i;
    i++;
    while (i < s.length && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
    const hhmm = fixedDigits(s, i, 4);
    if (hhmm < 0 || digitRun(s, i) !== 4) return fail('expected a zone ±hhmm');
    i += 4;
    const oh = Math.floor(hhmm / 100);
    const om = hhmm % 100;
    if (oh > 23 || om > 59) return fail('zone offset out of range');
    const minutes = (c === 45 ? -1 : 1) * (oh * 60 + om);
    const zoneText = s.slice(signAt, i);
    i = skipCfws(s, i);
    if (i < 0) return fail('unterminated comment');
    // A name after the numeric offset (`+0200 CEST`, `+0000 UTC`): the number is authoritative.
    n = alphaRun(s, i);
    if (n > 0 && n <= 6) i = skipCfws(s, i + n);
    if (i < 0) return fail('unterminated comment');
    if (i !== s.length) return fail('unexpected text after the zone');
    return offsetResult(wall, minutes, c === 45 && minutes === 0, zoneText, notes);
  }
  n = alphaRun(s, i);
  if (n === 0 || n > 6) return fail('expected a zone');
  const name = s.slice(i, i + n);
  i = skipCfws(s, i + n);
  if (i < 0) return fail('unterminated comment');
  if (i !== s.length) return fail('unexpected text after the zone');
  const upper = name.toUpperCase();
  const fixed = RFC5322_ZONES[upper];
  if (fixed !== undefined) return offsetResult(wall, fixed, false, name, notes);
  if (n === 1 && upper !== 'J') {
    if (upper === 'Z') return offsetResult(wall, 0, false, name, notes);
    notes.push('military-zone');
    return offsetResult(wall, 0, true, name, notes);
  }
  return wallResult(wall, name, notes);
}

// ---------------------------------------------------------------------------------------------
// Apache %t / nginx $time_local (Common Log Format), ctime

/**
 * `[10/Oct/2000:13:55:36 -0700]` (brackets optional but paired): `dd/Mon/yyyy:hh:mm:ss ±hhmm`.
 * Always `kind: 'offset'`: the server's local time with its offset at that moment.
 */
export function parseApacheTime(text: string): TimeParseResult {
  const bad = tooLong(text);
  if (bad !== null) return bad;
  const s = text;
  let i = 0;
  let end = s.length;
  if (s.charCodeAt(0) === 91 /* [ */) {
    if (s.charCodeAt(end - 1) !== 93 /* ] */) return fail('unbalanced brackets');
    i = 1;
    end -= 1;
  }
  const n = digitRun(s, i);
  if (n < 1 || n > 2 || s.charCodeAt(i + n) !== 47 /* / */) return fail('expected dd/Mon/yyyy');
  const day = readNumber(s, i, n);
  i += n + 1;
  const month = monthFromAbbreviation(s.slice(i, i + 3));
  if (month === 0 || s.charCodeAt(i + 3) !== 47) return fail('expected dd/Mon/yyyy');
  i += 4;
  const year = fixedDigits(s, i, 4);
  if (year < 0 || s.charCodeAt(i + 4) !== 58) return fail('expected dd/Mon/yyyy:hh:mm:ss');
  i += 5;
  const hour = fixedDigits(s, i, 2);
  const minute = s.charCodeAt(i + 2) === 58 ? fixedDigits(s, i + 3, 2) : -1;
  const second = s.charCodeAt(i + 5) === 58 ? fixedDigits(s, i + 6, 2) : -1;
  if (hour < 0 || minute < 0 || second < 0) return fail('expected hh:mm:ss');
  i += 8;
  if (s.charCodeAt(i) !== 32) return fail('expected a space before the offset');
  i++;
  const c = s.charCodeAt(i);
  const hhmm = fixedDigits(s, i + 1, 4);
  if ((c !== 43 && c !== 45) || hhmm < 0 || i + 5 !== end) return fail('expected an offset ±hhmm');
  const oh = Math.floor(hhmm / 100);
  const om = hhmm % 100;
  if (oh > 23 || om > 59) return fail('offset out of range');
  const notes: TimeNote[] = [];
  const wall = checkWall(year, month, day, hour, minute, second, 0, notes);
  if (typeof wall === 'string') return fail(wall);
  const minutes = (c === 45 ? -1 : 1) * (oh * 60 + om);
  return offsetResult(wall, minutes, c === 45 && minutes === 0, s.slice(i, end), notes);
}

/**
 * C `ctime()` / `asctime()` text: `Tue Jun  9 00:03:48 2015` (day space-padded; runs of spaces
 * accepted). No zone: `kind: 'wall'` (FreeRADIUS `detail` headers are server local time).
 */
export function parseCtime(text: string): TimeParseResult {
  const bad = tooLong(text);
  if (bad !== null) return bad;
  const s = text;
  let i = 0;
  let n = alphaRun(s, i);
  const weekday = n === 3 ? dayNameIndex(s.slice(0, 3)) : -1;
  if (weekday < 0) return fail('expected a day name');
  i = skipSpaces(s, i + n);
  n = alphaRun(s, i);
  const month = n === 3 ? monthFromAbbreviation(s.slice(i, i + 3)) : 0;
  if (month === 0) return fail('expected a month name');
  i = skipSpaces(s, i + n);
  n = digitRun(s, i);
  if (n < 1 || n > 2) return fail('expected the day of the month');
  const day = readNumber(s, i, n);
  i = skipSpaces(s, i + n);
  const hour = fixedDigits(s, i, 2);
  const minute = s.charCodeAt(i + 2) === 58 ? fixedDigits(s, i + 3, 2) : -1;
  const second = s.charCodeAt(i + 5) === 58 ? fixedDigits(s, i + 6, 2) : -1;
  if (hour < 0 || minute < 0 || second < 0) return fail('expected hh:mm:ss');
  i = skipSpaces(s, i + 8);
  const year = fixedDigits(s, i, 4);
  if (year < 0 || i + 4 !== s.length) return fail('expected a four-digit year at the end');
  const notes: TimeNote[] = [];
  const wall = checkWall(year, month, day, hour, minute, second, 0, notes);
  if (typeof wall === 'string') return fail(wall);
  if (weekday !== dayOfWeek(year, month, day)) notes.push('weekday-mismatch');
  return wallResult(wall, null, notes);
}

function skipSpaces(s: string, start: number): number {
  let i = start;
  while (s.charCodeAt(i) === 32) i++;
  return i;
}

// ---------------------------------------------------------------------------------------------
// Epoch values

export type EpochUnit = 's' | 'ms' | 'us' | 'ns';
const UNIT_SHIFT: Readonly<Record<EpochUnit, number>> = { s: 3, ms: 0, us: -3, ns: -6 };

/**
 * Decimal epoch text in the given unit, with an optional fraction: `1709644029.412` (s),
 * `1433801028`, `1709644029412` (ms), `[1757235600.250000]`-style values without brackets.
 * Exact (digit arithmetic, no float rounding); sub-millisecond digits are truncated. Negative
 * values are refused (no log writes them).
 */
export function parseEpoch(text: string, unit: EpochUnit = 's'): TimeParseResult {
  const bad = tooLong(text);
  if (bad !== null) return bad;
  const s = text;
  const intLen = digitRun(s, 0);
  if (intLen === 0) return fail('expected epoch digits');
  let fracLen = 0;
  if (intLen < s.length) {
    if (s.charCodeAt(intLen) !== 46) return fail('unexpected text in an epoch value');
    fracLen = digitRun(s, intLen + 1);
    if (fracLen === 0 || intLen + 1 + fracLen !== s.length) {
      return fail('expected digits after the decimal point');
    }
  }
  let start = 0;
  while (start < intLen - 1 && s.charCodeAt(start) === 48) start++;
  const shift = UNIT_SHIFT[unit];
  const keptInt = intLen - start + Math.min(shift, 0);
  if (keptInt + Math.max(shift, 0) > 16)
    return fail('epoch value out of range', 'TIME_OUT_OF_RANGE');
  let ms = keptInt > 0 ? readNumber(s, start, keptInt) : 0;
  for (let k = 0; k < shift; k++) {
    ms = ms * 10 + (k < fracLen ? s.charCodeAt(intLen + 1 + k) - 48 : 0);
  }
  if (ms > MAX_INSTANT) return fail('epoch value out of range', 'TIME_OUT_OF_RANGE');
  return { ok: true, time: { kind: 'epoch', instant: ms, notes: NO_NOTES } };
}

/** Juniper `epoch-time-64="624b0492"`: hexadecimal Unix seconds, optional `0x`. */
export function parseHexEpoch(text: string): TimeParseResult {
  const bad = tooLong(text);
  if (bad !== null) return bad;
  let i = 0;
  if (text.charCodeAt(0) === 48 && (text.charCodeAt(1) === 120 || text.charCodeAt(1) === 88)) i = 2;
  if (i === text.length) return fail('expected hexadecimal digits');
  let seconds = 0;
  for (let k = i; k < text.length; k++) {
    const c = text.charCodeAt(k);
    let v: number;
    if (isDigit(c)) v = c - 48;
    else if (c >= 97 && c <= 102) v = c - 87;
    else if (c >= 65 && c <= 70) v = c - 55;
    else return fail('not a hexadecimal digit');
    seconds = seconds * 16 + v;
    if (seconds * 1000 > MAX_INSTANT) return fail('epoch value out of range', 'TIME_OUT_OF_RANGE');
  }
  return { ok: true, time: { kind: 'epoch', instant: seconds * 1000, notes: NO_NOTES } };
}

/** An epoch in ms as a parse result (for parsers that computed the number themselves). */
export function epochTime(ms: number): TimeParseResult {
  if (!isRepresentableInstant(ms)) return fail('epoch value out of range', 'TIME_OUT_OF_RANGE');
  return { ok: true, time: { kind: 'epoch', instant: ms, notes: NO_NOTES } };
}

/** A parsed local wall time as a parse result (for parsers with their own field layout). */
export function wallTime(wall: WallTime, abbreviation: string | null = null): TimeParseResult {
  const fields = [wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second];
  if (!fields.every(Number.isInteger) || !Number.isInteger(wall.millisecond)) {
    return fail('wall time fields must be integers');
  }
  if (wall.millisecond < 0 || wall.millisecond > 999 || wall.hour < 0 || wall.minute < 0) {
    return fail('wall time field out of range');
  }
  if (wall.second < 0) return fail('wall time field out of range');
  const notes: TimeNote[] = [];
  const checked = checkWall(
    wall.year,
    wall.month,
    wall.day,
    wall.hour,
    wall.minute,
    wall.second,
    wall.millisecond,
    notes,
  );
  if (typeof checked === 'string') return fail(checked);
  if (checked.year < 1 || checked.year > 9999) {
    return fail('year out of range', 'TIME_OUT_OF_RANGE');
  }
  return wallResult(checked, abbreviation, notes);
}

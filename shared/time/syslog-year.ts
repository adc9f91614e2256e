/**
 * RFC 3164 timestamps (`Mmm dd hh:mm:ss`) have no year and no zone. The year comes from the
 * analyst (`--year`, the year of the first line); a tracker then follows the file and rolls the
 * year forward when the date goes back across New Year (Dec → Jan), with a warning each time.
 *
 * Rule: a stamp earlier than the previous one is moved into the next year when that puts it
 * nearer to the previous stamp than leaving it in the current year (Dec 31 → Jan 1: 1 day vs 364
 * days → roll; an out-of-order Mar 5 after Mar 6: stay). A jump back of more than a day that does
 * not roll is warned about (files concatenated out of order, or a clock reset).
 */
import type { Locator, ParseWarning } from '../model/event';
import {
  MS_PER_DAY,
  isLeapYear,
  monthFromAbbreviation,
  wallToUtcMs,
  type WallTime,
} from './calendar';
import { wallTime, type TimeParseResult } from './instant';

export interface MonthDayTime {
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

export type SyslogStampResult =
  | { readonly ok: true; readonly value: MonthDayTime; readonly length: number }
  | { readonly ok: false; readonly reason: string };

function digits(s: string, i: number, n: number): number {
  if (i + n > s.length) return -1;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + c - 48;
  }
  return v;
}

/**
 * Reads `Mmm dd hh:mm:ss[.fff…]` at `start` of `text` (day space-padded `Aug  7`, zero-padded
 * `Aug 07` or bare `Aug 7`). Returns the fields and the `length` consumed, so a parser can read the
 * stamp at the head of a line and go on after it. Never throws.
 */
export function parseSyslogTimestamp(text: string, start = 0): SyslogStampResult {
  const s = text;
  let i = start;
  const month = monthFromAbbreviation(s.slice(i, i + 3));
  if (month === 0) return { ok: false, reason: 'expected a month name (Jan … Dec)' };
  i += 3;
  if (s.charCodeAt(i) !== 32) return { ok: false, reason: 'expected a space after the month' };
  i++;
  if (s.charCodeAt(i) === 32) i++;
  let day = digits(s, i, 2);
  if (day >= 0) {
    i += 2;
  } else {
    day = digits(s, i, 1);
    if (day < 0) return { ok: false, reason: 'expected the day of the month' };
    i += 1;
  }
  if (s.charCodeAt(i) !== 32) return { ok: false, reason: 'expected a space after the day' };
  i++;
  const hour = digits(s, i, 2);
  const minute = s.charCodeAt(i + 2) === 58 ? digits(s, i + 3, 2) : -1;
  const second = s.charCodeAt(i + 5) === 58 ? digits(s, i + 6, 2) : -1;
  if (hour < 0 || minute < 0 || second < 0) return { ok: false, reason: 'expected hh:mm:ss' };
  i += 8;
  let millisecond = 0;
  if (s.charCodeAt(i) === 46) {
    let k = i + 1;
    while (k < s.length && k - i <= 9 && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) k++;
    const n = k - i - 1;
    if (n === 0) return { ok: false, reason: 'expected digits after the decimal point' };
    for (let d = 0; d < 3; d++)
      millisecond = millisecond * 10 + (d < n ? s.charCodeAt(i + 1 + d) - 48 : 0);
    i = k;
  }
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: 'a field of the timestamp is out of range' };
  }
  const next = s.charCodeAt(i);
  if (i < s.length && next !== 32 && next !== 9) {
    return { ok: false, reason: 'unexpected text after the timestamp' };
  }
  return {
    ok: true,
    value: { month, day, hour, minute, second, millisecond },
    length: i - start,
  };
}

export interface SyslogYearStep {
  /** A `kind: 'wall'` time with the year filled in, or a failure (`TIME_NO_YEAR` without a year). */
  readonly time: TimeParseResult;
  readonly rolledOver: boolean;
  readonly warnings: readonly ParseWarning[];
}

export interface SyslogYearTracker {
  /** Gives the next stamp of the file (in file order) its year. */
  next(stamp: MonthDayTime, locator?: Locator | null): SyslogYearStep;
  /** The year the next stamp starts from (null when no year was given). */
  readonly year: number | null;
}

/** `startYear`: the year of the first stamp (`--year`); undefined → every step is `TIME_NO_YEAR`. */
export function createSyslogYearTracker(startYear: number | undefined): SyslogYearTracker {
  let year: number | null =
    startYear !== undefined && Number.isInteger(startYear) && startYear >= 1 && startYear < 9999
      ? startYear
      : null;
  let previous: number | null = null;

  const at = (y: number, md: MonthDayTime): WallTime => ({ year: y, ...md });

  return {
    get year() {
      return year;
    },
    next(md, locator = null): SyslogYearStep {
      if (year === null) {
        return {
          time: {
            ok: false,
            reason: 'syslog timestamps have no year: set --year YYYY (the year of the first line)',
            code: 'TIME_NO_YEAR',
          },
          rolledOver: false,
          warnings: [],
        };
      }
      const warnings: ParseWarning[] = [];
      let y = year;
      let rolledOver = false;
      const sameYear = validMs(at(y, md));
      if (previous !== null && y < 9999) {
        const nextYear = validMs(at(y + 1, md));
        const ahead = nextYear === null ? Infinity : nextYear - previous;
        // Feb 29 of a common year: only a nearby leap year after a rollover can hold it.
        const behind =
          sameYear === null ? (ahead < 183 * MS_PER_DAY ? Infinity : -1) : previous - sameYear;
        if (behind > 0 && ahead < behind) {
          y += 1;
          rolledOver = true;
          warnings.push({
            code: 'TIME_YEAR_ROLLOVER',
            message: `the date went back to ${monthName(md.month)} ${md.day}: year rolled forward from ${y - 1} to ${y}`,
            locator,
          });
        } else if (behind > MS_PER_DAY && behind !== Infinity) {
          warnings.push({
            code: 'TIME_SYSLOG_BACKWARDS',
            message: `the time went back ${Math.round(behind / 3_600_000)} h from the previous line without a New Year rollover (out-of-order or concatenated files?)`,
            locator,
          });
        }
      }
      const time = wallTime(at(y, md));
      if (time.ok) {
        year = y;
        previous = wallToUtcMs(at(y, md));
      } else if (md.month === 2 && md.day === 29 && !isLeapYear(y)) {
        return {
          time: { ok: false, reason: `Feb 29 does not exist in ${y}: check --year` },
          rolledOver,
          warnings,
        };
      }
      return { time, rolledOver, warnings };
    },
  };
}

function validMs(w: WallTime): number | null {
  const r = wallTime(w);
  return r.ok ? wallToUtcMs(w) : null;
}

function monthName(month: number): string {
  return (
    ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][
      month - 1
    ] ?? String(month)
  );
}

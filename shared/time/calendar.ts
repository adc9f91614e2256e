/**
 * Proleptic Gregorian calendar arithmetic on plain numbers: no `Date`, no host zone. A "wall time"
 * is a calendar date and clock time with no zone attached; `wallToUtcMs` reads it as if it were
 * UTC, which is the neutral step every zone computation starts from.
 */

/** A calendar date and clock time with no zone. `month` 1-12, `millisecond` 0-999. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** Years Sealcase represents (four-digit ISO years). */
export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's algorithm; exact for any integer year). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day count since 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(year: number, month: number, day: number): number {
  const d = daysFromCivil(year, month, day);
  return (((d + 4) % 7) + 7) % 7;
}

function isInt(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}

/** Whether every field is in range and the day exists in that month (no leap seconds: 0-59). */
export function isValidWallTime(w: WallTime): boolean {
  return (
    isInt(w.year, MIN_YEAR, MAX_YEAR) &&
    isInt(w.month, 1, 12) &&
    isInt(w.day, 1, daysInMonth(w.year, w.month)) &&
    isInt(w.hour, 0, 23) &&
    isInt(w.minute, 0, 59) &&
    isInt(w.second, 0, 59) &&
    isInt(w.millisecond, 0, 999)
  );
}

/** The wall time read as UTC, in ms since the epoch. Fields are not range-checked. */
export function wallToUtcMs(w: WallTime): number {
  return (
    daysFromCivil(w.year, w.month, w.day) * MS_PER_DAY +
    w.hour * MS_PER_HOUR +
    w.minute * MS_PER_MINUTE +
    w.second * MS_PER_SECOND +
    w.millisecond
  );
}

/** The UTC wall time of an instant (integer ms). */
export function utcMsToWall(ms: number): WallTime {
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(rest / MS_PER_HOUR);
  rest -= hour * MS_PER_HOUR;
  const minute = Math.floor(rest / MS_PER_MINUTE);
  rest -= minute * MS_PER_MINUTE;
  const second = Math.floor(rest / MS_PER_SECOND);
  return { year, month, day, hour, minute, second, millisecond: rest - second * MS_PER_SECOND };
}

/** 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the instants `formatInstant` writes. */
export const MIN_INSTANT = daysFromCivil(MIN_YEAR, 1, 1) * MS_PER_DAY;
export const MAX_INSTANT = daysFromCivil(MAX_YEAR + 1, 1, 1) * MS_PER_DAY - 1;

export function isRepresentableInstant(ms: number): boolean {
  return Number.isInteger(ms) && ms >= MIN_INSTANT && ms <= MAX_INSTANT;
}

export const MONTH_ABBREVIATIONS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;
export const DAY_ABBREVIATIONS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** 1-12 for an English three-letter month abbreviation (any case), else 0. */
export function monthFromAbbreviation(text: string): number {
  if (text.length !== 3) return 0;
  return (
    MONTH_ABBREVIATIONS.indexOf(text.toLowerCase() as (typeof MONTH_ABBREVIATIONS)[number]) + 1
  );
}

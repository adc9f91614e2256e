/**
 * Excel serial dates → wall times (no zone: a spreadsheet cell is local time of whoever typed or
 * exported it; the zone comes from the reply or the analyst, through stamp()).
 *
 * - 1900 system (Windows default): serial 1 = 1900-01-01. Excel keeps Lotus 1-2-3's bug of a
 *   1900-02-29 at serial 60, so serials from 61 on are one day "late": 61 = 1900-03-01 and
 *   day = 1899-12-30 + serial. Serial 60 names a day that never existed and is refused with
 *   `TIME_EXCEL_PHANTOM_DATE`; serials 1-59 count from 1899-12-31. Serial 0 ("1900-01-00") and
 *   values below 1 are times of day without a date and are refused.
 * - 1904 system (old Mac workbooks, `date1904` in the workbook): serial 0 = 1904-01-01, i.e. the
 *   same date has a serial 1462 smaller than in the 1900 system.
 * The fraction is the time of day, rounded to the nearest millisecond (cells store binary doubles:
 * 14:07:09 is 0.58829861111…).
 */
import { MS_PER_DAY, daysFromCivil, utcMsToWall, type WallTime } from './calendar';
import { wallTime, type TimeParseResult } from './instant';

export type ExcelDateSystem = '1900' | '1904';

/** The largest serial Excel accepts: 9999-12-31. */
export const EXCEL_MAX_SERIAL_1900 = 2958465;

const EPOCH_1900 = daysFromCivil(1899, 12, 30);
const EPOCH_1900_EARLY = daysFromCivil(1899, 12, 31);
const EPOCH_1904 = daysFromCivil(1904, 1, 1);

/** A wall time (`kind: 'wall'`) for an Excel serial, or a failure saying why. Never throws. */
export function excelSerialToWall(
  serial: number,
  system: ExcelDateSystem = '1900',
): TimeParseResult {
  if (!Number.isFinite(serial)) return { ok: false, reason: 'not a number' };
  if (serial < 0) return { ok: false, reason: 'negative Excel serial' };
  const whole = Math.floor(serial);
  let fractionMs = Math.round((serial - whole) * MS_PER_DAY);
  let days = whole;
  if (fractionMs >= MS_PER_DAY) {
    fractionMs -= MS_PER_DAY;
    days += 1;
  }
  let dayNumber: number;
  if (system === '1900') {
    if (days < 1)
      return { ok: false, reason: 'an Excel time of day without a date (serial below 1)' };
    if (days === 60) {
      return {
        ok: false,
        reason:
          'Excel serial 60 is 1900-02-29, a day that never existed (the Lotus 1-2-3 leap-year bug kept by Excel)',
        code: 'TIME_EXCEL_PHANTOM_DATE',
      };
    }
    if (days > EXCEL_MAX_SERIAL_1900)
      return { ok: false, reason: 'Excel serial after 9999-12-31', code: 'TIME_OUT_OF_RANGE' };
    dayNumber = days < 60 ? EPOCH_1900_EARLY + days : EPOCH_1900 + days;
  } else {
    if (days > EXCEL_MAX_SERIAL_1900 - 1462) {
      return { ok: false, reason: 'Excel serial after 9999-12-31', code: 'TIME_OUT_OF_RANGE' };
    }
    dayNumber = EPOCH_1904 + days;
  }
  const wall: WallTime = utcMsToWall(dayNumber * MS_PER_DAY + fractionMs);
  return wallTime(wall);
}

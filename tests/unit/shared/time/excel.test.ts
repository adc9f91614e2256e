import { describe, expect, it } from 'vitest';
import { excelSerialToWall, type TimeParseResult } from '../../../../shared/time';

function text(r: TimeParseResult): string {
  if (!r.ok || r.time.kind !== 'wall') throw new Error(r.ok ? 'not a wall time' : r.reason);
  const x = r.time.wall;
  const p = (n: number, k = 2) => String(n).padStart(k, '0');
  return `${p(x.year, 4)}-${p(x.month)}-${p(x.day)} ${p(x.hour)}:${p(x.minute)}:${p(x.second)}.${p(x.millisecond, 3)}`;
}

describe('excelSerialToWall, 1900 system', () => {
  it.each([
    [1, '1900-01-01 00:00:00.000'],
    [59, '1900-02-28 00:00:00.000'],
    [61, '1900-03-01 00:00:00.000'],
    [25569, '1970-01-01 00:00:00.000'],
    [45356.58829861111, '2024-03-05 14:07:09.000'],
    [45356.5, '2024-03-05 12:00:00.000'],
    [45356.99999999, '2024-03-05 23:59:59.999'],
    [45356.999999999, '2024-03-06 00:00:00.000'],
    [2958465.999988426, '9999-12-31 23:59:59.000'],
  ])('%d → %s', (serial, expected) => {
    expect(text(excelSerialToWall(serial, '1900'))).toBe(expected);
  });

  it('refuses serial 60, the phantom 1900-02-29 of the Lotus bug, with its own code', () => {
    const r = excelSerialToWall(60, '1900');
    expect(r).toMatchObject({ ok: false, code: 'TIME_EXCEL_PHANTOM_DATE' });
    expect(!r.ok && r.reason).toContain('1900-02-29');
    expect(excelSerialToWall(60.75).ok).toBe(false);
  });

  it.each([0, 0.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 2958466])('refuses %d', (serial) => {
    expect(excelSerialToWall(serial, '1900').ok).toBe(false);
  });
});

describe('excelSerialToWall, 1904 system', () => {
  it.each([
    [0, '1904-01-01 00:00:00.000'],
    [1, '1904-01-02 00:00:00.000'],
    [43894.58829861111, '2024-03-05 14:07:09.000'],
  ])('%d → %s', (serial, expected) => {
    expect(text(excelSerialToWall(serial, '1904'))).toBe(expected);
  });
  it('is 1462 days behind the 1900 system', () => {
    for (const s of [1462, 20000, 45356.25]) {
      expect(text(excelSerialToWall(s - 1462, '1904'))).toBe(text(excelSerialToWall(s, '1900')));
    }
  });
});

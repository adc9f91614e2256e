import { describe, expect, it } from 'vitest';
import {
  abbreviationMeanings,
  formatInstant,
  resolveAbbreviation,
  type WallTime,
} from '../../../../shared/time';

const w = (
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second = 0,
): WallTime => ({
  year,
  month,
  day,
  hour,
  minute,
  second,
  millisecond: 0,
});

function ts(r: ReturnType<typeof resolveAbbreviation>): string {
  if (!r.ok) throw new Error(r.reason);
  return formatInstant(r.instant);
}

describe('resolveAbbreviation', () => {
  it('accepts CEST for Europe/Berlin in summer, not in winter', () => {
    expect(
      ts(resolveAbbreviation('CEST', w(2015, 6, 9, 0, 3, 47), { zone: 'Europe/Berlin' })),
    ).toBe('2015-06-08T22:03:47.000Z');
    expect(
      resolveAbbreviation('CEST', w(2015, 1, 9, 0, 3, 47), { zone: 'Europe/Berlin' }),
    ).toMatchObject({
      ok: false,
      code: 'TIME_ABBREVIATION_MISMATCH',
    });
    expect(
      resolveAbbreviation('CET', w(2015, 1, 9, 0, 3, 47), { zone: 'Europe/Berlin' }),
    ).toMatchObject({ ok: true });
  });

  it('refuses an abbreviation of another zone', () => {
    expect(
      resolveAbbreviation('EST', w(2015, 1, 9, 0, 0), { zone: 'Europe/Berlin' }),
    ).toMatchObject({
      ok: false,
      code: 'TIME_ABBREVIATION_MISMATCH',
    });
  });

  it('picks the meaning of an ambiguous abbreviation that the declared zone had (CST, IST)', () => {
    expect(
      resolveAbbreviation('CST', w(2024, 1, 15, 12, 0), { zone: 'Asia/Shanghai' }),
    ).toMatchObject({
      ok: true,
      offsetMinutes: 480,
      via: 'declared-zone',
    });
    expect(
      resolveAbbreviation('CST', w(2024, 1, 15, 12, 0), { zone: 'America/Chicago' }),
    ).toMatchObject({
      ok: true,
      offsetMinutes: -360,
    });
    expect(
      resolveAbbreviation('CST', w(2024, 7, 15, 12, 0), { zone: 'America/Chicago' }),
    ).toMatchObject({
      ok: false,
    });
    expect(
      resolveAbbreviation('IST', w(2024, 1, 15, 12, 0), { zone: 'Asia/Kolkata' }),
    ).toMatchObject({
      offsetMinutes: 330,
    });
    expect(
      resolveAbbreviation('IST', w(2024, 7, 15, 12, 0), { zone: 'Europe/Dublin' }),
    ).toMatchObject({
      offsetMinutes: 60,
    });
    // A minority meaning belongs to its own zones: Berlin in winter (+01:00) is not Irish time.
    expect(resolveAbbreviation('IST', w(2024, 1, 15, 12, 0), { zone: 'Europe/Berlin' }).ok).toBe(
      false,
    );
    expect(
      resolveAbbreviation('CST', w(2024, 1, 15, 12, 0), { zone: 'America/Havana' }),
    ).toMatchObject({
      ok: true,
      offsetMinutes: -300,
    });
  });

  it('settles a DST overlap: 01:30 EDT vs 01:30 EST on 2024-11-03 in New York', () => {
    expect(
      ts(resolveAbbreviation('EDT', w(2024, 11, 3, 1, 30), { zone: 'America/New_York' })),
    ).toBe('2024-11-03T05:30:00.000Z');
    expect(
      ts(resolveAbbreviation('EST', w(2024, 11, 3, 1, 30), { zone: 'America/New_York' })),
    ).toBe('2024-11-03T06:30:00.000Z');
    // 02:30 EST on 2024-03-10 never showed on New York clocks (the zone was already on EDT).
    expect(resolveAbbreviation('EST', w(2024, 3, 10, 2, 30), { zone: 'America/New_York' }).ok).toBe(
      false,
    );
  });

  it('cross-checks with an epoch value (FreeRADIUS Event-Timestamp vs Timestamp, formats.md §5)', () => {
    const r = resolveAbbreviation('CEST', w(2015, 6, 9, 0, 3, 47), { epochMs: 1433801028_000 });
    expect(r).toMatchObject({ ok: true, via: 'epoch', offsetMinutes: 120 });
    expect(ts(r)).toBe('2015-06-08T22:03:47.000Z');
    expect(
      resolveAbbreviation('CEST', w(2015, 6, 9, 2, 3, 47), { epochMs: 1433801028_000 }),
    ).toMatchObject({
      ok: false,
      code: 'TIME_ABBREVIATION_MISMATCH',
    });
    // HKT on the vBNG sample: 19:45:08 HKT = 11:45:08Z.
    expect(
      ts(
        resolveAbbreviation('HKT', w(2017, 4, 14, 19, 45, 8), {
          epochMs: Date.UTC(2017, 3, 14, 11, 45, 8),
        }),
      ),
    ).toBe('2017-04-14T11:45:08.000Z');
  });

  it('needs a declared zone or an epoch, except for universal names', () => {
    expect(resolveAbbreviation('CEST', w(2015, 6, 9, 0, 3, 47))).toMatchObject({
      ok: false,
      code: 'TIME_ABBREVIATION_UNRESOLVED',
    });
    expect(resolveAbbreviation('UTC', w(2015, 6, 9, 0, 3, 47))).toMatchObject({
      ok: true,
      via: 'universal',
    });
    expect(ts(resolveAbbreviation('GMT+2', w(2015, 6, 9, 0, 3, 47)))).toBe(
      '2015-06-08T22:03:47.000Z',
    );
    expect(ts(resolveAbbreviation('UTC-05:30', w(2015, 6, 9, 0, 0)))).toBe(
      '2015-06-09T05:30:00.000Z',
    );
    expect(resolveAbbreviation('XYZT', w(2015, 6, 9, 0, 0), { zone: 'UTC' })).toMatchObject({
      ok: false,
      code: 'TIME_ABBREVIATION_UNRESOLVED',
    });
    expect(abbreviationMeanings('cst')).toHaveLength(3);
    expect(abbreviationMeanings('GMT+19')).toEqual([]);
  });
});

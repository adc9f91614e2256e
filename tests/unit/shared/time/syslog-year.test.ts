import { describe, expect, it } from 'vitest';
import {
  createSyslogYearTracker,
  parseSyslogTimestamp,
  stamp,
  type MonthDayTime,
  type TimeParseResult,
} from '../../../../shared/time';

function md(text: string): MonthDayTime {
  const r = parseSyslogTimestamp(text);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}
function year(r: TimeParseResult): number {
  if (!r.ok || r.time.kind !== 'wall') throw new Error('no wall time');
  return r.time.wall.year;
}

describe('parseSyslogTimestamp', () => {
  it('reads space-padded, zero-padded and bare days, and says how much it read', () => {
    expect(parseSyslogTimestamp('Dec 10 06:55:46 LabSZ sshd[24200]: x')).toEqual({
      ok: true,
      value: { month: 12, day: 10, hour: 6, minute: 55, second: 46, millisecond: 0 },
      length: 15,
    });
    expect(parseSyslogTimestamp('Aug  7 06:55:46 host')).toMatchObject({
      ok: true,
      value: { month: 8, day: 7 },
      length: 15,
    });
    expect(parseSyslogTimestamp('Aug 07 06:55:46')).toMatchObject({ ok: true, value: { day: 7 } });
    expect(parseSyslogTimestamp('Aug 7 06:55:46')).toMatchObject({
      ok: true,
      value: { day: 7 },
      length: 14,
    });
    expect(parseSyslogTimestamp('<34>Oct 11 22:14:15.123 mymachine', 4)).toMatchObject({
      ok: true,
      value: { month: 10, day: 11, millisecond: 123 },
      length: 19,
    });
  });
  it.each([
    'Dec 32 06:55:46',
    'Dex 10 06:55:46',
    'Dec 10 24:00:00',
    'Dec 10 06:55',
    'Dec 10 06:55:46x',
    'Dec10 06:55:46',
    '',
  ])('refuses %j', (text) => {
    expect(parseSyslogTimestamp(text).ok).toBe(false);
  });
});

describe('createSyslogYearTracker', () => {
  it('rolls the year forward at Dec → Jan, with a warning on that line', () => {
    const t = createSyslogYearTracker(2023);
    expect(year(t.next(md('Dec 30 23:59:58')).time)).toBe(2023);
    expect(year(t.next(md('Dec 31 23:59:59')).time)).toBe(2023);
    const step = t.next(md('Jan  1 00:00:01'), { line: 3 });
    expect(year(step.time)).toBe(2024);
    expect(step.rolledOver).toBe(true);
    expect(step.warnings).toEqual([
      {
        code: 'TIME_YEAR_ROLLOVER',
        message: expect.stringContaining('2023 to 2024') as string,
        locator: { line: 3 },
      },
    ]);
    expect(year(t.next(md('Jan  1 00:00:02')).time)).toBe(2024);
    expect(t.year).toBe(2024);
  });

  it('does not roll for out-of-order lines, and warns only for a jump back of more than a day', () => {
    const t = createSyslogYearTracker(2024);
    t.next(md('Mar  6 10:00:00'));
    const small = t.next(md('Mar  6 09:59:00'));
    expect([year(small.time), small.rolledOver, small.warnings]).toEqual([2024, false, []]);
    const big = t.next(md('Feb 20 10:00:00'), { line: 9 });
    expect(year(big.time)).toBe(2024);
    expect(big.warnings.map((w) => w.code)).toEqual(['TIME_SYSLOG_BACKWARDS']);
  });

  it('rolls several times over a multi-year file', () => {
    const t = createSyslogYearTracker(2021);
    const years = [
      'Nov 1 00:00:00',
      'Jan 2 00:00:00',
      'Jul 1 00:00:00',
      'Dec 31 00:00:00',
      'Jan 1 00:00:00',
    ].map((s) => year(t.next(md(s)).time));
    expect(years).toEqual([2021, 2022, 2022, 2022, 2023]);
  });

  it('handles Feb 29: refused in a common year, reached through a rollover into a leap year', () => {
    const common = createSyslogYearTracker(2023);
    expect(common.next(md('Feb 29 00:00:00')).time).toMatchObject({ ok: false });
    const leap = createSyslogYearTracker(2023);
    leap.next(md('Dec 31 00:00:00'));
    expect(year(leap.next(md('Feb 29 00:00:00')).time)).toBe(2024);
  });

  it('without a year gives TIME_NO_YEAR and stamp() names --year', () => {
    const t = createSyslogYearTracker(undefined);
    const step = t.next(md('Dec 10 06:55:46'));
    expect(step.time).toMatchObject({ ok: false, code: 'TIME_NO_YEAR' });
    const s = stamp(
      { tsRaw: 'Dec 10 06:55:46', parsed: step.time, locator: { line: 1 } },
      { assumeZone: 'UTC' },
    );
    expect(s.ts).toBeNull();
    expect(s.warnings[0]?.code).toBe('TIME_NO_YEAR');
    expect(s.warnings[0]?.message).toContain('--year');
  });

  it('feeds stamp(): a declared zone gives UTC', () => {
    const t = createSyslogYearTracker(2024);
    const s = stamp(
      {
        tsRaw: 'Dec 10 06:55:46',
        parsed: t.next(md('Dec 10 06:55:46')).time,
        locator: { line: 1 },
      },
      { assumeZone: 'Asia/Hong_Kong' },
    );
    expect(s).toMatchObject({
      ts: '2024-12-09T22:55:46.000Z',
      zone: { source: 'declared', offset: '+08:00', name: 'Asia/Hong_Kong' },
      warnings: [],
    });
  });
});

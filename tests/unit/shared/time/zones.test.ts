import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  formatInstant,
  isValidTimeZone,
  resolveWallTime,
  wallTimeIn,
  zoneOffsetAt,
  type WallTime,
} from '../../../../shared/time';

/**
 * An oracle independent of zones.ts: every instant (minute steps over ±3 h around the naive UTC
 * reading, plus the exact seconds) whose local text in `zone`, as Intl formats it, is the wall time.
 */
function instantsShowing(zone: string, wall: WallTime): number[] {
  const f = new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const p = (n: number) => String(n).padStart(2, '0');
  const want = `${wall.year}-${p(wall.month)}-${p(wall.day)} ${p(wall.hour)}:${p(wall.minute)}:${p(wall.second)}`;
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const found: number[] = [];
  for (let t = naive - 15 * 3600_000; t <= naive + 15 * 3600_000; t += 60_000) {
    if (f.format(t) === want) found.push(t);
  }
  return found;
}

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

describe('IANA zone names', () => {
  it('validates and canonicalises', () => {
    expect(isValidTimeZone('Europe/Tallinn')).toBe(true);
    expect(canonicalTimeZone('europe/tallinn')).toBe('Europe/Tallinn');
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isValidTimeZone('Etc/GMT+5')).toBe(true);
    for (const bad of [
      '',
      'Europe/Atlantis',
      'CEST',
      '+02:00',
      'Europe/Tallinn ',
      '../etc/passwd',
      'x'.repeat(100),
    ]) {
      expect(isValidTimeZone(bad), bad).toBe(false);
    }
  });
  it('gives the real offset at an instant', () => {
    expect(zoneOffsetAt('Europe/Tallinn', Date.UTC(2024, 0, 15))).toBe(2 * 3600_000);
    expect(zoneOffsetAt('Europe/Tallinn', Date.UTC(2024, 6, 15))).toBe(3 * 3600_000);
    expect(zoneOffsetAt('Asia/Kathmandu', Date.UTC(2024, 6, 15))).toBe(345 * 60_000);
    expect(zoneOffsetAt('Nowhere/City', 0)).toBeNull();
    expect(wallTimeIn('America/New_York', Date.UTC(2024, 6, 4, 16, 0, 0, 250))).toEqual({
      ...w(2024, 7, 4, 12, 0),
      millisecond: 250,
    });
  });
});

describe('resolveWallTime at real DST transitions', () => {
  const cases: [string, WallTime, 'gap' | 'overlap' | null][] = [
    // Europe/Tallinn: EET→EEST on 2024-03-31 at 03:00 local; EEST→EET on 2024-10-27 at 04:00 local.
    ['Europe/Tallinn', w(2024, 3, 31, 3, 30), 'gap'],
    ['Europe/Tallinn', w(2024, 3, 31, 2, 59, 59), null],
    ['Europe/Tallinn', w(2024, 3, 31, 4, 0), null],
    ['Europe/Tallinn', w(2024, 10, 27, 3, 30), 'overlap'],
    ['Europe/Tallinn', w(2024, 10, 27, 4, 0), null],
    ['Europe/Tallinn', w(2024, 10, 27, 2, 59, 59), null],
    // America/New_York: EST→EDT on 2024-03-10 at 02:00; EDT→EST on 2024-11-03 at 02:00.
    ['America/New_York', w(2024, 3, 10, 2, 30), 'gap'],
    ['America/New_York', w(2024, 11, 3, 1, 30), 'overlap'],
    ['America/New_York', w(2024, 11, 3, 0, 59), null],
    ['America/New_York', w(2024, 11, 3, 2, 0), null],
    // Lord Howe: a 30-minute DST shift (2024-10-06 02:00 → 02:30).
    ['Australia/Lord_Howe', w(2024, 10, 6, 2, 15), 'gap'],
    ['Australia/Lord_Howe', w(2024, 4, 7, 1, 45), 'overlap'],
    ['UTC', w(2024, 3, 31, 3, 30), null],
  ];

  it.each(cases)(
    '%s %o is %s (checked against a brute-force Intl oracle)',
    (zone, wall, expected) => {
      const r = resolveWallTime(wall, zone);
      if (!r.ok) throw new Error(r.reason);
      const oracle = instantsShowing(zone, wall);
      expect(r.ambiguous).toBe(expected);
      if (expected === 'gap') {
        expect(oracle).toEqual([]);
        expect(r.candidates).toHaveLength(2);
      } else {
        expect(r.candidates).toEqual(oracle);
      }
      expect(r.instant).toBe(r.candidates[0]);
      expect(resolveWallTime(wall, zone, { prefer: 'later' })).toMatchObject({
        instant: r.candidates[r.candidates.length - 1],
      });
    },
  );

  it('golden instants (Tallinn 2024)', () => {
    const gap = resolveWallTime(w(2024, 3, 31, 3, 30), 'Europe/Tallinn');
    expect(gap.ok && gap.candidates.map(formatInstant)).toEqual([
      '2024-03-31T00:30:00.000Z',
      '2024-03-31T01:30:00.000Z',
    ]);
    expect(gap.ok && gap.offsetMs).toBe(3 * 3600_000);
    const overlap = resolveWallTime(w(2024, 10, 27, 3, 30), 'Europe/Tallinn');
    expect(overlap.ok && overlap.candidates.map(formatInstant)).toEqual([
      '2024-10-27T00:30:00.000Z',
      '2024-10-27T01:30:00.000Z',
    ]);
    expect(overlap.ok && overlap.candidateOffsetsMs).toEqual([3 * 3600_000, 2 * 3600_000]);
    const ny = resolveWallTime(w(2024, 11, 3, 1, 30), 'America/New_York');
    expect(ny.ok && ny.candidates.map(formatInstant)).toEqual([
      '2024-11-03T05:30:00.000Z',
      '2024-11-03T06:30:00.000Z',
    ]);
    const nyGap = resolveWallTime(w(2024, 3, 10, 2, 30), 'America/New_York', { prefer: 'later' });
    expect(nyGap.ok && formatInstant(nyGap.instant)).toBe('2024-03-10T07:30:00.000Z');
  });

  it('keeps milliseconds and handles historic rules', () => {
    const r = resolveWallTime({ ...w(2015, 6, 9, 0, 3, 48), millisecond: 5 }, 'Europe/Budapest');
    expect(r.ok && formatInstant(r.instant)).toBe('2015-06-08T22:03:48.005Z');
    // Moscow was +04:00 all year from 2011-03-27 to 2014-10-26.
    const m = resolveWallTime(w(2012, 1, 15, 12, 0), 'Europe/Moscow');
    expect(m.ok && formatInstant(m.instant)).toBe('2012-01-15T08:00:00.000Z');
  });

  it('refuses an unknown zone or an invalid wall time without throwing', () => {
    expect(resolveWallTime(w(2024, 1, 1, 0, 0), 'Mars/Olympus').ok).toBe(false);
    expect(resolveWallTime(w(2024, 2, 30, 0, 0), 'UTC').ok).toBe(false);
    expect(resolveWallTime({ ...w(2024, 1, 1, 0, 0), hour: 24 }, 'UTC').ok).toBe(false);
  });

  it('agrees with the oracle on every hour of 2024 in New York and Tallinn', () => {
    for (const zone of ['America/New_York', 'Europe/Tallinn']) {
      const f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
      for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 3600_000) {
        const parts = Object.fromEntries(f.formatToParts(t).map((p) => [p.type, p.value]));
        const wall = w(
          Number(parts.year),
          Number(parts.month),
          Number(parts.day),
          Number(parts.hour),
          Number(parts.minute),
        );
        const r = resolveWallTime(wall, zone);
        if (!r.ok) throw new Error(r.reason);
        expect(r.candidates).toContain(t);
      }
    }
  });
});

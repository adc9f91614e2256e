import { describe, expect, it } from 'vitest';
import { EventZone, ParseWarning } from '../../../../shared/model';
import {
  epochTime,
  excelSerialToWall,
  parseApacheTime,
  parseCtime,
  parseEpoch,
  parseIso8601,
  parseRfc5322Date,
  stamp,
  type StampResult,
} from '../../../../shared/time';

const at = { line: 7 };

function valid(r: StampResult): StampResult {
  expect(EventZone.safeParse(r.zone).success).toBe(true);
  for (const w of r.warnings) expect(ParseWarning.safeParse(w).success).toBe(true);
  return r;
}

describe('stamp', () => {
  it('epoch → ts with zone source epoch', () => {
    expect(
      valid(stamp({ tsRaw: '1709644029.412', parsed: parseEpoch('1709644029.412'), locator: at })),
    ).toEqual({
      ts: '2024-03-05T13:07:09.412Z',
      instant: 1709644029412,
      zone: { source: 'epoch', offset: null, name: null },
      warnings: [],
    });
  });

  it('in-band offset → ts, and a declared zone does not override it', () => {
    const raw = '[10/Oct/2000:13:55:36 -0700]';
    const r = valid(
      stamp(
        { tsRaw: raw, parsed: parseApacheTime(raw), locator: at },
        { assumeZone: 'Europe/Tallinn' },
      ),
    );
    expect(r).toMatchObject({
      ts: '2000-10-10T20:55:36.000Z',
      zone: { source: 'in-band', offset: '-07:00', name: null },
      warnings: [],
    });
  });

  it('keeps -0000 as -00:00 (UTC, local zone unknown)', () => {
    const raw = 'Thu, 6 Dec 2001 09:21:06 -0000 (GMT)';
    expect(valid(stamp({ tsRaw: raw, parsed: parseRfc5322Date(raw) })).zone).toEqual({
      source: 'in-band',
      offset: '-00:00',
      name: null,
    });
  });

  it('no zone and none declared → ts null and a warning naming --assume-zone', () => {
    const raw = '2024-03-05T14:07:09';
    const r = valid(stamp({ tsRaw: raw, parsed: parseIso8601(raw), locator: at }));
    expect(r.ts).toBeNull();
    expect(r.zone).toEqual({ source: 'unknown', offset: null, name: null });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ code: 'TIME_NO_ZONE', locator: at });
    expect(r.warnings[0]?.message).toContain('--assume-zone');
  });

  it('declared zone → ts with its offset at that date', () => {
    const raw = 'Tue Jun  9 00:03:48 2015';
    expect(
      valid(stamp({ tsRaw: raw, parsed: parseCtime(raw) }, { assumeZone: 'Europe/Budapest' })),
    ).toMatchObject({
      ts: '2015-06-08T22:03:48.000Z',
      zone: { source: 'declared', offset: '+02:00', name: 'Europe/Budapest' },
      warnings: [],
    });
  });

  it('DST gap and overlap → ambiguous: true, a warning with both readings, earlier by default', () => {
    const gap = valid(
      stamp(
        { tsRaw: '2024-03-31 03:30:00', parsed: parseIso8601('2024-03-31 03:30:00'), locator: at },
        {
          assumeZone: 'Europe/Tallinn',
        },
      ),
    );
    expect(gap).toMatchObject({
      ts: '2024-03-31T00:30:00.000Z',
      zone: { source: 'declared', offset: '+03:00', name: 'Europe/Tallinn', ambiguous: true },
    });
    expect(gap.warnings.map((w) => w.code)).toEqual(['TIME_DST_GAP']);
    expect(gap.warnings[0]?.message).toContain('2024-03-31T01:30:00.000Z');

    const overlap = valid(
      stamp(
        { tsRaw: '2024-10-27 03:30:00', parsed: parseIso8601('2024-10-27 03:30:00'), locator: at },
        {
          assumeZone: 'Europe/Tallinn',
          ambiguousTime: 'later',
        },
      ),
    );
    expect(overlap).toMatchObject({
      ts: '2024-10-27T01:30:00.000Z',
      zone: { offset: '+02:00', ambiguous: true },
    });
    expect(overlap.warnings.map((w) => w.code)).toEqual(['TIME_DST_OVERLAP']);
  });

  it('an invalid declared zone → ts null with TIME_ZONE_INVALID', () => {
    const r = valid(
      stamp(
        { tsRaw: 'x', parsed: parseIso8601('2024-03-05T14:07:09') },
        { assumeZone: 'Mars/Base' },
      ),
    );
    expect(r.ts).toBeNull();
    expect(r.warnings.map((w) => w.code)).toEqual(['TIME_ZONE_INVALID']);
  });

  it('abbreviations: declared zone, epoch cross-check, or ts null', () => {
    const raw = 'Tue, 9 Jun 2015 00:03:47 CEST';
    const parsed = parseRfc5322Date(raw);
    expect(valid(stamp({ tsRaw: raw, parsed }))).toMatchObject({
      ts: null,
      warnings: [{ code: 'TIME_ABBREVIATION_UNRESOLVED' }],
    });
    expect(valid(stamp({ tsRaw: raw, parsed }, { assumeZone: 'Europe/Berlin' }))).toMatchObject({
      ts: '2015-06-08T22:03:47.000Z',
      zone: { source: 'declared', offset: '+02:00', name: 'Europe/Berlin' },
      warnings: [],
    });
    expect(valid(stamp({ tsRaw: raw, parsed }, { assumeZone: 'America/New_York' }))).toMatchObject({
      ts: null,
      zone: { source: 'declared', offset: null, name: 'America/New_York' },
      warnings: [{ code: 'TIME_ABBREVIATION_MISMATCH' }],
    });
    expect(valid(stamp({ tsRaw: raw, parsed, crossCheckEpochMs: 1433801028_000 }))).toMatchObject({
      ts: '2015-06-08T22:03:47.000Z',
      zone: { source: 'epoch', offset: '+02:00', name: null },
    });
  });

  it('notes become warnings; the date is still used', () => {
    const raw = 'Mon, 13 Aug 02 03:15:23 A';
    const r = valid(
      stamp({
        tsRaw: raw,
        parsed: parseRfc5322Date(raw),
        locator: { header: 'Received', index: 2 },
      }),
    );
    expect(r.ts).toBe('2002-08-13T03:15:23.000Z');
    expect(r.warnings.map((w) => w.code).sort()).toEqual([
      'TIME_MILITARY_ZONE',
      'TIME_TWO_DIGIT_YEAR',
      'TIME_WEEKDAY_MISMATCH',
    ]);
  });

  it('unparseable text and reader codes pass through', () => {
    expect(
      valid(stamp({ tsRaw: 'garbage', parsed: parseIso8601('garbage'), locator: at })),
    ).toMatchObject({
      ts: null,
      zone: { source: 'unknown' },
      warnings: [{ code: 'TIME_UNPARSEABLE', locator: at }],
    });
    expect(
      valid(stamp({ tsRaw: '60', parsed: excelSerialToWall(60) }, { assumeZone: 'UTC' }))
        .warnings[0]?.code,
    ).toBe('TIME_EXCEL_PHANTOM_DATE');
    expect(valid(stamp({ tsRaw: '1e20', parsed: epochTime(1e20) })).warnings[0]?.code).toBe(
      'TIME_OUT_OF_RANGE',
    );
  });

  it('an Excel cell with a declared zone', () => {
    expect(
      valid(
        stamp(
          { tsRaw: '45356.58829861111', parsed: excelSerialToWall(45356.58829861111) },
          { assumeZone: 'Europe/Paris' },
        ),
      ),
    ).toMatchObject({
      ts: '2024-03-05T13:07:09.000Z',
      zone: { source: 'declared', offset: '+01:00' },
    });
  });
});

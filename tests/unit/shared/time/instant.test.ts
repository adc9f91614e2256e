import { describe, expect, it } from 'vitest';
import {
  MIN_INSTANT,
  formatInstant,
  formatOffset,
  instantOf,
  parseApacheTime,
  parseCtime,
  parseEpoch,
  parseHexEpoch,
  parseIso8601,
  parseRfc5322Date,
  type ParsedTime,
  type TimeParseResult,
} from '../../../../shared/time';

/** The UTC ISO text of an offset or epoch result (fails the test for anything else). */
function utc(r: TimeParseResult): string {
  if (!r.ok) throw new Error(`not ok: ${r.reason}`);
  return utcOf(r.time);
}
function utcOf(t: ParsedTime): string {
  if (t.kind === 'offset') return formatInstant(instantOf(t));
  if (t.kind === 'epoch') return formatInstant(t.instant);
  throw new Error('a wall time has no UTC value');
}
function time(r: TimeParseResult): ParsedTime {
  if (!r.ok) throw new Error(`not ok: ${r.reason}`);
  return r.time;
}

describe('formatInstant / formatOffset', () => {
  it('writes ISO 8601 UTC with milliseconds and Z', () => {
    expect(formatInstant(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(formatInstant(1649083538000)).toBe('2022-04-04T14:45:38.000Z');
    expect(formatInstant(-1)).toBe('1969-12-31T23:59:59.999Z');
    expect(formatInstant(MIN_INSTANT)).toBe('0001-01-01T00:00:00.000Z');
    expect(formatInstant(253402300799999)).toBe('9999-12-31T23:59:59.999Z');
  });
  it('throws RangeError outside 0001-9999 and for non-integers', () => {
    expect(() => formatInstant(253402300800000)).toThrow(RangeError);
    expect(() => formatInstant(1.5)).toThrow(RangeError);
    expect(() => formatInstant(Number.NaN)).toThrow(RangeError);
  });
  it('formats offsets', () => {
    expect(formatOffset(2 * 3600_000)).toBe('+02:00');
    expect(formatOffset(-(5 * 60 + 30) * 60_000)).toBe('-05:30');
    expect(formatOffset(345 * 60_000)).toBe('+05:45');
    expect(formatOffset(0)).toBe('+00:00');
    expect(formatOffset(0, true)).toBe('-00:00');
    expect(formatOffset((99 * 60 + 49) * 1000)).toBe('+01:39:49'); // LMT-era offsets keep seconds
  });
});

describe('parseIso8601', () => {
  it.each([
    ['2018-06-26T17:23:06.269-07:00', '2018-06-27T00:23:06.269Z', '-07:00'],
    ['2024-03-05T14:07:09+01:00', '2024-03-05T13:07:09.000Z', '+01:00'],
    ['2024-03-05T14:07:09Z', '2024-03-05T14:07:09.000Z', 'Z'],
    ['2024-03-05t14:07:09z', '2024-03-05T14:07:09.000Z', 'z'],
    ['2024-03-05 14:07:09.123456+0530', '2024-03-05T08:37:09.123Z', '+0530'],
    ['2024-03-05T14:07+02', '2024-03-05T12:07:00.000Z', '+02'],
    ['2024-03-05T14:07:09.9999999Z', '2024-03-05T14:07:09.999Z', 'Z'],
    ['2024-03-05T14:07:09,5Z', '2024-03-05T14:07:09.500Z', 'Z'],
  ])('%s → %s', (text, expected, zoneText) => {
    const r = parseIso8601(text);
    expect(utc(r)).toBe(expected);
    const t = time(r);
    expect(t.kind === 'offset' && t.zoneText).toBe(zoneText);
  });

  it('reads -00:00 as UTC with an unknown local offset', () => {
    const t = time(parseIso8601('2024-03-05T14:07:09-00:00'));
    expect(t.kind === 'offset' && t.unknownLocalOffset).toBe(true);
    const z = time(parseIso8601('2024-03-05T14:07:09+00:00'));
    expect(z.kind === 'offset' && z.unknownLocalOffset).toBe(false);
  });

  it('gives a wall time (never UTC) without an offset', () => {
    const t = time(parseIso8601('2024-03-05T14:07:09.412'));
    expect(t).toEqual({
      kind: 'wall',
      abbreviation: null,
      notes: [],
      wall: { year: 2024, month: 3, day: 5, hour: 14, minute: 7, second: 9, millisecond: 412 },
    });
    expect(parseIso8601('2024-03-05T14:07:09', { requireOffset: true }).ok).toBe(false);
  });

  it('keeps a leap second as :59.999 with a note', () => {
    const t = time(parseIso8601('2016-12-31T23:59:60Z'));
    expect(utcOf(t)).toBe('2016-12-31T23:59:59.999Z');
    expect(t.notes).toContain('leap-second');
  });

  it('takes a space before the offset only when asked', () => {
    expect(parseIso8601('2024-03-05T14:07:09.412 +0100').ok).toBe(false);
    expect(
      utc(parseIso8601('2024-03-05T14:07:09.412 +0100', { allowSpaceBeforeOffset: true })),
    ).toBe('2024-03-05T13:07:09.412Z');
    expect(parseIso8601('2024-03-05 14:07:09Z', { allowSpaceSeparator: false }).ok).toBe(false);
  });

  it.each([
    '',
    '2024-03-05',
    '2024-3-05T14:07:09Z',
    '2024-02-30T14:07:09Z',
    '2023-02-29T00:00:00Z',
    '2024-03-05T24:00:00Z',
    '2024-03-05T14:60:00Z',
    '2024-03-05T14:07:61Z',
    '2024-03-05T14:07:09+24:00',
    '2024-03-05T14:07:09+01:60',
    '2024-03-05T14:07:09.Z',
    '2024-03-05T14:07:09.1234567890Z',
    ' 2024-03-05T14:07:09Z',
    '2024-03-05T14:07:09Z ',
    '2024-03-05T14:07:09+01:00x',
    '2024-03-05T14:07:09ZZ',
    '+12024-03-05T14:07:09Z',
  ])('refuses %j', (text) => {
    const r = parseIso8601(text);
    expect(r.ok).toBe(false);
  });
});

describe('parseRfc5322Date', () => {
  it.each([
    // Received headers of real mail (SpamAssassin corpus, formats.md §1.2) and RFC 5322 examples.
    ['Tue, 13 Aug 2002 03:15:23 +1100', '2002-08-12T16:15:23.000Z', '+11:00'],
    ['Mon, 12 Aug 2002 12:15:23 GMT', '2002-08-12T12:15:23.000Z', '+00:00'],
    ['Thu, 6 Dec 2001 09:22:34 GMT', '2001-12-06T09:22:34.000Z', '+00:00'],
    ['Thu, 06 Dec 2001 01:22:01 -0800', '2001-12-06T09:22:01.000Z', '-08:00'],
    ['Thu, 6 Dec 2001 09:21:06 -0000 (GMT)', '2001-12-06T09:21:06.000Z', '-00:00'],
    ['24 Aug 2014 16:13:38 -0000', '2014-08-24T16:13:38.000Z', '-00:00'],
    ['Fri, 21 Nov 1997 09:55:06 -0600', '1997-11-21T15:55:06.000Z', '-06:00'],
    ['Fri, 26 Jan 2018 15:54:11 - 0600', '2018-01-26T21:54:11.000Z', '-06:00'],
    [
      'Thu,\r\n 13\r\n   Feb\r\n     1969\r\n 23:32\r\n  -0330 (Newfoundland Time)',
      '1969-02-14T03:02:00.000Z',
      '-03:30',
    ],
    ['Fri, 21 Nov 1997 09:55:06 EST', '1997-11-21T14:55:06.000Z', '-05:00'],
    ['Fri, 21 Nov 1997 09:55:06 PDT', '1997-11-21T16:55:06.000Z', '-07:00'],
    ['Fri, 21 Nov 1997 09:55:06 UT', '1997-11-21T09:55:06.000Z', '+00:00'],
    ['Fri, 21 Nov 1997 09:55:06 UTC', '1997-11-21T09:55:06.000Z', '+00:00'],
    ['Fri, 21 Nov 1997 09:55:06 Z', '1997-11-21T09:55:06.000Z', '+00:00'],
    ['Fri, 21 Nov 1997 09:55:06 +0200 (CEST)', '1997-11-21T07:55:06.000Z', '+02:00'],
    ['Fri, 21 Nov 1997 09:55:06 +0200 CEST', '1997-11-21T07:55:06.000Z', '+02:00'],
    ['(comment) Fri , 21 Nov 1997 09:55:06 +0000', '1997-11-21T09:55:06.000Z', '+00:00'],
    ['Fri 21 Nov 1997 09:55:06 +0000', '1997-11-21T09:55:06.000Z', '+00:00'],
    ['Friday, 21 Nov 1997 09:55:06 +0000', '1997-11-21T09:55:06.000Z', '+00:00'],
    ['fri, 21 nov 1997 9:55:06 +0000', '1997-11-21T09:55:06.000Z', '+00:00'],
  ])('%j → %s', (text, expected, offset) => {
    const r = parseRfc5322Date(text);
    expect(utc(r)).toBe(expected);
    const t = time(r);
    expect(t.kind).toBe('offset');
    if (t.kind === 'offset') {
      const sign = t.unknownLocalOffset ? '-' : t.offsetMinutes < 0 ? '-' : '+';
      const abs = Math.abs(t.offsetMinutes);
      expect(
        `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`,
      ).toBe(offset);
    }
  });

  it('notes missing seconds', () => {
    const t = time(parseRfc5322Date('Thu, 13 Feb 1969 23:32 -0330'));
    expect(t.notes).toContain('missing-seconds');
  });

  it('expands two- and three-digit years by RFC 5322 §4.3 and notes it', () => {
    expect(utc(parseRfc5322Date('Mon, 12 Aug 02 12:15:23 GMT'))).toBe('2002-08-12T12:15:23.000Z');
    expect(utc(parseRfc5322Date('Thu, 12 Aug 99 12:15:23 GMT'))).toBe('1999-08-12T12:15:23.000Z');
    expect(utc(parseRfc5322Date('Thu, 12 Aug 49 12:15:23 GMT'))).toBe('2049-08-12T12:15:23.000Z');
    expect(utc(parseRfc5322Date('Thu, 12 Aug 50 12:15:23 GMT'))).toBe('1950-08-12T12:15:23.000Z');
    expect(utc(parseRfc5322Date('Mon, 12 Aug 102 12:15:23 GMT'))).toBe('2002-08-12T12:15:23.000Z');
    expect(time(parseRfc5322Date('Mon, 12 Aug 02 12:15:23 GMT')).notes).toContain('two-digit-year');
  });

  it('reads military letters as -0000 with a note, Z as UTC', () => {
    const a = time(parseRfc5322Date('Mon, 12 Aug 2002 12:15:23 A'));
    expect(a.kind === 'offset' && a.unknownLocalOffset).toBe(true);
    expect(a.notes).toContain('military-zone');
    expect(utcOf(a)).toBe('2002-08-12T12:15:23.000Z');
    expect(time(parseRfc5322Date('Mon, 12 Aug 2002 12:15:23 z')).notes).toEqual([]);
  });

  it('notes a day of the week that does not match the date', () => {
    const t = time(parseRfc5322Date('Mon, 13 Aug 2002 03:15:23 +1100'));
    expect(t.notes).toContain('weekday-mismatch');
    expect(utcOf(t)).toBe('2002-08-12T16:15:23.000Z');
  });

  it('gives a wall time, not UTC, without a zone or with an abbreviation of no fixed meaning', () => {
    expect(time(parseRfc5322Date('Tue, 13 Aug 2002 03:15:23'))).toMatchObject({
      kind: 'wall',
      abbreviation: null,
    });
    expect(time(parseRfc5322Date('Tue, 13 Aug 2002 03:15:23 CEST'))).toMatchObject({
      kind: 'wall',
      abbreviation: 'CEST',
    });
    expect(time(parseRfc5322Date('Tue, 13 Aug 2002 03:15:23 J'))).toMatchObject({
      kind: 'wall',
      abbreviation: 'J',
    });
  });

  it.each([
    'Tue, 32 Aug 2002 03:15:23 +1100',
    'Tue, 13 Agu 2002 03:15:23 +1100',
    'Tue, 13 Aug 1899 03:15:23 +1100',
    'Tue, 13 Aug 2002 03:15:23 +11',
    'Tue, 13 Aug 2002 03:15:23 +11000',
    'Tue, 13 Aug 2002 03:15:23 +1160',
    'Tue, 13 Aug 2002 25:15:23 +1100',
    'Tue, 13 Aug 2002 03:15:23 +1100 trailing junk',
    'Tue, 13 Aug 2002 03:15:23 +1100 (unterminated',
    'Tue, 13 Aug 2002 03:15:23GMT',
    'Tus, 13 Aug 2002 03:15:23 +1100',
    '13 Aug 2002',
    '',
  ])('refuses %j', (text) => {
    expect(parseRfc5322Date(text).ok).toBe(false);
  });
});

describe('parseApacheTime', () => {
  it.each([
    ['[10/Oct/2000:13:55:36 -0700]', '2000-10-10T20:55:36.000Z'],
    ['[17/May/2015:10:05:03 +0000]', '2015-05-17T10:05:03.000Z'],
    ['18/Sep/2011:19:18:28 -0400', '2011-09-18T23:18:28.000Z'],
    ['[01/Jan/2024:00:30:00 +0530]', '2023-12-31T19:00:00.000Z'],
  ])('%s → %s', (text, expected) => {
    expect(utc(parseApacheTime(text))).toBe(expected);
  });
  it.each([
    '[10/Oct/2000:13:55:36 -0700',
    '10/Oct/2000:13:55:36 -0700]',
    '[10/Oct/2000:13:55:36]',
    '[10/Oct/2000 13:55:36 -0700]',
    '[31/Feb/2000:13:55:36 -0700]',
    '[10/Oct/2000:13:55:36 -07:00]',
    '[10/October/2000:13:55:36 -0700]',
  ])('refuses %j', (text) => {
    expect(parseApacheTime(text).ok).toBe(false);
  });
});

describe('parseCtime', () => {
  it('reads a FreeRADIUS detail header as a wall time', () => {
    expect(time(parseCtime('Tue Jun  9 00:03:48 2015'))).toEqual({
      kind: 'wall',
      abbreviation: null,
      notes: [],
      wall: { year: 2015, month: 6, day: 9, hour: 0, minute: 3, second: 48, millisecond: 0 },
    });
    expect(time(parseCtime('Wed Jun  9 00:03:48 2015')).notes).toContain('weekday-mismatch');
    expect(parseCtime('Tue Jun  9 00:03:48').ok).toBe(false);
  });
});

describe('epoch readers', () => {
  it.each([
    ['1709644029.412', 's', '2024-03-05T13:07:09.412Z'],
    ['1433801028', 's', '2015-06-08T22:03:48.000Z'],
    ['1757235600.250000', 's', '2025-09-07T09:00:00.250Z'],
    ['1007630466', 's', '2001-12-06T09:21:06.000Z'],
    ['1709644029412', 'ms', '2024-03-05T13:07:09.412Z'],
    ['1709644029412.999', 'ms', '2024-03-05T13:07:09.412Z'],
    ['1709644029412345', 'us', '2024-03-05T13:07:09.412Z'],
    ['1709644029412345678', 'ns', '2024-03-05T13:07:09.412Z'],
    ['0', 's', '1970-01-01T00:00:00.000Z'],
    ['0000000001.5', 's', '1970-01-01T00:00:01.500Z'],
  ] as const)('%s (%s) → %s', (text, unit, expected) => {
    expect(utc(parseEpoch(text, unit))).toBe(expected);
  });
  it('is exact where floating point is not', () => {
    // 1709644029.413 * 1000 = 1709644029412.9998 in binary floating point.
    expect(utc(parseEpoch('1709644029.413'))).toBe('2024-03-05T13:07:09.413Z');
  });
  it.each(['', '-1', '1e9', '1.', '.5', '1.2.3', ' 1', '99999999999999999', '253402300800'])(
    'refuses %j',
    (t) => {
      expect(parseEpoch(t).ok).toBe(false);
    },
  );
  it('reads Juniper hex epochs (formats.md §4.4)', () => {
    expect(utc(parseHexEpoch('624b0492'))).toBe('2022-04-04T14:45:38.000Z');
    expect(utc(parseHexEpoch('624b0cc7'))).toBe('2022-04-04T15:20:39.000Z');
    expect(utc(parseHexEpoch('0x6597EF40'))).toBe('2024-01-05T12:00:00.000Z');
    for (const bad of ['', '0x', 'g1', '624b 0492', 'ffffffffffffffff'])
      expect(parseHexEpoch(bad).ok).toBe(false);
  });
});

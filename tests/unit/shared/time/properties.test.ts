import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_INSTANT,
  MIN_INSTANT,
  createSyslogYearTracker,
  excelSerialToWall,
  formatInstant,
  formatOffset,
  instantOf,
  parseApacheTime,
  parseCtime,
  parseEpoch,
  parseHexEpoch,
  parseIso8601,
  parseRfc5322Date,
  parseSyslogTimestamp,
  resolveAbbreviation,
  resolveWallTime,
  stamp,
  utcMsToWall,
  wallTimeIn,
} from '../../../../shared/time';

const instant = fc.integer({ min: MIN_INSTANT, max: MAX_INSTANT });
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p = (n: number, k = 2) => String(n).padStart(k, '0');

describe('round trips (fast-check)', () => {
  it('formatInstant agrees with Date#toISOString and parseIso8601 reads it back', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const text = formatInstant(ms);
        expect(text).toBe(new Date(ms).toISOString());
        const r = parseIso8601(text);
        expect(r.ok && r.time.kind === 'offset' && instantOf(r.time)).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });

  it('any instant written with any offset in ISO, RFC 5322 and CLF forms reads back to the same second', () => {
    const offset = fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 });
    const range = fc.integer({ min: Date.UTC(1900, 1, 1), max: Date.UTC(9998, 11, 1) });
    fc.assert(
      fc.property(range, offset, (ms0, off) => {
        const ms = ms0 - (ms0 % 1000);
        const w = utcMsToWall(ms + off * 60_000);
        const zone = formatOffset(off * 60_000);
        const iso = `${p(w.year, 4)}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}:${p(w.second)}${zone}`;
        const compact = zone.replace(':', '');
        const rfc = `${p(w.day)} ${MONTHS[w.month - 1] ?? ''} ${w.year} ${p(w.hour)}:${p(w.minute)}:${p(w.second)} ${compact}`;
        const clf = `[${p(w.day)}/${MONTHS[w.month - 1] ?? ''}/${w.year}:${p(w.hour)}:${p(w.minute)}:${p(w.second)} ${compact}]`;
        for (const r of [parseIso8601(iso), parseRfc5322Date(rfc), parseApacheTime(clf)]) {
          expect(r.ok && r.time.kind === 'offset' && instantOf(r.time)).toBe(ms);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('epoch text round-trips exactly (seconds with milliseconds, and ms)', () => {
    const range = fc.integer({ min: 0, max: MAX_INSTANT });
    fc.assert(
      fc.property(range, (ms) => {
        const s = `${Math.floor(ms / 1000)}.${p(ms % 1000, 3)}`;
        expect(parseEpoch(s, 's')).toMatchObject({ ok: true, time: { instant: ms } });
        expect(parseEpoch(String(ms), 'ms')).toMatchObject({ ok: true, time: { instant: ms } });
        const sec = Math.floor(ms / 1000);
        expect(parseHexEpoch(sec.toString(16))).toMatchObject({
          ok: true,
          time: { instant: sec * 1000 },
        });
      }),
    );
  });

  it('a declared zone round-trips: the wall time of an instant resolves back to it (a candidate)', () => {
    const zones = fc.constantFrom(
      'Europe/Tallinn',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'America/Santiago',
      'UTC',
    );
    const range = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2037, 11, 31) });
    fc.assert(
      fc.property(zones, range, (zone, ms) => {
        const wall = wallTimeIn(zone, ms);
        if (wall === null) throw new Error('zone');
        const r = resolveWallTime(wall, zone);
        expect(r.ok && r.candidates).toContain(ms);
        expect(r.ok && r.ambiguous).not.toBe('gap');
      }),
      { numRuns: 1000 },
    );
  });
});

/** Inputs built to hurt scanners: long runs of the tokens they look for. */
const nasty = [
  '('.repeat(1 << 20),
  `${'('.repeat(1 << 19)}${')'.repeat(1 << 19)}`,
  '9'.repeat(1 << 20),
  ' '.repeat(1 << 20),
  `Tue, 13 Aug 2002 03:15:23 ${'(a'.repeat(1 << 19)}`,
  `2024-03-05T14:07:09.${'1'.repeat(1 << 20)}Z`,
  `${'Jan '.repeat(1 << 18)}`,
  `[${'1/'.repeat(1 << 19)}]`,
  `${'\\('.repeat(1 << 19)}`,
];

describe('time readers never throw and stay linear (fast-check, 1 MiB inputs)', () => {
  const readers: [string, (s: string) => unknown][] = [
    ['parseIso8601', (s) => parseIso8601(s, { allowSpaceBeforeOffset: true })],
    ['parseRfc5322Date', parseRfc5322Date],
    ['parseApacheTime', parseApacheTime],
    ['parseCtime', parseCtime],
    ['parseEpoch', (s) => parseEpoch(s)],
    ['parseHexEpoch', parseHexEpoch],
    ['parseSyslogTimestamp', (s) => parseSyslogTimestamp(s)],
    [
      'stamp(rfc5322)',
      (s) =>
        stamp(
          { tsRaw: s, parsed: parseRfc5322Date(s), locator: { line: 1 } },
          { assumeZone: 'Europe/Tallinn' },
        ),
    ],
  ];

  it.each(readers)('%s on arbitrary text', (_name, read) => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (s) => {
        read(s);
      }),
      { numRuns: 3000 },
    );
  });

  it.each(readers)('%s on arbitrary mutations of valid stamps', (_name, read) => {
    const seeds = fc.constantFrom(
      'Tue, 13 Aug 2002 03:15:23 +1100',
      '[10/Oct/2000:13:55:36 -0700]',
      '2018-06-26T17:23:06.269-07:00',
      'Tue Jun  9 00:03:48 2015',
      'Dec 10 06:55:46',
      '1709644029.412',
    );
    fc.assert(
      fc.property(seeds, fc.nat(40), fc.string({ maxLength: 4 }), (seed, at, insert) => {
        read(seed.slice(0, at) + insert + seed.slice(at + 1));
      }),
      { numRuns: 2000 },
    );
  });

  it.each(readers)('%s on 1 MiB adversarial inputs finishes fast', (_name, read) => {
    for (const text of nasty) {
      const t0 = performance.now();
      read(text);
      // Readers refuse over-long text at once or read a bounded prefix: far below this bound.
      expect(performance.now() - t0).toBeLessThan(250);
    }
  });

  it('other entry points never throw on arbitrary numbers and words', () => {
    fc.assert(
      fc.property(fc.double(), fc.constantFrom<'1900' | '1904'>('1900', '1904'), (n, sys) => {
        excelSerialToWall(n, sys);
      }),
    );
    const wall = fc.record({
      year: fc.integer({ min: -5, max: 10005 }),
      month: fc.integer({ min: -1, max: 14 }),
      day: fc.integer({ min: -1, max: 33 }),
      hour: fc.integer({ min: -1, max: 25 }),
      minute: fc.integer({ min: -1, max: 61 }),
      second: fc.integer({ min: -1, max: 61 }),
      millisecond: fc.integer({ min: -1, max: 1000 }),
    });
    fc.assert(
      fc.property(
        wall,
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 8 }),
        (w, zone, abbr) => {
          resolveWallTime(w, zone);
          resolveAbbreviation(abbr, w, { zone });
        },
      ),
      { numRuns: 500 },
    );
    const tracker = createSyslogYearTracker(2024);
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const r = parseSyslogTimestamp(s);
        if (r.ok) tracker.next(r.value);
      }),
    );
  });
});

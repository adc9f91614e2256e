/**
 * The access-log fast paths (issue 5 benchmark) must not change a single event: the time caches
 * (exact text, and same minute + offset), the IP cache, and the in-place request-line split are
 * checked against the same lines read one at a time by a fresh parser (nothing cached).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HttpAccessEvent } from '../../../../../shared/model';
import { parseText, validateParseOptions } from '../../../../../shared/parsers';
import { accessLogParser } from '../../../../../shared/parsers/access-log';
import { IpCache } from '../../../../../shared/parsers/access-log/ip-cache';
import { clfTime } from '../../../../fixtures/access-log/generate';

function parse(text: string, logFormat?: string) {
  return parseText(accessLogParser, text, {
    options: validateParseOptions(logFormat === undefined ? {} : { logFormat }),
    validateEvents: true,
    maxWarningsPerCode: 10_000,
  });
}

/** Each line parsed alone (a fresh parser: no cache), renumbered as in the whole text. */
function oneByOne(lines: readonly string[], logFormat?: string) {
  const events: unknown[] = [];
  const warnings: unknown[] = [];
  lines.forEach((line, i) => {
    const run = parse(line, logFormat);
    for (const e of run.events) events.push({ ...e, locator: { line: i + 1 } });
    for (const w of run.warnings) {
      if (w.locator !== null) warnings.push({ code: w.code, locator: { line: i + 1 } });
    }
  });
  return { events, warnings };
}

function whole(lines: readonly string[], logFormat?: string) {
  const run = parse(lines.join('\n'), logFormat);
  return {
    events: run.events,
    warnings: run.warnings
      .filter((w) => w.locator !== null && w.code !== 'ACCESS_FORMAT_DETECTED')
      .map((w) => ({ code: w.code, locator: w.locator })),
  };
}

const line = (ip: string, time: string, request = 'GET / HTTP/1.1'): string =>
  `${ip} - - [${time}] "${request}" 200 5 "-" "curl/8.5.0"`;

describe('access-log: cached times equal stamped times', () => {
  it('interleaves two offsets across minutes, hours, days and a month end', () => {
    const lines: string[] = [];
    let t = Date.UTC(2024, 2, 31, 22, 58, 30) / 1000;
    for (let i = 0; i < 400; i++) {
      t += i % 7 === 0 ? 0 : (i * 13) % 5;
      lines.push(line('192.0.2.10', clfTime(t, i % 3 === 0 ? -300 : 60)));
    }
    const fresh = oneByOne(lines, 'combined');
    const run = whole(lines, 'combined');
    expect(run.events).toEqual(fresh.events);
    expect(run.events).toHaveLength(400);
  });

  it('stamps a leap second, an impossible date and a bad offset afresh, with their warnings', () => {
    const lines = [
      line('192.0.2.1', '30/Jun/2015:23:59:59 +0000'),
      line('192.0.2.1', '30/Jun/2015:23:59:60 +0000'),
      line('192.0.2.1', '30/Jun/2015:23:59:60 +0000'),
      line('192.0.2.1', '30/Feb/2024:10:00:00 +0000'),
      line('192.0.2.1', '30/Feb/2024:10:00:00 +0000'),
      line('192.0.2.1', '30/Jun/2015:23:59:5x +0000'),
      line('192.0.2.1', '30/Jun/2015:23:59:58 +0000'),
      line('192.0.2.1', '30/Jun/2015:23:59:58 +2500'),
    ];
    const fresh = oneByOne(lines, 'combined');
    const run = whole(lines, 'combined');
    expect(run.events).toEqual(fresh.events);
    expect(run.warnings).toEqual(fresh.warnings);
  });

  it('agrees with fresh parsers for arbitrary time texts (fast-check)', () => {
    const digit2 = (max: number) =>
      fc.integer({ min: 0, max }).map((n) => (n < 10 ? `0${n}` : String(n)));
    const time = fc
      .tuple(
        digit2(32),
        fc.constantFrom('Jan', 'Feb', 'Mar', 'Dec', 'Foo'),
        fc.constantFrom('2024', '2023', '1969'),
        digit2(24),
        digit2(60),
        digit2(61),
        fc.constantFrom('+0100', '-0500', '+0000', '+0545', '+2400', '0100'),
      )
      .map(([d, mon, y, h, m, s, z]) => `${d}/${mon}/${y}:${h}:${m}:${s} ${z}`);
    fc.assert(
      fc.property(fc.array(time, { minLength: 1, maxLength: 30 }), (times) => {
        const lines = times.map((t) => line('198.51.100.7', t));
        const fresh = oneByOne(lines, 'combined');
        const run = whole(lines, 'combined');
        expect(run.events).toEqual(fresh.events);
        expect(run.warnings).toEqual(fresh.warnings);
      }),
      { numRuns: 200 },
    );
  });
});

describe('access-log: the clock steps by seconds within a minute exactly', () => {
  it('agrees with fresh parsers when times share their minute and offset (fast-check)', () => {
    // Two minutes, two offsets, any seconds (forwards, backwards, :60, not digits): the clock
    // derives most of these from the remembered time of the same minute and offset.
    const time = fc
      .tuple(
        fc.constantFrom('14:07', '14:08', '23:59'),
        fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: 0, max: 59 }) },
          { weight: 1, arbitrary: fc.constantFrom(60, 99, -1) },
        ),
        fc.constantFrom('+0100', '-0500'),
        fc.constantFrom('31/Dec/2023', '05/Mar/2024'),
      )
      .map(([hm, s, z, day]) => {
        const ss = s < 0 ? '6x' : s < 10 ? `0${s}` : String(s);
        return `${day}:${hm}:${ss} ${z}`;
      });
    fc.assert(
      fc.property(fc.array(time, { minLength: 1, maxLength: 40 }), (times) => {
        const lines = times.map((t) => line('198.51.100.7', t));
        const fresh = oneByOne(lines, 'combined');
        const run = whole(lines, 'combined');
        expect(run.events).toEqual(fresh.events);
        expect(run.warnings).toEqual(fresh.warnings);
      }),
      { numRuns: 300 },
    );
  });
});

describe('access-log: client addresses and request lines', () => {
  it('normalises and flags addresses once per text; every event gets its own flags array', () => {
    const ips = ['192.0.2.10', '2001:DB8:0:0::1', '10.1.2.3', 'host.example.com', '192.0.2.10'];
    const lines = ips.map((ip) => line(ip, '05/Mar/2024:14:07:09 +0100'));
    const run = whole(lines, 'combined');
    expect(run.events).toEqual(oneByOne(lines, 'combined').events);
    const [first, , , , last] = run.events as HttpAccessEvent[];
    expect(first?.clientIp).toBe('192.0.2.10');
    expect(first?.flags).toEqual(['documentation-ip']);
    expect(last?.flags).toEqual(['documentation-ip']);
    expect(first?.flags).not.toBe(last?.flags);
    expect((run.events[1] as HttpAccessEvent).clientIp).toBe('2001:db8::1');
    expect((run.events[3] as HttpAccessEvent).extra?.remoteHost).toBe('host.example.com');
  });

  it('keeps the text, the normalised address and copies of no shared state in IpCache', () => {
    const cache = new IpCache(2);
    const a = cache.lookup('x 2001:DB8::1 y', 2, 13);
    expect(a).toEqual({
      text: '2001:DB8::1',
      ip: '2001:db8::1',
      flags: ['documentation-ip'],
      proxy: false,
    });
    expect(cache.lookup('2001:DB8::1', 0, 11)).toBe(a);
    expect(cache.lookup('not-an-ip', 0, 9)).toEqual({
      text: 'not-an-ip',
      ip: null,
      flags: [],
      proxy: false,
    });
    expect(cache.lookup('10.1.2.3', 0, 8).proxy).toBe(true);
    cache.lookup('192.0.2.1', 0, 9); // full: starts again
    expect(cache.lookup('2001:DB8::1', 0, 11)).toEqual(a);
  });

  it('splits request lines in place, and after undoing Apache escapes, like before', () => {
    const requests = [
      'GET /a b HTTP/1.1',
      'GET /x',
      'GET /x HTTP/',
      'GET /x HTTP/1.0 ',
      'GET  HTTP/1.1',
      ' GET / HTTP/1.1',
      'G@T / HTTP/1.1',
      'OPTIONS * HTTP/1.1',
      'GET /q?a=\\"b\\" HTTP/1.1',
      'GET /q\\\\ HTTP/1.1',
      'garbage',
    ];
    const lines = requests.map((r) => line('192.0.2.10', '05/Mar/2024:14:07:09 +0100', r));
    const run = whole(lines, 'combined');
    expect(run.events).toEqual(oneByOne(lines, 'combined').events);
    const got = (run.events as HttpAccessEvent[]).map((e) => [
      e.method ?? null,
      e.path ?? null,
      e.extra?.protocol ?? null,
      e.extra?.request ?? null,
    ]);
    expect(got).toEqual([
      ['GET', '/a b', 'HTTP/1.1', null],
      ['GET', '/x', null, null],
      ['GET', '/x', 'HTTP/', null],
      ['GET', '/x HTTP/1.0 ', null, null],
      ['GET', '', 'HTTP/1.1', null],
      [null, null, null, ' GET / HTTP/1.1'],
      [null, null, null, 'G@T / HTTP/1.1'],
      ['OPTIONS', '*', 'HTTP/1.1', null],
      ['GET', '/q?a="b"', 'HTTP/1.1', null],
      ['GET', '/q\\', 'HTTP/1.1', null],
      [null, null, null, 'garbage'],
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIp, ipv4ToNumber, parseIpv4 } from '../../../../shared/net';
import {
  eventAccounts,
  eventHasText,
  eventIps,
  eventMatches,
  eventPortRanges,
  eventTimeMs,
  ipv4Value,
  typeMaskOf,
  utcIsoMs,
} from '../../../../shared/workspace';
import { gramFilter, gramsMayContain } from '../../../../shared/workspace';
import { A, aaa, block, http, mail, nat } from '../../renderer/db/event-fixtures';

describe('ipv4Value', () => {
  it.each([
    ['0.0.0.0', 0],
    ['203.0.113.7', 3405803783],
    ['255.255.255.255', 4294967295],
    ['1.2.3.4', 16909060],
  ])('reads %s', (text, value) => {
    expect(ipv4Value(text)).toBe(value);
  });

  it.each([
    '010.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '1.2.3.4 ',
    '',
    '::1',
    '1..2.3',
    'a.b.c.d',
  ])('refuses %j', (text) => {
    expect(ipv4Value(text)).toBe(-1);
  });

  it('agrees with shared/net parseIpv4 on any dotted text', () => {
    const octet = fc.oneof(
      fc.integer({ min: 0, max: 300 }).map(String),
      fc.constantFrom('00', '01', '007', '0000', '', 'x', '-1'),
    );
    const text = fc.oneof(
      fc.array(octet, { minLength: 1, maxLength: 6 }).map((xs) => xs.join('.')),
      fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '2', '5', ' '), maxLength: 17 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(ipv4Value(t)).toBe(ipv4ToNumber(t) ?? -1);
        expect(ipv4Value(t) >= 0).toBe(parseIpv4(t) !== null);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the fields the filters read', () => {
  it('time: epoch ms, Infinity for no UTC time', () => {
    expect(eventTimeMs({ ts: '2026-11-20T10:00:00.123Z' })).toBe(
      Date.UTC(2026, 10, 20, 10, 0, 0, 123),
    );
    expect(eventTimeMs({ ts: null })).toBe(Infinity);
    expect(eventTimeMs({ ts: 'garbage' })).toBe(Infinity);
  });

  it('addresses: every IP field, unparseable text skipped', () => {
    expect(eventIps(nat(1, 1)).map(formatIp)).toEqual([
      '100.64.1.2',
      '198.51.100.9',
      '2001:db8::1',
    ]);
    expect(eventIps(http(1, 1, { clientIp: 'unknown' }))).toEqual([]);
    expect(eventIps(mail(1, 1, 'a', [])).map(formatIp)).toEqual(['192.0.2.44']);
  });

  it('ports: single fields and the inclusive block', () => {
    expect(eventPortRanges(nat(1, 1))).toEqual([
      [40000, 40000],
      [1024, 1024],
      [443, 443],
    ]);
    expect(eventPortRanges(block(1, 1))).toEqual([[2000, 2999]]);
    expect(eventPortRanges(http(1, 1))).toEqual([]);
  });

  it('accounts: lowercase, mailbox addresses too, no duplicates', () => {
    expect(eventAccounts(aaa(1, 1, { user: ' Alice ' }))).toEqual(['alice']);
    expect(eventAccounts(mail(1, 1, 'Al <AL@x.org>', ['al@x.org', 'b@x.org']))).toEqual([
      'al <al@x.org>',
      'al@x.org',
      'b@x.org',
    ]);
  });

  it('free text: values only, any depth, numbers as written', () => {
    const e = http(1, 1, { extra: { Vhost: 'Shop' }, status: 404 });
    expect(eventHasText(e, 'shop')).toBe(true);
    expect(eventHasText(e, 'vhost')).toBe(false);
    expect(eventHasText(e, '404')).toBe(true);
    expect(eventHasText(e, 'in-band')).toBe(true);
    expect(eventHasText(e, 'line')).toBe(false);
  });

  it('filters combine with AND; an empty type list matches nothing', () => {
    const e = nat(1, 1);
    expect(eventMatches(e, A, {})).toBe(true);
    expect(eventMatches(e, A, { types: [] })).toBe(false);
    expect(eventMatches(e, A, { types: ['nat:session'], port: 443, cidr: '2001:db8::/32' })).toBe(
      true,
    );
    expect(eventMatches(e, A, { types: ['nat:session'], port: 444 })).toBe(false);
    expect(eventMatches(e, A, { artefacts: ['other'] })).toBe(false);
    expect(typeMaskOf(['http:access', 'nat:session'])).toBe(0b10001);
  });
});

describe('the trigram filter of a page', () => {
  it('never rules out a substring of the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(), fc.nat(), (text, a, b) => {
        const grams = gramFilter(text);
        const from = a % (text.length + 1);
        const to = from + (b % (text.length - from + 1));
        expect(gramsMayContain(grams, text.slice(from, to))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('rules out most needles that are absent', () => {
    const grams = gramFilter('{"type":"http:access","path":"/index.html"}');
    expect(gramsMayContain(grams, 'index')).toBe(true);
    expect(gramsMayContain(grams, 'ab')).toBe(true);
    const absent = ['user42', 'qqq', 'zebra', '203.0.113', 'mozilla', 'delete'];
    expect(absent.filter((n) => gramsMayContain(grams, n))).toEqual([]);
  });
});

describe('utcIsoMs (the fast path of eventTimeMs)', () => {
  it('agrees with Date.parse on every ISO instant it reads (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0100-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const text = d.toISOString();
          expect(utcIsoMs(text)).toBe(Date.parse(text));
        },
      ),
    );
  });

  it('leaves every other text to Date.parse, so eventTimeMs answers as before (property)', () => {
    const before = (ts: string) => {
      const ms = Date.parse(ts);
      return Number.isFinite(ms) ? ms : Infinity;
    };
    const near = fc
      .tuple(
        fc.date({ noInvalidDate: true }),
        fc.nat(23),
        fc.string({ minLength: 1, maxLength: 1 }),
      )
      .map(([d, at, ch]) => {
        const t = d.toISOString();
        return t.slice(0, at) + ch + t.slice(at + 1);
      });
    fc.assert(
      fc.property(fc.oneof(near, fc.string({ maxLength: 30 })), (ts) => {
        expect(eventTimeMs({ ts })).toBe(before(ts));
      }),
      { numRuns: 2000 },
    );
    for (const ts of [
      '2023-02-29T00:00:00.000Z',
      '2024-02-29T00:00:00.000Z',
      '2024-04-31T00:00:00.000Z',
      '0050-01-01T00:00:00.000Z',
      '2024-01-01T24:00:00.000Z',
      '2024-01-01T00:00:00.000+',
      '+002024-01-01T00:00:00.000Z',
    ]) {
      expect(eventTimeMs({ ts })).toBe(before(ts));
    }
  });
});

/**
 * The predefined formats' fast path (fast-path.ts + clf-clock.ts, issue 5 benchmark) against the
 * general path (generalAccessLogParser: scanner + event builder + TimeReader for every line):
 * the same events byte for byte (JSON text, so key order counts too) and the same warnings with
 * the same line numbers, on real lines, on the fixtures, on generated logs and on fast-check
 * lines built from valid and broken pieces. A fast path that took no line would pass those
 * vacuously, so the share of lines it takes is checked as well.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText, validateParseOptions } from '../../../../../shared/parsers';
import { accessLogParser, generalAccessLogParser } from '../../../../../shared/parsers/access-log';
import { FastReader } from '../../../../../shared/parsers/access-log/fast-path';
import { compileLogFormat } from '../../../../../shared/parsers/access-log/format-compiler';
import {
  dottedQuadKey,
  IpCache,
  NOT_A_QUAD,
} from '../../../../../shared/parsers/access-log/ip-cache';
import type { Parser } from '../../../../../shared/parsers/types';
import {
  clfTime,
  combinedLine,
  commonLine,
  generateRecords,
  vhostCombinedLine,
} from '../../../../fixtures/access-log/generate';
import { chunked } from '../chunked';

const FIXTURES = join(__dirname, '../../../../fixtures/access-log');
const FORMATS = [undefined, 'common', 'combined', 'vhost_combined'] as const;

/**
 * Real combined lines: elastic/examples `Common Data Formats/apache_logs/apache_logs@253b8ef9`
 * (May 2015, quoted in shared/reference/formats.md §2.1; the third line's agent is shortened there
 * with `...`, kept as quoted).
 */
const REAL = [
  '83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET /presentations/logstash-monitorama-2013/images/kibana-search.png HTTP/1.1" 200 203023 "http://semicomplete.com/presentations/logstash-monitorama-2013/" "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.77 Safari/537.36"',
  '83.149.9.216 - - [17/May/2015:10:05:43 +0000] "GET /presentations/logstash-monitorama-2013/images/kibana-dashboard3.png HTTP/1.1" 200 171717 "http://semicomplete.com/presentations/logstash-monitorama-2013/" "Mozilla/5.0 ..."',
  '66.249.73.135 - - [17/May/2015:10:05:40 +0000] "GET /blog/tags/ipv6 HTTP/1.1" 200 12251 "-" "Mozilla/5.0 (iPhone; ...) (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"',
];

function run(parser: Parser, text: string | readonly string[], logFormat: string | undefined) {
  const r = parseText(parser, text, {
    options: validateParseOptions(logFormat === undefined ? {} : { logFormat }),
    validateEvents: true,
    maxWarningsPerCode: 100_000,
  });
  return { events: JSON.stringify(r.events), warnings: r.warnings, count: r.events.length };
}

/**
 * Both paths over `text`, auto-detected and with each predefined format; returns the events. The
 * fast path reads lines in place in their chunk and joined across chunks: it is run on the whole
 * text and on the text cut at `cuts` (default: every 97 characters), the general path on the whole.
 */
function expectSame(text: string, cuts?: readonly number[]): number {
  const pieces =
    cuts === undefined
      ? chunked(
          text,
          Array.from({ length: Math.floor(text.length / 97) }, (_, i) => (i + 1) * 97),
        )
      : chunked(text, cuts);
  let events = 0;
  for (const format of FORMATS) {
    const general = run(generalAccessLogParser, text, format);
    for (const input of [text, pieces]) {
      const fast = run(accessLogParser, input, format);
      expect(fast.events).toBe(general.events);
      expect(fast.warnings).toEqual(general.warnings);
    }
    events += general.count;
  }
  return events;
}

/** How many of `lines` the fast path of `format` takes (the rest go the general way). */
function fastShare(lines: readonly string[], format: string): number {
  const compiled = compileLogFormat(format);
  if (!compiled.ok) throw new Error(format);
  const reader = FastReader.for(compiled.format, new IpCache(), {});
  if (reader === null) throw new Error(`no fast path for ${format}`);
  return lines.filter((l, i) => reader.read(l, i + 1) !== null).length / lines.length;
}

describe('access-log fast path: same events as the general path', () => {
  it('on real combined lines, all of which it takes', () => {
    expect(expectSame(`${REAL.join('\n')}\n`)).toBeGreaterThan(0);
    expect(fastShare(REAL, 'combined')).toBe(1);
  });

  it('on escaped quotes and backslashes in the referer and agent, which it takes', () => {
    const base = REAL[2] ?? '';
    const lines = [
      base.replace('"-"', '"https://evil.example/\\"quoted\\""'),
      base.replace('"-"', '"a\\\\"'),
      base.replace('"-"', '"a\\\\\\"b"'),
      base.replace('(iPhone; ...)', '(iPhone; \\"x\\" \\\\)'),
      base.replace('"-"', '"\\x16\\x03"'),
    ];
    expect(expectSame(`${lines.join('\n')}\n`)).toBeGreaterThan(0);
    expect(fastShare(lines, 'combined')).toBe(1);
    // Not taken: a backslash before the referer (user, request), or an escape left open.
    const refused = [
      base.replace('- - [', '- a\\"b ['),
      base.replace('GET /blog', 'GET /\\"blog'),
      base.replace('"-"', '"a\\"'),
    ];
    expectSame(`${refused.join('\n')}\n`);
    expect(fastShare(refused, 'combined')).toBe(0);
  });

  it('on the fixtures (escapes, a non-record, a format change, a hex request)', () => {
    for (const name of ['mixed-defaults.log', 'generated-combined.log']) {
      expectSame(readFileSync(join(FIXTURES, name), 'utf8'));
    }
  });

  it('on generated common, combined and vhost_combined logs with two offsets', () => {
    const records = generateRecords(600, 7);
    const offset = (i: number): number => (i % 3 === 0 ? -300 : 60);
    const sets = [
      { format: 'common', lines: records.map((r, i) => commonLine(r, offset(i))) },
      { format: 'combined', lines: records.map((r, i) => combinedLine(r, offset(i))) },
      { format: 'vhost_combined', lines: records.map((r, i) => vhostCombinedLine(r, offset(i))) },
    ];
    for (const { format, lines } of sets) {
      expect(expectSame(`${lines.join('\n')}\n`)).toBeGreaterThan(lines.length);
      expect(fastShare(lines, format)).toBeGreaterThan(0.9);
    }
  });

  it('on times at the edges of what it reads itself (stamp() decides the rest)', () => {
    const times = [
      '29/Feb/2024:23:59:59 +0000',
      '29/Feb/2023:12:00:00 +0000',
      '31/Dec/9999:23:59:59 +0000',
      '31/Dec/9999:23:59:59 -0100',
      '01/Jan/0001:00:00:00 +0100',
      '01/Jan/0001:00:59:59 +0100',
      '01/Jan/0001:01:00:00 +0100',
      '01/Jan/1970:00:00:00 +0000',
      '31/Dec/1969:23:59:59 -0000',
      '31/Dec/1969:23:59:59 +0000',
      '15/mar/2024:10:00:00 +0545',
      '15/MAR/2024:10:00:00 -2359',
      '15/Mar/2024:24:00:00 +0100',
      '15/Mar/2024:23:60:00 +0100',
      '30/Jun/2015:23:59:60 +0000',
      '00/Mar/2024:10:00:00 +0100',
      '15/Mar/2024:10:00:00 +2400',
      '15/Mar/2024:10:00:00 +0160',
      '5/Mar/2024:10:00:00 +0100',
      '15/Mar/2024:10:00:00 0100',
      '15/Mar/2024 10:00:00 +0100',
      '15/Mär/2024:10:00:00 +0100',
      '15/M]r/2024:10:00:00 +0100',
      '15/Mar/2024:10:00]00 +0100',
      '15/Mar/2024:10:00:00 +0100] [',
    ];
    const lines = times
      .flatMap((t) => [t, t])
      .map((t, i) => REAL[i % 3]?.replace(/\[[^\]]*\]/, `[${t}]`) ?? '');
    expectSame(`${lines.join('\n')}\n`);
  });

  it('on lines built from valid and broken pieces (fast-check)', () => {
    const piece = (valid: fc.Arbitrary<string>, broken: fc.Arbitrary<string>) =>
      fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: broken });
    const junk = fc.string({
      maxLength: 6,
      unit: fc.constantFrom('a', ' ', '"', '\\', '-', ']', '[', ':', '1', '\t', 'é'),
    });
    const host = piece(
      fc.constantFrom(
        '192.0.2.10',
        '10.1.2.3',
        '127.0.0.1',
        '2001:db8::1',
        '2001:DB8:0:0::1',
        '::ffff:192.0.2.1',
        '-',
      ),
      fc.oneof(fc.constantFrom('', 'host.example.com', '192.0.2.300', '2001:db8::g'), junk),
    );
    const user = piece(fc.constantFrom('-', 'alice', 'bob smith'), junk);
    const ident = piece(fc.constant('-'), fc.constantFrom('ident', '', '"x"'));
    const time = fc
      .tuple(
        fc.integer({ min: 0, max: 4 * 24 * 3600 }),
        fc.constantFrom(60, -300, 0, 345, -720, 840),
        fc.boolean(),
      )
      .map(([t, offset, minus]) => {
        const text = clfTime(1_711_836_000 + t, offset);
        return minus && offset === 0 ? text.replace('+0000', '-0000') : text;
      });
    const brokenTime = fc.oneof(
      junk,
      time.map((t) => t.replace(/:\d\d /, ':60 ')),
      time.map((t) => t.replace(/^\d\d/, '31').replace('Mar', 'Apr')),
      time.map((t) => t.slice(1)),
      time.map((t) => `${t} `),
    );
    const request = piece(
      fc
        .tuple(
          fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'PROPFIND', 'get'),
          fc.constantFrom('/', '/a b', '/x?q=1', '*', '', 'HTTP/1.1'),
          fc.constantFrom(
            ' HTTP/1.1',
            ' HTTP/1.0',
            ' HTTP/2.0',
            ' HTTP/3',
            ' HTTP/',
            ' http/1.1',
            '',
            ' HTTP/1.1 ',
            ' HTTP/x.y',
          ),
        )
        .map(([m, p, v]) => `${m} ${p}${v}`),
      fc.oneof(
        fc.constantFrom(
          '-',
          '',
          ' GET / HTTP/1.1',
          'G@T / HTTP/1.1',
          'GET',
          '\\x16\\x03',
          'GET /\\" HTTP/1.1',
        ),
        junk,
      ),
    );
    const status = piece(
      fc.constantFrom('200', '304', '404', '-', '0'),
      fc.constantFrom('2000', '2x0', '', ' 200'),
    );
    const bytes = piece(
      fc.constantFrom('0', '5120', '-', '123456789012345'),
      fc.constantFrom('1234567890123456', '1.5', '12 34', ''),
    );
    const quoted = piece(
      fc.constantFrom('-', 'https://www.example.com/', 'curl/8.5.0', 'Mozilla/5.0 (X11)'),
      junk,
    );
    const vhost = piece(
      fc.constantFrom('www.example.com:443 ', '-:- ', 'a:80 '),
      fc.constantFrom('', 'x:1.5 ', ':x ', 'a:99999999999999999 '),
    );
    const tail = piece(fc.constant(''), fc.constantFrom(' ', '\t', ' extra', '"', '\r'));
    const line = fc
      .record({
        vhost,
        host,
        ident,
        user,
        time: piece(time, brokenTime),
        request,
        status,
        bytes,
        referer: quoted,
        agent: quoted,
        tail,
        shape: fc.constantFrom('common', 'combined', 'combined', 'vhost_combined'),
      })
      .map((p) => {
        const common = `${p.host} ${p.ident} ${p.user} [${p.time}] "${p.request}" ${p.status} ${p.bytes}`;
        const combined = `${common} "${p.referer}" "${p.agent}"`;
        if (p.shape === 'common') return common + p.tail;
        if (p.shape === 'combined') return combined + p.tail;
        return `${p.vhost}${combined}${p.tail}`;
      });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 25 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        (lines, cuts, eol) => {
          expectSame(`${lines.join(eol)}${eol}`, cuts);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('access-log fast path: linear on one big chunk', () => {
  it('reads lines in place without rescanning the chunk for a character that never comes', () => {
    // After one good line, lines with no space, quote or backslash at all: a search for any of
    // them from each line would scan the rest of the chunk every time (quadratic).
    const time = (count: number): number => {
      const text = `${REAL[0]}\n${'x'.repeat(20).concat('\n').repeat(count)}`;
      const t0 = performance.now();
      const r = parseText(accessLogParser, text, { maxWarningsPerCode: 10 });
      const elapsed = performance.now() - t0;
      expect(r.events).toHaveLength(1);
      expect(r.summary.suppressed.ACCESS_LINE_MISMATCH).toBe(count - 10);
      return elapsed;
    };
    const best = (n: number): number => Math.min(time(n), time(n), time(n));
    const small = best(25_000);
    const big = best(50_000);
    expect(big).toBeLessThan(2000);
    expect(big).toBeLessThan(small * 6 + 50);
  });
});

describe('dottedQuadKey: a number that stands for a canonical IPv4 text', () => {
  const text = (key: number): string =>
    [key >>> 24, (key >>> 16) & 255, (key >>> 8) & 255, key & 255].join('.');

  it('maps every canonical dotted quad to a number that gives the same text back', () => {
    fc.assert(
      fc.property(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)), (bytes) => {
        const quad = bytes.join('.');
        const key = dottedQuadKey(`x ${quad} y`, 2, 2 + quad.length);
        expect(key).not.toBe(NOT_A_QUAD);
        expect(text(key)).toBe(quad);
      }),
    );
    expect(text(dottedQuadKey('255.255.255.255', 0, 15))).toBe('255.255.255.255');
    expect(dottedQuadKey('0.0.0.0', 0, 7)).toBe(0);
  });

  it('refuses every other text, so no two texts share a key', () => {
    for (const t of [
      '01.2.3.4',
      '1.2.3.256',
      '1.2.3',
      '1.2.3.4.5',
      '1..2.3',
      '1.2.3.',
      '.1.2.3',
      '1.2.3.4 ',
      '2001:db8::1',
      '00.0.0.0',
      '1.2.3.04',
      '',
    ]) {
      expect(dottedQuadKey(t, 0, t.length)).toBe(NOT_A_QUAD);
    }
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.', 'a', ':'), maxLength: 16 }),
        (t) => {
          const key = dottedQuadKey(t, 0, t.length);
          if (key !== NOT_A_QUAD) expect(text(key)).toBe(t);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

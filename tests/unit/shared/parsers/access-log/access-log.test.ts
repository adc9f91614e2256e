import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SealcaseEvent, type HttpAccessEvent } from '../../../../../shared/model';
import { parseAll, parseText, validateParseOptions } from '../../../../../shared/parsers';
import { accessLogParser } from '../../../../../shared/parsers/access-log';
import { chunked } from '../chunked';
import {
  combinedLine,
  combinedText,
  commonLine,
  generateRecords,
  vhostCombinedLine,
} from '../../../../fixtures/access-log/generate';

const FIXTURES = join(__dirname, '../../../../fixtures/access-log');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

type Options = Parameters<typeof validateParseOptions>[0];

function parse(text: string | string[], options: Options = {}) {
  return parseText(accessLogParser, text, {
    options: validateParseOptions(options),
    validateEvents: true,
    maxWarningsPerCode: 10_000,
  });
}

function events(text: string, options: Options = {}): HttpAccessEvent[] {
  return parse(text, options).events as HttpAccessEvent[];
}

function codes(text: string, options: Options = {}): string[] {
  return parse(text, options).warnings.map((w) => w.code);
}

describe('access-log: predefined formats, auto-detected', () => {
  it('reads generated combined lines exactly (validated events, in-band offsets)', async () => {
    const records = generateRecords(300, 11);
    const text = records.map((r) => combinedLine(r, 60)).join('\n');
    const run = await parseAll(accessLogParser, [text], { validateEvents: true });
    expect(run.summary.complete).toBe(true);
    expect(run.events).toHaveLength(300);
    run.events.forEach((e, i) => {
      const r = records[i];
      if (r === undefined || e.type !== 'http:access') throw new Error('unexpected');
      expect(e.ts).toBe(new Date(r.epochSeconds * 1000).toISOString());
      expect(e.zone).toEqual({ source: 'in-band', offset: '+01:00', name: null });
      expect(e.clientIp).toBe(r.clientIp);
      expect(e.method).toBe(r.method);
      expect(e.path).toBe(r.path);
      expect(e.status).toBe(r.status);
      if (r.bytes === null) expect(e).not.toHaveProperty('bytes');
      else expect(e.bytes).toBe(r.bytes);
      expect(e.userAgent).toBe(r.userAgent);
      if (r.referer === '-') expect(e.extra).not.toHaveProperty('referer');
      else expect(e.extra?.referer).toBe(r.referer);
      expect(e.extra?.logFormat).toBe('combined');
      expect(e).not.toHaveProperty('clientPort');
      expect(e.locator).toEqual({ line: i + 1 });
    });
    const warned = run.warnings.map((w) => [w.code, w.locator]);
    expect(warned).toContainEqual(['ACCESS_FORMAT_DETECTED', { line: 1 }]);
    expect(warned).toContainEqual(['ACCESS_NO_CLIENT_PORT', null]);
  });

  it('detects common and vhost_combined and says so', () => {
    const records = generateRecords(5, 2);
    const common = events(records.map((r) => commonLine(r)).join('\n'));
    expect(common.map((e) => e.extra?.logFormat)).toEqual(Array(5).fill('common'));
    expect(common.every((e) => e.userAgent === undefined)).toBe(true);
    const vhost = events(records.map((r) => vhostCombinedLine(r)).join('\n'));
    expect(vhost.map((e) => e.extra?.logFormat)).toEqual(Array(5).fill('vhost_combined'));
    expect(vhost[0]?.extra).toMatchObject({ vhost: 'www.example.com', serverPort: 443 });
    expect(vhost[0]?.clientIp).toBe(records[0]?.clientIp);
  });

  it('reads the mixed fixture: format changes, mismatches, escapes, DST offsets, out-of-order lines', () => {
    const run = parse(fixture('mixed-defaults.log'));
    const byLine = new Map(
      run.events.map((e) => [(e.locator as { line: number }).line, e as HttpAccessEvent]),
    );
    expect([...byLine.keys()]).toEqual([1, 2, 3, 5, 6, 7, 8]);
    // Lines are not in time order (request start vs write order): file order kept, own times.
    expect(byLine.get(1)?.ts).toBe('2024-03-05T13:07:09.000Z');
    expect(byLine.get(2)?.ts).toBe('2024-03-05T13:07:02.000Z');
    expect(byLine.get(2)).not.toHaveProperty('bytes');
    // Escaped quotes inside quoted fields.
    expect(byLine.get(3)?.path).toBe('/search?q="quoted"');
    expect(byLine.get(3)?.userAgent).toBe('curl/8.5.0 "custom"');
    expect(byLine.get(3)?.user).toBe('alice');
    // Each line's own offset across the DST change.
    expect(byLine.get(5)?.ts).toBe('2024-03-31T00:59:59.000Z');
    expect(byLine.get(6)?.ts).toBe('2024-03-31T01:00:01.000Z');
    expect(byLine.get(6)?.zone.offset).toBe('+02:00');
    expect(byLine.get(5)?.extra?.logFormat).toBe('common');
    // vhost_combined with an IPv6 client, normalised.
    expect(byLine.get(7)?.clientIp).toBe('2001:db8::1');
    expect(byLine.get(7)?.extra?.logFormat).toBe('vhost_combined');
    // A TLS handshake sent to the plain-HTTP port: no method/path, raw kept, private client.
    expect(byLine.get(8)).not.toHaveProperty('method');
    expect(byLine.get(8)?.extra?.request).toBe('\\x16\\x03\\x01\\x00\\xa5\\x01');
    expect(byLine.get(8)?.flags).toEqual(
      expect.arrayContaining(['malformed-request', 'private-ip']),
    );
    const warned = run.warnings.map((w) => [w.code, w.locator]);
    expect(warned).toContainEqual(['ACCESS_LINE_MISMATCH', { line: 4 }]);
    expect(warned).toContainEqual(['ACCESS_FORMAT_CHANGED', { line: 5 }]);
    expect(warned).toContainEqual(['ACCESS_FORMAT_CHANGED', { line: 7 }]);
    expect(warned).toContainEqual(['ACCESS_PRIVATE_CLIENTS', null]);
  });

  it('reads the generated fixture file whatever the chunking', async () => {
    const text = fixture('generated-combined.log');
    const whole = parse(text);
    expect(whole.events).toHaveLength(200);
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += 97) pieces.push(text.slice(i, i + 97));
    const chunked = await parseAll(accessLogParser, pieces, { validateEvents: true });
    expect(chunked.events).toEqual(whole.events);
    expect(chunked.warnings).toEqual(whole.warnings);
  });

  it('detect(): confident on combined, unsure on one line, zero on other text', () => {
    expect(accessLogParser.detect({ head: combinedText(10, 1) })).toBe(0.9);
    expect(accessLogParser.detect({ head: combinedText(1, 1) })).toBe(0.6);
    expect(accessLogParser.detect({ head: 'Dec 10 06:55:46 host sshd[1]: hello\n' })).toBe(0);
    expect(accessLogParser.detect({ head: '' })).toBe(0);
  });
});

describe('access-log: Apache LogFormat directives', () => {
  const format =
    '%h %a %{c}a %{remote}p %l %u %t "%r" %>s %s %b %B %D %T "%{X-Forwarded-For}i" "%{User-Agent}i" "%{Referer}i" "%{Content-Type}o" %v %V';
  const line =
    'proxy.example.net 198.51.100.23 10.0.0.2 51514 - bob [05/Mar/2024:14:07:09 +0100] "GET /a HTTP/1.1" 200 302 5120 5120 1834 0 "198.51.100.23, 10.0.0.1" "Mozilla/5.0" "-" "text/html; charset=utf-8" www.example.com example.com';

  it('maps every supported directive', () => {
    const run = parse(line, { logFormat: format });
    expect(run.warnings.map((w) => w.code)).toEqual([]);
    const [e] = run.events as HttpAccessEvent[];
    expect(e).toMatchObject({
      ts: '2024-03-05T13:07:09.000Z',
      tsRaw: '05/Mar/2024:14:07:09 +0100',
      clientIp: '198.51.100.23',
      clientPort: 51514,
      user: 'bob',
      method: 'GET',
      path: '/a',
      status: 200,
      bytes: 5120,
      userAgent: 'Mozilla/5.0',
    });
    expect(e?.extra).toMatchObject({
      remoteHost: 'proxy.example.net',
      peerIp: '10.0.0.2',
      protocol: 'HTTP/1.1',
      originalStatus: 302,
      durationUs: 1834,
      durationS: 0,
      'header.x-forwarded-for': '198.51.100.23, 10.0.0.1',
      'responseHeader.content-type': 'text/html; charset=utf-8',
      vhost: 'www.example.com',
      serverName: 'example.com',
      timeOf: 'request-start',
    });
    expect(e?.extra).not.toHaveProperty('referer');
    expect(e?.flags).toEqual(
      expect.arrayContaining(['forwarded-client-ip', 'forwarded-header', 'documentation-ip']),
    );
  });

  it('keeps a hostname from %h out of clientIp', () => {
    const [e] = events(
      'host-17.example.net - - [05/Mar/2024:14:07:09 +0100] "GET / HTTP/1.1" 200 1',
      {
        logFormat: 'common',
      },
    );
    expect(e).not.toHaveProperty('clientIp');
    expect(e?.extra?.remoteHost).toBe('host-17.example.net');
    expect(e?.flags).toContain('client-hostname');
  });

  it('reads the RFC 6302 forensic format of formats.md (strftime, msec_frac, %z, port)', () => {
    const logFormat =
      '%a %{remote}p %{c}a %l %u [%{%Y-%m-%dT%H:%M:%S}t.%{msec_frac}t %{%z}t] "%r" %>s %b "%{Referer}i" "%{User-agent}i" %D';
    const run = parse(
      '198.51.100.23 51514 198.51.100.23 - - [2024-03-05T14:07:09.412 +0100] "GET /login HTTP/1.1" 200 5120 "-" "Mozilla/5.0" 1834',
      { logFormat },
    );
    expect(run.warnings).toEqual([]);
    const [e] = run.events as HttpAccessEvent[];
    expect(e).toMatchObject({
      ts: '2024-03-05T13:07:09.412Z',
      tsRaw: '2024-03-05T14:07:09.412 +0100',
      zone: { source: 'in-band', offset: '+01:00', name: null },
      clientIp: '198.51.100.23',
      clientPort: 51514,
    });
    expect(e?.flags).not.toContain('forwarded-client-ip');
  });

  it('reads %{sec}t, %{msec}t, %{usec}t as epoch values', () => {
    for (const [spec, value] of [
      ['%{sec}t', '1709644029'],
      ['%{msec}t', '1709644029412'],
      ['%{usec}t', '1709644029412999'],
      ['%{end:sec}t.%{msec_frac}t', '1709644029.412'],
    ] as const) {
      const [e] = events(`192.0.2.1 ${value} "GET / HTTP/1.1" 200`, {
        logFormat: `%h ${spec} "%r" %>s`,
      });
      expect(e?.zone).toEqual({ source: 'epoch', offset: null, name: null });
      expect(e?.ts).toBe(
        spec === '%{sec}t' ? '2024-03-05T13:07:09.000Z' : '2024-03-05T13:07:09.412Z',
      );
    }
  });

  it('needs --assume-zone for a strftime time without %z, and uses it when given', () => {
    const logFormat = '%h [%{%Y-%m-%d %H:%M:%S}t] "%r" %>s %b';
    const line = '192.0.2.1 [2024-03-31 03:30:00] "GET / HTTP/1.1" 200 10';
    const none = parse(line, { logFormat });
    expect(none.events[0]?.ts).toBeNull();
    expect(none.warnings.map((w) => [w.code, w.locator])).toContainEqual([
      'TIME_NO_ZONE',
      { line: 1 },
    ]);
    const declared = parse('192.0.2.1 [2024-03-05 14:07:09] "GET / HTTP/1.1" 200 10', {
      logFormat,
      assumeZone: 'Europe/Berlin',
    });
    expect(declared.events[0]).toMatchObject({
      ts: '2024-03-05T13:07:09.000Z',
      zone: { source: 'declared', offset: '+01:00', name: 'Europe/Berlin' },
    });
    // 02:30 on 31 March 2024 does not exist in Berlin (DST gap): warned, flagged ambiguous.
    const gap = parse('192.0.2.1 [2024-03-31 02:30:00] "GET / HTTP/1.1" 200 10', {
      logFormat,
      assumeZone: 'Europe/Berlin',
    });
    expect(gap.events[0]?.zone.ambiguous).toBe(true);
    expect(gap.warnings.map((w) => w.code)).toContain('TIME_DST_GAP');
  });

  it('accepts %b / %e / %T strftime conversions and a quoted LogFormat line from a config', () => {
    const [e] = events('192.0.2.1 [Mar  5 2024 14:07:09 +0100] "GET / HTTP/1.1" 200 -', {
      logFormat: '"%h [%{%b %e %Y %T %z}t] \\"%r\\" %>s %b"',
    });
    expect(e?.ts).toBe('2024-03-05T13:07:09.000Z');
    expect(e).not.toHaveProperty('bytes');
  });

  it('warns about unknown directives at the start and skips their fields', () => {
    const run = parse('192.0.2.1 zzz [05/Mar/2024:14:07:09 +0100] 200 abc', {
      logFormat: '%h %J %t %>s %{%a %Q}t',
    });
    const starts = run.warnings.filter((w) => w.locator === null).map((w) => w.code);
    expect(starts.filter((c) => c === 'ACCESS_FORMAT_UNKNOWN_FIELD')).toHaveLength(2);
    expect(run.warnings[0]?.message).toContain('%J');
    expect(run.events).toHaveLength(1);
    expect(run.events[0]).toMatchObject({ clientIp: '192.0.2.1', status: 200 });
  });

  it('reports lines that do not fit the given format with their line numbers and goes on', () => {
    const run = parse(
      [
        '192.0.2.1 - - [05/Mar/2024:14:07:09 +0100] "GET / HTTP/1.1" 200 10',
        '192.0.2.1 - - [05/Mar/2024:14:07:09 +0100] "GET / HTTP/1.1" OK 10',
        '192.0.2.1 - - 05/Mar/2024:14:07:09 +0100 "GET / HTTP/1.1" 200 10',
        '192.0.2.1 - - [05/Mar/2024:14:07:09 +0100] "GET / HTTP/1.1',
        '192.0.2.1 - - [05/Mar/2024:14:07:10 +0100] "GET / HTTP/1.1" 200 11',
      ].join('\n'),
      { logFormat: 'common' },
    );
    expect(run.events.map((e) => e.locator)).toEqual([{ line: 1 }, { line: 5 }]);
    expect(
      run.warnings.filter((w) => w.code === 'ACCESS_LINE_MISMATCH').map((w) => w.locator),
    ).toEqual([{ line: 2 }, { line: 3 }, { line: 4 }]);
  });

  it('warns once when the format has no client port (formats.md §2.1)', () => {
    const warnings = codes('192.0.2.1 - - [05/Mar/2024:14:07:09 +0100] "GET / HTTP/1.1" 200 10', {
      logFormat: 'common',
    });
    expect(warnings).toEqual(['ACCESS_NO_CLIENT_PORT']);
    expect(
      codes('192.0.2.1 4711 [05/Mar/2024:14:07:09 +0100]', { logFormat: '%a %{remote}p %t' }),
    ).toEqual([]);
  });

  it('gives an invalid format a clear warning and falls back to detection', () => {
    const run = parse(combinedText(2, 1), { logFormat: 'no directives here' });
    expect(run.warnings[0]?.code).toBe('ACCESS_FORMAT_INVALID');
    expect(run.events).toHaveLength(2);
  });
});

describe('access-log: nginx log_format variables', () => {
  it('reads the formats.md §2.2 example ($remote_port, $time_iso8601, $msec)', () => {
    const logFormat = `'$remote_addr $remote_port [$time_iso8601] $msec "$request" $status $body_bytes_sent "$http_user_agent"'`;
    const run = parse(
      [
        '203.0.113.77 51514 [2024-03-05T14:07:09+01:00] 1709644029.412 "GET / HTTP/1.1" 200 612 "curl/8.5.0"',
        '203.0.113.77 51522 [2024-03-05T14:07:10+01:00] 1709644030.007 "GET /favicon.ico HTTP/1.1" 404 153 "curl/8.5.0"',
      ].join('\n'),
      { logFormat },
    );
    expect(run.warnings).toEqual([]);
    expect(run.events.map((e) => [e.ts, (e as HttpAccessEvent).clientPort])).toEqual([
      ['2024-03-05T13:07:09.000Z', 51514],
      ['2024-03-05T13:07:10.000Z', 51522],
    ]);
    expect(run.events[0]?.extra).toMatchObject({
      'time:$msec': '1709644029.412',
      timeOf: 'log-write',
    });
  });

  it('maps the listed variables', () => {
    const logFormat =
      '$remote_addr:$remote_port via $realip_remote_addr $remote_user [$time_local] "$request" $status $body_bytes_sent $bytes_sent $request_time "$http_referer" "$http_user_agent" "$http_x_forwarded_for" $msec';
    const run = parse(
      '198.51.100.9:40000 via 10.0.0.2 - [05/Mar/2024:14:07:09 +0100] "POST /api HTTP/2.0" 201 17 290 0.004 "https://www.example.com/" "Mozilla/5.0" "198.51.100.9" 1709644029.999',
      { logFormat },
    );
    expect(run.warnings).toEqual([]);
    const [e] = run.events as HttpAccessEvent[];
    expect(e).toMatchObject({
      ts: '2024-03-05T13:07:09.000Z',
      clientIp: '198.51.100.9',
      clientPort: 40000,
      method: 'POST',
      path: '/api',
      status: 201,
      bytes: 17,
      userAgent: 'Mozilla/5.0',
    });
    expect(e).not.toHaveProperty('user');
    expect(e?.extra).toMatchObject({
      peerIp: '10.0.0.2',
      bytesSent: 290,
      requestTime: 0.004,
      referer: 'https://www.example.com/',
      'header.x-forwarded-for': '198.51.100.9',
    });
    expect(e?.flags).toEqual(expect.arrayContaining(['forwarded-client-ip', 'forwarded-header']));
  });

  it('reads $time_local without brackets around it and $msec alone as the event time', () => {
    const [a] = events('192.0.2.1 05/Mar/2024:14:07:09 +0100 GET', {
      logFormat: '$remote_addr $time_local $request_method',
    });
    expect(a).toMatchObject({ ts: '2024-03-05T13:07:09.000Z', method: 'GET' });
    const [b] = events('1709644029.412 192.0.2.1', { logFormat: '$msec $remote_addr' });
    expect(b).toMatchObject({ ts: '2024-03-05T13:07:09.412Z', zone: { source: 'epoch' } });
  });

  it('warns about uninterpreted variables', () => {
    const run = parse('192.0.2.1 x [05/Mar/2024:14:07:09 +0100]', {
      logFormat: '$remote_addr $frobnicate [$time_local]',
    });
    expect(run.warnings.map((w) => [w.code, w.locator])).toContainEqual([
      'ACCESS_FORMAT_UNKNOWN_FIELD',
      null,
    ]);
    expect(run.events).toHaveLength(1);
  });
});

describe('access-log: robustness (fast-check)', () => {
  const anyLine = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc
      .constantFrom(...generateRecords(20, 5).map((r) => combinedLine(r)))
      .chain((l) =>
        fc
          .tuple(fc.nat(l.length), fc.string({ maxLength: 5 }))
          .map(([at, s]) => l.slice(0, at) + s + l.slice(at)),
      ),
  );
  const anyFormat = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc
      .array(
        fc.constantFrom(
          '%h',
          '%t',
          '"%r"',
          '%{%Y-%m-%d}t',
          '$msec',
          '$remote_addr',
          ' ',
          '"',
          '[',
          ']',
          '%',
          '$',
          '%{',
          '\\"',
          '%{X}i',
          '%>s',
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join('')),
  );

  it('never throws and emits only valid events, for arbitrary lines and formats', () => {
    fc.assert(
      fc.property(
        fc.array(anyLine, { maxLength: 8 }),
        fc.option(anyFormat, { nil: undefined }),
        (lines, format) => {
          const options = format === undefined || format.trim() === '' ? {} : { logFormat: format };
          const run = parseText(accessLogParser, lines.join('\n'), {
            options,
            validateEvents: true,
          });
          expect(run.warnings.filter((w) => w.code.startsWith('PARSER_'))).toEqual([]);
          for (const e of run.events) expect(SealcaseEvent.safeParse(e).success).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same output whatever the chunking', () => {
    const text = combinedText(30, 9) + 'garbage\n' + combinedText(5, 4);
    fc.assert(
      fc.property(fc.array(fc.nat(text.length), { maxLength: 10 }), (cuts) => {
        const whole = parseText(accessLogParser, text);
        const cut = parseText(accessLogParser, chunked(text, cuts));
        expect(cut.events).toEqual(whole.events);
        expect(cut.warnings).toEqual(whole.warnings);
      }),
      { numRuns: 100 },
    );
  });

  it('handles 1 MiB lines in linear time (adversarial quotes, backslashes, brackets)', () => {
    const time = (n: number, unit: string): number => {
      const body = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
      const line = `192.0.2.1 - - [05/Mar/2024:14:07:09 +0100] "GET /${body} HTTP/1.1" 200 1 "-" "${body}"`;
      const t0 = performance.now();
      const run = parseText(accessLogParser, [line, '\n', line], {
        maxLineLength: 4 * 1024 * 1024,
      });
      const elapsed = performance.now() - t0;
      expect(run.warnings.filter((w) => w.code.startsWith('PARSER_'))).toEqual([]);
      return elapsed;
    };
    // The best of three: one scheduling or GC pause on a busy machine is not the parser's time.
    const best = (n: number, unit: string): number =>
      Math.min(time(n, unit), time(n, unit), time(n, unit));
    for (const unit of ['\\"', '" "', '[', ' ', '\\\\"x']) {
      const small = best(512 * 1024, unit);
      const big = best(1024 * 1024, unit);
      expect(big).toBeLessThan(2000);
      // Linear: doubling the line does not quadruple the time (generous bound for noisy CI).
      expect(big).toBeLessThan(small * 6 + 50);
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AaaSessionEvent } from '../../../../../shared/model';
import { parseAll, parseText, validateParseOptions } from '../../../../../shared/parsers';
import { radiusDetailParser } from '../../../../../shared/parsers/radius-detail';
import { MAX_ATTRIBUTES, unquoteValue } from '../../../../../shared/parsers/radius-detail/parser';
import {
  parseDetailHeader,
  parseEventTimestamp,
} from '../../../../../shared/parsers/radius-detail/time';
import { ctimeOf, detailRecord, generateDetailFile } from './generate';

const FIXTURES = join(import.meta.dirname, '../../../../fixtures/radius');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const SHA = 'b'.repeat(64);
const EPOCH_ZONE = { source: 'epoch', offset: null, name: null };

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

async function run(text: string, options: Record<string, unknown> = {}) {
  const r = await parseAll(radiusDetailParser, chunks(text, 7), {
    options: validateParseOptions(options),
    validateEvents: true,
  });
  expect(r.warnings.filter((w) => w.code === 'PARSER_EVENT_INVALID')).toEqual([]);
  return { ...r, events: r.events as AaaSessionEvent[] };
}

describe('radius-detail: real examples of formats.md §5', () => {
  it('reads the Hungarian DSL interim record exactly, time from Timestamp', async () => {
    const r = await run(fixture('detail-hu-dsl-2015'), { artefact: SHA });
    expect(r.warnings).toEqual([]);
    expect(r.events).toEqual([
      {
        type: 'aaa:session',
        ts: '2015-06-08T22:03:48.000Z',
        tsRaw: '1433801028',
        zone: EPOCH_ZONE,
        artefact: SHA,
        locator: { line: 1 },
        event: 'interim',
        user: 'taki_dsl_p',
        framedIp: '78.92.255.12',
        sessionId: 'MT_HAAP030000000000000d6cf6283648',
        nas: '192.168.53.11',
        extra: {
          detailHeader: 'Tue Jun  9 00:03:48 2015',
          headerOffset: '+02:00',
          'NAS-Identifier': 'MT_HAAP_INFOG',
          'Acct-Delay-Time': 0,
          'Acct-Input-Octets': 410536,
          'Acct-Output-Octets': 1117830,
          'Acct-Input-Gigawords': 0,
          'Acct-Output-Gigawords': 0,
          'Event-Timestamp': 'Jun  9 2015 00:03:47 CEST',
          'Framed-IP-Netmask': '255.255.255.255',
          'Acct-Unique-Session-Id': '3a48eb713547a3be',
          Timestamp: 1433801028,
        },
      },
    ]);
  });

  it('agrees with a correctly declared zone and flags a wrong one (RADIUS_TIME_MISMATCH)', async () => {
    const ok = await run(fixture('detail-hu-dsl-2015'), { assumeZone: 'Europe/Budapest' });
    expect(ok.warnings).toEqual([]);
    expect(ok.events[0]?.ts).toBe('2015-06-08T22:03:48.000Z');
    const wrong = await run(fixture('detail-hu-dsl-2015'), { assumeZone: 'America/New_York' });
    expect(wrong.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['RADIUS_TIME_MISMATCH', { line: 1 }],
    ]);
    // ts still comes from the epoch Timestamp, not from the misread header.
    expect(wrong.events[0]).toMatchObject({ ts: '2015-06-08T22:03:48.000Z', zone: EPOCH_ZONE });
    expect(wrong.events[0]?.extra?.['headerOffset']).toBeUndefined();
  });

  it('reads the Cisco vBNG debug record: no header, HKT needs --assume-zone', async () => {
    const r = await run(fixture('cisco-vbng-debug.txt'));
    expect(r.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['RADIUS_NO_HEADER', { line: 1 }],
      ['TIME_ABBREVIATION_UNRESOLVED', { line: 2 }],
    ]);
    expect(r.warnings[1]?.message).toContain('--assume-zone');
    expect(r.events).toEqual([
      {
        type: 'aaa:session',
        ts: null,
        tsRaw: 'Apr 14 2017 19:45:08 HKT',
        zone: { source: 'unknown', offset: null, name: null },
        locator: { line: 1 },
        event: 'interim',
        user: '000c.29c3.a03a',
        framedIp: '100.1.0.2',
        sessionId: '04000004',
        sessionTime: 1800,
        extra: {
          'Event-Timestamp': 'Apr 14 2017 19:45:08 HKT',
          'Cisco-AVPair': 'client-mac-address=000c.29c3.a03a',
          'NAS-Port-Id': '0/96/0/1',
        },
      },
    ]);
    const hk = await run(fixture('cisco-vbng-debug.txt'), { assumeZone: 'Asia/Hong_Kong' });
    expect(hk.events[0]).toMatchObject({
      ts: '2017-04-14T11:45:08.000Z',
      zone: { source: 'declared', offset: '+08:00', name: 'Asia/Hong_Kong' },
      flags: ['event-timestamp'],
    });
    expect(hk.warnings.map((w) => w.code)).toEqual(['RADIUS_NO_HEADER']);
  });
});

describe('radius-detail: pitfalls', () => {
  it('maps Accounting-On/Off (names and numbers) and keeps the NAS', async () => {
    const text =
      detailRecord({ epoch: 1709644029, status: 'Accounting-On', nasIp: '192.0.2.1' }) +
      detailRecord({ epoch: 1709647629, status: 'Accounting-Off', nasIp: '192.0.2.1' }) +
      'Tue Mar  5 14:07:09 2024\n\tAcct-Status-Type = 7\n\tNAS-Identifier = "bras-1"\n\tTimestamp = 1709644029\n\n' +
      'Tue Mar  5 14:07:09 2024\n\tAcct-Status-Type = 8\n\tNAS-IPv6-Address = 2001:DB8::0:1\n\tTimestamp = 1709644029\n';
    const r = await run(text);
    expect(r.warnings).toEqual([]);
    expect(r.events.map((e) => [e.event, e.nas, e.ts])).toEqual([
      ['on', '192.0.2.1', '2024-03-05T13:07:09.000Z'],
      ['off', '192.0.2.1', '2024-03-05T14:07:09.000Z'],
      ['on', 'bras-1', '2024-03-05T13:07:09.000Z'],
      ['off', '2001:db8::1', '2024-03-05T13:07:09.000Z'],
    ]);
  });

  it('start / interim / stop with session time, IPv6 prefixes and calling station', async () => {
    const text = [
      'Tue Mar  5 14:07:09 2024',
      '\tAcct-Status-Type = Stop',
      '\tUser-Name = "alice@isp"',
      '\tCalling-Station-Id = "00-11-22-33-44-55"',
      '\tFramed-IP-Address = 100.64.1.2',
      '\tDelegated-IPv6-Prefix = 2001:DB8:100::/56',
      '\tAcct-Session-Time = 3600',
      '\tAcct-Terminate-Cause = Idle-Timeout',
      '\tClass = 0x41424344',
      '\tNAS-Port = 0123',
      '\tTimestamp = 1709644029',
      '',
    ].join('\n');
    const r = await run(text);
    expect(r.warnings).toEqual([]);
    expect(r.events[0]).toEqual({
      type: 'aaa:session',
      ts: '2024-03-05T13:07:09.000Z',
      tsRaw: '1709644029',
      zone: EPOCH_ZONE,
      locator: { line: 1 },
      event: 'stop',
      user: 'alice@isp',
      callingStationId: '00-11-22-33-44-55',
      framedIp: '100.64.1.2',
      framedIpv6Prefix: '2001:db8:100::/56',
      sessionTime: 3600,
      flags: ['cgn-shared-ip'],
      extra: {
        detailHeader: 'Tue Mar  5 14:07:09 2024',
        headerOffset: '+01:00',
        'Acct-Terminate-Cause': 'Idle-Timeout',
        Class: '0x41424344',
        'NAS-Port': '0123',
        Timestamp: 1709644029,
      },
    });
  });

  it('applies Acct-Delay-Time: ts = Timestamp − delay, flagged, raw values kept', async () => {
    const r = await run(
      detailRecord({ epoch: 1709644029, status: 'Start', delay: 30, sessionId: 'x' }),
    );
    expect(r.events[0]).toMatchObject({
      ts: '2024-03-05T13:06:39.000Z',
      tsRaw: '1709644029',
      zone: EPOCH_ZONE,
      flags: ['delay-adjusted'],
      extra: { Timestamp: 1709644029, 'Acct-Delay-Time': 30 },
    });
  });

  it('warns when the header and Timestamp disagree by no whole offset', async () => {
    const text = 'Tue Mar  5 14:07:09 2024\n\tAcct-Status-Type = Start\n\tTimestamp = 1709643429\n';
    const r = await run(text);
    expect(r.warnings.map((w) => w.code)).toEqual(['RADIUS_TIME_MISMATCH']);
    expect(r.events[0]?.ts).toBe('2024-03-05T12:57:09.000Z');
    expect(r.events[0]?.extra?.['headerOffset']).toBeUndefined();
  });

  it('checks a zone abbreviation in the header against Timestamp', async () => {
    const good =
      'Tue Mar  5 14:07:09 CET 2024\n\tAcct-Status-Type = Start\n\tTimestamp = 1709644029\n';
    const bad =
      'Tue Mar  5 14:07:09 2024 EET\n\tAcct-Status-Type = Start\n\tTimestamp = 1709644029\n';
    const g = await run(good);
    expect(g.warnings).toEqual([]);
    expect(g.events[0]?.extra?.['headerOffset']).toBe('+01:00');
    const b = await run(bad);
    expect(b.warnings.map((w) => w.code)).toEqual(['RADIUS_TIME_MISMATCH']);
    expect(b.events[0]?.ts).toBe('2024-03-05T13:07:09.000Z');
  });

  it('no zone, no Timestamp, no --assume-zone: ts null and a warning naming the option', async () => {
    const text = 'Tue Mar  5 14:07:09 2024\n\tAcct-Status-Type = Start\n\tAcct-Delay-Time = 5\n';
    const r = await run(text);
    expect(r.events[0]).toMatchObject({
      ts: null,
      tsRaw: 'Tue Mar  5 14:07:09 2024',
      zone: { source: 'unknown', offset: null, name: null },
    });
    expect(r.events[0]?.flags).toBeUndefined();
    expect(r.warnings.map((w) => w.code)).toEqual(['TIME_NO_ZONE']);
    expect(r.warnings[0]?.message).toContain('--assume-zone');
    // The declared zone rescues it, and the delay is applied to the header time.
    const z = await run(text, { assumeZone: 'Europe/Paris' });
    expect(z.events[0]).toMatchObject({
      ts: '2024-03-05T13:07:04.000Z',
      zone: { source: 'declared', offset: '+01:00', name: 'Europe/Paris' },
      flags: ['delay-adjusted', 'header-time'],
    });
    expect(z.warnings).toEqual([]);
  });

  it('an epoch Event-Timestamp saves a zone-less header', async () => {
    const text =
      'Tue Mar  5 14:07:09 2024\n\tAcct-Status-Type = Start\n\tEvent-Timestamp = 1709644020\n';
    const r = await run(text);
    expect(r.warnings).toEqual([]);
    expect(r.events[0]).toMatchObject({
      ts: '2024-03-05T13:07:00.000Z',
      tsRaw: '1709644020',
      zone: EPOCH_ZONE,
      flags: ['event-timestamp'],
    });
  });

  it('malformed records are warnings and parsing goes on', async () => {
    const text = [
      'Tue Mar  5 14:07:09 2024',
      '\tUser-Name = "no status"',
      '\tTimestamp = 1709644029',
      '',
      'Tue Mar  5 14:07:10 2024',
      '\tAcct-Status-Type = Failed',
      '\tTimestamp = 1709644030',
      '',
      'not a date at all',
      '\tAcct-Status-Type = Start',
      '\tthis line has no equals sign',
      '\tFramed-IP-Address = 999.1.1.1',
      '\tAcct-Session-Time = -5',
      '\tAcct-Delay-Time = soon',
      '\tTimestamp = yesterday',
      '',
      '',
      'Tue Mar  5 14:07:12 2024',
      '\tAcct-Status-Type = Start',
      '\tTimestamp = 1709644032',
    ].join('\n');
    const r = await run(text);
    expect(r.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['RADIUS_STATUS_MISSING', { line: 1 }],
      ['RADIUS_STATUS_UNKNOWN', { line: 6 }],
      ['RADIUS_ATTRIBUTE_INVALID', { line: 11 }],
      ['RADIUS_VALUE_INVALID', { line: 14 }],
      ['RADIUS_VALUE_INVALID', { line: 15 }],
      ['RADIUS_HEADER_INVALID', { line: 9 }],
      ['RADIUS_VALUE_INVALID', { line: 12 }],
      ['RADIUS_VALUE_INVALID', { line: 13 }],
    ]);
    expect(r.events.map((e) => [e.locator, e.event, e.ts])).toEqual([
      [{ line: 9 }, 'start', null],
      [{ line: 18 }, 'start', '2024-03-05T13:07:12.000Z'],
    ]);
    expect(r.events[0]?.extra).toMatchObject({
      'Framed-IP-Address': '999.1.1.1',
      'Acct-Session-Time': '-5',
      Timestamp: 'yesterday',
    });
  });

  it('skips an over-large record with one warning and keeps the next', async () => {
    const many: string[] = ['Tue Mar  5 14:07:09 2024', '\tAcct-Status-Type = Start'];
    for (let i = 0; i < MAX_ATTRIBUTES + 5; i++) many.push(`\tX-Attr-${i} = ${i}`);
    const text =
      `${many.join('\n')}\n\n` + detailRecord({ epoch: 1709644029, status: 'Stop', user: 'bob' });
    const r = await run(text);
    expect(r.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['RADIUS_RECORD_TOO_LARGE', { line: 1 }],
    ]);
    expect(r.events.map((e) => [e.event, e.user])).toEqual([['stop', 'bob']]);
  });

  it('repeated attributes are kept as Name#2', async () => {
    const text =
      'Tue Mar  5 14:07:09 2024\n\tAcct-Status-Type = Start\n\tCisco-AVPair = "a=1"\n\tCisco-AVPair = "b=\\"2\\""\n\tTimestamp = 1709644029\n';
    const r = await run(text);
    expect(r.events[0]?.extra).toMatchObject({ 'Cisco-AVPair': 'a=1', 'Cisco-AVPair#2': 'b="2"' });
  });

  it('a 1 MiB value is dropped with a warning, in linear time', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const text = `Tue Mar  5 14:07:09 2024\n\tAcct-Status-Type = Start\n\tClass = "${big}"\n\tTimestamp = 1709644029\n`;
    const t0 = performance.now();
    const r = parseText(radiusDetailParser, chunks(text, 65536), { validateEvents: true });
    const elapsed = performance.now() - t0;
    expect(r.warnings.map((w) => w.code)).toEqual(['RADIUS_VALUE_TOO_LONG']);
    expect(r.events).toHaveLength(1);
    expect(elapsed).toBeLessThan(2000);
  });

  it('reads a generated file exactly', async () => {
    const { text, records } = generateDetailFile(7, 200);
    const r = await run(text, { artefact: SHA });
    expect(r.warnings).toEqual([]);
    expect(r.events).toHaveLength(records.length);
    records.forEach((rec, i) => {
      const e = r.events[i];
      const status = { Start: 'start', Stop: 'stop', 'Interim-Update': 'interim' } as const;
      expect(e).toMatchObject({
        event: status[rec.status as keyof typeof status],
        user: rec.user,
        framedIp: rec.framedIp,
        sessionId: rec.sessionId,
        nas: rec.nasIp,
        ts: new Date((rec.epoch - (rec.delay ?? 0)) * 1000).toISOString(),
        extra: { headerOffset: '+01:00', detailHeader: ctimeOf(rec.epoch, 60) },
      });
      if (rec.sessionTime !== undefined) expect(e?.sessionTime).toBe(rec.sessionTime);
    });
  });
});

describe('radius-detail: time readers', () => {
  it('reads headers with and without abbreviations', () => {
    expect(parseDetailHeader('Tue Mar  5 14:07:09 2024')).toMatchObject({
      ok: true,
      time: { kind: 'wall', abbreviation: null },
    });
    expect(parseDetailHeader('Tue Mar  5 14:07:09 CET 2024')).toMatchObject({
      ok: true,
      time: { kind: 'wall', abbreviation: 'CET' },
    });
    expect(parseDetailHeader('Tue Mar  5 14:07:09 2024 UTC')).toMatchObject({
      ok: true,
      time: { kind: 'wall', abbreviation: 'UTC' },
    });
    expect(parseDetailHeader('Tue Mar  5 14:07:09').ok).toBe(false);
    expect(parseEventTimestamp('февр. 11 2014 16:56:02 EET').ok).toBe(false);
    expect(parseEventTimestamp('Jun  9 2015 00:03:47 CEST')).toMatchObject({
      ok: true,
      time: { kind: 'wall', abbreviation: 'CEST', wall: { year: 2015, month: 6, day: 9 } },
    });
  });

  it('unquotes FreeRADIUS strings', () => {
    expect(unquoteValue('"a\\"b\\\\c\\101"')).toEqual({ value: 'a"b\\cA', quoted: true });
    expect(unquoteValue('plain')).toEqual({ value: 'plain', quoted: false });
  });
});

describe('radius-detail: detect', () => {
  it('scores its own samples high and other text low', () => {
    expect(
      radiusDetailParser.detect({ head: fixture('detail-hu-dsl-2015') }),
    ).toBeGreaterThanOrEqual(0.9);
    expect(
      radiusDetailParser.detect({ head: fixture('cisco-vbng-debug.txt') }),
    ).toBeGreaterThanOrEqual(0.5);
    const apache =
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326\n';
    expect(radiusDetailParser.detect({ head: apache })).toBeLessThan(0.5);
    expect(radiusDetailParser.detect({ head: '' })).toBe(0);
    expect(
      radiusDetailParser.detect({ head: '1709647629 aa:bb:cc:dd:ee:01 192.168.1.50 laptop *\n' }),
    ).toBeLessThan(0.5);
  });
});

describe('radius-detail: properties', () => {
  const alphabet = fc.constantFrom(
    'Tue Mar  5 14:07:09 2024\n',
    '\tAcct-Status-Type = Start\n',
    '\tAcct-Status-Type = Stop\n',
    '\tTimestamp = 1709644029\n',
    '\tAcct-Delay-Time = 3\n',
    '\tEvent-Timestamp = "Mar  5 2024 14:07:09 CET"\n',
    '\tFramed-IP-Address = 198.51.100.7\n',
    '\tUser-Name = "u\\"q"\n',
    '\n',
    'garbage = = =\n',
    '\t=\n',
    '\r\n',
    '"',
    ' ',
  );
  const doc = fc
    .array(fc.oneof(alphabet, fc.string({ maxLength: 20 })), { maxLength: 40 })
    .map((a) => a.join(''));

  it('never throws and emits only schema-valid events', () => {
    fc.assert(
      fc.property(doc, (text) => {
        const r = parseText(radiusDetailParser, text, { validateEvents: true });
        expect(r.warnings.filter((w) => w.code.startsWith('PARSER_'))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same output whatever the chunking', () => {
    fc.assert(
      fc.property(doc, fc.integer({ min: 1, max: 17 }), (text, size) => {
        const whole = parseText(radiusDetailParser, text);
        const parts = parseText(radiusDetailParser, chunks(text, size));
        expect(parts.events).toEqual(whole.events);
        expect(parts.warnings).toEqual(whole.warnings);
      }),
      { numRuns: 300 },
    );
  });
});

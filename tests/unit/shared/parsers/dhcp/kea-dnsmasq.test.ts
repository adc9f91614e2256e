import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DhcpLeaseEvent } from '../../../../../shared/model';
import { parseAll, parseText, validateParseOptions } from '../../../../../shared/parsers';
import { dnsmasqLeasesParser } from '../../../../../shared/parsers/dnsmasq-leases';
import { keaLeasesParser } from '../../../../../shared/parsers/kea-leases';
import type { Parser } from '../../../../../shared/parsers';
import { generateKeaRows, iso, keaCsv } from './generate';

const FIXTURES = join(import.meta.dirname, '../../../../fixtures/dhcp');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const EPOCH = { source: 'epoch', offset: null, name: null };

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

async function run(parser: Parser, text: string, options: Record<string, unknown> = {}) {
  const r = await parseAll(parser, chunks(text, 6), {
    options: validateParseOptions(options),
    validateEvents: true,
  });
  expect(r.warnings.filter((w) => w.code === 'PARSER_EVENT_INVALID')).toEqual([]);
  return { ...r, events: r.events as DhcpLeaseEvent[] };
}

describe('kea-leases', () => {
  it('reads the example of formats.md §6.2 exactly', async () => {
    const r = await run(keaLeasesParser, fixture('kea-leases4.csv'));
    expect(r.warnings).toEqual([]);
    expect(r.events).toEqual([
      {
        type: 'dhcp:lease',
        ts: '2026-06-13T00:00:00.000Z',
        tsRaw: '1782000000',
        zone: EPOCH,
        locator: { line: 2 },
        ip: '10.0.10.50',
        mac: 'aa:bb:cc:dd:ee:01',
        hostname: 'laptop-42',
        state: 'default',
        start: '2026-06-13T00:00:00.000Z',
        end: '2026-06-21T00:00:00.000Z',
        extra: {
          valid_lifetime: 691200,
          expire: 1782000000,
          subnet_id: 1,
          fqdn_fwd: 0,
          fqdn_rev: 0,
          pool_id: 0,
          state: 0,
        },
      },
      {
        type: 'dhcp:lease',
        ts: '2026-06-23T07:33:20.000Z',
        tsRaw: '1782200000',
        zone: EPOCH,
        locator: { line: 3 },
        ip: '10.0.10.60',
        mac: 'aa:bb:cc:dd:ee:03',
        hostname: 'old',
        state: 'default',
        flags: ['deletion-marker'],
        extra: {
          valid_lifetime: 0,
          expire: 1782200000,
          subnet_id: 1,
          fqdn_fwd: 0,
          fqdn_rev: 0,
          pool_id: 0,
          state: 0,
        },
      },
    ]);
  });

  it('reads by header name whatever the column order or version, and re-reads a later header', async () => {
    const rows = generateKeaRows(11, 50);
    const older = [
      'address',
      'hwaddr',
      'client_id',
      'valid_lifetime',
      'expire',
      'subnet_id',
      'fqdn_fwd',
      'fqdn_rev',
      'hostname',
      'state',
    ];
    const newer = [...older, 'user_context', 'hwtype', 'hwaddr_source', 'pool_id'];
    const shuffled = [
      'expire',
      'hostname',
      'state',
      'address',
      'valid_lifetime',
      'subnet_id',
      'hwaddr',
    ];
    const text =
      keaCsv(older, rows.slice(0, 20)) +
      keaCsv(newer, rows.slice(20, 35), '\r\n') +
      keaCsv(shuffled, rows.slice(35));
    const r = await run(keaLeasesParser, text);
    expect(r.warnings).toEqual([]);
    const states = ['default', 'declined', 'expired-reclaimed', 'released'];
    expect(
      r.events.map((e) => [
        e.ip,
        e.mac,
        e.hostname,
        e.state,
        e.start,
        e.end,
        e.extra?.['subnet_id'],
      ]),
    ).toEqual(
      rows.map((row) => [
        row.address,
        row.hwaddr,
        row.hostname === '' ? undefined : row.hostname,
        states[row.state],
        iso(row.expire - row.valid_lifetime),
        iso(row.expire),
        row.subnet_id,
      ]),
    );
  });

  it('infinite lifetime, v6 prefix leases, escaped commas, malformed rows', async () => {
    const text = [
      '1.2.3.4,not,a,header',
      'address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state',
      '2001:DB8::5,00:01:02,4294967295,5999999999,1,3000,0,7,128,0,0,a&#x2cb,,0',
      '2001:db8:100::,00:01:03,3600,1709647629,1,3000,2,8,56,0,0,,02:00:00:00:00:aa,1',
      'nope,00:01,3600,1709647629,1,3000,0,7,128,0,0,,,0',
      '2001:db8::6,00:01,3600,soon,1,3000,0,7,128,0,0,,,0',
      '2001:db8::7,00:01,3600',
    ].join('\n');
    const r = await run(keaLeasesParser, text);
    expect(r.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['KEA_HEADER_MISSING', { line: 1 }],
      ['KEA_ADDRESS_INVALID', { line: 5 }],
      ['KEA_VALUE_INVALID', { line: 6 }],
      ['KEA_COLUMNS_MISMATCH', { line: 7 }],
    ]);
    expect(
      r.events.map((e) => [e.ip, e.hostname, e.mac, e.state, e.ts, e.start, e.end, e.flags]),
    ).toEqual([
      [
        '2001:db8::5',
        'a,b',
        undefined,
        'default',
        iso(5999999999 - 4294967295),
        iso(5999999999 - 4294967295),
        null,
        ['infinite-lease'],
      ],
      [
        '2001:db8:100::',
        undefined,
        '02:00:00:00:00:aa',
        'declined',
        iso(1709644029),
        iso(1709644029),
        iso(1709647629),
        ['delegated-prefix'],
      ],
      ['2001:db8::6', undefined, undefined, 'default', null, undefined, undefined, undefined],
      ['2001:db8::7', undefined, undefined, undefined, null, undefined, undefined, undefined],
    ]);
    expect(r.events[1]?.extra).toMatchObject({ duid: '00:01:03', prefix_len: 56, lease_type: 2 });
  });

  it('a 1 MiB field is refused in linear time', () => {
    const text = `address,hwaddr,valid_lifetime,expire,hostname\n192.0.2.1,02:00:00:00:00:01,3600,1709647629,${'h'.repeat(1024 * 1024)}\n192.0.2.2,,3600,1709647629,ok\n`;
    const t0 = performance.now();
    const r = parseText(keaLeasesParser, chunks(text, 65536), { validateEvents: true });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['KEA_VALUE_INVALID', { line: 2 }],
    ]);
    expect((r.events as DhcpLeaseEvent[]).map((e) => [e.ip, e.hostname])).toEqual([
      ['192.0.2.2', 'ok'],
    ]);
  });

  it('detects its own header, not others', () => {
    expect(keaLeasesParser.detect({ head: fixture('kea-leases4.csv') })).toBeGreaterThanOrEqual(
      0.9,
    );
    expect(keaLeasesParser.detect({ head: fixture('dnsmasq.leases') })).toBeLessThan(0.5);
    expect(keaLeasesParser.detect({ head: fixture('dhcpd.leases') })).toBeLessThan(0.5);
  });
});

describe('dnsmasq-leases', () => {
  it('reads the example of formats.md §6.3 exactly', async () => {
    const r = await run(dnsmasqLeasesParser, fixture('dnsmasq.leases'));
    expect(r.warnings).toEqual([]);
    expect(r.events).toEqual([
      {
        type: 'dhcp:lease',
        ts: '2024-03-05T14:07:09.000Z',
        tsRaw: '1709647629',
        zone: EPOCH,
        locator: { line: 1 },
        ip: '192.168.1.50',
        mac: 'aa:bb:cc:dd:ee:01',
        hostname: 'laptop-42',
        end: '2024-03-05T14:07:09.000Z',
        extra: { clientId: '01:aa:bb:cc:dd:ee:01' },
      },
      {
        type: 'dhcp:lease',
        ts: '2024-03-05T15:07:09.000Z',
        tsRaw: '1709651229',
        zone: EPOCH,
        locator: { line: 2 },
        ip: '192.168.1.51',
        mac: 'aa:bb:cc:dd:ee:02',
        end: '2024-03-05T15:07:09.000Z',
      },
    ]);
  });

  it('infinite leases, the duid line and v6 leases, malformed lines', async () => {
    const text = [
      '0 02:00:00:00:00:01 192.0.2.7 printer *',
      'duid 00:01:00:01:2d:aa',
      '1709647629 12345 2001:DB8::20 phone 00:03:00:01:02',
      '1709647629 T77 2001:db8::21 * *',
      '1709647629 02:00:00:00:00:01 192.0.2.300 x *',
      'garbage',
      '17O9647629 02:00:00:00:00:01 192.0.2.8 x *',
    ].join('\n');
    const r = await run(dnsmasqLeasesParser, text);
    expect(r.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['DNSMASQ_ADDRESS_INVALID', { line: 5 }],
      ['DNSMASQ_FIELDS', { line: 6 }],
      ['DNSMASQ_EXPIRY_INVALID', { line: 7 }],
    ]);
    expect(r.events).toEqual([
      {
        type: 'dhcp:lease',
        ts: null,
        tsRaw: '0',
        zone: EPOCH,
        locator: { line: 1 },
        ip: '192.0.2.7',
        mac: '02:00:00:00:00:01',
        hostname: 'printer',
        end: null,
        flags: ['infinite-lease'],
      },
      {
        type: 'dhcp:lease',
        ts: '2024-03-05T14:07:09.000Z',
        tsRaw: '1709647629',
        zone: EPOCH,
        locator: { line: 3 },
        ip: '2001:db8::20',
        hostname: 'phone',
        end: '2024-03-05T14:07:09.000Z',
        extra: { iaid: 12345, serverDuid: '00:01:00:01:2d:aa', clientId: '00:03:00:01:02' },
      },
      {
        type: 'dhcp:lease',
        ts: '2024-03-05T14:07:09.000Z',
        tsRaw: '1709647629',
        zone: EPOCH,
        locator: { line: 4 },
        ip: '2001:db8::21',
        end: '2024-03-05T14:07:09.000Z',
        flags: ['temporary-address'],
        extra: { iaid: 77, serverDuid: '00:01:00:01:2d:aa' },
      },
      {
        type: 'dhcp:lease',
        ts: null,
        tsRaw: '17O9647629',
        zone: { source: 'unknown', offset: null, name: null },
        locator: { line: 7 },
        ip: '192.0.2.8',
        mac: '02:00:00:00:00:01',
        hostname: 'x',
      },
    ]);
  });

  it('a 1 MiB line is skipped in linear time', () => {
    const text = `1709647629 02:00:00:00:00:01 192.0.2.9 ${'h'.repeat(1024 * 1024)} *\n1709647629 02:00:00:00:00:02 192.0.2.10 ok *\n`;
    const t0 = performance.now();
    const r = parseText(dnsmasqLeasesParser, chunks(text, 65536), { validateEvents: true });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.warnings.map((w) => w.code)).toEqual(['DNSMASQ_FIELDS']);
    expect((r.events as DhcpLeaseEvent[]).map((e) => e.ip)).toEqual(['192.0.2.10']);
  });

  it('detects its own lines, not others', () => {
    expect(dnsmasqLeasesParser.detect({ head: fixture('dnsmasq.leases') })).toBeGreaterThanOrEqual(
      0.9,
    );
    expect(dnsmasqLeasesParser.detect({ head: fixture('kea-leases4.csv') })).toBeLessThan(0.5);
    expect(dnsmasqLeasesParser.detect({ head: fixture('dhcpd.leases') })).toBeLessThan(0.5);
  });
});

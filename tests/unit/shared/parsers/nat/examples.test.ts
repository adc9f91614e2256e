/**
 * Every example line of formats.md §4 for the five NAT parsers (fixtures in tests/fixtures/nat/,
 * copied verbatim; see its README), with the exact events and warnings they must give.
 */
import { describe, expect, it } from 'vitest';
import { a10CgnParser } from '../../../../../shared/parsers/a10-cgn';
import { ciscoCgnParser } from '../../../../../shared/parsers/cisco-cgn';
import { conntrackParser } from '../../../../../shared/parsers/conntrack';
import { f5LsnParser } from '../../../../../shared/parsers/f5-lsn';
import { juniperNatParser } from '../../../../../shared/parsers/juniper-nat';
import { codes, fixture, run } from './helpers';

const EPOCH = { source: 'epoch', offset: null, name: null };
const UNKNOWN = { source: 'unknown', offset: null, name: null };

describe('juniper-nat: formats.md §4.4 RT_NAT PBA lines', () => {
  const text = fixture('juniper-rt-nat-pba.log');

  it('reads ALLOC with the hex epoch, skips the abbreviated INTERIM, reads RELEASE', () => {
    const r = run(juniperNatParser, text);
    expect(r.events).toEqual([
      {
        type: 'nat:portblock',
        ts: '2022-04-04T14:45:38.000Z',
        tsRaw: '624b0492',
        zone: EPOCH,
        locator: { line: 1 },
        event: 'allocate',
        insideIp: '10.0.10.10',
        outsideIp: '1.2.84.172',
        portStart: 48640,
        portEnd: 48895,
        extra: {
          vendorEvent: 'RT_SRC_NAT_PBA_ALLOC',
          natEvent: 16,
          natEventScheme: 'rfc8158',
          pool: 'guest',
          blockUsed: 1,
          blockMaxPerHost: 4,
          logicalSystemId: 0,
        },
      },
      {
        type: 'nat:portblock',
        ts: '2022-04-04T15:20:39.000Z',
        tsRaw: '624b0cc7',
        zone: EPOCH,
        locator: { line: 3 },
        event: 'release',
        insideIp: '10.0.10.10',
        outsideIp: '1.2.84.172',
        portStart: 48640,
        portEnd: 48895,
        extra: {
          vendorEvent: 'RT_SRC_NAT_PBA_RELEASE',
          natEvent: 17,
          natEventScheme: 'rfc8158',
          blockUsed: 0,
        },
      },
    ]);
    // formats.md abbreviates the INTERIM line with "...": its block and public address are absent.
    expect(r.warnings).toEqual([
      {
        code: 'NAT_FIELD_MISSING',
        message:
          'line 2: RT_SRC_NAT_PBA_INTERIM lacks reflexive-ip, block-port-low, block-port-high; no event',
        locator: { line: 2 },
      },
    ]);
  });

  it('an INTERIM with all fields is an interim event at the ALLOC time (no natEvent)', () => {
    const line = (text.split('\n')[0] ?? '').replace('PBA_ALLOC', 'PBA_INTERIM');
    const r = run(juniperNatParser, line);
    expect(r.warnings).toEqual([]);
    expect(r.events).toHaveLength(1);
    const e = r.events[0];
    expect(e).toMatchObject({
      type: 'nat:portblock',
      event: 'interim',
      ts: '2022-04-04T14:45:38.000Z',
      portStart: 48640,
      portEnd: 48895,
    });
    expect(e?.extra).not.toHaveProperty('natEvent');
    expect(e?.extra?.vendorEvent).toBe('RT_SRC_NAT_PBA_INTERIM');
  });

  it('the RFC 5424 form with the junos@2636 SD-ID prefers epoch-time-64 and keeps the header', () => {
    const line =
      '<14>1 2022-04-04T16:45:40.000+02:00 srx1 RT_NAT - RT_SRC_NAT_PBA_ALLOC [junos@2636.1.1.1.2.26 internal-ip="10.0.10.10" block-used="1" block-max-per-host="4" block-port-low="48640" block-port-high="48895" reflexive-ip="1.2.84.172" nat-pool-name="guest" logical-system-id="0" epoch-time-64="624b0492"]';
    const r = run(juniperNatParser, line);
    expect(r.warnings).toEqual([]);
    expect(r.events[0]).toMatchObject({
      ts: '2022-04-04T14:45:38.000Z',
      tsRaw: '624b0492',
      zone: EPOCH,
      extra: { headerTime: '2022-04-04T16:45:40.000+02:00' },
    });
  });
});

describe('juniper-nat: formats.md §4.4 RT_FLOW session (RFC 5424)', () => {
  it('maps source/nat-source/destination and the in-band offset', () => {
    const r = run(juniperNatParser, fixture('juniper-rt-flow-session.log'));
    expect(r.warnings).toEqual([]);
    expect(r.events).toEqual([
      {
        type: 'nat:session',
        ts: '2018-06-27T00:23:06.269Z',
        tsRaw: '2018-06-26T17:23:06.269-07:00',
        zone: { source: 'in-band', offset: '-07:00', name: null },
        locator: { line: 1 },
        event: 'create',
        protocol: 'icmp',
        insideIp: '50.0.0.10',
        insidePort: 1,
        outsideIp: '100.0.0.1',
        outsidePort: 1024,
        destIp: '60.0.0.10',
        destPort: 21219,
        extra: {
          vendorEvent: 'RT_FLOW_SESSION_CREATE_USF',
          natEvent: 4,
          natEventScheme: 'rfc8158',
        },
      },
    ]);
  });

  it('routing-instance becomes vrf; CLOSE is a delete with its reason', () => {
    const line =
      '<14>1 2018-06-26T17:25:06.000-07:00 booklet RT_FLOW - RT_FLOW_SESSION_CLOSE [junos@2636.1.1.1.2.25 reason="TCP FIN" source-address="50.0.0.10" source-port="40000" destination-address="60.0.0.10" destination-port="443" nat-source-address="100.0.0.1" nat-source-port="2048" protocol-id="6" routing-instance="cust-a" session-id-32="77" elapsed-time="12"]';
    const r = run(juniperNatParser, line);
    expect(r.warnings).toEqual([]);
    expect(r.events[0]).toMatchObject({
      event: 'delete',
      protocol: 'tcp',
      insideIp: '50.0.0.10',
      insidePort: 40000,
      outsideIp: '100.0.0.1',
      outsidePort: 2048,
      vrf: 'cust-a',
      extra: { natEvent: 5, reason: 'TCP FIN', sessionId: 77, elapsedTime: 12 },
    });
  });

  it('reads the Junos 10.2 text form positionally', () => {
    const line =
      '2024-02-01T10:00:00Z srx1 RT_FLOW: RT_FLOW_SESSION_CREATE: session created 192.168.1.10/51000->198.51.100.7/443 junos-https 203.0.113.4/40001->198.51.100.7/443 src-rule None 6 allow-out trust untrust 4242';
    const r = run(juniperNatParser, line);
    expect(r.warnings).toEqual([]);
    expect(r.events[0]).toMatchObject({
      ts: '2024-02-01T10:00:00.000Z',
      event: 'create',
      protocol: 'tcp',
      insideIp: '192.168.1.10',
      insidePort: 51000,
      outsideIp: '203.0.113.4',
      outsidePort: 40001,
      destIp: '198.51.100.7',
      destPort: 443,
      extra: { serviceName: 'junos-https', sessionId: 4242, policyName: 'allow-out' },
    });
    const close = run(
      juniperNatParser,
      '2024-02-01T10:05:00Z srx1 RT_FLOW: RT_FLOW_SESSION_CLOSE: session closed TCP FIN: 192.168.1.10/51000->198.51.100.7/443 junos-https 203.0.113.4/40001->198.51.100.7/443 src-rule None 6 allow-out trust untrust 4242',
    );
    expect(close.events[0]).toMatchObject({
      event: 'delete',
      outsideIp: '203.0.113.4',
      outsidePort: 40001,
      extra: { reason: 'TCP FIN' },
    });
  });
});

describe('juniper-nat: formats.md §4.3 MS-MPC lines', () => {
  it('reads the PBA line (hex epoch preferred), the sessions, and counts RULE_MATCH once', () => {
    const r = run(juniperNatParser, fixture('juniper-jservices.log'));
    expect(r.events).toEqual([
      {
        type: 'nat:portblock',
        ts: '2024-01-05T12:00:00.000Z',
        tsRaw: '0x6597ef40',
        zone: EPOCH,
        locator: { line: 1 },
        event: 'allocate',
        insideIp: '100.64.1.2',
        outsideIp: '203.0.113.5',
        portStart: 1024,
        portEnd: 1151,
        flags: ['documentation-ip'],
        extra: {
          vendorEvent: 'JSERVICES_NAT_PORT_BLOCK_ALLOC',
          natEvent: 16,
          natEventScheme: 'rfc8158',
          headerTime: 'Jan 05 12:00:00',
          deviceTime: '2024-01-05 12:00:00',
          serviceSet: 'sset1',
        },
      },
      {
        type: 'nat:session',
        ts: null,
        tsRaw: '',
        zone: UNKNOWN,
        locator: { line: 3 },
        event: 'create',
        protocol: 'udp',
        insideIp: '24.0.0.2',
        insidePort: 18575,
        outsideIp: '198.51.100.17',
        outsidePort: 1048,
        destIp: '23.0.0.2',
        destPort: 63,
        flags: ['documentation-ip'],
        extra: {
          vendorEvent: 'MSVCS_LOG_SESSION_OPEN',
          natEvent: 4,
          natEventScheme: 'rfc8158',
          serviceSet: 'service_set_3',
          app: 'none',
        },
      },
      {
        type: 'nat:session',
        ts: null,
        tsRaw: '',
        zone: UNKNOWN,
        locator: { line: 4 },
        event: 'delete',
        protocol: 'udp',
        insideIp: '24.0.0.2',
        insidePort: 18575,
        outsideIp: '198.51.100.17',
        outsidePort: 1048,
        destIp: '23.0.0.2',
        destPort: 63,
        flags: ['documentation-ip'],
        extra: {
          vendorEvent: 'MSVCS_LOG_SESSION_CLOSE',
          natEvent: 5,
          natEventScheme: 'rfc8158',
          serviceSet: 'service_set_3',
          app: 'none',
        },
      },
    ]);
    expect(r.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['NAT_NO_TIMESTAMP', { line: 3 }],
      ['NAT_NO_TIMESTAMP', { line: 4 }],
      ['NAT_MESSAGES_IGNORED', { line: 2 }],
    ]);
    expect(r.warnings[2]?.message).toContain('JSERVICES_NAT_RULE_MATCH');
  });

  it('ACTIVE is interim, RELEASE is release; without a hex epoch the device stamp is used', () => {
    const r = run(
      juniperNatParser,
      [
        'Jan 05 12:30:00 2024-01-05 12:30:00: mx-cgn{sset1}[jservices-nat]: JSERVICES_NAT_PORT_BLOCK_ACTIVE: 100.64.1.2 -> 203.0.113.5:1024-1151 0x6597ef40',
        'Jan 05 13:00:00 2024-01-05 13:00:00: mx-cgn{sset1}[jservices-nat]: JSERVICES_NAT_PORT_BLOCK_RELEASE: 100.64.1.2 -> 203.0.113.5:1024-1151',
      ].join('\n'),
      { assumeZone: 'Europe/Tallinn', year: 2024 },
    );
    expect(r.warnings).toEqual([]);
    expect(r.events.map((e) => [e.type === 'nat:portblock' && e.event, e.ts, e.tsRaw])).toEqual([
      ['interim', '2024-01-05T12:00:00.000Z', '0x6597ef40'],
      ['release', '2024-01-05T11:00:00.000Z', '2024-01-05 13:00:00'],
    ]);
    expect(r.events[1]?.zone).toEqual({
      source: 'declared',
      offset: '+02:00',
      name: 'Europe/Tallinn',
    });
    expect(r.events[1]?.extra?.headerTime).toBe('Jan 05 13:00:00');
  });
});

describe('cisco-cgn: formats.md §4.1', () => {
  const text = fixture('cisco-xr-cgn.log');

  it('UserbasedA/W are allocate/release with the inside VRF, in the declared zone', () => {
    const r = run(ciscoCgnParser, text, { assumeZone: 'Europe/Tallinn' });
    expect(r.warnings).toEqual([]);
    const zone = { source: 'declared', offset: '+02:00', name: 'Europe/Tallinn' };
    const common = {
      type: 'nat:portblock',
      zone,
      insideIp: '100.64.12.7',
      outsideIp: '203.0.113.25',
      portStart: 4096,
      portEnd: 4351,
      vrf: 'INSIDE-VRF',
      flags: ['documentation-ip'],
    };
    expect(r.events).toEqual([
      {
        ...common,
        ts: '2016-03-14T08:20:31.000Z',
        tsRaw: '2016 Mar 14 10:20:31',
        locator: { line: 1 },
        event: 'allocate',
        extra: { vendorEvent: 'UserbasedA', natEvent: 16, natEventScheme: 'rfc8158', record: 1 },
      },
      {
        ...common,
        ts: '2016-03-14T09:02:09.000Z',
        tsRaw: '2016 Mar 14 11:02:09',
        locator: { line: 2 },
        event: 'release',
        extra: { vendorEvent: 'UserbasedW', natEvent: 17, natEventScheme: 'rfc8158', record: 1 },
      },
    ]);
  });

  it('without --assume-zone the time is null with TIME_NO_ZONE', () => {
    const r = run(ciscoCgnParser, text);
    expect(r.events.map((e) => e.ts)).toEqual([null, null]);
    expect(codes(r)).toEqual(['TIME_NO_ZONE', 'TIME_NO_ZONE']);
  });

  it('several records per line, sessions with protocol and destination', () => {
    const line =
      '<134>1 2016 Mar 14 10:20:31 cgn1 - - NAT44 - [SessionbasedA TCP 100.64.12.7 VRF-A - 203.0.113.25 51000 4100 - - -][SessionbasedWD UDP 100.64.12.8 VRF-B - 203.0.113.25 5353 4200 - 198.51.100.9 53][Portblockrunout - 100.64.12.9 VRF-A - - - - - - -]';
    const r = run(ciscoCgnParser, line, { assumeZone: 'UTC' });
    expect(r.events).toHaveLength(2);
    expect(r.events[0]).toMatchObject({
      type: 'nat:session',
      event: 'create',
      protocol: 'tcp',
      insideIp: '100.64.12.7',
      insidePort: 51000,
      outsideIp: '203.0.113.25',
      outsidePort: 4100,
      vrf: 'VRF-A',
      ts: '2016-03-14T10:20:31.000Z',
      extra: { vendorEvent: 'SessionbasedA', natEvent: 4, record: 1 },
    });
    expect(r.events[0]).not.toHaveProperty('destIp');
    expect(r.events[1]).toMatchObject({
      event: 'delete',
      protocol: 'udp',
      vrf: 'VRF-B',
      destIp: '198.51.100.9',
      destPort: 53,
      extra: { vendorEvent: 'SessionbasedWD', natEvent: 5, record: 2 },
    });
    expect(codes(r)).toEqual(['NAT_MESSAGES_IGNORED']);
  });

  it('DS-Lite: the B4 IPv6 address goes to extra.insideIpv6', () => {
    const line =
      '<134>1 2016 Mar 14 10:20:31 cgn1 - - DSLITE - [UserbasedA - 192.0.0.2 - 2001:DB8::1 203.0.113.25 - 2048 2303 - -]';
    const r = run(ciscoCgnParser, line, { assumeZone: 'UTC' });
    expect(r.events[0]).toMatchObject({
      insideIp: '192.0.0.2',
      flags: ['documentation-ip', 'ds-lite'],
      extra: { insideIpv6: '2001:db8::1' },
    });
    expect(r.events[0]).not.toHaveProperty('vrf');
  });
});

describe('a10-cgn: formats.md §4.6', () => {
  it('the grammar lines: concrete ones parse, placeholder ones are NAT_FIELD_INVALID', () => {
    const r = run(a10CgnParser, fixture('a10-cgn-grammar.log'));
    expect(r.events).toEqual([
      {
        type: 'nat:session',
        ts: null,
        tsRaw: '',
        zone: UNKNOWN,
        locator: { line: 1 },
        event: 'create',
        protocol: 'udp',
        insideIp: '100.100.100.100',
        insidePort: 10000,
        outsideIp: '150.150.150.150',
        outsidePort: 10000,
        extra: { vendorEvent: 'NAT-UDP-C', natEvent: 4, natEventScheme: 'rfc8158' },
      },
      {
        type: 'nat:portblock',
        ts: null,
        tsRaw: '',
        zone: UNKNOWN,
        locator: { line: 4 },
        event: 'allocate',
        insideIp: '10.10.10.172',
        outsideIp: '192.168.9.173',
        portStart: 3000,
        portEnd: 4000,
        flags: ['fixed-nat', 'private-ip'],
        extra: { vendorEvent: 'FIXED-NAT-PORTS', natEvent: 16, natEventScheme: 'rfc8158' },
      },
    ]);
    expect(r.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['NAT_NO_TIMESTAMP', { line: 1 }],
      ['NAT_FIELD_INVALID', { line: 2 }],
      ['NAT_FIELD_INVALID', { line: 3 }],
      ['NAT_NO_TIMESTAMP', { line: 4 }],
    ]);
  });

  it('the pattern and session forms with real addresses', () => {
    const r = run(
      a10CgnParser,
      [
        'Oct 12 09:04:54 ax1 NAT-TCP-C: 10.1.1.5:40000<-->(203.0.113.9):2048 to 198.51.100.80:443',
        'Oct 12 09:04:55 ax1 NAT-TCP-C: 10.1.1.5:40001<-->203.0.113.9:2049 to 198.51.100.80:443',
        'Oct 12 09:04:56 ax1 NAT-TCP-C: 10.1.1.5:40002<->198.51.100.80:443, 203.0.113.9:2050<-->198.51.100.80:443',
        'Oct 12 09:05:56 ax1 NAT-TCP-D: 10.1.1.5:40002<->198.51.100.80:443, 203.0.113.9:2050<-->198.51.100.80:443',
        'Oct 12 09:05:57 ax1 NAT-TCP-U: 10.1.1.5:40002<->198.51.100.80:443, 203.0.113.9:2050<-->198.51.100.80:443',
      ].join('\n'),
      { year: 2024, assumeZone: 'Europe/Amsterdam' },
    );
    expect(
      r.events.map((e) =>
        e.type === 'nat:session'
          ? [
              e.event,
              e.ts,
              e.insideIp,
              e.insidePort,
              e.outsideIp,
              e.outsidePort,
              e.destIp,
              e.destPort,
            ]
          : null,
      ),
    ).toEqual([
      [
        'create',
        '2024-10-12T07:04:54.000Z',
        '10.1.1.5',
        40000,
        '203.0.113.9',
        2048,
        '198.51.100.80',
        443,
      ],
      [
        'create',
        '2024-10-12T07:04:55.000Z',
        '10.1.1.5',
        40001,
        '203.0.113.9',
        2049,
        '198.51.100.80',
        443,
      ],
      [
        'create',
        '2024-10-12T07:04:56.000Z',
        '10.1.1.5',
        40002,
        '203.0.113.9',
        2050,
        '198.51.100.80',
        443,
      ],
      [
        'delete',
        '2024-10-12T07:05:56.000Z',
        '10.1.1.5',
        40002,
        '203.0.113.9',
        2050,
        '198.51.100.80',
        443,
      ],
    ]);
    expect(r.events[2]?.extra?.reverseDestination).toBe('198.51.100.80:443');
    expect(codes(r)).toEqual(['NAT_MESSAGES_IGNORED']);
    expect(r.warnings[0]?.message).toContain('NAT-TCP-U');
  });

  it('the akvorado PortBatchV2 line: anonymised addresses are refused, real ones parse', () => {
    const verbatim = fixture('a10-portbatch.log');
    const r = run(a10CgnParser, verbatim, { year: 2024, assumeZone: 'Europe/Amsterdam' });
    expect(r.events).toEqual([]);
    expect(codes(r)).toEqual(['NAT_FIELD_INVALID']);
    expect(r.warnings[0]?.message).toContain('100.121.x.x');
    const real = verbatim.replace('100.121.x.x', '100.121.4.5').replace('62.45.x.x', '62.45.1.2');
    const ok = run(a10CgnParser, real, { year: 2024, assumeZone: 'Europe/Amsterdam' });
    expect(ok.warnings).toEqual([]);
    expect(ok.events).toEqual([
      {
        type: 'nat:portblock',
        ts: '2024-10-12T07:04:54.000Z',
        tsRaw: 'Oct 12 09:04:54',
        zone: { source: 'declared', offset: '+02:00', name: 'Europe/Amsterdam' },
        locator: { line: 1 },
        event: 'allocate',
        insideIp: '100.121.4.5',
        outsideIp: '62.45.1.2',
        portStart: 23041,
        portEnd: 23552,
        extra: { vendorEvent: 'PortBatchV2Allocated', natEvent: 16, natEventScheme: 'rfc8158' },
      },
    ]);
  });
});

describe('f5-lsn: formats.md §4.7', () => {
  it('LSN_ADD / LSN_DELETE with %0 route domains', () => {
    const r = run(f5LsnParser, fixture('f5-lsn.log'));
    const common = {
      type: 'nat:session',
      ts: null,
      tsRaw: '',
      zone: UNKNOWN,
      protocol: 'tcp',
      insideIp: '100.64.3.9',
      insidePort: 51514,
      outsideIp: '198.51.100.20',
      outsidePort: 40321,
      destIp: '93.184.216.34',
      destPort: 443,
      vrf: '0',
      flags: ['documentation-ip'],
    };
    expect(r.events).toEqual([
      {
        ...common,
        locator: { line: 1 },
        event: 'create',
        extra: { vendorEvent: 'LSN_ADD', natEvent: 4, natEventScheme: 'rfc8158' },
      },
      {
        ...common,
        locator: { line: 2 },
        event: 'delete',
        extra: { vendorEvent: 'LSN_DELETE', natEvent: 5, natEventScheme: 'rfc8158' },
      },
    ]);
    expect(codes(r)).toEqual(['NAT_NO_TIMESTAMP', 'NAT_NO_TIMESTAMP']);
  });

  it('route domain 2, IPv6 clients (NAT64) and a syslog header', () => {
    const r = run(
      f5LsnParser,
      [
        '2024-05-01T10:00:00+00:00 bigip1 tmm[1234]: LSN_ADD 10.1.1.1%2:1025 17 192.0.2.1%2:2000 8.8.8.8 53',
        '2024-05-01T10:00:01+00:00 bigip1 tmm[1234]: LSN_INBOUND_ADD 2001:db8::5%3:1025 6 192.0.2.1%0:2001 198.51.100.1 80',
      ].join('\n'),
    );
    expect(r.warnings).toEqual([]);
    expect(r.events[0]).toMatchObject({
      ts: '2024-05-01T10:00:00.000Z',
      protocol: 'udp',
      insideIp: '10.1.1.1',
      insidePort: 1025,
      outsideIp: '192.0.2.1',
      vrf: '2',
    });
    expect(r.events[1]).toMatchObject({
      insideIp: '2001:db8::5',
      vrf: '3',
      flags: ['documentation-ip', 'inbound'],
      extra: { vendorEvent: 'LSN_INBOUND_ADD', natEvent: 6, outsideRouteDomain: '0' },
    });
  });
});

describe('conntrack: formats.md §4.13', () => {
  it('NEW with -o timestamp, UPDATE counted once, DESTROY without timestamp', () => {
    const r = run(conntrackParser, fixture('conntrack-events.log'));
    expect(r.events).toEqual([
      {
        type: 'nat:session',
        ts: '2025-09-07T09:00:00.250Z',
        tsRaw: '1757235600.250000',
        zone: EPOCH,
        locator: { line: 1 },
        event: 'create',
        protocol: 'tcp',
        insideIp: '10.8.0.11',
        insidePort: 51234,
        outsideIp: '10.8.0.11',
        outsidePort: 51234,
        destIp: '10.0.1.20',
        destPort: 443,
        flags: ['private-ip', 'untranslated'],
        extra: {
          vendorEvent: 'NEW',
          natEvent: 4,
          natEventScheme: 'rfc8158',
          timeout: 120,
          state: 'SYN_SENT',
          unreplied: true,
        },
      },
      {
        type: 'nat:session',
        ts: null,
        tsRaw: '',
        zone: UNKNOWN,
        locator: { line: 3 },
        event: 'delete',
        protocol: 'tcp',
        insideIp: '172.17.0.1',
        insidePort: 34078,
        outsideIp: '10.0.2.15',
        outsidePort: 34078,
        destIp: '172.17.0.1',
        destPort: 53,
        flags: ['private-ip'],
        extra: { vendorEvent: 'DESTROY', natEvent: 5, natEventScheme: 'rfc8158' },
      },
    ]);
    expect(r.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['NAT_NO_TIMESTAMP', { line: 3 }],
      ['NAT_MESSAGES_IGNORED', { line: 2 }],
    ]);
    expect(r.warnings[0]?.message).toContain('-o timestamp');
  });

  it('SNAT with -o extended: the reply dst/dport are the outside address and port', () => {
    const line =
      '[1757235601.000000]\t    [NEW] ipv4     2 tcp      6 120 SYN_SENT src=10.8.0.11 dst=93.184.216.34 sport=51234 dport=443 [UNREPLIED] src=93.184.216.34 dst=198.51.100.2 sport=443 dport=61000 id=12345';
    const r = run(conntrackParser, line);
    expect(r.warnings).toEqual([]);
    expect(r.events[0]).toMatchObject({
      ts: '2025-09-07T09:00:01.000Z',
      insideIp: '10.8.0.11',
      insidePort: 51234,
      outsideIp: '198.51.100.2',
      outsidePort: 61000,
      destIp: '93.184.216.34',
      destPort: 443,
      flags: ['documentation-ip'],
      extra: { l3: 'ipv4', conntrackId: 12345 },
    });
  });

  it('ICMP tuples have no ports; the entry id is not the ICMP id', () => {
    const line =
      '[DESTROY] icmp     1 src=10.8.0.11 dst=8.8.8.8 type=8 code=0 id=77 src=8.8.8.8 dst=198.51.100.2 type=0 code=0 id=77 id=999';
    const r = run(conntrackParser, line);
    const e = r.events[0];
    expect(e).toMatchObject({
      protocol: 'icmp',
      insideIp: '10.8.0.11',
      outsideIp: '198.51.100.2',
      destIp: '8.8.8.8',
      extra: { conntrackId: 999, icmpType: 8 },
    });
    expect(e).not.toHaveProperty('insidePort');
    expect(e).not.toHaveProperty('outsidePort');
  });
});

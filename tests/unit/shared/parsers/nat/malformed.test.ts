/** Malformed records: truncated lines, missing fields, bad hex epochs, reversed port ranges. */
import { describe, expect, it } from 'vitest';
import { a10CgnParser } from '../../../../../shared/parsers/a10-cgn';
import { ciscoCgnParser } from '../../../../../shared/parsers/cisco-cgn';
import { conntrackParser } from '../../../../../shared/parsers/conntrack';
import { f5LsnParser } from '../../../../../shared/parsers/f5-lsn';
import { juniperNatParser } from '../../../../../shared/parsers/juniper-nat';
import { codes, fixture, run } from './helpers';

const ALLOC =
  'RT_NAT - RT_SRC_NAT_PBA_ALLOC [internal-ip="10.0.10.10" block-used="1" block-max-per-host="4" block-port-low="48640" block-port-high="48895" reflexive-ip="1.2.84.172" nat-pool-name="guest" logical-system-id="0" epoch-time-64="624b0492"]';

describe('juniper-nat malformed', () => {
  it('a truncated structured line names the missing fields', () => {
    const r = run(juniperNatParser, ALLOC.slice(0, 90));
    expect(r.events).toEqual([]);
    expect(codes(r)).toEqual(['NAT_FIELD_MISSING']);
    expect(r.warnings[0]?.message).toContain('line 1');
    expect(r.warnings[0]?.message).toContain('reflexive-ip');
    expect(r.warnings[0]?.message).toContain('block-port-high');
  });

  it('a bad hex epoch keeps the event with ts null and a time warning', () => {
    const r = run(juniperNatParser, ALLOC.replace('624b0492', '62zz0492'));
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ ts: null, tsRaw: '62zz0492', zone: { source: 'unknown' } });
    expect(codes(r)).toEqual(['TIME_UNPARSEABLE']);
    expect(r.warnings[0]?.locator).toEqual({ line: 1 });
  });

  it('a port range whose end is before its start gives no event', () => {
    const r = run(
      juniperNatParser,
      ALLOC.replace('block-port-low="48640"', 'block-port-low="50000"'),
    );
    expect(r.events).toEqual([]);
    expect(codes(r)).toEqual(['NAT_PORT_RANGE_INVALID']);
    expect(r.warnings[0]?.message).toContain('50000-48895');
  });

  it('a bad address or port is NAT_FIELD_INVALID', () => {
    const r = run(
      juniperNatParser,
      [ALLOC.replace('"1.2.84.172"', '"1.2.84.999"'), ALLOC.replace('"48895"', '"70000"')].join(
        '\n',
      ),
    );
    expect(r.events).toEqual([]);
    expect(codes(r)).toEqual(['NAT_FIELD_INVALID', 'NAT_FIELD_INVALID']);
    expect(r.warnings[0]?.message).toContain('reflexive-ip');
    expect(r.warnings[1]?.message).toContain('block-port-high');
  });

  it('a JSERVICES line cut after the arrow', () => {
    const r = run(
      juniperNatParser,
      'Jan 05 12:00:00 2024-01-05 12:00:00: mx-cgn{sset1}[jservices-nat]: JSERVICES_NAT_PORT_BLOCK_ALLOC: 100.64.1.2 ->',
    );
    expect(r.events).toEqual([]);
    expect(codes(r)).toEqual(['NAT_FIELD_MISSING']);
    expect(r.warnings[0]?.message).toContain('outside address');
  });

  it('an RT_FLOW session without nat-source-address gives no event', () => {
    const r = run(
      juniperNatParser,
      '<14>1 2018-06-26T17:23:06.269-07:00 booklet RT_FLOW - RT_FLOW_SESSION_CREATE [junos@2636.1.1.1.2.25 source-address="50.0.0.10" source-port="1"]',
    );
    expect(r.events).toEqual([]);
    expect(codes(r)).toEqual(['NAT_FIELD_MISSING']);
    expect(r.warnings[0]?.message).toContain('nat-source-address');
  });

  it('unknown lines are reported once with a count, not per line', () => {
    const noise = Array.from({ length: 250 }, (_, i) => `noise line ${i}`);
    const r = run(juniperNatParser, [ALLOC, ...noise, 'RT_FLOW_SESSION_DENY: x'].join('\n'));
    expect(r.events).toHaveLength(1);
    expect(codes(r)).toEqual(['NAT_UNKNOWN_MESSAGES', 'NAT_MESSAGES_IGNORED']);
    expect(r.warnings[0]?.message).toMatch(/^250 lines are not juniper-nat records/);
    expect(r.warnings[0]?.locator).toEqual({ line: 2 });
  });
});

describe('cisco-cgn malformed', () => {
  it('a record cut short names the missing positions', () => {
    const r = run(
      ciscoCgnParser,
      '<134>1 2016 Mar 14 10:20:31 cgn1 - - NAT44 - [UserbasedA - 100.64.12.7 INSIDE-VRF - 203.0.113.25 - 4096',
      { assumeZone: 'UTC' },
    );
    expect(r.events).toEqual([]);
    expect(codes(r)).toEqual(['NAT_FIELD_MISSING']);
    expect(r.warnings[0]?.message).toContain('Translated Last Source Port');
  });

  it('reversed block, missing translated address', () => {
    const r = run(
      ciscoCgnParser,
      [
        '<134>1 2016 Mar 14 10:20:31 cgn1 - - NAT44 - [UserbasedA - 100.64.12.7 INSIDE-VRF - 203.0.113.25 - 4351 4096 - -]',
        '<134>1 2016 Mar 14 10:20:31 cgn1 - - NAT44 - [UserbasedA - 100.64.12.7 INSIDE-VRF - - - 4096 4351 - -]',
      ].join('\n'),
      { assumeZone: 'UTC' },
    );
    expect(r.events).toEqual([]);
    expect(codes(r)).toEqual(['NAT_PORT_RANGE_INVALID', 'NAT_FIELD_MISSING']);
    expect(r.warnings[1]?.message).toContain('Translated Source IP');
  });

  it('a bad record does not hide the good one next to it', () => {
    const r = run(
      ciscoCgnParser,
      '<134>1 2016 Mar 14 10:20:31 cgn1 - - NAT44 - [UserbasedA - 100.64.12.999 V - 203.0.113.25 - 4096 4351 - -][UserbasedA - 100.64.12.8 V - 203.0.113.25 - 4352 4607 - -]',
      { assumeZone: 'UTC' },
    );
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ insideIp: '100.64.12.8', extra: { record: 2 } });
    expect(codes(r)).toEqual(['NAT_FIELD_INVALID']);
  });
});

describe('a10-cgn, f5-lsn, conntrack malformed', () => {
  it('A10: FIXED-NAT-PORTS reversed and cut', () => {
    const r = run(
      a10CgnParser,
      [
        'FIXED-NAT-PORTS 10.10.10.172->192.168.9.173:4000-3000',
        'FIXED-NAT-PORTS 10.10.10.172->',
      ].join('\n'),
    );
    expect(r.events).toEqual([]);
    expect(codes(r)).toEqual(['NAT_PORT_RANGE_INVALID', 'NAT_FIELD_MISSING']);
  });

  it('A10: a port batch with three fields', () => {
    const r = run(
      a10CgnParser,
      'Oct 12 09:04:54PortBatchV2Allocated: [100.121.4.5 62.45.1.2 23041]',
    );
    expect(codes(r)).toEqual(['NAT_FIELD_MISSING']);
    expect(r.warnings[0]?.message).toContain('last port');
  });

  it('F5: missing translated endpoint, bad route domain', () => {
    const r = run(
      f5LsnParser,
      [
        'LSN_ADD 100.64.3.9%0:51514 6',
        'LSN_ADD 100.64.3.9%x:51514 6 198.51.100.20%0:40321 93.184.216.34 443',
      ].join('\n'),
    );
    expect(r.events).toEqual([]);
    expect(codes(r)).toEqual(['NAT_FIELD_MISSING', 'NAT_FIELD_INVALID']);
    expect(r.warnings[0]?.message).toContain('translated address');
    expect(r.warnings[1]?.message).toContain('route domain');
  });

  it('conntrack: a DESTROY cut before the reply tuple', () => {
    const r = run(
      conntrackParser,
      '[DESTROY] tcp      6 src=172.17.0.1 dst=172.17.0.1 sport=34078 dport=53',
    );
    expect(r.events).toEqual([]);
    expect(codes(r)).toEqual(['NAT_FIELD_MISSING']);
    expect(r.warnings[0]?.message).toContain('reply dst');
  });

  it('conntrack: a bad epoch prefix keeps the event with ts null', () => {
    const line = fixture('conntrack-events.log').split('\n')[0] ?? '';
    const r = run(conntrackParser, line.replace('1757235600.250000', '1757235600.'));
    expect(r.events[0]).toMatchObject({ ts: null, tsRaw: '1757235600.' });
    expect(codes(r)).toEqual(['TIME_UNPARSEABLE']);
  });
});

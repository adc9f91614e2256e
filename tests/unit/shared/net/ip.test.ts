import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cidrContains,
  ipFlags,
  ipv4ToNumber,
  normalizeIp,
  parseCidr,
  parseIp,
} from '../../../../shared/net';

describe('normalizeIp', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    // RFC 5952 §4: lowercase, leading zeros dropped, longest zero run compressed, first on a tie.
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['fe80::', 'fe80::'],
    ['::ffff:192.0.2.7', '::ffff:192.0.2.7'],
    ['::FFFF:c000:0207', '::ffff:192.0.2.7'],
    ['64:ff9b::198.51.100.1', '64:ff9b::c633:6401'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2:3:4:5:6'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeIp(input)).toBe(expected);
  });

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3.4 ',
    ' 1.2.3.4',
    '1..2.3',
    '1.2.3.-4',
    ':::',
    '1:::2',
    '1::2::3',
    ':1::2',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '12345::1',
    'fe80::1%eth0',
    '::ffff:1.2.3',
    '1:2:3:4:5:6:7::1.2.3.4',
    'g::1',
    'example.com',
    '[2001:db8::1]',
  ])('refuses %j', (input) => {
    expect(normalizeIp(input)).toBeNull();
  });

  it('round-trips every IPv4 address text', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(normalizeIp(ip)).toBe(ip);
      }),
    );
  });

  it('agrees with the URL parser on every IPv6 address (canonical form)', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const ours = normalizeIp(ip);
        const url = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
        // WHATWG URL writes IPv4-mapped addresses in hex; compare through our own reader.
        expect(ours).not.toBeNull();
        expect(normalizeIp(url)).toBe(ours);
        expect(normalizeIp(ours ?? '')).toBe(ours);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const out = normalizeIp(s);
        if (out !== null) expect(normalizeIp(out)).toBe(out);
      }),
    );
  });
});

describe('parseCidr and cidrContains', () => {
  it('clears host bits and matches members only', () => {
    const net = parseCidr('100.64.1.77/10');
    expect(net && normalizeIp(`${net.bytes.join('.')}`)).toBe('100.64.0.0');
    const inside = parseIp('100.127.255.255');
    const outside = parseIp('100.128.0.0');
    expect(net && inside && cidrContains(net, inside)).toBe(true);
    expect(net && outside && cidrContains(net, outside)).toBe(false);
    const v6 = parseCidr('2001:db8::/32');
    const a = parseIp('2001:db8:ffff::1');
    const b = parseIp('2001:db9::1');
    expect(v6 && a && cidrContains(v6, a)).toBe(true);
    expect(v6 && b && cidrContains(v6, b)).toBe(false);
    expect(v6 && inside && cidrContains(v6, inside)).toBe(false);
  });

  it.each(['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/08', '::/129', 'x/8', '10.0.0.0/a'])(
    'refuses %j',
    (text) => {
      expect(parseCidr(text)).toBeNull();
    },
  );

  it('a bare address is a single-host prefix', () => {
    expect(parseCidr('192.0.2.1')?.prefix).toBe(32);
    expect(parseCidr('::1')?.prefix).toBe(128);
  });
});

describe('ipFlags (formats.md §12)', () => {
  it.each([
    ['10.1.2.3', ['private-ip']],
    ['172.31.255.255', ['private-ip']],
    ['172.32.0.1', []],
    ['192.168.0.1', ['private-ip']],
    ['100.64.0.1', ['cgn-shared-ip']],
    ['100.63.255.255', []],
    ['127.0.0.1', ['loopback-ip']],
    ['169.254.1.1', ['link-local-ip']],
    ['192.0.2.1', ['documentation-ip']],
    ['198.51.100.1', ['documentation-ip']],
    ['203.0.113.255', ['documentation-ip']],
    ['192.0.0.2', ['ds-lite-ip']],
    ['0.0.0.0', ['unspecified-ip']],
    ['224.0.0.1', ['multicast-ip']],
    ['240.0.0.1', ['reserved-ip']],
    ['8.8.8.8', []],
    ['::1', ['loopback-ip']],
    ['::', ['unspecified-ip']],
    ['fd00::1', ['private-ip']],
    ['fe80::1', ['link-local-ip']],
    ['2001:db8::1', ['documentation-ip']],
    ['3fff::1', ['documentation-ip']],
    ['64:ff9b::1.2.3.4', ['nat64-ip']],
    ['::ffff:10.0.0.1', ['private-ip']],
    ['2a00:1450::1', []],
    ['not an ip', []],
  ])('%s → %j', (ip, flags) => {
    expect(ipFlags(ip)).toEqual(flags);
  });
});

describe('ipv4ToNumber', () => {
  it('maps the whole range without sign errors', () => {
    expect(ipv4ToNumber('0.0.0.0')).toBe(0);
    expect(ipv4ToNumber('255.255.255.255')).toBe(4294967295);
    expect(ipv4ToNumber('128.0.0.1')).toBe(2147483649);
    expect(ipv4ToNumber('::1')).toBeNull();
  });
});

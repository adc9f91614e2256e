import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText, type Parser } from '../../../../../shared/parsers';
import { dhcpdLeasesParser } from '../../../../../shared/parsers/dhcpd-leases';
import { dnsmasqLeasesParser } from '../../../../../shared/parsers/dnsmasq-leases';
import { keaLeasesParser } from '../../../../../shared/parsers/kea-leases';
import { radiusDetailParser } from '../../../../../shared/parsers/radius-detail';

const FIXTURES = join(import.meta.dirname, '../../../../fixtures');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const pieces: Record<string, readonly string[]> = {
  'dhcpd-leases': [
    'lease 192.0.2.1 {\n',
    'lease 2001:db8::1 {\n',
    '  starts 2 2024/03/05 14:07:09;\n',
    '  ends never;\n',
    '  starts epoch 1709644029; # x\n',
    '  binding state active;\n',
    '  client-hostname "a\\"b;{}";\n',
    '  hardware ethernet 02:00:00:00:00:01;\n',
    'ia-na "x" {\n  iaaddr 2001:db8::2 {\n',
    '}\n',
    '{',
    ';',
    '"',
    '#',
  ],
  'kea-leases': [
    'address,hwaddr,valid_lifetime,expire,hostname,state\n',
    'expire,address,valid_lifetime\n',
    '192.0.2.1,02:00:00:00:00:01,3600,1709647629,h,0\n',
    '2001:db8::1,,0,1709647629,,2\n',
    '"a,b",x\n',
    '"\n',
    '\r\n',
    ',',
  ],
  'dnsmasq-leases': [
    '1709647629 02:00:00:00:00:01 192.0.2.1 h *\n',
    '0 02:00:00:00:00:02 192.0.2.2 * 01:02\n',
    'duid 00:01:02\n',
    '1709647629 T12 2001:db8::3 * *\n',
    '\r\n',
    ' ',
  ],
};
const parsers: Record<string, Parser> = {
  'dhcpd-leases': dhcpdLeasesParser,
  'kea-leases': keaLeasesParser,
  'dnsmasq-leases': dnsmasqLeasesParser,
};

describe.each(Object.keys(parsers))('%s: properties', (name) => {
  const parser = parsers[name] as Parser;
  const doc = fc
    .array(fc.oneof(fc.constantFrom(...(pieces[name] ?? [])), fc.string({ maxLength: 16 })), {
      maxLength: 40,
    })
    .map((a) => a.join(''));

  it('never throws and emits only schema-valid events', () => {
    fc.assert(
      fc.property(doc, (text) => {
        const r = parseText(parser, text, { validateEvents: true });
        expect(r.warnings.filter((w) => w.code.startsWith('PARSER_'))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same output whatever the chunking', () => {
    fc.assert(
      fc.property(doc, fc.integer({ min: 1, max: 13 }), (text, size) => {
        const whole = parseText(parser, text);
        const parts = parseText(parser, chunks(text, size));
        expect(parts.events).toEqual(whole.events);
        expect(parts.warnings).toEqual(whole.warnings);
      }),
      { numRuns: 300 },
    );
  });
});

describe('detect across the four formats', () => {
  const samples: Record<string, string> = {
    'radius-detail': fixture('radius/detail-hu-dsl-2015'),
    'dhcpd-leases': fixture('dhcp/dhcpd.leases'),
    'kea-leases': fixture('dhcp/kea-leases4.csv'),
    'dnsmasq-leases': fixture('dhcp/dnsmasq.leases'),
  };
  const all: Parser[] = [
    radiusDetailParser,
    dhcpdLeasesParser,
    keaLeasesParser,
    dnsmasqLeasesParser,
  ];
  const apache =
    '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "-" "Mozilla/5.0"\n';

  it.each(Object.keys(samples))('%s scores highest on its own sample', (name) => {
    const head = samples[name] ?? '';
    const scores = all.map((p) => [p.name, p.detect({ head })] as const);
    const own = scores.find(([n]) => n === name)?.[1] ?? 0;
    expect(own).toBeGreaterThanOrEqual(0.9);
    for (const [n, s] of scores) if (n !== name) expect(s).toBeLessThan(own);
  });

  it('every format scores < 0.5 on an Apache log line and on empty input', () => {
    for (const p of all) {
      expect(p.detect({ head: apache })).toBeLessThan(0.5);
      expect(p.detect({ head: '' })).toBeLessThan(0.5);
    }
  });
});

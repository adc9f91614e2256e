/** fast-check: never throws, chunking-independent, linear on a 1 MiB line. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText, type Parser } from '../../../../../shared/parsers';
import { FIXTURE_LINES, FIXTURE_SEED, SYNTHETIC } from './generate';
import { chunked } from '../chunked';
import { NAT_PARSERS, fixture } from './helpers';

const FRAGMENTS = [
  'RT_SRC_NAT_PBA_ALLOC',
  'RT_SRC_NAT_PBA_RELEASE ',
  'JSERVICES_NAT_PORT_BLOCK_ALLOC: ',
  'RT_FLOW_SESSION_CREATE',
  'RT_FLOW_SESSION_CLOSE: session closed ',
  'MSVCS_LOG_SESSION_OPEN',
  ' [',
  ']',
  '="',
  '"',
  '\\',
  'epoch-time-64="',
  'internal-ip="10.0.0.1" ',
  'reflexive-ip=',
  'block-port-low="1"',
  '[UserbasedA',
  '[SessionbasedWD ',
  ' - ',
  '100.64.1.2',
  '2001:db8::1',
  '203.0.113.5:1024-1151',
  ' -> ',
  '<->',
  '<-->',
  ', ',
  ' to ',
  'NAT-TCP-C: ',
  'NAT-UDP-D:',
  'FIXED-NAT-PORTS ',
  'PortBatchV2Allocated: [',
  'LSN_ADD ',
  'LSN_INBOUND_DELETE ',
  '%0:',
  '%',
  ' 6 ',
  '[NEW]',
  '[DESTROY] ',
  '[1757235600.25] ',
  'src=',
  'dst=',
  'sport=',
  'dport=',
  'id=',
  'type=8 ',
  '<14>1 ',
  '2018-06-26T17:23:06.269-07:00 ',
  '2016 Mar 14 10:20:31 ',
  'Feb 29 12:00:00 ',
  'Oct 12 09:04:54',
  '0x6597ef40',
  '0xzz',
  '65536',
  '\n',
  '\r\n',
  '\t',
  '\uFEFF',
  '\uD800',
];

const messy = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })), { maxLength: 60 })
  .map((parts) => parts.join(''));

function check(parser: Parser, text: string | string[]): void {
  const r = parseText(parser, text, {
    validateEvents: true,
    options: { year: 2024, assumeZone: 'UTC' },
  });
  const bad = r.warnings.filter((w) => w.code.startsWith('PARSER_'));
  expect(bad).toEqual([]);
  for (const e of r.events) expect(parser.eventTypes).toContain(e.type);
}

describe('properties', () => {
  for (const parser of NAT_PARSERS) {
    it(`${parser.name}: never throws, never emits an invalid event, detect stays in 0..1`, () => {
      fc.assert(
        fc.property(messy, (text) => {
          check(parser, text);
          const score = parser.detect({ head: text });
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        }),
        { numRuns: 300 },
      );
    });

    it(`${parser.name}: the same output whatever the chunking`, () => {
      const base = [
        SYNTHETIC[parser.name as keyof typeof SYNTHETIC](FIXTURE_SEED, FIXTURE_LINES).text,
        fixture('juniper-rt-nat-pba.log'),
        fixture('juniper-jservices.log'),
        fixture('cisco-xr-cgn.log'),
        fixture('a10-cgn-grammar.log'),
        fixture('f5-lsn.log'),
        fixture('conntrack-events.log'),
        'garbage\r\n',
      ].join('\n');
      const whole = parseText(parser, base, { options: { year: 2024, assumeZone: 'UTC' } });
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 30 }), fc.nat(30), (cuts, tail) => {
          const r = parseText(parser, chunked(base, cuts), {
            options: { year: 2024, assumeZone: 'UTC' },
          });
          expect(r.events).toEqual(whole.events);
          expect(r.warnings).toEqual(whole.warnings);
          void tail;
        }),
        { numRuns: 60 },
      );
    });
  }
});

/** A line of about `size` characters that each parser reads deep into. */
function longLine(parser: string, size: number): string {
  const fill = (unit: string): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  switch (parser) {
    case 'juniper-nat':
      return `RT_NAT - RT_SRC_NAT_PBA_ALLOC [internal-ip="10.0.10.10" ${fill('k="v\\" x" ')} epoch-time-64="624b0492"]`;
    case 'cisco-cgn':
      return `<134>1 2016 Mar 14 10:20:31 cgn1 - - NAT44 - ${fill('[UserbasedA - 100.64.12.7 V - 203.0.113.25 - 4096 4351 - -]')}`;
    case 'a10-cgn':
      return `Oct 12 09:04:54 ax1 NAT-TCP-C: 10.1.1.5:40000<->${fill('<-><-> ,')}`;
    case 'f5-lsn':
      return `LSN_ADD ${fill('100.64.3.9%0:51514 ')}`;
    default:
      return `[1.5] [NEW] tcp 6 120 SYN_SENT ${fill('src=1.2.3.4 dst=5.6.7.8 id=1 ')}`;
  }
}

describe('linear time on long lines', () => {
  for (const parser of NAT_PARSERS) {
    it(`${parser.name}: a 1 MiB line costs about 4× a 256 KiB line`, () => {
      const time = (size: number): number => {
        const text = longLine(parser.name, size);
        const t0 = performance.now();
        parseText(parser, text, { options: { year: 2024, assumeZone: 'UTC' } });
        return performance.now() - t0;
      };
      time(64 * 1024); // warm-up
      const small = Math.min(time(256 * 1024), time(256 * 1024));
      const large = Math.min(time(1024 * 1024), time(1024 * 1024));
      expect(large).toBeLessThan(2000);
      // Quadratic work would make this ratio about 16.
      expect(large).toBeLessThan(small * 9 + 40);
    });
  }
});

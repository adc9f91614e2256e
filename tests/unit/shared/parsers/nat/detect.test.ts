/** detect(): each vendor's lines score highest with their own parser; other logs stay below 0.5. */
import { describe, expect, it } from 'vitest';
import { MIN_DETECT_CONFIDENCE } from '../../../../../shared/parsers';
import { FIXTURE_LINES, FIXTURE_SEED, SYNTHETIC } from './generate';
import { NAT_PARSERS, fixture } from './helpers';

const SAMPLES: ReadonlyArray<[string, string]> = [
  ['juniper-nat', fixture('juniper-rt-nat-pba.log')],
  ['juniper-nat', fixture('juniper-rt-flow-session.log')],
  ['juniper-nat', fixture('juniper-jservices.log')],
  ['cisco-cgn', fixture('cisco-xr-cgn.log')],
  ['a10-cgn', fixture('a10-cgn-grammar.log')],
  ['a10-cgn', fixture('a10-portbatch.log')],
  ['f5-lsn', fixture('f5-lsn.log')],
  ['conntrack', fixture('conntrack-events.log')],
  ...Object.entries(SYNTHETIC).map(
    ([name, g]) => [name, g(FIXTURE_SEED, FIXTURE_LINES).text] as [string, string],
  ),
];

const NOT_NAT = [
  '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"',
  'Dec 10 06:55:48 LabSZ sshd[24200]: Failed password for invalid user webmaster from 173.234.31.186 port 38926 ssh2',
  '<134>1 2024-01-05T12:00:00.123Z vpp1 NAT 2210 APMADD [napmap SSUBIX="0" SVLAN="0" IATYP="IPv4" ISADDR="100.64.1.2" ISPORT="51514" XATYP="IPv4" XSADDR="203.0.113.5" XSPORT="40321" PROTO="6"]',
  'A VRF 0 6 INT 10.0.0.1:57938 EXT 100.64.0.1:28475 DST 185.165.123.206:443 DIR OUT',
  '',
];

describe('detect', () => {
  for (const [name, head] of SAMPLES) {
    it(`${name} wins on ${head.slice(0, 50).replace(/\s+/g, ' ')}…`, () => {
      const scores = NAT_PARSERS.map((p) => [p.name, p.detect({ head })] as const);
      const own = scores.find(([n]) => n === name)?.[1] ?? 0;
      expect(own).toBeGreaterThanOrEqual(0.9);
      for (const [n, s] of scores) if (n !== name) expect(s, n).toBeLessThan(own);
    });
  }

  it('gives less than 0.5 to other logs', () => {
    for (const head of NOT_NAT) {
      for (const p of NAT_PARSERS) {
        expect(p.detect({ head }), `${p.name} on ${head.slice(0, 30)}`).toBeLessThan(
          MIN_DETECT_CONFIDENCE,
        );
        expect(p.detect({ head })).toBeLessThan(0.5);
      }
    }
  });

  it('metadata', () => {
    for (const p of NAT_PARSERS) {
      expect(p.version).toBe('1.0.0');
      expect(p.kinds).toEqual(['nat-log']);
      expect(p.name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
  });
});

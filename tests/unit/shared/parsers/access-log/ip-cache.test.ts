/**
 * IpCache (ip-cache.ts): whatever sits in its direct-mapped slots or maps, and however often a
 * full map starts again, a lookup gives the address of the text looked up, as a fresh cache would.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IpCache } from '../../../../../shared/parsers/access-log/ip-cache';

const octet = fc.integer({ min: 0, max: 255 });
const quad = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
/** A few hosts of a few networks (repeats, slot collisions), zero-padded or IPv6 now and then. */
const address = fc.oneof(
  { weight: 6, arbitrary: quad },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('10.0.0', '192.0.2', '203.0.113'), fc.nat(8))
      .map(([n, h]) => `${n}.${h}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('192.0.2.010', '2001:DB8::1', '::1', 'host.example', ''),
  },
);

describe('IpCache', () => {
  it('gives each lookup the info of its own text, as a fresh cache does (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(address, { maxLength: 300 }),
        fc.integer({ min: 1, max: 64 }),
        (texts, max) => {
          const cache = new IpCache(max);
          for (const text of texts) {
            const line = `> ${text} <`;
            const got = cache.lookup(line, 2, 2 + text.length);
            expect(got).toEqual(new IpCache().lookup(text, 0, text.length));
            expect(got.text).toBe(text);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps answering right for more clients than it has slots', () => {
    const cache = new IpCache(1000);
    const texts: string[] = [];
    for (let i = 0; i < 20_000; i++) texts.push(`198.51.${(i * 7919) % 256}.${(i * 104729) % 256}`);
    for (const round of [0, 1]) {
      for (const text of texts) {
        const got = cache.lookup(text, 0, text.length);
        if (got.text !== text) throw new Error(`round ${round}: ${text} gave ${got.text}`);
      }
    }
    expect(cache.lookup('198.51.100.7', 0, 12).flags).toEqual(['documentation-ip']);
  });

  it('reads a dotted quad up to its space as lookup reads the field (fast-check)', () => {
    const field = fc.oneof(
      address,
      fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.', ':', 'a'), maxLength: 18 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(field, fc.constantFrom(' -', ' ', '', '\n')), { maxLength: 40 }),
        (fields) => {
          const cache = new IpCache();
          for (const [text, after] of fields) {
            const line = `${text}${after}`;
            const info = cache.lookupQuadToSpace(line, 0, line.length);
            const space = line.indexOf(' ');
            if (info === null) {
              // Only ever refused when the text up to a space is not a canonical dotted quad.
              if (space >= 0) {
                const fresh = new IpCache().lookup(line, 0, space);
                // An IPv4 address written as its canonical text would have been read.
                expect(fresh.ip !== null && fresh.ip === fresh.text && !line.includes(':')).toBe(
                  false,
                );
              }
            } else {
              expect(cache.end).toBe(space);
              expect(info).toEqual(new IpCache().lookup(line, 0, space));
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

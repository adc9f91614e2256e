import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIpv4, Ipv4Table } from '../../../../shared/attribution/ipv4-ids';
import { normalizeIp } from '../../../../shared/net';

describe('IPv4 ids by number', () => {
  it('canonicalIpv4 reads exactly the normalised IPv4 texts', () => {
    fc.assert(
      fc.property(fc.ipV4(), (text) => {
        const value = canonicalIpv4(text);
        expect(value >= 0).toBe(normalizeIp(text) === text);
        if (value >= 0) {
          const [a, b, c, d] = text.split('.').map(Number);
          expect(value).toBe((a ?? 0) * 2 ** 24 + (b ?? 0) * 2 ** 16 + (c ?? 0) * 256 + (d ?? 0));
        }
      }),
    );
  });

  it('canonicalIpv4 refuses other texts', () => {
    for (const text of [
      '010.0.0.1',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '1..2.3',
      '::1',
      '1.2.3.4 ',
    ]) {
      expect(canonicalIpv4(text)).toBe(-1);
    }
    expect(canonicalIpv4('0.0.0.0')).toBe(0);
    expect(canonicalIpv4('255.255.255.255')).toBe(2 ** 32 - 1);
  });

  it('Ipv4Table agrees with a Map through growth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 3000 }),
        (keys) => {
          const table = new Ipv4Table();
          const map = new Map<number, number>();
          keys.forEach((k, i) => {
            if (!map.has(k)) {
              map.set(k, i);
              table.set(k, i);
            }
          });
          for (const k of keys) expect(table.get(k)).toBe(map.get(k));
          expect(table.get(2 ** 32 - 1)).toBe(map.get(2 ** 32 - 1) ?? -1);
        },
      ),
      { numRuns: 30 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mapCePrefix,
  mapPortSet,
  mapPsidOfPort,
  mapRuleLayout,
  type MapRule,
} from '../../../../shared/attribution';
import { lease, obs, createCheckedEngine } from './helpers';

/** RFC 7597 Appendix A, examples 1 and 2: BMR {2001:db8::/40, 192.0.2.0/24, 16}, offset 6. */
const RULE: MapRule = {
  id: 'bmr',
  ipv6Prefix: '2001:db8::/40',
  ipv4Prefix: '192.0.2.0/24',
  eaBitsLength: 16,
};

describe('RFC 7597 port sets', () => {
  it('PSID 0x34 with a = 6, k = 8: 63 ranges 1232–1235, 2256–2259, …, 63696–63699, 64720–64723', () => {
    const set = mapPortSet({ psidOffset: 6, psidLength: 8 }, 0x34);
    expect(set).toHaveLength(63);
    expect(set[0]).toEqual([1232, 1235]);
    expect(set[1]).toEqual([2256, 2259]);
    expect(set[61]).toEqual([63696, 63699]);
    expect(set[62]).toEqual([64720, 64723]);
  });
  it('port 1232 of 192.0.2.18 → PSID 0x34 → CE prefix 2001:db8:12:3400::/56', () => {
    const layout = mapRuleLayout(RULE);
    if ('error' in layout) throw new Error(layout.error);
    expect(layout.params).toEqual({ psidOffset: 6, psidLength: 8 });
    expect(mapPsidOfPort(layout.params, 1232)).toBe(0x34);
    expect(mapCePrefix(layout, '192.0.2.18', 0x34)).toBe('2001:db8:12:3400::/56');
    expect(mapCePrefix(layout, '192.0.3.18', 0x34)).toBeNull();
  });
  it('ports below 2^(16−a) belong to no set', () => {
    expect(mapPsidOfPort({ psidOffset: 6, psidLength: 8 }, 1023)).toBeNull();
  });
  it('GMA: every port of a set maps back to its PSID, and the sets partition the usable ports', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.nat(),
        (a, k, seed) => {
          if (a + k > 16) return;
          const params = { psidOffset: a, psidLength: k };
          const psid = seed % 2 ** k;
          const m = 16 - a - k;
          let count = 0;
          for (const [lo, hi] of mapPortSet(params, psid)) {
            expect(hi - lo + 1).toBe(2 ** m);
            for (const p of [lo, hi]) expect(mapPsidOfPort(params, p)).toBe(psid);
            count += hi - lo + 1;
          }
          const usable = a > 0 ? 65536 - 2 ** (16 - a) : 65536;
          expect(count * 2 ** k).toBe(usable);
        },
      ),
    );
  });
});

describe('MAP in the engine', () => {
  it('public address + port → PSID → CE prefix → delegated-prefix lease', () => {
    const engine = createCheckedEngine({ mapRules: [RULE] });
    engine.addRecords([
      lease(
        '2001:db8:12:3400::',
        '2024-03-05T00:00:00.000Z',
        '2024-03-06T00:00:00.000Z',
        'ce-0x34',
        { extra: { prefixLength: 56 } },
      ),
      lease(
        '2001:db8:12:3500::',
        '2024-03-05T00:00:00.000Z',
        '2024-03-06T00:00:00.000Z',
        'ce-0x35',
        { extra: { prefixLength: 56 } },
      ),
    ]);
    const r = engine.attribute(obs('192.0.2.18', 1232, '2024-03-05T12:00:00.000Z'));
    expect(r.subscribers).toEqual(['ce-0x34']);
    expect(r.path.map((p) => p.kind)).toEqual(['map-port-set', 'dhcp-lease']);
    expect(r.path[0]?.to.ip).toBe('2001:db8:12:3400::/56');
    const noPort = engine.attribute(obs('192.0.2.18', undefined, '2024-03-05T12:00:00.000Z'));
    expect(noPort.subscribers).toEqual(['ce-0x34', 'ce-0x35']);
    expect(noPort.sharedBy).toBe(2);
  });
});

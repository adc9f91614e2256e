import { describe, expect, it } from 'vitest';
import {
  deterministicForward,
  deterministicInsidesOf,
  deterministicLayout,
  deterministicReverse,
  type DeterministicLayout,
  type DeterministicNatConfig,
} from '../../../../shared/attribution';
import { aaa, codes, obs, pb, createCheckedEngine } from './helpers';

function layoutOf(config: DeterministicNatConfig): DeterministicLayout {
  const r = deterministicLayout(config);
  if (!r.ok) throw new Error(r.reason);
  return r.layout;
}

/** RFC 7422 §2.3 (formats.md §8.2). */
const RFC7422: DeterministicNatConfig = {
  id: 'rfc7422-2.3',
  algorithm: 'rfc7422-sequential',
  insideRange: '198.51.100.0/28',
  outsideRange: '192.0.2.1/32',
  dynamicPoolFactor: 2,
  reservedPorts: 1024,
  maxPortsPerUser: 5040,
};

describe('RFC 7422 §2.3 test vector', () => {
  const l = layoutOf(RFC7422);
  it('computes C = 14 and 4032 ports per user', () => {
    expect(l.insideCount).toBe(14);
    expect(l.usersPerOutside).toBe(14);
    expect(l.portsPerUser).toBe(4032);
    expect(l.dynamicStart).toBe(57472);
  });
  it.each([
    ['198.51.100.1', 1024, 5055],
    ['198.51.100.2', 5056, 9087],
    ['198.51.100.14', 53440, 57471],
  ])('forward %s → 192.0.2.1 ports %i–%i', (inside, lo, hi) => {
    expect(deterministicForward(l, inside)).toEqual({
      outsideIp: '192.0.2.1',
      portStart: lo,
      portEnd: hi,
    });
  });
  it('does not translate the boundary addresses .0 and .15', () => {
    expect(deterministicForward(l, '198.51.100.0')).toBeNull();
    expect(deterministicForward(l, '198.51.100.15')).toBeNull();
  });
  it('reverse 192.0.2.1:2001 → 198.51.100.1; 58204 → dynamic pool; 1000 → reserved', () => {
    expect(deterministicReverse(l, '192.0.2.1', 2001)).toEqual({
      kind: 'inside',
      insideIp: '198.51.100.1',
      portStart: 1024,
      portEnd: 5055,
    });
    expect(deterministicReverse(l, '192.0.2.1', 58204)).toEqual({ kind: 'dynamic' });
    expect(deterministicReverse(l, '192.0.2.1', 1000)).toEqual({ kind: 'dynamic' });
    expect(deterministicReverse(l, '192.0.2.2', 2001)).toEqual({ kind: 'outside-range' });
  });
  it('forward and reverse agree for every inside address and block edge', () => {
    for (let h = 1; h <= 14; h++) {
      const f = deterministicForward(l, `198.51.100.${h}`);
      expect(f).not.toBeNull();
      for (const p of [f?.portStart ?? 0, f?.portEnd ?? 0]) {
        expect(deterministicReverse(l, '192.0.2.1', p)).toMatchObject({
          insideIp: `198.51.100.${h}`,
        });
      }
    }
  });
});

describe('vendor variants', () => {
  it('VyOS: 100.64.0.0/28, one outside address, 2000 ports per user, .0 included', () => {
    const l = layoutOf({
      id: 'vyos',
      algorithm: 'vyos',
      insideRange: '100.64.0.0/28',
      outsideRange: '192.168.122.222',
      portsPerUser: 2000,
    });
    expect(deterministicForward(l, '100.64.0.0')).toEqual({
      outsideIp: '192.168.122.222',
      portStart: 1024,
      portEnd: 3023,
    });
    expect(deterministicForward(l, '100.64.0.1')).toEqual({
      outsideIp: '192.168.122.222',
      portStart: 3024,
      portEnd: 5023,
    });
    expect(deterministicReverse(l, '192.168.122.222', 3024)).toMatchObject({
      insideIp: '100.64.0.1',
    });
  });
  it('VPP det44: sharing ratio from the prefixes, 1024 + ports_per_host × (offset mod ratio)', () => {
    const l = layoutOf({
      id: 'vpp',
      algorithm: 'vpp-det44',
      insideRange: '10.0.0.0/24',
      outsideRange: '81.2.69.0/30',
    });
    expect(l.usersPerOutside).toBe(64);
    expect(l.portsPerUser).toBe(1008);
    expect(deterministicForward(l, '10.0.0.0')).toEqual({
      outsideIp: '81.2.69.0',
      portStart: 1024,
      portEnd: 2031,
    });
    expect(deterministicForward(l, '10.0.0.65')).toEqual({
      outsideIp: '81.2.69.1',
      portStart: 2032,
      portEnd: 3039,
    });
    expect(deterministicReverse(l, '81.2.69.3', 1024 + 1008 * 63)).toMatchObject({
      insideIp: '10.0.0.255',
    });
  });
  it('Juniper: boundary addresses excluded, one public address filled before the next', () => {
    const l = layoutOf({
      id: 'mx',
      algorithm: 'juniper',
      insideRange: '10.0.0.0/24',
      outsideRange: '81.2.69.0/31',
      portsPerUser: 4032,
    });
    expect(deterministicForward(l, '10.0.0.0')).toBeNull();
    expect(deterministicForward(l, '10.0.0.1')).toEqual({
      outsideIp: '81.2.69.0',
      portStart: 1024,
      portEnd: 5055,
    });
    expect(deterministicForward(l, '10.0.0.17')).toEqual({
      outsideIp: '81.2.69.1',
      portStart: 1024,
      portEnd: 5055,
    });
    const withBoundary = layoutOf({
      id: 'mx',
      algorithm: 'juniper',
      insideRange: '10.0.0.0/24',
      outsideRange: '81.2.69.0/31',
      portsPerUser: 4032,
      includeBoundaryAddresses: true,
    });
    expect(deterministicForward(withBoundary, '10.0.0.16')).toMatchObject({
      outsideIp: '81.2.69.1',
      portStart: 1024,
    });
    expect(deterministicInsidesOf(l, '81.2.69.0')).toHaveLength(16);
  });
  it('refuses unusable configurations', () => {
    expect(
      deterministicLayout({
        id: 'x',
        algorithm: 'vyos',
        insideRange: '10.0.0.0/28',
        outsideRange: '81.2.69.1',
      }).ok,
    ).toBe(false);
    expect(
      deterministicLayout({
        id: 'x',
        algorithm: 'juniper',
        insideRange: 'nope',
        outsideRange: '81.2.69.1',
      }).ok,
    ).toBe(false);
  });
});

describe('deterministic NAT in the engine', () => {
  const records = [
    aaa('start', '2024-03-05T09:00:00.000Z', {
      user: 'host1',
      framedIp: '198.51.100.1',
      sessionId: '1',
    }),
    aaa('start', '2024-03-05T09:00:00.000Z', {
      user: 'host2',
      framedIp: '198.51.100.2',
      sessionId: '2',
    }),
    aaa('stop', '2024-03-05T18:00:00.000Z', {
      user: 'host1',
      framedIp: '198.51.100.1',
      sessionId: '1',
    }),
    aaa('stop', '2024-03-05T18:00:00.000Z', {
      user: 'host2',
      framedIp: '198.51.100.2',
      sessionId: '2',
    }),
    // RFC 7422 §2.3: .2 took dynamic blocks of 100 ports; they must be logged.
    pb('allocate', '2024-03-05T10:00:00.000Z', '198.51.100.2', '192.0.2.1', 58200, 58299),
    pb('release', '2024-03-05T12:00:00.000Z', '198.51.100.2', '192.0.2.1', 58200, 58299),
  ];
  const config = {
    ...RFC7422,
    validFrom: '2024-03-01T00:00:00.000Z',
    validTo: '2024-04-01T00:00:00.000Z',
  };

  it('a port in a fixed block resolves by computation, with the configuration on the path', () => {
    const engine = createCheckedEngine({ deterministicNat: [config] });
    engine.addRecords(records);
    const r = engine.attribute(obs('192.0.2.1', 2001, '2024-03-05T11:00:00.000Z'));
    expect(r.status).toBe('unique');
    expect(r.subscribers).toEqual(['host1']);
    expect(r.path[0]).toMatchObject({
      kind: 'deterministic-nat',
      to: { ip: '198.51.100.1', portStart: 1024, portEnd: 5055 },
    });
    expect(r.path[0]?.note).toContain('4032 ports each');
  });
  it('a port in the dynamic pool falls back to the port-block records', () => {
    const engine = createCheckedEngine({ deterministicNat: [config] });
    engine.addRecords(records);
    const r = engine.attribute(obs('192.0.2.1', 58204, '2024-03-05T11:00:00.000Z'));
    expect(r.subscribers).toEqual(['host2']);
    expect(r.path[0]?.kind).toBe('nat-portblock');
    const none = engine.attribute(obs('192.0.2.1', 60000, '2024-03-05T11:00:00.000Z'));
    expect(none.status).toBe('none');
    expect(codes(none)).toContain('DYNAMIC_PORT_NO_BLOCK');
  });
  it('outside the validity period the configuration says nothing', () => {
    const engine = createCheckedEngine({ deterministicNat: [config] });
    engine.addRecords(records);
    expect(engine.attribute(obs('192.0.2.1', 2001, '2024-04-02T11:00:00.000Z')).status).toBe(
      'no-coverage',
    );
  });
  it('without a port, every inside address of the outside address is a candidate', () => {
    const engine = createCheckedEngine({ deterministicNat: [config] });
    engine.addRecords(records);
    const r = engine.attribute(obs('192.0.2.1', undefined, '2024-03-05T11:00:00.000Z'));
    expect(r.status).toBe('ambiguous');
    expect(r.subscribers).toEqual(['host1', 'host2']);
    expect(r.sharedBy).toBe(2);
    expect(codes(r)).toEqual(
      expect.arrayContaining(['PORT_MISSING_SHARED_IP', 'CHAIN_INCOMPLETE']),
    );
  });
});

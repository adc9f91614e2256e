import { describe, expect, it } from 'vitest';
import { ATTRIBUTION_CAVEAT, ATTRIBUTION_ENGINE_VERSION } from '../../../../shared/attribution';
import {
  AAA_SHA,
  aaa,
  codes,
  isp,
  ISP_SHA,
  lease,
  NAT_SHA,
  obs,
  pb,
  sess,
  createCheckedEngine,
} from './helpers';

const PUB = '81.2.69.7';
const PUB2 = '81.2.69.8';

/** Two subscribers behind one public address with two port blocks, and their RADIUS sessions. */
function cgn() {
  return [
    aaa('start', '2024-03-05T09:00:00.000Z', {
      user: 'alice',
      framedIp: '100.64.0.10',
      sessionId: 's1',
    }),
    aaa('start', '2024-03-05T09:00:00.000Z', {
      user: 'bob',
      framedIp: '100.64.0.11',
      sessionId: 's2',
    }),
    pb('allocate', '2024-03-05T10:00:00.000Z', '100.64.0.10', PUB, 1024, 1535),
    pb('allocate', '2024-03-05T10:00:00.000Z', '100.64.0.11', PUB, 1536, 2047),
    pb('release', '2024-03-05T12:00:00.000Z', '100.64.0.10', PUB, 1024, 1535),
    pb('release', '2024-03-05T12:00:00.000Z', '100.64.0.11', PUB, 1536, 2047),
    aaa('stop', '2024-03-05T13:00:00.000Z', {
      user: 'alice',
      framedIp: '100.64.0.10',
      sessionId: 's1',
    }),
    aaa('stop', '2024-03-05T13:00:00.000Z', {
      user: 'bob',
      framedIp: '100.64.0.11',
      sessionId: 's2',
    }),
  ];
}

describe('attribution engine: statuses', () => {
  it('the account step uses the NAT interval half-open: a session starting at its end is not the holder', () => {
    const engine = createCheckedEngine({ toleranceSeconds: 60 });
    engine.addRecords([
      pb('allocate', '2024-03-05T10:00:00.000Z', '100.64.0.10', PUB, 1024, 1535),
      pb('release', '2024-03-05T11:00:00.000Z', '100.64.0.10', PUB, 1024, 1535),
      aaa('start', '2024-03-05T09:00:00.000Z', {
        user: 'alice',
        framedIp: '100.64.0.10',
        sessionId: 'a',
      }),
      aaa('stop', '2024-03-05T11:00:00.000Z', {
        user: 'alice',
        framedIp: '100.64.0.10',
        sessionId: 'a',
      }),
      aaa('start', '2024-03-05T11:00:00.000Z', {
        user: 'bob',
        framedIp: '100.64.0.10',
        sessionId: 'b',
      }),
      aaa('stop', '2024-03-05T12:00:00.000Z', {
        user: 'bob',
        framedIp: '100.64.0.10',
        sessionId: 'b',
      }),
    ]);
    engine.build();
    // The window (±60 s) reaches past the block's end; bob's session begins exactly there.
    const r = engine.attribute(obs(PUB, 1100, '2024-03-05T10:59:30.000Z'));
    expect(r.subscribers).toEqual(['alice']);
    expect(r.status).toBe('unique');
  });

  it('exports its version', () => {
    expect(ATTRIBUTION_ENGINE_VERSION).toBe('1.0.0');
    expect(createCheckedEngine().version).toBe('1.0.0');
  });

  it('unique: public IP + port → port block → inside address → RADIUS account', () => {
    const engine = createCheckedEngine();
    engine.addRecords(cgn());
    engine.build();
    const r = engine.attribute(obs(PUB, 1100, '2024-03-05T11:00:00.000Z'));
    expect(r.status).toBe('unique');
    expect(r.subscribers).toEqual(['alice']);
    expect(r.sharedBy).toBeNull();
    expect(r.caveat).toBe(ATTRIBUTION_CAVEAT);
    expect(r.path).toHaveLength(2);
    const [nat, acct] = r.path;
    expect(nat?.kind).toBe('nat-portblock');
    expect(nat?.artefact).toBe(NAT_SHA);
    expect(nat?.to).toMatchObject({ ip: '100.64.0.10', portStart: 1024, portEnd: 1535 });
    expect(nat?.interval).toEqual({
      start: '2024-03-05T10:00:00.000Z',
      end: '2024-03-05T12:00:00.000Z',
      startInferred: false,
      endInferred: false,
    });
    expect(nat?.records.map((x) => x.role)).toEqual(['start', 'end']);
    expect(acct).toMatchObject({ kind: 'aaa-session', depth: 1, parent: 0, artefact: AAA_SHA });
    expect(acct?.to).toMatchObject({ account: 'alice', accountField: 'user' });
    expect(r.reasons).toEqual([]);
  });

  it('ambiguous: missing port behind CGN → every account, sharedBy 2, PORT_MISSING_SHARED_IP', () => {
    const engine = createCheckedEngine();
    engine.addRecords(cgn());
    const r = engine.attribute(obs(PUB, undefined, '2024-03-05T11:00:00.000Z'));
    expect(r.status).toBe('ambiguous');
    expect(r.subscribers).toEqual(['alice', 'bob']);
    expect(r.sharedBy).toBe(2);
    expect(codes(r)).toEqual(['PORT_MISSING_SHARED_IP']);
    expect(r.reasons[0]?.message).toContain('2 different accounts');
  });

  it('none: the log covers the address and time but no block holds the port', () => {
    const engine = createCheckedEngine();
    engine.addRecords(cgn());
    const r = engine.attribute(obs(PUB, 40000, '2024-03-05T11:00:00.000Z'));
    expect(r.status).toBe('none');
    expect(r.subscribers).toEqual([]);
    expect(codes(r)).toEqual(['NOT_ALLOCATED']);
  });

  it('no-coverage: before the records start, or an address no record mentions', () => {
    const engine = createCheckedEngine();
    engine.addRecords(cgn());
    const before = engine.attribute(obs(PUB, 1100, '2024-03-05T08:00:00.000Z'));
    expect(before.status).toBe('no-coverage');
    expect(codes(before)).toEqual(['NO_RECORDS']);
    const other = engine.attribute(obs('81.2.71.1', 1100, '2024-03-05T11:00:00.000Z'));
    expect(other.status).toBe('no-coverage');
    expect(codes(other)).toContain('NO_RECORDS');
  });

  it('no-coverage at the second step: the CGN maps to an inside address no subscriber record covers', () => {
    const engine = createCheckedEngine();
    engine.addRecords([
      pb('allocate', '2024-03-05T10:00:00.000Z', '100.64.9.9', PUB2, 1024, 2047),
      pb('release', '2024-03-05T12:00:00.000Z', '100.64.9.9', PUB2, 1024, 2047),
    ]);
    const r = engine.attribute(obs(PUB2, 1500, '2024-03-05T11:00:00.000Z'));
    expect(r.status).toBe('no-coverage');
    expect(r.path).toHaveLength(1);
    expect(r.reasons[0]?.message).toContain('100.64.9.9');
  });

  it('skips records with ts: null and counts them', () => {
    const engine = createCheckedEngine();
    engine.addRecords([
      ...cgn(),
      pb('allocate', null, '100.64.0.99', PUB, 1024, 1535),
      pb('release', null, '100.64.0.99', PUB, 1024, 1535),
    ]);
    const summary = engine.build();
    expect(summary.skipped).toBe(2);
    const w = summary.warnings.find((x) => x.code === 'ATTRIBUTION_TIME_UNKNOWN');
    expect(w?.count).toBe(2);
    expect(w?.examples[0]?.artefact).toBe(NAT_SHA);
    expect(engine.attribute(obs(PUB, 1100, '2024-03-05T11:00:00.000Z')).subscribers).toEqual([
      'alice',
    ]);
  });

  it('builds incrementally: records added after build() are used after the next build()', () => {
    const engine = createCheckedEngine();
    const all = cgn();
    engine.addRecords(all.filter((e) => e.type === 'aaa:session'));
    engine.build();
    expect(engine.attribute(obs(PUB, 1100, '2024-03-05T11:00:00.000Z')).status).toBe('no-coverage');
    engine.addRecords(all.filter((e) => e.type !== 'aaa:session'));
    engine.build();
    expect(engine.attribute(obs(PUB, 1100, '2024-03-05T11:00:00.000Z')).subscribers).toEqual([
      'alice',
    ]);
  });
});

describe('attribution engine: reasons', () => {
  it('a block reused within seconds: PORT_REUSED, and TIME_TOLERANCE when the window spans the change', () => {
    const records = [
      aaa('start', '2024-03-05T09:00:00.000Z', {
        user: 'alice',
        framedIp: '100.64.0.10',
        sessionId: 's1',
      }),
      aaa('start', '2024-03-05T09:00:00.000Z', {
        user: 'bob',
        framedIp: '100.64.0.11',
        sessionId: 's2',
      }),
      pb('allocate', '2024-03-05T10:00:00.000Z', '100.64.0.10', PUB, 1024, 1535),
      pb('release', '2024-03-05T11:00:00.000Z', '100.64.0.10', PUB, 1024, 1535),
      pb('allocate', '2024-03-05T11:00:05.000Z', '100.64.0.11', PUB, 1024, 1535),
      pb('release', '2024-03-05T12:00:00.000Z', '100.64.0.11', PUB, 1024, 1535),
      aaa('stop', '2024-03-05T13:00:00.000Z', {
        user: 'alice',
        framedIp: '100.64.0.10',
        sessionId: 's1',
      }),
      aaa('stop', '2024-03-05T13:00:00.000Z', {
        user: 'bob',
        framedIp: '100.64.0.11',
        sessionId: 's2',
      }),
    ];
    const strict = createCheckedEngine();
    strict.addRecords(records);
    const a = strict.attribute(obs(PUB, 1200, '2024-03-05T10:59:58.000Z'));
    expect(a.subscribers).toEqual(['alice']);
    expect(codes(a)).toEqual(['PORT_REUSED']);
    expect(a.reasons[0]?.message).toContain('5 s');
    // Long after the change: no reuse note.
    expect(codes(strict.attribute(obs(PUB, 1200, '2024-03-05T11:30:00.000Z')))).toEqual([]);

    const tolerant = createCheckedEngine({ toleranceSeconds: 10 });
    tolerant.addRecords(records);
    const b = tolerant.attribute(obs(PUB, 1200, '2024-03-05T11:00:01.000Z'));
    expect(b.status).toBe('ambiguous');
    expect(b.subscribers).toEqual(['alice', 'bob']);
    expect(codes(b)).toEqual(['PORT_REUSED', 'TIME_TOLERANCE']);
    expect(b.window).toEqual({
      start: '2024-03-05T10:59:51.000Z',
      end: '2024-03-05T11:00:11.000Z',
    });
  });

  it('lost release: closed at the next allocation of the block (END_INFERRED), or at the end of coverage', () => {
    const engine = createCheckedEngine();
    engine.addRecords([
      aaa('start', '2024-03-05T09:00:00.000Z', {
        user: 'alice',
        framedIp: '100.64.0.10',
        sessionId: 's1',
      }),
      aaa('start', '2024-03-05T09:00:00.000Z', {
        user: 'bob',
        framedIp: '100.64.0.11',
        sessionId: 's2',
      }),
      pb('allocate', '2024-03-05T10:00:00.000Z', '100.64.0.10', PUB, 1024, 1535),
      // alice's release was lost
      pb('allocate', '2024-03-05T11:00:00.000Z', '100.64.0.11', PUB, 1024, 1535),
      pb('allocate', '2024-03-05T11:00:00.000Z', '100.64.0.10', PUB2, 1024, 1535),
      pb('interim', '2024-03-05T12:00:00.000Z', '100.64.0.10', PUB2, 1024, 1535),
      aaa('interim', '2024-03-05T13:00:00.000Z', {
        user: 'alice',
        framedIp: '100.64.0.10',
        sessionId: 's1',
      }),
    ]);
    const a = engine.attribute(obs(PUB, 1100, '2024-03-05T10:30:00.000Z'));
    expect(a.subscribers).toEqual(['alice']);
    expect(a.path[0]?.interval).toMatchObject({
      end: '2024-03-05T11:00:00.000Z',
      endInferred: true,
    });
    expect(codes(a)).toEqual(expect.arrayContaining(['END_INFERRED']));
    const b = engine.attribute(obs(PUB, 1100, '2024-03-05T11:30:00.000Z'));
    expect(b.subscribers).toEqual(['bob']);
    // Open until the end of the NAT records (12:00, the interim), flagged inferred.
    const c = engine.attribute(obs(PUB2, 1100, '2024-03-05T12:00:00.000Z'));
    expect(c.subscribers).toEqual(['alice']);
    expect(c.path[0]?.interval.endInferred).toBe(true);
    expect(engine.attribute(obs(PUB2, 1100, '2024-03-05T12:00:01.000Z')).status).not.toBe('unique');
  });

  it('Accounting-On closes every open session of that NAS', () => {
    const engine = createCheckedEngine();
    engine.addRecords([
      pb('allocate', '2024-03-05T09:00:00.000Z', '100.64.0.10', PUB, 1024, 1535),
      pb('release', '2024-03-05T18:00:00.000Z', '100.64.0.10', PUB, 1024, 1535),
      aaa('start', '2024-03-05T10:00:00.000Z', {
        user: 'alice',
        framedIp: '100.64.0.10',
        sessionId: 's1',
      }),
      aaa('start', '2024-03-05T10:00:00.000Z', {
        user: 'other-nas',
        framedIp: '100.64.0.50',
        sessionId: 's1',
        nas: 'bng2',
      }),
      aaa('on', '2024-03-05T11:00:00.000Z', {}),
      aaa('start', '2024-03-05T11:30:00.000Z', {
        user: 'carol',
        framedIp: '100.64.0.10',
        sessionId: 's9',
      }),
      aaa('stop', '2024-03-05T17:00:00.000Z', {
        user: 'carol',
        framedIp: '100.64.0.10',
        sessionId: 's9',
      }),
    ]);
    const before = engine.attribute(obs(PUB, 1100, '2024-03-05T10:30:00.000Z'));
    expect(before.subscribers).toEqual(['alice']);
    expect(codes(before)).toContain('END_INFERRED');
    expect(before.path[1]?.interval.end).toBe('2024-03-05T11:00:00.000Z');
    const gap = engine.attribute(obs(PUB, 1100, '2024-03-05T11:10:00.000Z'));
    expect(gap.status).toBe('none');
    expect(codes(gap)).toEqual(['NOT_ALLOCATED']);
    expect(engine.attribute(obs(PUB, 1100, '2024-03-05T12:00:00.000Z')).subscribers).toEqual([
      'carol',
    ]);
  });

  it('declared zones across a DST change: the path says the zone was declared (ZONE_DECLARED)', () => {
    // Europe/Berlin, 2024-03-31: 02:00 CET → 03:00 CEST. Allocate 01:30 CET = 00:30Z; release
    // 03:30 CEST = 01:30Z. Read with the declared zone, the block is held for one hour, not two.
    const declared = { source: 'declared' as const, offset: '+01:00', name: 'Europe/Berlin' };
    const declaredSummer = { source: 'declared' as const, offset: '+02:00', name: 'Europe/Berlin' };
    const engine = createCheckedEngine();
    engine.addRecords([
      aaa('start', '2024-03-30T00:00:00.000Z', {
        user: 'alice',
        framedIp: '100.64.0.10',
        sessionId: 's1',
      }),
      pb('allocate', '2024-03-31T00:30:00.000Z', '100.64.0.10', PUB, 1024, 1535, {
        zone: declared,
        tsRaw: '2024-03-31 01:30:00',
      }),
      pb('release', '2024-03-31T01:30:00.000Z', '100.64.0.10', PUB, 1024, 1535, {
        zone: declaredSummer,
        tsRaw: '2024-03-31 03:30:00',
      }),
      pb('allocate', '2024-03-31T04:00:00.000Z', '100.64.0.10', PUB, 4096, 5119),
      aaa('stop', '2024-04-01T00:00:00.000Z', {
        user: 'alice',
        framedIp: '100.64.0.10',
        sessionId: 's1',
      }),
    ]);
    const inside = engine.attribute(obs(PUB, 1100, '2024-03-31T01:15:00.000Z'));
    expect(inside.subscribers).toEqual(['alice']);
    expect(codes(inside)).toEqual(['ZONE_DECLARED']);
    // 02:15Z would be inside the block had the release been read as 03:30 CET.
    expect(engine.attribute(obs(PUB, 1100, '2024-03-31T02:15:00.000Z')).status).toBe('none');
  });

  it('a DST overlap hour: ZONE_AMBIGUOUS', () => {
    const ambiguous = {
      source: 'declared' as const,
      offset: '+02:00',
      name: 'Europe/Berlin',
      ambiguous: true as const,
    };
    const engine = createCheckedEngine();
    engine.addRecords([
      isp(PUB, '2024-10-27T00:30:00.000Z', '2024-10-27T03:00:00.000Z', 'acct-1', {
        zone: ambiguous,
      }),
    ]);
    const r = engine.attribute(obs(PUB, 5000, '2024-10-27T01:00:00.000Z'));
    expect(r.subscribers).toEqual(['acct-1']);
    expect(codes(r)).toEqual(['ZONE_AMBIGUOUS', 'ZONE_DECLARED']);
  });

  it('SHARED_ADDRESS_SPACE for an observed 100.64.0.0/10 address (and other special ranges)', () => {
    const engine = createCheckedEngine();
    engine.addRecords(cgn());
    const r = engine.attribute(obs('100.64.0.10', 1100, '2024-03-05T11:00:00.000Z'));
    expect(codes(r)).toContain('SHARED_ADDRESS_SPACE');
    expect(r.reasons.find((x) => x.code === 'SHARED_ADDRESS_SPACE')?.message).toContain('RFC 6598');
    // The AAA record maps the inside address directly (one step).
    expect(r.subscribers).toEqual(['alice']);
    expect(codes(engine.attribute(obs('192.168.1.1', 1, '2024-03-05T11:00:00.000Z')))).toContain(
      'SHARED_ADDRESS_SPACE',
    );
  });

  it('clock corrections per artefact are applied before matching', () => {
    const engine = createCheckedEngine({ clockCorrections: { [NAT_SHA]: 3600 } });
    engine.addRecords(cgn());
    // The CGN clock ran an hour behind: its 10:00–12:00 block is 11:00–13:00 in true time.
    expect(engine.attribute(obs(PUB, 1100, '2024-03-05T12:30:00.000Z')).subscribers).toEqual([
      'alice',
    ]);
    expect(engine.attribute(obs(PUB, 1100, '2024-03-05T10:30:00.000Z')).status).toBe('no-coverage');
  });
});

describe('attribution engine: topologies', () => {
  it('overlapping VRFs: the same inside address in two VRFs resolves per VRF', () => {
    const engine = createCheckedEngine();
    engine.addRecords([
      pb('allocate', '2024-03-05T10:00:00.000Z', '10.0.0.5', PUB, 1024, 2047, { vrf: 'red' }),
      pb('allocate', '2024-03-05T10:00:00.000Z', '10.0.0.5', PUB2, 1024, 2047, { vrf: 'blue' }),
      pb('release', '2024-03-05T12:00:00.000Z', '10.0.0.5', PUB, 1024, 2047, { vrf: 'red' }),
      pb('release', '2024-03-05T12:00:00.000Z', '10.0.0.5', PUB2, 1024, 2047, { vrf: 'blue' }),
      aaa('start', '2024-03-05T09:00:00.000Z', {
        user: 'red-user',
        framedIp: '10.0.0.5',
        sessionId: 'r',
        extra: { vrf: 'red' },
      }),
      aaa('start', '2024-03-05T09:00:00.000Z', {
        user: 'blue-user',
        framedIp: '10.0.0.5',
        sessionId: 'b',
        extra: { vrf: 'blue' },
      }),
      aaa('stop', '2024-03-05T13:00:00.000Z', {
        user: 'red-user',
        framedIp: '10.0.0.5',
        sessionId: 'r',
        extra: { vrf: 'red' },
      }),
      aaa('stop', '2024-03-05T13:00:00.000Z', {
        user: 'blue-user',
        framedIp: '10.0.0.5',
        sessionId: 'b',
        extra: { vrf: 'blue' },
      }),
    ]);
    const red = engine.attribute(obs(PUB, 1500, '2024-03-05T11:00:00.000Z'));
    expect(red.subscribers).toEqual(['red-user']);
    expect(red.path[0]?.to.vrf).toBe('red');
    expect(red.path[1]?.from).toEqual({ ip: '10.0.0.5', vrf: 'red' });
    expect(engine.attribute(obs(PUB2, 1500, '2024-03-05T11:00:00.000Z')).subscribers).toEqual([
      'blue-user',
    ]);
  });

  it('DS-Lite: identical inside IPv4 addresses, told apart by the B4 IPv6 address', () => {
    const b4a = '2001:db8:a::1';
    const b4b = '2001:db8:b::1';
    const engine = createCheckedEngine();
    engine.addRecords([
      pb('allocate', '2024-03-05T10:00:00.000Z', '192.0.0.2', PUB, 1024, 2047, {
        extra: { insideIpv6: b4a },
      }),
      pb('allocate', '2024-03-05T10:00:00.000Z', '192.0.0.2', PUB, 2048, 3071, {
        extra: { insideIpv6: b4b },
      }),
      pb('release', '2024-03-05T12:00:00.000Z', '192.0.0.2', PUB, 1024, 2047, {
        extra: { insideIpv6: b4a },
      }),
      pb('release', '2024-03-05T12:00:00.000Z', '192.0.0.2', PUB, 2048, 3071, {
        extra: { insideIpv6: b4b },
      }),
      aaa('start', '2024-03-05T09:00:00.000Z', {
        user: 'dslite-a',
        framedIpv6Prefix: '2001:db8:a::/56',
        sessionId: 'a',
      }),
      aaa('start', '2024-03-05T09:00:00.000Z', {
        user: 'dslite-b',
        framedIpv6Prefix: '2001:db8:b::/56',
        sessionId: 'b',
      }),
      aaa('stop', '2024-03-05T13:00:00.000Z', {
        user: 'dslite-a',
        framedIpv6Prefix: '2001:db8:a::/56',
        sessionId: 'a',
      }),
      aaa('stop', '2024-03-05T13:00:00.000Z', {
        user: 'dslite-b',
        framedIpv6Prefix: '2001:db8:b::/56',
        sessionId: 'b',
      }),
    ]);
    const r = engine.attribute(obs(PUB, 2500, '2024-03-05T11:00:00.000Z'));
    expect(r.subscribers).toEqual(['dslite-b']);
    expect(r.path[0]?.note).toContain(b4b);
    expect(r.path[1]?.from.ip).toBe(b4b);
    const both = engine.attribute(obs(PUB, undefined, '2024-03-05T11:00:00.000Z'));
    expect(both.subscribers).toEqual(['dslite-a', 'dslite-b']);
    expect(both.sharedBy).toBe(2);
  });

  it('direct ISP assignment rows: one step; a "no match" row is coverage without an account', () => {
    const engine = createCheckedEngine();
    engine.addRecords([
      isp(PUB, '2024-03-05T13:07:09.000Z', '2024-03-05T13:07:09.000Z', '0012345', {
        portStart: 4100,
        portEnd: 4100,
      }),
      isp(PUB2, '2024-03-05T13:00:00.000Z', '2024-03-05T14:00:00.000Z', undefined),
    ]);
    const r = engine.attribute(obs(PUB, 4100, '2024-03-05T13:07:09.000Z'));
    expect(r.status).toBe('unique');
    expect(r.subscribers).toEqual(['0012345']);
    expect(r.path).toHaveLength(1);
    expect(r.path[0]).toMatchObject({
      kind: 'isp-assignment',
      depth: 0,
      artefact: ISP_SHA,
      locator: { row: expect.any(Number) },
    });
    expect(codes(r)).toEqual(['ZONE_DECLARED']);
    // The reply speaks only for the requested instant.
    expect(engine.attribute(obs(PUB, 4100, '2024-03-05T13:08:00.000Z')).status).toBe('no-coverage');
    expect(engine.attribute(obs(PUB, 4101, '2024-03-05T13:07:09.000Z')).status).toBe('none');
    const noMatch = engine.attribute(obs(PUB2, 51514, '2024-03-05T13:30:00.000Z'));
    expect(noMatch.status).toBe('none');
    expect(codes(noMatch)).toContain('NOT_ALLOCATED');
  });

  it('DHCP chain: NAT session → inside address → lease (journal order decides reassignments)', () => {
    const engine = createCheckedEngine();
    engine.addRecords([
      sess('create', '2024-03-05T10:00:00.000Z', '192.168.1.50', 50000, PUB, 40000),
      sess('delete', '2024-03-05T10:05:00.000Z', '192.168.1.50', 50000, PUB, 40000),
      sess('create', '2024-03-05T15:00:00.000Z', '192.168.1.50', 50001, PUB, 40000),
      sess('delete', '2024-03-05T15:05:00.000Z', '192.168.1.50', 50001, PUB, 40000),
      lease(
        '192.168.1.50',
        '2024-03-05T08:00:00.000Z',
        '2024-03-06T08:00:00.000Z',
        'aa:bb:cc:dd:ee:01',
      ),
      // a later journal entry: the address went to another client at 12:00
      lease(
        '192.168.1.50',
        '2024-03-05T12:00:00.000Z',
        '2024-03-06T12:00:00.000Z',
        'aa:bb:cc:dd:ee:02',
      ),
    ]);
    const morning = engine.attribute(obs(PUB, 40000, '2024-03-05T10:01:00.000Z'));
    expect(morning.subscribers).toEqual(['aa:bb:cc:dd:ee:01']);
    expect(morning.path.map((p) => p.kind)).toEqual(['nat-session', 'dhcp-lease']);
    expect(morning.path[1]?.to.accountField).toBe('mac');
    const afternoon = engine.attribute(obs(PUB, 40000, '2024-03-05T15:01:00.000Z'));
    expect(afternoon.subscribers).toEqual(['aa:bb:cc:dd:ee:02']);
    expect(engine.attribute(obs(PUB, 40000, '2024-03-05T11:00:00.000Z')).status).toBe('none');
  });

  it('an observed address that is a public framed IP: one AAA step', () => {
    const engine = createCheckedEngine();
    engine.addRecords([
      aaa('start', '2024-03-05T09:00:00.000Z', {
        user: 'dave',
        framedIp: '81.2.70.5',
        sessionId: 'x',
      }),
      aaa('stop', '2024-03-05T10:00:00.000Z', {
        user: 'dave',
        framedIp: '81.2.70.5',
        sessionId: 'x',
      }),
    ]);
    const r = engine.attribute(obs('81.2.70.5', undefined, '2024-03-05T09:30:00.000Z'));
    expect(r.subscribers).toEqual(['dave']);
    expect(r.sharedBy).toBe(1);
    expect(codes(r)).not.toContain('PORT_MISSING_SHARED_IP');
  });

  it('a stop without a start uses Acct-Session-Time', () => {
    const engine = createCheckedEngine();
    engine.addRecords([
      aaa('stop', '2024-03-05T10:00:00.000Z', {
        user: 'erin',
        framedIp: '81.2.70.6',
        sessionId: 'y',
        sessionTime: 1800,
      }),
    ]);
    expect(engine.attribute(obs('81.2.70.6', 1, '2024-03-05T09:35:00.000Z')).subscribers).toEqual([
      'erin',
    ]);
    expect(engine.attribute(obs('81.2.70.6', 1, '2024-03-05T09:25:00.000Z')).status).not.toBe(
      'unique',
    );
  });
});

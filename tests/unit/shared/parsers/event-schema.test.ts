import { describe, expect, it } from 'vitest';
import {
  EVENT_SCHEMA_VERSION,
  EVENT_TYPES,
  Locator,
  ParseWarning,
  SealcaseEvent,
} from '../../../../shared/model';

const common = {
  ts: '2024-03-05T13:07:09.412Z',
  tsRaw: '[05/Mar/2024:14:07:09 +0100]',
  zone: { source: 'in-band', offset: '+01:00', name: null },
  artefact: 'b'.repeat(64),
  locator: { line: 17 },
} as const;

const examples: Record<(typeof EVENT_TYPES)[number], Record<string, unknown>> = {
  'http:access': {
    clientIp: '198.51.100.23',
    clientPort: 51514,
    method: 'GET',
    path: '/login',
    status: 200,
    bytes: 5120,
    userAgent: 'Mozilla/5.0',
  },
  'ssh:auth': {
    clientIp: '173.234.31.186',
    clientPort: 38926,
    user: 'webmaster',
    outcome: 'invalid-user',
  },
  'email:message': {
    messageId: '<1@x>',
    date: '2001-12-06T09:21:06.000Z',
    from: 'a@b',
    to: ['c@d'],
    subject: 'Hi',
    originatingIp: '144.137.3.98',
  },
  'email:received': {
    hop: 1,
    fromHelo: 'x',
    fromRdns: 'y',
    fromIp: '216.136.171.252',
    byHost: 'z',
    with: 'ESMTP',
    id: 'fB69MYV12654',
    for: '<jm@x>',
    delaySeconds: -3,
  },
  'nat:session': {
    event: 'create',
    protocol: 'tcp',
    insideIp: '10.0.0.1',
    insidePort: 1234,
    outsideIp: '1.2.84.172',
    outsidePort: 48640,
    destIp: '8.8.8.8',
    destPort: 443,
    vrf: 'rd2',
  },
  'nat:portblock': {
    event: 'allocate',
    insideIp: '10.0.10.10',
    outsideIp: '1.2.84.172',
    portStart: 48640,
    portEnd: 48895,
  },
  'aaa:session': {
    event: 'interim',
    user: 'taki_dsl_p',
    framedIp: '78.92.255.12',
    sessionId: 'MT',
    nas: '192.168.53.11',
    sessionTime: 1800,
  },
  'dhcp:lease': {
    ip: '192.168.56.50',
    mac: '08:00:27:a5:b8:87',
    hostname: 'ubuntu',
    start: '2025-09-24T12:08:03.000Z',
    end: null,
    state: 'active',
  },
  'isp:assignment': {
    ip: '203.0.113.25',
    portStart: 4100,
    portEnd: 4100,
    start: null,
    subscriber: '0012345',
    identity: { Holder: 'J. Example' },
  },
};

describe('event schema', () => {
  it('has a version', () => {
    expect(EVENT_SCHEMA_VERSION).toBe(1);
  });

  it.each(EVENT_TYPES)('accepts a full %s event', (type) => {
    const r = SealcaseEvent.safeParse({ type, ...common, ...examples[type] });
    expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
  });

  it('accepts ts null with an unknown zone, and the ambiguous flag', () => {
    expect(
      SealcaseEvent.safeParse({
        type: 'ssh:auth',
        ...common,
        ts: null,
        zone: { source: 'unknown', offset: null, name: null },
      }).success,
    ).toBe(true);
    expect(
      SealcaseEvent.safeParse({
        type: 'ssh:auth',
        ...common,
        zone: { source: 'declared', offset: '+03:00', name: 'Europe/Tallinn', ambiguous: true },
      }).success,
    ).toBe(true);
  });

  it.each([
    ['a misspelt field', { clientIP: '1.2.3.4' }],
    ['a ts without milliseconds', { ts: '2024-03-05T13:07:09Z' }],
    ['a ts with an offset', { ts: '2024-03-05T14:07:09.000+01:00' }],
    [
      'ambiguous: false',
      { zone: { source: 'declared', offset: '+03:00', name: 'X', ambiguous: false } },
    ],
    ['a bad zone source', { zone: { source: 'guessed', offset: null, name: null } }],
    ['a port out of range', { clientPort: 65536 }],
    ['an upper-case artefact hash', { artefact: 'B'.repeat(64) }],
    ['a locator with two shapes mixed', { locator: { line: 1, offset: 3 } }],
    ['line 0', { locator: { line: 0 } }],
  ])('refuses %s', (_label, patch) => {
    expect(SealcaseEvent.safeParse({ type: 'http:access', ...common, ...patch }).success).toBe(
      false,
    );
  });

  it('refuses an unknown type and an inverted port block', () => {
    expect(SealcaseEvent.safeParse({ type: 'http:request', ...common }).success).toBe(false);
    expect(
      SealcaseEvent.safeParse({
        type: 'nat:portblock',
        ...common,
        ...examples['nat:portblock'],
        portEnd: 100,
      }).success,
    ).toBe(false);
  });

  it('locators and warnings', () => {
    for (const l of [
      { line: 17 },
      { header: 'Received', index: 3 },
      { offset: 4096 },
      { sheet: 'Reply', row: 12, column: 'C' },
    ]) {
      expect(Locator.safeParse(l).success).toBe(true);
    }
    expect(
      ParseWarning.safeParse({ code: 'TIME_NO_ZONE', message: 'm', locator: null }).success,
    ).toBe(true);
    expect(ParseWarning.safeParse({ code: 'no-zone', message: 'm', locator: null }).success).toBe(
      false,
    );
    expect(ParseWarning.safeParse({ code: 'TIME', message: 'm', locator: null }).success).toBe(
      false,
    );
  });
});

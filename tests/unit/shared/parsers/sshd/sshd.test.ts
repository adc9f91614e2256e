import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SealcaseEvent, type SshAuthEvent } from '../../../../../shared/model';
import { parseAll, parseText, validateParseOptions } from '../../../../../shared/parsers';
import { sshdParser } from '../../../../../shared/parsers/sshd';
import { chunked } from '../chunked';

const FIXTURES = join(__dirname, '../../../../fixtures/sshd');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

type Options = Parameters<typeof validateParseOptions>[0];

function parse(text: string | string[], options: Options = {}) {
  return parseText(sshdParser, text, {
    options: validateParseOptions(options),
    validateEvents: true,
    maxWarningsPerCode: 10_000,
  });
}

const lineOf = (e: { locator: unknown }): number => (e.locator as { line: number }).line;

describe('sshd: RFC 3164 auth.log', () => {
  const text = fixture('auth-rollover.log');

  it('reads auth events with the year from --year and rolls it over Dec → Jan', async () => {
    const run = await parseAll(sshdParser, [text], {
      options: validateParseOptions({ year: 2023, assumeZone: 'Europe/Tallinn' }),
      validateEvents: true,
    });
    const events = run.events as SshAuthEvent[];
    expect(events.map((e) => [lineOf(e), e.outcome, e.ts])).toEqual([
      [2, 'invalid-user', '2023-12-31T21:58:03.000Z'],
      [3, 'failed', '2023-12-31T21:58:03.000Z'],
      [5, 'accepted', '2023-12-31T21:59:58.000Z'],
      [7, 'failed', '2023-12-31T22:00:05.000Z'],
      [8, 'failed', '2023-12-31T22:00:07.000Z'],
      [9, 'closed', '2023-12-31T22:00:09.000Z'],
      [10, 'accepted', '2023-12-31T22:01:15.000Z'],
      [11, 'disconnected', '2023-12-31T22:02:00.000Z'],
    ]);
    // Rollover is detected on the first January line, even though it is not an sshd auth line.
    expect(run.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['TIME_YEAR_ROLLOVER', { line: 6 }],
      ['SSHD_MALFORMED', { line: 12 }],
      ['SSHD_LINES_SKIPPED', null],
    ]);
    expect(events[0]).toMatchObject({
      tsRaw: 'Dec 31 23:58:03',
      zone: { source: 'declared', offset: '+02:00', name: 'Europe/Tallinn' },
      clientIp: '198.51.100.186',
      clientPort: 38926,
      user: 'webmaster',
      extra: { host: 'bastion', pid: 24200, invalidUser: true, syslog: 'rfc3164' },
      flags: ['documentation-ip'],
    });
    expect(events[1]?.extra).toMatchObject({
      method: 'password',
      invalidUser: true,
      protocol: 'ssh2',
    });
    expect(events[2]).toMatchObject({
      clientIp: '2001:db8::1:7',
      user: 'alice',
      extra: { method: 'publickey', key: expect.stringMatching(/^ED25519 SHA256:/) },
    });
    expect(events[4]?.extra?.repeated).toBe(2);
    expect(events[5]?.extra?.preauth).toBe(true);
    expect(events[6]?.flags).toEqual(['private-ip']);
    expect(events[7]?.user).toBe('admin test');
  });

  it('without --year: ts null, one warning naming --year', () => {
    const run = parse(text);
    expect(run.events).toHaveLength(8);
    expect(run.events.every((e) => e.ts === null && e.zone.source === 'unknown')).toBe(true);
    const noYear = run.warnings.filter((w) => w.code === 'TIME_NO_YEAR');
    expect(noYear).toHaveLength(1);
    expect(noYear[0]?.message).toContain('--year');
    expect(noYear[0]?.locator).toEqual({ line: 2 });
  });

  it('with --year but no zone: ts null and TIME_NO_ZONE (never a silent UTC)', () => {
    const run = parse(text, { year: 2023 });
    expect(run.events.every((e) => e.ts === null)).toBe(true);
    expect(run.warnings.map((w) => w.code)).toContain('TIME_NO_ZONE');
  });

  it('reads space-padded days, <PRI> prefixes, fractions and hosts without names', () => {
    const run = parse(
      [
        '<38>Aug  7 09:00:01 gw sshd[77]: Accepted password for root from 192.0.2.1 port 2222 ssh2',
        'Aug 17 09:00:01.123456 gw sshd[78]: Failed password for root from 192.0.2.1 port 2223 ssh2',
        'Aug 17 09:00:02 sshd[79]: Invalid user guest from 192.0.2.1',
      ].join('\n'),
      { year: 2024, assumeZone: 'UTC' },
    );
    expect(run.events.map((e) => e.ts)).toEqual([
      '2024-08-07T09:00:01.000Z',
      '2024-08-17T09:00:01.123Z',
      '2024-08-17T09:00:02.000Z',
    ]);
    const last = run.events[2] as SshAuthEvent;
    expect(last).not.toHaveProperty('clientPort');
    expect(last.extra).not.toHaveProperty('host');
    expect(last.outcome).toBe('invalid-user');
  });
});

describe('sshd: RFC 5424 and ISO-stamped journal output', () => {
  it('reads offsets in-band, IPv6 clients normalised, structured data skipped', () => {
    const run = parse(
      [
        '<38>1 2024-03-05T14:07:09.412+01:00 bastion sshd 812 - [meta sequenceId="1" note="a\\]b"] Accepted password for carol from 2001:DB8:0:0::5 port 2222 ssh2',
        '<38>1 2024-03-05T13:07:10Z bastion sshd - - - Failed password for invalid user oracle from ::ffff:198.51.100.7 port 40022 ssh2',
        '<38>1 - bastion sshd 814 - - Invalid user pi from 203.0.113.2 port 1',
        '2024-03-05T14:07:10+0100 bastion sshd-session[813]: Failed publickey for dave from 198.51.100.7 port 2223 ssh2',
        '2024-03-05T14:07:11.250000+01:00 bastion sshd[815]: error: maximum authentication attempts exceeded for invalid user admin from 198.51.100.7 port 2224 ssh2 [preauth]',
      ].join('\n'),
    );
    const events = run.events as SshAuthEvent[];
    expect(events.map((e) => [e.ts, e.clientIp, e.clientPort, e.outcome, e.extra?.syslog])).toEqual(
      [
        ['2024-03-05T13:07:09.412Z', '2001:db8::5', 2222, 'accepted', 'rfc5424'],
        ['2024-03-05T13:07:10.000Z', '::ffff:198.51.100.7', 40022, 'failed', 'rfc5424'],
        [null, '203.0.113.2', 1, 'invalid-user', 'rfc5424'],
        ['2024-03-05T13:07:10.000Z', '198.51.100.7', 2223, 'failed', 'iso'],
        ['2024-03-05T13:07:11.250Z', '198.51.100.7', 2224, 'max-attempts', 'iso'],
      ],
    );
    expect(events[0]?.zone).toEqual({ source: 'in-band', offset: '+01:00', name: null });
    expect(events[0]?.extra).toMatchObject({ host: 'bastion', pid: 812, method: 'password' });
    expect(events[1]?.extra).not.toHaveProperty('pid');
    expect(events[3]?.extra?.app).toBe('sshd-session');
    expect(run.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['TIME_UNPARSEABLE', { line: 3 }],
    ]);
  });
});

describe('sshd: messages', () => {
  const at = (msg: string): string => `Mar  5 14:07:09 host sshd[1]: ${msg}`;
  const one = (msg: string) => parse(at(msg), { year: 2024, assumeZone: 'UTC' });

  it('maps each auth message to its outcome', () => {
    const cases: Array<[string, Partial<SshAuthEvent>]> = [
      [
        'Accepted publickey for git from 192.0.2.5 port 50000 ssh2: RSA SHA256:abc',
        { outcome: 'accepted', user: 'git' },
      ],
      ['Failed none for invalid user  from 192.0.2.5 port 50001 ssh2', { outcome: 'failed' }],
      ['Invalid user admin from 192.0.2.5 port 50002', { outcome: 'invalid-user', user: 'admin' }],
      [
        'User root from 192.0.2.5 not allowed because not listed in AllowUsers',
        { outcome: 'not-allowed', user: 'root' },
      ],
      [
        'Connection closed by invalid user ubnt 192.0.2.5 port 50003 [preauth]',
        { outcome: 'closed', user: 'ubnt' },
      ],
      [
        'Disconnected from authenticating user root 192.0.2.5 port 50004 [preauth]',
        { outcome: 'disconnected' },
      ],
      [
        'Failed password for user from from 192.0.2.5 port 50005 ssh2',
        { outcome: 'failed', user: 'user from' },
      ],
    ];
    for (const [msg, expected] of cases) {
      const run = one(msg);
      expect(run.events, msg).toHaveLength(1);
      expect(run.events[0], msg).toMatchObject({ ...expected, clientIp: '192.0.2.5' });
    }
    expect((one(cases[1]?.[0] ?? '').events[0] as SshAuthEvent).user).toBeUndefined();
    expect(one(cases[3]?.[0] ?? '').events[0]?.extra?.reason).toBe('not listed in AllowUsers');
  });

  it('skips non-auth sshd lines and other daemons with one summary', () => {
    const run = parse(
      [
        at('Connection from 192.0.2.5 port 50000 on 192.0.2.1 port 22 rdomain ""'),
        at('Received disconnect from 192.0.2.5 port 50000:11: disconnected by user'),
        at('pam_unix(sshd:session): session closed for user git'),
        'Mar  5 14:07:10 host sudo:   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls',
        'not syslog at all',
      ].join('\n'),
      { year: 2024 },
    );
    expect(run.events).toEqual([]);
    expect(run.warnings.map((w) => w.code)).toEqual(['SSHD_LINES_SKIPPED']);
    expect(run.warnings[0]?.message).toMatch(/^2 lines not from sshd and 3 sshd lines/);
  });

  it('warns about malformed auth messages with their line numbers', () => {
    const run = parse(
      [
        at('Accepted password for bob from 192.0.2.5 port 99999 ssh2'),
        at('Failed password for bob from not-an-ip port 22 ssh2'),
        at('Accepted password for bob from 192.0.2.5'),
        'Mar 99 14:07:09 host sshd[1]: Accepted password for bob from 192.0.2.5 port 1 ssh2',
        at('Accepted password for bob from 192.0.2.5 port 22 ssh2'),
      ].join('\n'),
      { year: 2024, assumeZone: 'UTC' },
    );
    expect(run.events.map(lineOf)).toEqual([5]);
    expect(run.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['SSHD_MALFORMED', { line: 1 }],
      ['SSHD_MALFORMED', { line: 2 }],
      ['SSHD_MALFORMED', { line: 3 }],
      ['SSHD_MALFORMED', { line: 4 }],
    ]);
  });

  it('detect(): sshd extracts high, mixed auth.log lower, other text zero', () => {
    expect(sshdParser.detect({ head: fixture('auth-rollover.log') })).toBe(0.9);
    const mixed = [
      'Mar  5 14:07:09 host CRON[2]: x',
      'Mar  5 14:07:09 host sudo: y',
      'Mar  5 14:07:09 host systemd[1]: z',
      at('Accepted password for bob from 192.0.2.5 port 22 ssh2'),
      '',
    ].join('\n');
    expect(sshdParser.detect({ head: mixed })).toBe(0.7);
    expect(
      sshdParser.detect({
        head: '192.0.2.1 - - [05/Mar/2024:14:07:09 +0100] "GET / HTTP/1.1" 200 1\n',
      }),
    ).toBe(0);
  });
});

describe('sshd: robustness (fast-check)', () => {
  const sample = fixture('auth-rollover.log');
  const sampleLines = sample.split('\n').filter((l) => l !== '');

  it('never throws and emits only valid events on arbitrary and mutated lines', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc
        .tuple(fc.constantFrom(...sampleLines), fc.nat(200), fc.string({ maxLength: 6 }))
        .map(([l, at, s]) => l.slice(0, at % (l.length + 1)) + s + l.slice(at % (l.length + 1))),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 8 }),
        fc.option(fc.integer({ min: 1, max: 9998 }), { nil: undefined }),
        (lines, year) => {
          const run = parseText(sshdParser, lines.join('\n'), {
            options: year === undefined ? {} : { year, assumeZone: 'UTC' },
            validateEvents: true,
          });
          expect(run.warnings.filter((w) => w.code.startsWith('PARSER_'))).toEqual([]);
          for (const e of run.events) expect(SealcaseEvent.safeParse(e).success).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same output whatever the chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(sample.length), { maxLength: 8 }), (cuts) => {
        const pieces = chunked(sample, cuts);
        const options = { year: 2023, assumeZone: 'Europe/Tallinn' };
        expect(parseText(sshdParser, pieces, { options })).toEqual(
          parseText(sshdParser, sample, { options }),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('handles a 1 MiB line in linear time', () => {
    const time = (n: number): number => {
      const user = 'a from '.repeat(Math.ceil(n / 7)).slice(0, n);
      const line = `Mar  5 14:07:09 host sshd[1]: Failed password for invalid user ${user} from 192.0.2.5 port 22 ssh2`;
      const t0 = performance.now();
      const run = parseText(sshdParser, line, {
        options: { year: 2024, assumeZone: 'UTC' },
        maxLineLength: 4 * 1024 * 1024,
      });
      expect(run.events).toHaveLength(1);
      return performance.now() - t0;
    };
    const small = time(512 * 1024);
    const big = time(1024 * 1024);
    expect(big).toBeLessThan(2000);
    expect(big).toBeLessThan(small * 6 + 50);
  });
});
